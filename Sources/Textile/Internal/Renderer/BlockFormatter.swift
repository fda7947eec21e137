/// Turns one collected block into HTML the way RedCloth's HTML formatter methods do.
struct BlockFormatter {
    var context: InlineContext

    /// Renders `block` (raw source bytes, not yet stripped) with the formatter its registers name.
    func render(_ block: [UInt8], registers: inout BlockRegisters, into result: inout [UInt8]) {
        let stripped = ByteText.stripped(block[...])
        guard let type = registers.type else {
            result.append(contentsOf: stripped)
            return
        }
        var text: [UInt8] = []
        if type == "notextile" {
            text.append(contentsOf: stripped)
        } else {
            InlineRenderer.render(stripped, context: context, into: &text)
        }
        render(type: type, text: text, registers: &registers, into: &result)
    }

    /// Appends the HTML for a block of `type` whose inline content is already rendered to `text`.
    func render(type: String, text: [UInt8], registers: inout BlockRegisters, into result: inout [UInt8]) {
        let options = context.options
        switch type {
        case "p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "pre":
            appendElement(type, text: text, attributes: &registers.attributes, into: &result)
            result.append(UInt8(ascii: "\n"))
        case "strong", "code", "em", "i", "b", "ins", "sup", "sub", "span", "cite", "del":
            appendElement(type, text: text, attributes: &registers.attributes, into: &result)
        case "notextile":
            if options.contains(.filterHTML) {
                InlineEscaping.appendPreformatted(text[...], to: &result)
            } else {
                result.append(contentsOf: text)
            }
        case "ignored_line", "html":
            result.append(contentsOf: text)
            result.append(UInt8(ascii: "\n"))
        case "ignore":
            result.append(contentsOf: text)
        case "html_block":
            appendInlineHTML(registers.htmlBlockStart, into: &result)
            result.append(contentsOf: text)
            appendInlineHTML(registers.htmlBlockEnd, into: &result)
        case "fn":
            // RedCloth's `fn` rewrites the registers it is given, which shows in extended blocks.
            let number = registers.attributes.id ?? ""
            registers.attributes.id = "fn" + number
            registers.attributes.className = ["footnote", registers.attributes.className].compactMap { $0 }
                .joined(separator: " ")
            result.append(contentsOf: "<p".utf8)
            registers.attributes.appendFoldingStyle(to: &result, options: options)
            result.append(contentsOf: "><a href=\"#fnr\(number)\"><sup>\(number)</sup></a> ".utf8)
            result.append(contentsOf: text)
            result.append(contentsOf: "</p>\n".utf8)
        case "li_open":
            result.append(contentsOf: repeatElement(UInt8(ascii: "\t"), count: registers.nest))
            result.append(contentsOf: "<li".utf8)
            registers.attributes.appendFoldingStyle(to: &result, options: options)
            result.append(UInt8(ascii: ">"))
            result.append(contentsOf: text)
        case "dt", "dd":
            result.append(UInt8(ascii: "\t"))
            appendElement(type, text: text, attributes: &registers.attributes, into: &result)
            result.append(UInt8(ascii: "\n"))
        case "br":
            if options.contains(.noHardBreaks) {
                result.append(UInt8(ascii: "\n"))
            } else {
                result.append(contentsOf: "<br".utf8)
                registers.attributes.appendFoldingStyle(to: &result, options: options)
                result.append(contentsOf: " />\n".utf8)
            }
        case "hr":
            result.append(contentsOf: "<hr".utf8)
            registers.attributes.appendFoldingStyle(to: &result, options: options)
            result.append(contentsOf: " />\n".utf8)
        default:
            if appendNamedFormatter(type, text: text, registers: &registers, into: &result) { return }
            // Not a formatter: the signature stays as text in a plain paragraph.
            var paragraph = registers.fallback ?? []
            paragraph.append(contentsOf: text)
            // RedCloth prepends the signature to the block in place, so each later paragraph of an
            // extended block starts with the signature and all the text before it.
            registers.fallback = paragraph
            result.append(contentsOf: "<p>".utf8)
            result.append(contentsOf: paragraph)
            result.append(contentsOf: "</p>\n".utf8)
        }
    }

    func appendElement(_ name: String, text: [UInt8], attributes: inout TextileAttributes, into result: inout [UInt8]) {
        result.append(UInt8(ascii: "<"))
        result.append(contentsOf: name.utf8)
        attributes.appendFoldingStyle(to: &result, options: context.options)
        result.append(UInt8(ascii: ">"))
        result.append(contentsOf: text)
        result.append(contentsOf: "</".utf8)
        result.append(contentsOf: name.utf8)
        result.append(UInt8(ascii: ">"))
    }

    /// Raw HTML written by the author: kept, or escaped under `filterHTML`.
    func appendInlineHTML(_ html: [UInt8], into result: inout [UInt8]) {
        if context.options.contains(.filterHTML) {
            InlineEscaping.appendPreformatted(html[...], to: &result)
        } else {
            result.append(contentsOf: html)
        }
    }
}

/// Byte-level helpers shared by the block pass.
enum ByteText {
    /// Whether `byte` is whitespace as Ruby's `String#strip` sees it (NUL included).
    static func isStripSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || byte == 0
    }

    /// The slice without leading and trailing whitespace.
    static func stripped(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isStripSpace(bytes[start]) { start += 1 }
        while end > start, isStripSpace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    /// Removes trailing whitespace, as Ruby's `rstrip!`.
    static func stripTrailingWhitespace(_ bytes: inout [UInt8]) {
        while let last = bytes.last, isStripSpace(last) { bytes.removeLast() }
    }
}
