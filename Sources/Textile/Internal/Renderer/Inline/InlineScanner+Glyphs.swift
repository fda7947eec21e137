// Typographic glyphs: dashes, arrows, ellipses, symbols, dimensions, capitals, acronyms,
// footnote references and character entities.

extension InlineScanner {
    /// A fixed sequence (`--`, `->`, ` - `) replaced by `replacement`.
    func fixed(_ sequence: String, _ replacement: String, at position: Int, in segment: Range<Int>) -> InlineMatch? {
        guard hasPrefix(sequence, at: position, in: segment) else { return nil }
        return InlineMatch(end: position + sequence.utf8.count, kind: .glyph(replacement))
    }

    /// `...`, or ` ...` keeping the space.
    func ellipsis(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        let leadingSpace = text[position] == 0x20
        let dots = position + (leadingSpace ? 1 : 0)
        guard hasPrefix("...", at: dots, in: segment) else { return nil }
        return InlineMatch(end: dots + 3, kind: .ellipsis(leadingSpace: leadingSpace))
    }

    /// `(tm)`, `(r)`, `(c)` or their `[…]` forms; the first two swallow one space before them.
    func symbol(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        var open = position
        if text[position] == 0x20 { open += 1 }
        let bracket = byte(open, segment)
        let close: UInt8
        switch bracket {
        case UInt8(ascii: "("): close = UInt8(ascii: ")")
        case UInt8(ascii: "["): close = UInt8(ascii: "]")
        default: return nil
        }
        let first = byte(open + 1, segment) | 0x20
        let second = byte(open + 2, segment)
        if first == UInt8(ascii: "t"), second | 0x20 == UInt8(ascii: "m"), byte(open + 3, segment) == close {
            return InlineMatch(end: open + 4, kind: .glyph("&#8482;"))
        }
        guard second == close else { return nil }
        if first == UInt8(ascii: "r") {
            return InlineMatch(end: open + 3, kind: .glyph("&#174;"))
        }
        if first == UInt8(ascii: "c"), open == position {
            return InlineMatch(end: open + 3, kind: .glyph("&#169;"))
        }
        return nil
    }

    /// Three or more capitals in a row.
    func capitals(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        var cursor = position
        while cursor < segment.upperBound, InlineBytes.isUpper(text[cursor]) { cursor += 1 }
        guard cursor - position >= 3 else { return nil }
        return InlineMatch(end: cursor, kind: .capitals(position..<cursor))
    }

    /// `ABC(title)`: a capital, one or more capitals or digits, and a title up to the first `)`.
    func acronym(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        var cursor = position + 1
        while cursor < segment.upperBound, InlineBytes.isUpper(text[cursor]) || InlineBytes.isDigit(text[cursor]) {
            cursor += 1
        }
        guard cursor - position >= 2, byte(cursor, segment) == UInt8(ascii: "(") else { return nil }
        let key = OccurrenceKey(needle: [UInt8(ascii: ")")])
        guard let close = index.next(key, from: cursor + 2, limit: segment.upperBound) else { return nil }
        return InlineMatch(end: close + 1, kind: .acronym(letters: position..<cursor, title: (cursor + 1)..<close))
    }

    /// `2x4`, `2 x 4`, `3'x4"` and a third dimension: a multiplication sign and primes.
    func dimension(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        func number(_ start: Int) -> Int? {
            guard start < segment.upperBound else { return nil }
            let cursor = min(runs.numberRunEnd(from: start, in: text), segment.upperBound)
            guard cursor > start else { return nil }
            let next = byte(cursor, segment)
            return next == UInt8(ascii: "'") || next == UInt8(ascii: "\"") ? cursor + 1 : cursor
        }
        func separator(_ start: Int) -> Int? {
            if byte(start, segment) == UInt8(ascii: "x") { return start + 1 }
            return hasPrefix(" x ", at: start, in: segment) ? start + 3 : nil
        }
        guard let first = number(position), let by = separator(first), let second = number(by) else { return nil }
        var end = second
        if let again = separator(second), let third = number(again) { end = third }
        return InlineMatch(end: end, kind: .dimension(position..<end))
    }

    /// `[1]`: a reference to footnote 1.
    func footnoteReference(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        var cursor = position + 1
        while cursor < segment.upperBound, InlineBytes.isDigit(text[cursor]) { cursor += 1 }
        guard cursor > position + 1, byte(cursor, segment) == UInt8(ascii: "]") else { return nil }
        return InlineMatch(end: cursor + 1, kind: .footnoteReference(number: (position + 1)..<cursor))
    }

    /// `&name;` or `&#123;`, copied as written.
    func entity(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        var cursor = position + 1
        if byte(cursor, segment) == UInt8(ascii: "#") {
            cursor += 1
            let digits = cursor
            while cursor < segment.upperBound, InlineBytes.isDigit(text[cursor]) { cursor += 1 }
            guard cursor > digits else { return nil }
        } else {
            guard InlineBytes.isAlpha(byte(cursor, segment)) else { return nil }
            cursor += 1
            let rest = cursor
            while cursor < segment.upperBound, InlineBytes.isAlphanumeric(text[cursor]) { cursor += 1 }
            guard cursor > rest else { return nil }
        }
        guard byte(cursor, segment) == UInt8(ascii: ";") else { return nil }
        return InlineMatch(end: cursor + 1, kind: .entity(position..<(cursor + 1)))
    }

    /// `[RedCloth::VERSION]`, which RedCloth replaces by its version number.
    func version(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        guard hasPrefix("[RedCloth::VERSION]", at: position, in: segment) else { return nil }
        return InlineMatch(end: position + 19, kind: .version)
    }
}
