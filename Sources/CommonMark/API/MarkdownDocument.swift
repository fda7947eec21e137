import CCmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Markdown document parsed by cmark and copied into Swift values.
///
/// The C tree cmark builds is freed before the initialiser returns; the document keeps only Swift
/// values (and the source bytes it was parsed from, so rendering can hand cmark the original text).
public struct MarkdownDocument: Hashable, Sendable {
    /// The document node; its children are the top-level blocks.
    public let root: MarkdownNode

    /// The bytes the document was parsed from, and the options used; nil for a built tree.
    private let source: (bytes: [UInt8], options: MarkdownOptions)?

    /// Parses `text` with cmark.
    ///
    /// - Parameters:
    ///   - text: CommonMark source.
    ///   - options: `.smart` is the only option that changes the tree; the rest apply to rendering.
    public init(_ text: String, options: MarkdownOptions = []) {
        // A Swift string is valid UTF-8 by construction.
        self.init(bytes: Array(text.utf8), options: options, inputIsValidUTF8: true)
    }

    /// Parses UTF-8 bytes with cmark; invalid sequences become U+FFFD.
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 Markdown.
    ///   - options: `.smart` is the only option that changes the tree.
    ///   - inputIsValidUTF8: true when the caller has already checked (or repaired) the bytes, so
    ///     cmark can skip its own check; a wrong `true` gives invalid UTF-8 in the tree's strings.
    public init(bytes: [UInt8], options: MarkdownOptions = [], inputIsValidUTF8: Bool = false) {
        root = CmarkTree.parse(bytes, options: options, inputIsValidUTF8: inputIsValidUTF8)
        source = (bytes, options.intersection(.smart))
    }

    /// Wraps a tree built in Swift (for example by a transformation of a parsed document).
    ///
    /// - Parameter root: a node of kind `.document`; any other node is wrapped in one.
    public init(root: MarkdownNode) {
        if case .document = root.kind {
            self.root = root
        } else {
            self.root = MarkdownNode(kind: .document, children: [root])
        }
        source = nil
    }

    /// Renders the document to HTML through `cmark_render_html`.
    ///
    /// A parsed document is rendered from its source, so `.sourcePositions` works; a built tree is
    /// first turned back into a cmark tree (cmark cannot set positions on nodes it did not parse).
    public func html(options: MarkdownOptions = []) -> String {
        if let source {
            return Self.html(fromMarkdown: source.bytes, options: options.union(source.options))
        }
        let tree = CmarkTree.build(root)
        defer { cmark_node_free(tree) }
        return CmarkTree.renderHTML(tree, options: options)
    }

    /// Renders the tree in cmark's XML format: the same bytes as `cmark_render_xml` on the tree
    /// cmark parsed, produced from the Swift copy.
    public func xml(options: MarkdownOptions = []) -> String {
        XMLWriter.render(root, options: options)
    }

    /// Parses and renders in one pass without copying the tree: the fast path for `render`.
    public static func html(fromMarkdown bytes: [UInt8], options: MarkdownOptions = []) -> String {
        withHTML(fromMarkdown: bytes, options: options) { String(decoding: $0, as: UTF8.self) }
    }

    /// The version of the libcmark the tool is linked with, e.g. "0.30.2".
    public static var cmarkVersion: String {
        String(cString: cmark_version_string())
    }

    public static func == (lhs: MarkdownDocument, rhs: MarkdownDocument) -> Bool {
        lhs.root == rhs.root
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(root)
    }
}

extension MarkdownDocument {
    /// Parses and renders in one pass and hands cmark's output buffer to `body` without copying it
    /// into a `String`: the path `shipnotes render` takes for large inputs.
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 Markdown; invalid sequences become U+FFFD.
    ///   - options: rendering options.
    ///   - inputIsValidUTF8: true when the caller has already checked (or repaired) the bytes, so
    ///     cmark can skip its own check; a wrong `true` gives invalid UTF-8 in the output.
    ///   - body: receives the HTML bytes, valid only during the call.
    public static func withHTML<Result>(
        fromMarkdown bytes: [UInt8], options: MarkdownOptions = [], inputIsValidUTF8: Bool = false,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        let cOptions = inputIsValidUTF8 ? options.rawValue : options.rawValue | CMARK_OPT_VALIDATE_UTF8
        let document = CmarkTree.parseDocument(bytes, options: cOptions)
        defer { cmark_node_free(document) }
        let html = cmark_render_html(document, cOptions)!
        defer { cmark_get_default_mem_allocator().pointee.free(html) }
        return try html.withMemoryRebound(to: UInt8.self, capacity: 1) { start in
            try body(UnsafeBufferPointer(start: start, count: strlen(html)))
        }
    }

    /// Parses `bytes` with cmark and hands the document's top-level blocks to `body` one at a time,
    /// in order, without ever holding the whole Swift tree: each block is copied into Swift values
    /// just before its call and its C nodes are freed right after the copy.
    ///
    /// A writer that goes through a large document block by block (see `TextileWriter`) works on
    /// memory that is still in cache and reuses it for the next block, where building the whole
    /// ``MarkdownDocument`` first would touch every node twice, far apart in time.
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 Markdown; invalid sequences become U+FFFD.
    ///   - options: `.smart` is the only option that changes the tree.
    ///   - inputIsValidUTF8: true when the caller has already checked (or repaired) the bytes, so
    ///     cmark can skip its own check.
    ///   - body: receives each top-level block; the blocks are the `root.children` that
    ///     `MarkdownDocument(bytes:options:)` would hold.
    public static func forEachBlock(
        fromMarkdown bytes: [UInt8], options: MarkdownOptions = [], inputIsValidUTF8: Bool = false,
        _ body: (MarkdownNode) throws -> Void
    ) rethrows {
        let document = CmarkTree.parseDocument(bytes, options: CmarkTree.treeOptions(options, inputIsValidUTF8: inputIsValidUTF8))
        defer { cmark_node_free(document) }
        while let block = cmark_node_first_child(document) {
            let node = CmarkTree.copy(block, freeingCopiedBlocks: true)
            cmark_node_free(block)  // Unlinks it from the document first.
            try body(node)
        }
    }
}
