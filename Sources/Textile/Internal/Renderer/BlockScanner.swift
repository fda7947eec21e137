/// The block pass: splits a Textile document into blocks and renders each, as RedCloth's scanner does.
///
/// The scanner is a set of states (`main` between blocks, then one state per kind of block) walking
/// the UTF-8 bytes once with an index. Block text is collected raw and handed to the inline pass
/// when the block ends.
struct BlockScanner {
    enum State {
        case main, paragraph, blockquote, blockCode, preformatted, notextile, footnote, htmlBlock
        case listContent, definitionList, preTag, scriptTag, ignoredLine
    }

    let text: [UInt8]
    var position = 0
    var state = State.main
    var html: [UInt8] = []
    var block: [UInt8] = []
    var registers = BlockRegisters()
    /// The type of the extended (`p..`, `bq..`, `bc..`) block in progress.
    var extended: String?
    var formatter: BlockFormatter
    /// `[name]url` lines found during this pass.
    var linkAliasesFound: [String: String] = [:]
    var list = ListLayout()
    /// RedCloth reads a `---` rule also as the start of a table row whose `-` means "vertical-align:
    /// middle", and that attribute stays pending until the next block start clears or takes it.
    var pendingVerticalAlign: String?
    /// Set when scanning ended early, as RedCloth's does inside an unterminated long definition.
    var isStopped = false
    /// Set for a part rendered on its own (a long definition), which RedCloth scans without its
    /// end-of-input mark.
    var endsWithoutMark = false
    /// Remembered forward searches: the start of the last search per needle and what it found
    /// (`text.count` when nothing).
    var searchCache: [[UInt8]: (from: Int, found: Int)] = [:]

    init(text: [UInt8], context: InlineContext) {
        self.text = text
        self.formatter = BlockFormatter(context: context)
    }

    var options: TextileOptions { formatter.context.options }

    /// Scans the whole document and returns the HTML, without RedCloth's final newline.
    /// - Parameter isWholeInput: false for a part rendered on its own (a long definition): RedCloth
    ///   sees no end-of-input marker there, so open blocks are flushed but lists stay unclosed, and a
    ///   token still open at the end is lost (`BlockScanner+PendingEnd.swift`).
    mutating func run(isWholeInput: Bool = true) -> [UInt8] {
        endsWithoutMark = !isWholeInput
        while position < text.count {
            if text[position] == 0 {
                // RedCloth's scanner reads NUL as its end-of-input mark: blocks end there, and in
                // the states without an end-of-input rule scanning stops altogether.
                if state == .htmlBlock || state == .preTag || state == .ignoredLine {
                    if !block.isEmpty { addBlock() }
                    isStopped = true
                    break
                }
                finishAtEnd()
                position += 1
                continue
            }
            if !isWholeInput, pendingTokenRunsToEnd() {
                // RedCloth's scanner runs out of text inside a token whose action never runs; only
                // a signature's type, stored once its name has ended, stays for the open block.
                if state == .main, !block.isEmpty, let stored = signatureTypeStored(from: position) {
                    registers.type = stored.type
                    registers.attributes.id = stored.footnote
                }
                position = text.count
                break
            }
            switch state {
            case .main: scanMain()
            case .paragraph, .blockquote, .notextile: scanTextBlock()
            case .blockCode, .preformatted: scanCodeBlock()
            case .footnote: scanFootnote()
            case .htmlBlock: scanHTMLBlock()
            case .listContent: scanListContent()
            case .definitionList: scanDefinitionList()
            case .preTag: scanPreTag()
            case .scriptTag: scanScriptTag()
            case .ignoredLine: scanIgnoredLine()
            }
        }
        if isStopped {
            // Nothing more: RedCloth's scanner ended inside an unterminated construct.
        } else if isWholeInput {
            finishAtEnd()
        } else if !block.isEmpty {
            addBlock()
        }
        if html.last == UInt8(ascii: "\n") { html.removeLast() }
        return html
    }

    // MARK: Emitting blocks

    mutating func addBlock() {
        formatter.render(block, registers: &registers, into: &html)
        extended = nil
        block.removeAll(keepingCapacity: true)
        registers = BlockRegisters()
    }

    mutating func addExtendedBlock() {
        formatter.render(block, registers: &registers, into: &html)
        block.removeAll(keepingCapacity: true)
    }

    mutating func endExtended() {
        extended = nil
        registers = BlockRegisters()
    }

    /// Code blocks are rendered unstripped and only when they hold something.
    mutating func addBlockCode(keepRegisters: Bool = false) {
        if !block.isEmpty, let type = registers.type {
            formatter.render(type: type, text: block, registers: &registers, into: &html)
        }
        block.removeAll(keepingCapacity: true)
        if !keepRegisters { registers = BlockRegisters() }
    }

    /// Writes an element opening such as `<blockquote>` with the current registers.
    mutating func appendOpening(_ name: String) {
        html.append(UInt8(ascii: "<"))
        html.append(contentsOf: name.utf8)
        if name == "blockquote", let cite = registers.cite {
            html.append(contentsOf: " cite=\"".utf8)
            TextileAttributes.appendEscapedAttributeValue(cite, to: &html)
            html.append(UInt8(ascii: "\""))
        }
        registers.attributes.appendFoldingStyle(to: &html, options: options)
        html.append(UInt8(ascii: ">"))
        if name == "blockquote" { html.append(UInt8(ascii: "\n")) }
    }

    mutating func finishAtEnd() {
        switch state {
        case .blockCode:
            addBlockCode()
            html.append(contentsOf: "</pre>\n".utf8)
        case .preformatted:
            addBlockCode()
        case .blockquote:
            addBlock()
            html.append(contentsOf: "</blockquote>\n".utf8)
        case .listContent:
            addBlock()
            closeLists()
            registers.type = "li_open"
        case .definitionList:
            addBlock()
            html.append(contentsOf: "</dl>\n".utf8)
        case .scriptTag:
            registers.type = "ignore"
            addBlock()
        case .paragraph, .notextile, .footnote:
            addBlock()
        default:
            if !block.isEmpty { addBlock() }
        }
        state = .main
    }

    // MARK: main

    /// Between blocks: decides what the next block is from its first bytes.
    mutating func scanMain() {
        let start = position
        let byte = text[start]
        if byte == UInt8(ascii: "\n") {
            block.append(byte)
            position += 1
            return
        }
        // A byte that could open a table row (or a `<notextile>`/`<script>` tag) clears what is
        // pending, as RedCloth clears its registers on entering those, before a block's own
        // attributes are read.
        var leakedVerticalAlign = pendingVerticalAlign
        if "<>=()-^~{[|".utf8.contains(byte) {
            leakedVerticalAlign = nil
            registers = BlockRegisters()
        }
        pendingVerticalAlign = nil
        if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "<") {
            if scanIndentedOrHTMLStart() { return }
        }
        if byte == UInt8(ascii: "<") {
            if scanNotextileTag() || scanPreTagStart() || scanScriptTagStart() { return }
        }
        if byte == UInt8(ascii: "R"), let versionEnd = matchVersionLine(at: start) {
            html.append(contentsOf: "<p>".utf8)
            html.append(contentsOf: text[start..<versionEnd.prefixEnd])
            html.append(contentsOf: "4.3.2</p>\n".utf8)
            position = versionEnd.end
            return
        }
        if var signature = matchSignature(at: start) {
            if signature.attributes.verticalAlign == nil { signature.attributes.verticalAlign = leakedVerticalAlign }
            startSignedBlock(signature)
            return
        }
        if let table = matchTable(at: start) {
            emitTable(table)
            return
        }
        if var listStart = matchListStart(at: start) {
            if listStart.listAttributes.verticalAlign == nil { listStart.listAttributes.verticalAlign = leakedVerticalAlign }
            openListItem(listStart, startsList: true, fromMain: true)
            return
        }
        if let ruleEnd = matchHorizontalRule(at: start) {
            html.append(contentsOf: "<hr />\n".utf8)
            pendingVerticalAlign = byte == UInt8(ascii: "-") ? "middle" : leakedVerticalAlign
            position = ruleEnd
            return
        }
        if matchDefinitionListStart(at: start) {
            position = start + 1
            html.append(contentsOf: "<dl>\n".utf8)
            registers.type = "dt"
            state = .definitionList
            return
        }
        if byte == UInt8(ascii: "["), let alias = matchLinkAlias(at: start) {
            linkAliasesFound[alias.name] = alias.url
            html.append(contentsOf: block)
            block.removeAll(keepingCapacity: true)
            registers = BlockRegisters()
            position = alias.end
            pendingVerticalAlign = leakedVerticalAlign
            return
        }
        // Anything else starts a paragraph; one opening with a floated image floats too.
        registers = BlockRegisters()
        registers.type = "p"
        if let float = imageFloat(at: start) {
            registers.attributes.float = float
            // After `[`, RedCloth's lookahead resumes past `[!<` and the paragraph loses those bytes.
            if text[start] == UInt8(ascii: "[") { position = start + 3 }
            state = .paragraph
            return
        }
        block.append(byte)
        position += 1
        state = .paragraph
    }

    /// `!<` or `!>` (optionally after `[`): an image floated left or right.
    func imageFloat(at start: Int) -> String? {
        var cursor = start
        if byte(at: cursor) == UInt8(ascii: "[") { cursor += 1 }
        guard byte(at: cursor) == UInt8(ascii: "!") else { return nil }
        switch byte(at: cursor + 1) {
        case UInt8(ascii: "<"): return "left"
        case UInt8(ascii: ">"): return "right"
        default: return nil
        }
    }

    mutating func startSignedBlock(_ signature: BlockSignature) {
        registers.type = signature.type
        registers.attributes = signature.attributes
        extended = signature.isExtended ? signature.type : nil
        position = signature.end
        switch signature.type {
        case "bc":
            appendOpening("pre")
            registers.type = "code"
            state = .blockCode
        case "pre":
            state = .preformatted
        case "bq":
            registers.cite = signature.cite
            appendOpening("blockquote")
            registers.type = "p"
            state = .blockquote
        case "notextile":
            state = .notextile
        case "fn" where signature.footnoteNumber != nil:
            state = .footnote
        default:
            registers.fallback = Array(text[signature.start..<signature.end])
            state = .paragraph
        }
    }
}
