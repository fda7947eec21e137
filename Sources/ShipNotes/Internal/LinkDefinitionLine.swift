/// A link reference definition written on one line (`[label]: destination "title"`, spec 0.31
/// section 4.7): the byte ranges of its parts.
///
/// The destination may stand alone on the line after `[label]:`; a title continued on a line of
/// its own is left to the text, which cmark would read as part of the definition but changelogs do
/// not write.
struct LinkDefinitionLine {
    var labelStart: Int
    var labelEnd: Int
    var destinationStart: Int
    var destinationEnd: Int
    var titleStart: Int?
    var titleEnd: Int?

    /// Parses the definition starting at `p` (a `[`), or returns nil when the line is not one.
    static func parse(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> LinkDefinitionLine? {
        guard let label = parseLabel(base, p, end) else { return nil }
        let position = base.skipWhitespace(from: label.afterColon, to: end)
        guard position < end else { return nil }
        return parseDestination(base, position, end, labelStart: label.start, labelEnd: label.end)
    }

    /// The label of a line that starts a definition, `[label]:`, and where the text after the
    /// colon starts; nil when the line does not start one.
    static func parseLabel(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> (start: Int, end: Int, afterColon: Int)? {
        guard p < end, base[p] == UInt8(ascii: "[") else { return nil }
        var position = p + 1
        var hasContent = false
        while position < end {
            let byte = base[position]
            if byte == UInt8(ascii: "\\"), position + 1 < end {
                position += 2
                hasContent = true
                continue
            }
            if byte == UInt8(ascii: "[") { return nil }
            if byte == UInt8(ascii: "]") { break }
            if byte != 0x20 && byte != 0x09 { hasContent = true }
            position += 1
        }
        guard position < end, hasContent, position - (p + 1) <= 999 else { return nil }
        let labelEnd = position
        position += 1
        guard position < end, base[position] == UInt8(ascii: ":") else { return nil }
        return (p + 1, labelEnd, position + 1)
    }

    /// The destination and optional title of a definition, starting at `position` (on the label's
    /// line, or alone on the next line after a line holding only `[label]:`).
    static func parseDestination(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, labelStart: Int, labelEnd: Int
    ) -> LinkDefinitionLine? {
        var position = start
        var destinationStart = position
        var destinationEnd: Int
        if base[position] == UInt8(ascii: "<") {
            position += 1
            destinationStart = position
            while position < end, base[position] != UInt8(ascii: ">") {
                if base[position] == UInt8(ascii: "<") { return nil }
                if base[position] == UInt8(ascii: "\\"), position + 1 < end {
                    position += 2
                    continue
                }
                position += 1
            }
            guard position < end else { return nil }
            destinationEnd = position
            position += 1
        } else {
            var depth = 0
            while position < end {
                let byte = base[position]
                if byte <= 0x20 { break }
                if byte == UInt8(ascii: "\\"), position + 1 < end {
                    position += 2
                    continue
                }
                if byte == UInt8(ascii: "(") { depth += 1 }
                if byte == UInt8(ascii: ")") {
                    if depth == 0 { break }
                    depth -= 1
                }
                position += 1
            }
            guard position > destinationStart, depth == 0 else { return nil }
            destinationEnd = position
        }

        let beforeTitle = position
        position = base.skipWhitespace(from: position, to: end)
        if position == end {
            return LinkDefinitionLine(
                labelStart: labelStart, labelEnd: labelEnd, destinationStart: destinationStart, destinationEnd: destinationEnd)
        }
        // A title needs whitespace before it and nothing but whitespace after it.
        guard position > beforeTitle else { return nil }
        let open = base[position]
        let close: UInt8
        switch open {
        case UInt8(ascii: "\""): close = open
        case UInt8(ascii: "'"): close = open
        case UInt8(ascii: "("): close = UInt8(ascii: ")")
        default: return nil
        }
        let titleStart = position + 1
        position = titleStart
        while position < end, base[position] != close {
            if base[position] == UInt8(ascii: "\\"), position + 1 < end {
                position += 2
                continue
            }
            if open == UInt8(ascii: "("), base[position] == UInt8(ascii: "(") { return nil }
            position += 1
        }
        guard position < end, base.isWhitespace(from: position + 1, to: end) else { return nil }
        return LinkDefinitionLine(
            labelStart: labelStart, labelEnd: labelEnd, destinationStart: destinationStart, destinationEnd: destinationEnd,
            titleStart: titleStart, titleEnd: position)
    }

    init(labelStart: Int, labelEnd: Int, destinationStart: Int, destinationEnd: Int, titleStart: Int? = nil, titleEnd: Int? = nil) {
        self.labelStart = labelStart
        self.labelEnd = labelEnd
        self.destinationStart = destinationStart
        self.destinationEnd = destinationEnd
        self.titleStart = titleStart
        self.titleEnd = titleEnd
    }
}
