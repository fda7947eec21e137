/// Recognises text at the start of a line that a Textile renderer would read as block syntax.
///
/// RedCloth looks for block signatures only at the start of a block, but for list items at the
/// start of every line, so a paragraph's first line is checked with ``needsParagraphSignature(_:)``
/// and every later line with ``startsListItem(_:)``.
enum BlockStartTrigger {
    /// Words RedCloth reads as a block signature when followed by `.` (or attributes and `.`):
    /// its own block names and every formatter method it would call for one.
    private static let signatureWords: Set<[UInt8]> = Set([
        "p", "bq", "bc", "pre", "notextile", "table", "dl", "div", "fn", "h1", "h2", "h3", "h4", "h5", "h6",
        "acronym", "amp", "apos", "arrow", "b", "br", "caps", "cite", "code", "copyright", "dd", "del", "dim",
        "dt", "ellipsis", "em", "emdash", "endash", "entity", "footno", "gt", "hr", "html", "i", "ignore",
        "image", "ins", "link", "lt", "quot", "quote1", "quote2", "registered", "snip", "span", "squot",
        "strong", "sub", "sup", "td", "trademark",
    ].map { Array($0.utf8) })

    /// Whether `line` starts like a list item: `*`, `#`, `#5` or `#_` markers followed by a space.
    static func startsListItem(_ line: UnsafeBufferPointer<UInt8>.SubSequence) -> Bool {
        var index = line.startIndex
        while index < line.endIndex, line[index] == UInt8(ascii: "*") || line[index] == UInt8(ascii: "#") {
            index += 1
        }
        guard index > line.startIndex else { return false }
        if line[index - 1] == UInt8(ascii: "#") {
            while index < line.endIndex, TextileBytes.isDigit(line[index]) || line[index] == UInt8(ascii: "_") {
                index += 1
            }
        }
        return index == line.endIndex || line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t")
            || Self.isAttributeStart(line[index])
    }

    /// Whether a paragraph whose Textile starts with `text` must name its `p.` signature to stay a paragraph.
    static func needsParagraphSignature(_ text: ArraySlice<UInt8>) -> Bool {
        guard let first = text.first else { return false }
        let lineEnd = text.firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
        let line = text[text.startIndex..<lineEnd]
        switch first {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "|"), UInt8(ascii: "<"):
            return true
        case UInt8(ascii: "*"), UInt8(ascii: "#"):
            return line.withUnsafeBufferPointer { startsListItem($0[...]) } || startsRule(line)
        case UInt8(ascii: "-"):
            return startsRule(line) || containsDefinitionSign(line)
        case UInt8(ascii: "_"):
            return startsRule(line)
        case UInt8(ascii: "["):
            return startsLinkAlias(line)
        case UInt8(ascii: "="):
            return line.dropFirst().first == UInt8(ascii: "=")
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: ">"), UInt8(ascii: "^"),
             UInt8(ascii: "~"):
            // Attributes before a list (`)* item` pads a list) or a table row (`(cls). |a|`).
            return startsListAfterAttributes(line) || containsTableRowStart(line)
        default:
            return startsSignatureWord(line)
        }
    }

    private static func isAttributeStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "<"), UInt8(ascii: ">"),
             UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    /// Attribute characters (`(class)`, `{style}`, `(`, `)`, `<`, `>`, `=`) followed by list markers.
    private static func startsListAfterAttributes(_ line: ArraySlice<UInt8>) -> Bool {
        var index = line.startIndex
        var closing: UInt8? = nil
        while index < line.endIndex {
            let byte = line[index]
            if let expected = closing {
                if byte == expected { closing = nil }
            } else if byte == UInt8(ascii: "{") {
                closing = UInt8(ascii: "}")
            } else if byte == UInt8(ascii: "[") {
                closing = UInt8(ascii: "]")
            } else if !"()<>=~^".utf8.contains(byte) {
                break
            }
            index += 1
        }
        guard index > line.startIndex, index < line.endIndex else { return false }
        return line[index...].withUnsafeBufferPointer { startsListItem($0[...]) }
    }

    /// `---`, `***` or `___`, which RedCloth turns into `<hr />`.
    private static func startsRule(_ line: ArraySlice<UInt8>) -> Bool {
        guard let first = line.first, line.count >= 3 else { return false }
        return line.prefix(3).allSatisfy { $0 == first }
    }

    /// `- term := definition`, a definition list item.
    private static func containsDefinitionSign(_ line: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in line {
            if previous == UInt8(ascii: ":") && byte == UInt8(ascii: "=") { return true }
            previous = byte
        }
        return false
    }

    /// `[name]url`, a link alias definition.
    private static func startsLinkAlias(_ line: ArraySlice<UInt8>) -> Bool {
        guard let close = line.firstIndex(of: UInt8(ascii: "]")), close > line.startIndex + 1 else { return false }
        let after = line.index(after: close)
        return after < line.endIndex && !TextileBytes.isSpaceOrEdge(line[after])
    }

    private static func containsTableRowStart(_ line: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in line {
            if previous == UInt8(ascii: ".") && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "|")) { return true }
            previous = byte
        }
        return false
    }

    /// A signature word (`h1`, `bq`, `code`, `fn12` …) followed by attributes or a period.
    private static func startsSignatureWord(_ line: ArraySlice<UInt8>) -> Bool {
        var index = line.startIndex
        while index < line.endIndex, line[index] >= UInt8(ascii: "a") && line[index] <= UInt8(ascii: "z") {
            index += 1
        }
        guard index > line.startIndex else { return false }
        var wordEnd = index
        while index < line.endIndex, TextileBytes.isDigit(line[index]) { index += 1 }
        let word = Array(line[line.startIndex..<wordEnd])
        if index > wordEnd {
            // Digits belong to the word for h1–h6 and to the footnote number for fn.
            if word == Array("fn".utf8) {
                wordEnd = index
            } else {
                wordEnd = index
                guard signatureWords.contains(Array(line[line.startIndex..<wordEnd])) else { return false }
            }
        } else if !signatureWords.contains(word) || word == Array("fn".utf8) {
            return false
        }
        guard index < line.endIndex else { return false }
        return line[index] == UInt8(ascii: ".") || isAttributeStart(line[index])
    }
}
