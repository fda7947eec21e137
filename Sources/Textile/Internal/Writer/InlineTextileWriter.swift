import CommonMark

/// Writes the inline content of one block as Textile.
///
/// Characters whose meaning depends on the whole block (phrase modifiers such as `*` or `_` that
/// only matter when a partner exists somewhere on the same block) are written as they are and
/// recorded in ``candidates``; ``PhraseEscaper`` decides on them once the block is complete.
/// Everything that can be decided from nearby bytes (`<`, `&`, `(c)`, `[1]`, `2x3` …) is escaped here.
struct InlineTextileWriter {
    /// The block's Textile so far.
    var output: [UInt8] = []
    /// Positions in ``output`` of text characters that may have to become entities.
    var candidates: [Int] = []
    /// Positions in ``output`` of modifier characters the writer emitted itself: phrase markers
    /// (`*`, `_`, `@`, `!`) and modifiers inside code and raw HTML, which RedCloth also pairs.
    /// A text modifier before one of them may pair with it.
    var markupPositions: [Int] = []
    /// Positions of the opening and of the closing markers of the phrases the writer emitted, in
    /// increasing order. A text modifier between a pair could close the phrase early.
    var phraseOpenings: [Int] = []
    var phraseClosings: [Int] = []
    /// The emitted `*…*` and `_…_` phrases. When something other than a space follows the
    /// closing marker, RedCloth may run the phrase on to a later `_` even inside a word, so the
    /// opening marker then counts as loose.
    var phraseClosingsByOpening: [(opening: Int, closing: Int)] = []
    /// Positions of emitted modifiers that RedCloth may pair with any later closer, even one
    /// inside a word: bracketed openers (`[_em_]`) and modifiers inside code, URLs and raw HTML.
    var looseOpenings: [Int] = []
    /// Scratch storage for ``PhraseEscaper``, kept here so blocks reuse it.
    var escaperScratch = PhraseEscaper.Scratch()
    /// Scratch storage for a link's encoded URL.
    var urlScratch: [UInt8] = []
    /// Whether the block holds a link written as `"text":url`, which makes every text `"` suspect.
    var emitsLinkSyntax = false
    /// Whether the block holds a bracketed form (`[_em_]`, `["text":url]`), which makes text brackets suspect.
    var emitsBrackets = false

    var emphasisDepth = 0
    var strongDepth = 0
    var linkTextDepth = 0
    /// How many phrases and links enclose the node being written.
    var nestingDepth = 0
    /// Where the text of the link being written starts, right after its opening `"`.
    var linkTextStart = -1
    /// Where the content of the phrase or link text being written starts: a `(`, `[` or `{`
    /// there would be read as the phrase's attributes.
    var attributeSlot = -1
    /// How many bracketed emphases (`[_em_]`) the block holds. RedCloth lets their markers pair
    /// with any other `_` in the block, even one inside a URL or another bracketed phrase.
    var bracketedEmphasisCount = 0
    /// Set when the block is written again because a `_` followed a bracketed emphasis: then
    /// intraword emphasis is written with `<em>` tags.
    var avoidsBracketedEmphasis = false

    /// Clears the state for the next block, keeping the buffers' capacity.
    mutating func reset() {
        output.removeAll(keepingCapacity: true)
        candidates.removeAll(keepingCapacity: true)
        markupPositions.removeAll(keepingCapacity: true)
        phraseOpenings.removeAll(keepingCapacity: true)
        phraseClosings.removeAll(keepingCapacity: true)
        looseOpenings.removeAll(keepingCapacity: true)
        phraseClosingsByOpening.removeAll(keepingCapacity: true)
        emitsLinkSyntax = false
        emitsBrackets = false
        emphasisDepth = 0
        strongDepth = 0
        linkTextDepth = 0
        nestingDepth = 0
        linkTextStart = -1
        attributeSlot = -1
        bracketedEmphasisCount = 0
        avoidsBracketedEmphasis = false
    }

    /// Whether the block holds a bracketed emphasis and any other underscore, which RedCloth
    /// could pair with it; the block must then be written with ``avoidsBracketedEmphasis``.
    var bracketedEmphasisMayPairElsewhere: Bool {
        guard bracketedEmphasisCount > 0 else { return false }
        var underscores = 0
        for byte in output where byte == UInt8(ascii: "_") { underscores += 1 }
        return underscores > 2
    }

    /// Writes the children of `node` in order. `following` is the first byte written after them, nil at the end of the block.
    mutating func writeChildren(of node: MarkdownNode, following: UInt8?) {
        node.withChildren { write($0, following: following) }
    }

    private mutating func write(_ nodes: UnsafeBufferPointer<MarkdownNode>, following: UInt8?) {
        for index in nodes.indices {
            // Leaves first: they are most of the nodes and need nothing from their neighbours.
            switch nodes[index].kind {
            case .text(let text):
                writeText(text)
                continue
            case .softBreak:
                output.append(UInt8(ascii: " "))
                continue
            case .lineBreak:
                output.append(UInt8(ascii: "\n"))
                continue
            case .htmlInline(let html):
                writeInlineHTML(html)
                continue
            case .link(let destination, let title):
                // A link needs the two bytes after it: `"a":url).` is fine, `"a":url.b` is not.
                let next = index + 1 < nodes.count ? InlineShape.firstByte(of: nodes[index + 1]) : following
                let afterNext = InlineShape.secondByte(after: index, in: nodes, following: following)
                writeLink(nodes[index], destination: destination, title: title, following: next, afterNext: afterNext)
            default:
                let next = index + 1 < nodes.count ? InlineShape.firstByte(of: nodes[index + 1]) : following
                write(nodes[index], following: next)
            }
        }
    }

    /// Writes one inline node. `following` is the first byte written after it, nil at the end of the block.
    mutating func write(_ node: MarkdownNode, following: UInt8?) {
        let isContainer = node.hasChildren
        if isContainer {
            guard nestingDepth < TextileWriter.maximumNesting else {
                writeTooDeeplyNested(node)
                return
            }
            nestingDepth += 1
        }
        defer { if isContainer { nestingDepth -= 1 } }
        switch node.kind {
        case .text(let text):
            writeText(text)
        case .softBreak:
            output.append(UInt8(ascii: " "))
        case .lineBreak:
            output.append(UInt8(ascii: "\n"))
        case .code(let code):
            writeCode(code, following: following)
        case .htmlInline(let html):
            writeInlineHTML(html)
        case .customInline(let onEnter, let onExit):
            output.append(contentsOf: onEnter.utf8)
            writeChildren(of: node, following: onExit.utf8.first ?? following)
            output.append(contentsOf: onExit.utf8)
        case .emphasis:
            writePhrase(node, marker: UInt8(ascii: "_"), tag: "em", following: following)
        case .strong:
            writePhrase(node, marker: UInt8(ascii: "*"), tag: "strong", following: following)
        case .link(let destination, let title):
            writeLink(node, destination: destination, title: title, following: following, afterNext: UInt8(ascii: "x"))
        case .image(let source, let title):
            writeImage(node, source: source, title: title)
        default:
            // Blocks never appear inside inline content; write their inline children if they do.
            writeChildren(of: node, following: following)
        }
    }

    // MARK: Phrases

    private mutating func writePhrase(_ node: MarkdownNode, marker: UInt8, tag: String, following: UInt8?) {
        let isStrong = marker == UInt8(ascii: "*")
        let nested = isStrong ? strongDepth > 0 : emphasisDepth > 0
        let first = node.withChildren { $0.isEmpty ? nil : InlineShape.firstByte(of: $0[0]) }
        let last = node.withChildren { $0.isEmpty ? nil : InlineShape.lastByte(of: $0[$0.count - 1]) }
        let bracketed = needsBrackets(before: output.last, after: following)
        if isStrong { strongDepth += 1 } else { emphasisDepth += 1 }
        defer { if isStrong { strongDepth -= 1 } else { emphasisDepth -= 1 } }

        // Textile cannot nest a phrase in itself or start one with a space: raw HTML tags can.
        if nested || !node.hasChildren || TextileBytes.isSpaceOrEdge(first) || TextileBytes.isSpaceOrEdge(last)
            || (bracketed && !isStrong && avoidsBracketedEmphasis) {
            output.append(contentsOf: "<\(tag)>".utf8)
            writeChildren(of: node, following: UInt8(ascii: "<"))
            output.append(contentsOf: "</\(tag)>".utf8)
            return
        }
        if bracketed {
            output.append(UInt8(ascii: "["))
            emitsBrackets = true
        }
        let opening = output.count
        recordPhraseMarker(opening: true, bracketed: bracketed)
        output.append(marker)
        attributeSlot = output.count
        writeChildren(of: node, following: marker)
        recordPhraseMarker(opening: false)
        phraseClosingsByOpening.append((opening: opening, closing: output.count))
        output.append(marker)
        if bracketed { output.append(UInt8(ascii: "]")) }
        if bracketed && !isStrong { bracketedEmphasisCount += 1 }
    }

    private mutating func writeCode(_ code: String, following: UInt8?) {
        var code = code
        code.withUTF8 { writeCode($0, following: following) }
    }

    private mutating func writeCode(_ bytes: UnsafeBufferPointer<UInt8>, following: UInt8?) {
        let awkward = bytes.isEmpty || bytes.contains(UInt8(ascii: "@")) || bytes.contains(UInt8(ascii: "]"))
            || bytes.first == UInt8(ascii: " ") || bytes.last == UInt8(ascii: " ")
        if awkward && !Self.contains(bytes, Array("</code".utf8)) {
            // Inside a raw <code> element the renderer escapes the content itself and reads no Textile.
            output.append(contentsOf: "<code>".utf8)
            let start = output.count
            output.append(contentsOf: bytes)
            recordModifiers(from: start)
            output.append(contentsOf: "</code>".utf8)
            return
        }
        if awkward {
            output.append(contentsOf: "<notextile><code>".utf8)
            LinkDestination.appendHTMLEscaped(bytes, to: &output)
            output.append(contentsOf: "</code></notextile>".utf8)
            return
        }
        let bracketed = needsBrackets(before: output.last, after: following)
        if bracketed { output.append(UInt8(ascii: "[")); emitsBrackets = true }
        // RedCloth looks for phrases before code, so modifiers inside `@…@` still pair with text.
        recordPhraseMarker(opening: true, bracketed: bracketed)
        output.append(UInt8(ascii: "@"))
        let start = output.count
        output.append(contentsOf: bytes)
        recordModifiers(from: start)
        recordPhraseMarker(opening: false)
        output.append(UInt8(ascii: "@"))
        if bracketed { output.append(UInt8(ascii: "]")) }
    }

    /// Records the phrase modifiers written from `start` on as loose markup.
    mutating func recordModifiers(from start: Int) {
        for position in start..<output.count where TextileBytes.isModifier(output[position]) {
            markupPositions.append(position)
            looseOpenings.append(position)
        }
    }

    /// Records that the next byte written is the opening or closing marker of an emitted phrase.
    mutating func recordPhraseMarker(opening: Bool, bracketed: Bool = false) {
        markupPositions.append(output.count)
        if opening { phraseOpenings.append(output.count) } else { phraseClosings.append(output.count) }
        if opening && bracketed { looseOpenings.append(output.count) }
    }

    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Whether a phrase between `before` and `after` must be bracketed (`a[_b_]c`): RedCloth
    /// sees no phrase next to a word character or to `"`, `'`, `*`, `+`, `>`, `@`, `_`, `{`, `}`
    /// (found by trying every ASCII punctuation character). The markers of an enclosing phrase
    /// and the quote opening a link's text do not count (`_*both*_`, `"*a*":url`).
    func needsBrackets(before: UInt8?, after: UInt8?) -> Bool {
        let afterLinkQuote = linkTextStart == output.count
        return (!afterLinkQuote && blocksPhrase(before)) || blocksPhrase(after) || !Self.endsPhraseCleanly(after)
    }

    /// Whether `byte` after a phrase's closing marker ends it for good. Before other characters
    /// (`_em_%`, `*st*(`) RedCloth may run the phrase on to a later marker, even one in a URL.
    private static func endsPhraseCleanly(_ byte: UInt8?) -> Bool {
        switch byte {
        case nil, UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "."), UInt8(ascii: ","),
             UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ")"),
             UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// Whether `byte` next to a phrase or link keeps RedCloth from seeing it.
    func blocksPhrase(_ byte: UInt8?) -> Bool {
        switch byte {
        case UInt8(ascii: "*"): return strongDepth == 0
        case UInt8(ascii: "_"): return emphasisDepth == 0
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "+"), UInt8(ascii: ">"), UInt8(ascii: "@"),
             UInt8(ascii: "{"), UInt8(ascii: "}"):
            return true
        default:
            return TextileBytes.isWord(byte)
        }
    }

    /// Writes an inline nested too deeply for Textile as cmark's own HTML inside `<notextile>`.
    private mutating func writeTooDeeplyNested(_ node: MarkdownNode) {
        let paragraph = MarkdownNode(kind: .paragraph, children: [node])
        var html = Array(MarkdownDocument(root: MarkdownNode(kind: .document, children: [paragraph])).html(options: .unsafe).utf8)
        // Keep what is inside `<p>…</p>\n`.
        if html.count >= 8 { html = Array(html[3..<(html.count - 5)]) }
        output.append(contentsOf: "<notextile>".utf8)
        let start = output.count
        output.append(contentsOf: html)
        recordModifiers(from: start)
        output.append(contentsOf: "</notextile>".utf8)
    }

    /// Writes raw HTML as it is when RedCloth passes it through, else inside `<notextile>`.
    private mutating func writeInlineHTML(_ html: String) {
        let bytes = Array(html.utf8)
        let plain = Self.isPlainTag(bytes)
        if !plain { output.append(contentsOf: "<notextile>".utf8) }
        // RedCloth pairs phrase modifiers across tags, so those inside count as partners.
        let start = output.count
        output.append(contentsOf: bytes)
        recordModifiers(from: start)
        if !plain { output.append(contentsOf: "</notextile>".utf8) }
    }

    /// Whether `html` is one ordinary tag on one line (`<b>`, `</a>`, `<img src="x" />`), which
    /// RedCloth recognises; comments, declarations and tags with unusual attributes are not.
    private static func isPlainTag(_ html: [UInt8]) -> Bool {
        guard html.count >= 3, html[0] == UInt8(ascii: "<"), html.last == UInt8(ascii: ">") else { return false }
        var index = 1
        if html[index] == UInt8(ascii: "/") { index += 1 }
        guard index < html.count, TextileBytes.isLetter(html[index]) else { return false }
        var inQuote: UInt8? = nil
        for byte in html[index..<(html.count - 1)] {
            if let quote = inQuote {
                if byte == quote { inQuote = nil }
                if byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == 0x0A { return false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inQuote = byte
            case UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x0A, 0x0D: return false
            default: continue
            }
        }
        return inQuote == nil
    }
}
