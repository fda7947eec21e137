import CommonMark

extension TextileWriter {
    // MARK: Block quotes

    /// Appends a block quote: `bq.` for one paragraph, `bq..` for several when the next block can
    /// open with a signature, else raw `<blockquote>` tags around Textile blocks.
    mutating func visitBlockQuote(_ node: MarkdownNode, next: NextBlock, allowsExtendedBlocks: Bool) {
        let children = node.children
        let allParagraphs = !children.isEmpty && children.allSatisfy { child in
            if case .paragraph = child.kind { return true }
            return false
        }
        if allParagraphs && children.count == 1 {
            resolveInline(children[0])
            append("bq. ")
            appendResolved()
            return
        }
        if allParagraphs && allowsExtendedBlocks && next != .other {
            if writeExtendedQuote(children) {
                requireSignatureForNextBlock()
                return
            }
        }
        append("<blockquote>\n\n")
        visitBlocks(children, allowsExtendedBlocks: false)
        append(children.isEmpty ? "</blockquote>" : "\n\n</blockquote>")
    }

    /// Writes `bq.. ` and the paragraphs, unless one of them would itself end the extended block
    /// (it needs a signature); then writes nothing and returns false.
    private mutating func writeExtendedQuote(_ paragraphs: [MarkdownNode]) -> Bool {
        var written: [UInt8] = []
        for (index, paragraph) in paragraphs.enumerated() {
            resolveInline(paragraph)
            if index > 0 && BlockStartTrigger.needsParagraphSignature(resolved[...]) { return false }
            written.append(contentsOf: (index == 0 ? "bq.. " : "\n\n").utf8)
            written.append(contentsOf: resolved)
        }
        appendBytes(written)
        return true
    }

    /// Whether `block`, written after an extended block, ends it: only a block that opens with a
    /// signature does.
    static func canEndExtendedBlock(_ block: MarkdownNode) -> Bool {
        switch block.kind {
        case .paragraph, .heading: return true
        case .codeBlock(_, let literal):
            // One line of code, which is always written as `bc.`.
            var newlines = 0
            for byte in literal.utf8 where byte == UInt8(ascii: "\n") { newlines += 1 }
            let hasText = literal.utf8.contains { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\n") }
            return hasText && newlines <= 1 && (newlines == 0 || literal.utf8.last == UInt8(ascii: "\n"))
        default: return false
        }
    }

    // MARK: Lists

    /// Appends a list: native `*`/`#` lines when the list is tight and every item is one paragraph
    /// (optionally followed by one nested tight list that is native too), else raw `<ul>`/`<ol>`
    /// and `<li>` tags around Textile blocks.
    mutating func visitList(_ node: MarkdownNode) {
        // Write natively in one pass; on the first item Textile's list lines cannot say, take the
        // lines back and write the list as HTML.
        let start = result.count
        // Textile's list lines are always tight: a loose list needs `<li>` tags around paragraphs
        // to keep the spacing cmark gives it.
        guard case .list(_, _, true, _) = node.kind else {
            visitListAsHTML(node)
            return
        }
        if writeNativeList(node, prefix: [], nested: false) { return }
        truncateResult(to: start)
        visitListAsHTML(node)
    }

    /// Appends a list as raw `<ul>`/`<ol>` and `<li>` tags around Textile blocks.
    private mutating func visitListAsHTML(_ node: MarkdownNode) {
        guard case .list(let type, let start, let tight, _) = node.kind else { return }
        let tag = type == .ordered ? "ol" : "ul"
        append(type == .ordered && start != 1 ? "<ol start=\"\(start)\">\n" : "<\(tag)>\n")
        for item in node.children {
            if item.children.isEmpty {
                append("<li></li>\n")
                continue
            }
            append("<li>\n\n")
            if tight {
                visitTightItemBlocks(item.children)
            } else {
                visitBlocks(item.children, allowsExtendedBlocks: false)
            }
            append("\n\n</li>\n")
        }
        append("</\(tag)>")
    }

    /// Appends the blocks of a tight list's item, as `visitBlocks` does, except that a paragraph
    /// is written behind a space: RedCloth wraps a line that starts with one in no `<p>`, as
    /// cmark wraps no paragraph of a tight item. Only a one-line paragraph that needs no block
    /// signature can be written so; any other stays a paragraph.
    private mutating func visitTightItemBlocks(_ blocks: [MarkdownNode]) {
        for (index, block) in blocks.enumerated() {
            guard case .paragraph = block.kind else {
                if index > 0 { append("\n\n") }
                if case .codeBlock(_, let literal) = block.kind {
                    visitCodeBlock(literal, allowsSignature: false)
                } else {
                    visitBlocks([block], allowsExtendedBlocks: false)
                }
                continue
            }
            resolveInline(block)
            if index > 0 { append("\n\n") }
            if Self.fitsUnwrappedLine(resolved) {
                appendByte(UInt8(ascii: " "))
                appendResolved()
            } else {
                visitParagraph(block)
            }
        }
    }

    /// Whether the paragraph `textile` can be written as one line behind a space: no line break,
    /// nothing that would start a block (RedCloth still reads `*` and `#` lists there), and no
    /// leading tag, which RedCloth would take for the start of an HTML block.
    private static func fitsUnwrappedLine(_ textile: [UInt8]) -> Bool {
        guard let first = textile.first, first != UInt8(ascii: "<"), !textile.contains(UInt8(ascii: "\n")) else { return false }
        return !BlockStartTrigger.needsParagraphSignature(textile[...])
    }

    /// Writes `list` as Textile list lines (`*`, `**`, `#`, `*#` …); returns false, having
    /// written part of it, when an item is not one paragraph optionally followed by one nested
    /// list, or a nested ordered list has a start number (Textile has no form for either).
    private mutating func writeNativeList(_ node: MarkdownNode, prefix: [UInt8], nested: Bool) -> Bool {
        guard case .list(let type, let start, _, _) = node.kind else { return false }
        if nested && type == .ordered && start != 1 { return false }
        if case .list(_, _, false, _) = node.kind { return false }
        if prefix.count >= Self.maximumNesting { return false }
        var marker = prefix
        marker.append(type == .ordered ? UInt8(ascii: "#") : UInt8(ascii: "*"))
        return node.withChildren { items in
            for index in items.indices {
                let written = items[index].withChildren { blocks -> Bool in
                    guard blocks.count == 1 || blocks.count == 2, case .paragraph = blocks[0].kind else { return false }
                    if index > 0 || nested { appendByte(UInt8(ascii: "\n")) }
                    appendBytes(marker)
                    if type == .ordered && index == 0 && start != 1 { append(String(start)) }
                    appendByte(UInt8(ascii: " "))
                    resolveInline(blocks[0])
                    appendResolved()
                    return blocks.count == 1 || writeNativeList(blocks[1], prefix: marker, nested: true)
                }
                if !written { return false }
            }
            return true
        }
    }
}
