import CommonMark
import Dispatch
import Synchronization

/// Writes a Markdown document as Textile that a RedCloth-compatible renderer turns into the
/// same HTML cmark makes of the Markdown.
///
/// The writer prefers native Textile (`h2.`, `*` and `#` lists, `bq.`, `bc.`, `*strong*`,
/// `"text":url` …) and escapes, with the lightest form the renderer honours, every character
/// that would otherwise start Textile markup. Only structures Textile cannot express (list items
/// holding several blocks, nested block quotes, raw HTML blocks, code blocks with blank lines)
/// fall back to raw HTML, and then only the enclosing tags: their content stays Textile.
///
/// ```swift
/// let textile = TextileWriter.textile(for: MarkdownDocument("# Fixed\n\n* **Crash** on launch"))
/// // "h1. Fixed\n\n* *Crash* on launch\n"
/// ```
public struct TextileWriter: Sendable {
    /// The Textile written so far, as UTF-8.
    public private(set) var result: [UInt8] = []

    private var inline = InlineTextileWriter()
    var resolved: [UInt8] = []
    /// Set after an extended block (`bq..`): the next block must open with its signature.
    private var nextBlockNeedsSignature = false
    /// Whether the block being written is the document's last top-level block.
    private var isLastBlockOfDocument = false
    /// How many block quotes, lists and items enclose the block being written.
    private var containerDepth = 0

    /// Containers nested deeper than this are written as cmark's HTML: Textile has no sensible
    /// form for them, and the writer's recursion must stay far from the end of the stack.
    static let maximumNesting = 48

    /// Creates a writer with empty output.
    public init() {}

    /// Writes `document` as Textile.
    ///
    /// - Parameter document: a parsed Markdown document.
    /// - Returns: the Textile text, ending in a newline unless it is empty.
    public static func textile(for document: MarkdownDocument) -> String {
        textile(for: document.root)
    }

    /// Writes the block `node` (usually a document node) as Textile.
    ///
    /// - Parameter node: a document or block node, for example one built by hand.
    /// - Returns: the Textile text, ending in a newline unless it is empty.
    public static func textile(for node: MarkdownNode) -> String {
        String(decoding: textileBytes(for: node), as: UTF8.self)
    }

    /// Writes `document` as Textile in UTF-8: the bytes `textile(for:)` returns,
    /// without building a `String`, for callers that write them straight out.
    ///
    /// - Parameters:
    ///   - document: a parsed Markdown document.
    ///   - capacity: how many bytes to reserve for the output up front. Textile comes out about
    ///     as long as the Markdown, so the source's length saves the output's regrowth.
    /// - Returns: the Textile text, ending in a newline unless it is empty.
    public static func textileBytes(for document: MarkdownDocument, reservingCapacity capacity: Int = 0) -> [UInt8] {
        textileBytes(for: document.root, reservingCapacity: capacity)
    }

    /// Writes the block `node` (usually a document node) as Textile in UTF-8.
    ///
    /// - Parameters:
    ///   - node: a document or block node, for example one built by hand.
    ///   - capacity: how many bytes to reserve for the output up front.
    /// - Returns: the Textile text, ending in a newline unless it is empty.
    public static func textileBytes(for node: MarkdownNode, reservingCapacity capacity: Int = 0) -> [UInt8] {
        var writer = TextileWriter()
        writer.result.reserveCapacity(capacity)
        writer.visit(node)
        if !writer.result.isEmpty { writer.result.append(UInt8(ascii: "\n")) }
        return writer.result
    }

    /// Parses Markdown and writes it as Textile in UTF-8, one top-level block at a time: the same
    /// bytes as `textileBytes(for: MarkdownDocument(bytes:options:))`, without ever holding the
    /// whole document tree (see `MarkdownDocument.forEachBlock`). The path for large inputs.
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 Markdown; invalid sequences become U+FFFD.
    ///   - options: `.smart` is the only option that changes what is written.
    ///   - inputIsValidUTF8: true when the caller has already checked (or repaired) the bytes.
    ///   - capacity: how many bytes to reserve for the output up front.
    /// - Returns: the Textile text, ending in a newline unless it is empty.
    public static func textileBytes(
        fromMarkdown bytes: [UInt8], options: MarkdownOptions = [], inputIsValidUTF8: Bool = false,
        reservingCapacity capacity: Int = 0
    ) -> [UInt8] {
        textileBytes(
            fromMarkdown: bytes, options: options, inputIsValidUTF8: inputIsValidUTF8, reservingCapacity: capacity,
            pipelined: bytes.count >= pipelineThreshold)
    }

    /// Inputs from this size up are copied and written on two threads at once.
    static let pipelineThreshold = 256 << 10

    /// `textileBytes(fromMarkdown:…)`, choosing whether a second thread writes the blocks while this
    /// one copies them out of cmark's tree (the output is the same either way).
    static func textileBytes(
        fromMarkdown bytes: [UInt8], options: MarkdownOptions, inputIsValidUTF8: Bool, reservingCapacity capacity: Int,
        pipelined: Bool
    ) -> [UInt8] {
        guard pipelined else {
            var writer = TextileWriter()
            writer.result.reserveCapacity(capacity)
            var blocks = BlockStream()
            MarkdownDocument.forEachBlock(fromMarkdown: bytes, options: options, inputIsValidUTF8: inputIsValidUTF8) {
                blocks.add($0, to: &writer)
            }
            return blocks.finish(&writer)
        }
        let pipeline = BlockPipeline()
        let written = Mutex<[UInt8]>([])
        let done = DispatchSemaphore(value: 0)
        // A queue of its own is overcommitting: it gets a thread even when every worker of the
        // global pool is busy (or waiting, as this caller is about to), so it cannot deadlock.
        DispatchQueue(label: "TextileWriter.pipeline").async {
            // The output buffer is reserved here, by the thread that fills it.
            var writer = TextileWriter()
            writer.result.reserveCapacity(capacity)
            var blocks = BlockStream()
            while let received = pipeline.receive() {
                received.withUnsafeBufferPointer { received in
                    for block in received { blocks.add(block, to: &writer) }
                }
                pipeline.giveBack(received)
            }
            let result = blocks.finish(&writer)
            written.withLock { $0 = result }
            done.signal()
        }
        MarkdownDocument.forEachBlock(fromMarkdown: bytes, options: options, inputIsValidUTF8: inputIsValidUTF8) {
            pipeline.send($0)
        }
        pipeline.finish()
        done.wait()
        _ = pipeline.takeWritten()  // Freed here, where they were allocated.
        return written.withLock { result in
            var taken: [UInt8] = []
            swap(&taken, &result)
            return taken
        }
    }

    /// Feeds a document's top-level blocks to a writer as they arrive. A block's form depends on
    /// the block after it, so each block waits for its successor.
    private struct BlockStream {
        private var waiting: MarkdownNode?
        private var index = 0

        mutating func add(_ block: MarkdownNode, to writer: inout TextileWriter) {
            if let previous = waiting {
                writer.writeTopLevelBlock(previous, index: index, followedBy: block)
                index += 1
            }
            waiting = block
        }

        /// Writes the last block and returns the whole Textile, ending in a newline unless it is empty.
        mutating func finish(_ writer: inout TextileWriter) -> [UInt8] {
            if let last = waiting { writer.writeTopLevelBlock(last, index: index, followedBy: nil) }
            waiting = nil
            if !writer.result.isEmpty { writer.result.append(UInt8(ascii: "\n")) }
            return writer.result
        }
    }

    /// Appends the Textile for `node`, a block or a whole document.
    public mutating func visit(_ node: MarkdownNode) {
        visit(node, next: .none, allowsExtendedBlocks: true)
    }

    /// What follows a block in its container, as far as the block's form depends on it.
    enum NextBlock {
        /// The block is the container's last.
        case none
        /// A block that opens with a signature, so it can end an extended block (`bq..`).
        case endsExtendedBlock
        case other
    }

    private mutating func visit(_ node: MarkdownNode, next: NextBlock, allowsExtendedBlocks: Bool) {
        switch node.kind {
        case .document:
            node.withChildren { blocks in
                for index in blocks.indices {
                    writeTopLevelBlock(
                        blocks[index], index: index, followedBy: index + 1 < blocks.count ? blocks[index + 1] : nil,
                        allowsExtendedBlocks: allowsExtendedBlocks)
                }
            }
        case .customBlock:
            visitBlocks(node.children, allowsExtendedBlocks: allowsExtendedBlocks)
        case .paragraph:
            visitParagraph(node)
        case .heading(let level):
            visitHeading(node, level: level)
        case .blockQuote, .list, .item:
            guard containerDepth < Self.maximumNesting else {
                visitTooDeeplyNested(node)
                return
            }
            containerDepth += 1
            defer { containerDepth -= 1 }
            if case .blockQuote = node.kind {
                visitBlockQuote(node, next: next, allowsExtendedBlocks: allowsExtendedBlocks)
            } else if case .list = node.kind {
                visitList(node)
            } else {
                visitBlocks(node.children, allowsExtendedBlocks: false)
            }
        case .codeBlock(_, let literal):
            visitCodeBlock(literal)
        case .htmlBlock(let literal):
            visitHTMLBlock(literal)
        case .thematicBreak:
            // Not `---`: RedCloth reads the dash run as a middle-alignment attribute for the next
            // block. And `***` as the document's last line after a list leaves a stray `<li>`.
            result.append(contentsOf: (isLastBlockOfDocument ? "<hr />" : "***").utf8)
        default:
            // An inline node on its own: write it as a paragraph.
            visitParagraph(MarkdownNode(kind: .paragraph, children: [node]))
        }
    }

    /// Appends `blocks` separated by blank lines.
    mutating func visitBlocks(_ blocks: [MarkdownNode], allowsExtendedBlocks: Bool) {
        let isLast = isLastBlockOfDocument
        isLastBlockOfDocument = false
        blocks.withUnsafeBufferPointer { blocks in
            for index in blocks.indices {
                if index > 0 { result.append(contentsOf: "\n\n".utf8) }
                visitBlock(at: index, of: blocks, allowsExtendedBlocks: allowsExtendedBlocks)
            }
        }
        isLastBlockOfDocument = isLast
    }

    /// Appends the document's top-level block number `index`, given the block that follows it.
    private mutating func writeTopLevelBlock(
        _ block: MarkdownNode, index: Int, followedBy next: MarkdownNode?, allowsExtendedBlocks: Bool = true
    ) {
        if index > 0 { result.append(contentsOf: "\n\n".utf8) }
        isLastBlockOfDocument = next == nil
        writeBlock(block, followedBy: next, allowsExtendedBlocks: allowsExtendedBlocks)
        isLastBlockOfDocument = false
    }

    private mutating func visitBlock(at index: Int, of blocks: UnsafeBufferPointer<MarkdownNode>, allowsExtendedBlocks: Bool) {
        writeBlock(blocks[index], followedBy: index + 1 < blocks.count ? blocks[index + 1] : nil, allowsExtendedBlocks: allowsExtendedBlocks)
    }

    /// Appends `block`, whose form may depend on the block after it in its container.
    private mutating func writeBlock(_ block: MarkdownNode, followedBy following: MarkdownNode?, allowsExtendedBlocks: Bool) {
        let next: NextBlock
        if let following {
            next = Self.canEndExtendedBlock(following) ? .endsExtendedBlock : .other
        } else {
            next = .none
        }
        let needsSignature = nextBlockNeedsSignature
        nextBlockNeedsSignature = false
        if needsSignature, case .paragraph = block.kind {
            writeParagraph(block, forceSignature: true)
        } else {
            visit(block, next: next, allowsExtendedBlocks: allowsExtendedBlocks)
        }
    }

    /// Appends a paragraph: its inline Textile, behind `p. ` when it would otherwise read as block syntax.
    mutating func visitParagraph(_ node: MarkdownNode) {
        writeParagraph(node, forceSignature: false)
    }

    private mutating func writeParagraph(_ node: MarkdownNode, forceSignature: Bool) {
        resolveInline(node)
        if forceSignature || BlockStartTrigger.needsParagraphSignature(resolved[...]) {
            result.append(contentsOf: "p. ".utf8)
        }
        result.append(contentsOf: resolved)
    }

    /// Appends `hN. ` and the heading's inline Textile.
    mutating func visitHeading(_ node: MarkdownNode, level: Int) {
        resolveInline(node)
        result.append(contentsOf: "h\(min(max(level, 1), 6)). ".utf8)
        result.append(contentsOf: resolved)
    }

    /// Appends a code block: `bc. ` for code without blank lines, else a raw `<pre><code>` element
    /// (whose content RedCloth escapes itself and does not read as Textile).
    ///
    /// - Parameter allowsSignature: false where `bc.` would render wrongly (after a line RedCloth
    ///   wraps in no `<p>`, it starts the code with a newline): then the raw element is written.
    mutating func visitCodeBlock(_ literal: String, allowsSignature: Bool = true) {
        var code = Array(literal.utf8)
        if code.last == UInt8(ascii: "\n") { code.removeLast() }
        if allowsSignature && !code.isEmpty && !Self.containsBlankLine(code) {
            result.append(contentsOf: "bc. ".utf8)
            result.append(contentsOf: code)
            return
        }
        if !Self.containsClosingTag(code) {
            result.append(contentsOf: "<pre><code>".utf8)
            result.append(contentsOf: literal.utf8)
            result.append(contentsOf: "</code></pre>".utf8)
            return
        }
        // The code would close the element early: escape it ourselves and keep RedCloth out.
        result.append(contentsOf: "<notextile><pre><code>".utf8)
        LinkDestination.appendHTMLEscaped(literal, to: &result)
        result.append(contentsOf: "</code></pre></notextile>".utf8)
    }

    /// Whether `code` holds `</` followed by a letter: a closing tag would end a raw `<pre>` early.
    private static func containsClosingTag(_ code: [UInt8]) -> Bool {
        var index = code.startIndex
        while let open = code[index...].firstIndex(of: UInt8(ascii: "<")) {
            if open + 2 < code.count, code[open + 1] == UInt8(ascii: "/"), TextileBytes.isLetter(code[open + 2]) {
                return true
            }
            index = open + 1
        }
        return false
    }

    /// Appends a raw HTML block inside `<notextile>` tags, which RedCloth passes through untouched.
    mutating func visitHTMLBlock(_ literal: String) {
        var html = Array(literal.utf8)
        while html.last == UInt8(ascii: "\n") { html.removeLast() }
        result.append(contentsOf: "<notextile>\n".utf8)
        result.append(contentsOf: html)
        result.append(contentsOf: "\n</notextile>".utf8)
    }

    /// Appends a block nested too deeply for Textile as cmark's own HTML inside `<notextile>`.
    private mutating func visitTooDeeplyNested(_ node: MarkdownNode) {
        let html = MarkdownDocument(root: MarkdownNode(kind: .document, children: [node])).html(options: .unsafe)
        var bytes = Array(html.utf8)
        while bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        result.append(contentsOf: "<notextile>\n".utf8)
        result.append(contentsOf: bytes)
        result.append(contentsOf: "\n</notextile>".utf8)
    }

    /// Writes the inline children of `block` through the inline writer and the phrase escaper into `resolved`.
    mutating func resolveInline(_ block: MarkdownNode) {
        inline.reset()
        inline.writeChildren(of: block, following: nil)
        if inline.bracketedEmphasisMayPairElsewhere {
            inline.reset()
            inline.avoidsBracketedEmphasis = true
            inline.writeChildren(of: block, following: nil)
        }
        resolved.removeAll(keepingCapacity: true)
        PhraseEscaper.resolve(&inline, into: &resolved)
    }

    mutating func append(_ text: String) {
        result.append(contentsOf: text.utf8)
    }

    mutating func appendResolved() {
        result.append(contentsOf: resolved)
    }

    mutating func appendBytes(_ bytes: [UInt8]) {
        result.append(contentsOf: bytes)
    }

    mutating func appendByte(_ byte: UInt8) {
        result.append(byte)
    }

    mutating func truncateResult(to count: Int) {
        result.removeSubrange(count...)
    }

    /// Marks that the block written next must open with its signature.
    mutating func requireSignatureForNextBlock() {
        nextBlockNeedsSignature = true
    }

    /// Whether `code` holds an empty or blank line, which would end a `bc.` block.
    private static func containsBlankLine(_ code: [UInt8]) -> Bool {
        var lineIsBlank = true
        for byte in code {
            if byte == UInt8(ascii: "\n") {
                if lineIsBlank { return true }
                lineIsBlank = true
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
                lineIsBlank = false
            }
        }
        return lineIsBlank
    }
}
