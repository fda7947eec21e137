/// CommonMark's seven kinds of HTML block (spec 0.31, section 4.6): how each starts and ends.
/// Headings inside an HTML block are raw HTML, so a changelog reader must know where they end.
enum HTMLBlock: Equatable {
    /// `<pre`, `<script`, `<style`, `<textarea`: ends on the line holding the matching end tag.
    case rawText
    /// `<!--`: ends on the line holding `-->`.
    case comment
    /// `<?`: ends on the line holding `?>`.
    case processingInstruction
    /// `<!` and a letter: ends on the line holding `>`.
    case declaration
    /// `<![CDATA[`: ends on the line holding `]]>`.
    case cdata
    /// A block-level tag name: ends at a blank line.
    case blockTag
    /// Any other complete open or closing tag alone on its line: ends at a blank line.
    case otherTag

    var endsAtBlankLine: Bool { self == .blockTag || self == .otherTag }
    var canInterruptParagraph: Bool { self != .otherTag }

    /// The kind of HTML block starting at `p` (a `<`), or nil when the line starts none.
    static func start(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> HTMLBlock? {
        guard p + 1 < end else { return nil }
        let second = base[p + 1]
        if second == UInt8(ascii: "!") {
            if hasPrefix(base, p, end, "<!--") { return .comment }
            if hasPrefix(base, p, end, "<![CDATA[") { return .cdata }
            if p + 2 < end, isASCIILetter(base[p + 2]) { return .declaration }
            return nil
        }
        if second == UInt8(ascii: "?") { return .processingInstruction }
        let isClosing = second == UInt8(ascii: "/")
        let nameStart = isClosing ? p + 2 : p + 1
        var nameEnd = nameStart
        while nameEnd < end, isASCIILetter(base[nameEnd]) || isASCIIDigit(base[nameEnd]) || base[nameEnd] == UInt8(ascii: "-") {
            nameEnd += 1
        }
        guard nameEnd > nameStart, isASCIILetter(base[nameStart]) else { return nil }
        let name = lowercasedName(base, nameStart, nameEnd)
        let after: UInt8? = nameEnd < end ? base[nameEnd] : nil
        if !isClosing, rawTextTags.contains(name) {
            if after == nil || after == 0x20 || after == 0x09 || after == UInt8(ascii: ">") { return .rawText }
        }
        if blockTags.contains(name) {
            if after == nil || after == 0x20 || after == 0x09 || after == UInt8(ascii: ">") { return .blockTag }
            if after == UInt8(ascii: "/"), nameEnd + 1 < end, base[nameEnd + 1] == UInt8(ascii: ">") { return .blockTag }
            return nil
        }
        // cmark 0.30, which renders the notes, reads `</script>` and `<pre/>` as kind 7 as well.
        let tagEnd = isClosing ? closingTagEnd(base, nameEnd, end) : openTagEnd(base, nameEnd, end)
        guard let tagEnd, base.isWhitespace(from: tagEnd, to: end) else { return nil }
        return .otherTag
    }

    /// Whether the line from `start` to `end` holds this block's end condition (kinds 1 to 5).
    func endsOnLine(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        switch self {
        case .rawText:
            return containsClosingRawTextTag(base, start, end)
        case .comment:
            return contains(base, start, end, "-->")
        case .processingInstruction:
            return contains(base, start, end, "?>")
        case .declaration:
            return contains(base, start, end, ">")
        case .cdata:
            return contains(base, start, end, "]]>")
        case .blockTag, .otherTag:
            return false
        }
    }

    private static let rawTextTags: Set<String> = ["pre", "script", "style", "textarea"]

    private static let blockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
        "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "track", "ul",
    ]

    private static func lowercasedName(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(end - start, 16))
        for index in start..<min(end, start + 16) {
            let byte = base[index]
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The end of an open tag's attributes and `>` (spec 6.6), or nil when it is not one.
    private static func openTagEnd(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var position = start
        while true {
            let spaced = base.skipWhitespace(from: position, to: end)
            guard spaced < end else { return nil }
            let byte = base[spaced]
            if byte == UInt8(ascii: ">") { return spaced + 1 }
            if byte == UInt8(ascii: "/") {
                return spaced + 1 < end && base[spaced + 1] == UInt8(ascii: ">") ? spaced + 2 : nil
            }
            // An attribute needs whitespace before it.
            guard spaced > position, isAttributeNameStart(byte) else { return nil }
            position = spaced + 1
            while position < end, isAttributeNameByte(base[position]) { position += 1 }
            let beforeValue = base.skipWhitespace(from: position, to: end)
            guard beforeValue < end, base[beforeValue] == UInt8(ascii: "=") else { continue }
            var value = base.skipWhitespace(from: beforeValue + 1, to: end)
            guard value < end else { return nil }
            let quote = base[value]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                value += 1
                while value < end, base[value] != quote { value += 1 }
                guard value < end else { return nil }
                position = value + 1
            } else {
                let valueStart = value
                while value < end, isUnquotedValueByte(base[value]) { value += 1 }
                guard value > valueStart else { return nil }
                position = value
            }
        }
    }

    private static func closingTagEnd(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        let position = base.skipWhitespace(from: start, to: end)
        return position < end && base[position] == UInt8(ascii: ">") ? position + 1 : nil
    }

    private func containsClosingRawTextTag(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var position = start
        while position + 2 < end {
            if base[position] == UInt8(ascii: "<"), base[position + 1] == UInt8(ascii: "/") {
                for tag in ["pre>", "script>", "style>", "textarea>"] where Self.hasPrefixIgnoringCase(base, position + 2, end, tag) {
                    return true
                }
            }
            position += 1
        }
        return false
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isAttributeNameStart(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
    }
    private static func isAttributeNameByte(_ byte: UInt8) -> Bool {
        isAttributeNameStart(byte) || isASCIIDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }
    private static func isUnquotedValueByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "="),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"):
            return false
        default:
            return true
        }
    }

    private static func hasPrefix(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int, _ prefix: StaticString) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard end - p >= length else { return false }
        let bytes = prefix.utf8Start
        for index in 0..<length where base[p + index] != bytes[index] { return false }
        return true
    }

    private static func hasPrefixIgnoringCase(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int, _ prefix: String) -> Bool {
        let bytes = Array(prefix.utf8)
        guard end - p >= bytes.count else { return false }
        for (index, expected) in bytes.enumerated() {
            let byte = base[p + index]
            if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != expected { return false }
        }
        return true
    }

    private func contains(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ needle: StaticString) -> Bool {
        let length = needle.utf8CodeUnitCount
        let bytes = needle.utf8Start
        guard end - start >= length else { return false }
        var position = start
        while position + length <= end {
            if base[position] == bytes[0] {
                var matched = true
                for index in 1..<max(length, 1) where base[position + index] != bytes[index] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            position += 1
        }
        return false
    }
}
