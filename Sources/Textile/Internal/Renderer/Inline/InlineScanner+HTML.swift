// Raw HTML inside a block: tags, comments, `<script>`, `<code>` and `<notextile>` sections.

extension InlineScanner {
    /// `<code…>` up to `</code>` (or the end of the text): the content is escaped, the tags are not.
    func codeTag(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        guard hasPrefix("<code", at: position, in: segment) else { return nil }
        guard let close = index.next(OccurrenceKey(needle: [UInt8(ascii: ">")]), from: position + 5, limit: segment.upperBound)
        else { return InlineMatch(end: segment.upperBound, kind: .droppedToEnd) }
        let open = position..<(close + 1)
        let endTag = index.next(OccurrenceKey(needle: Array("</code>".utf8)), from: close + 1, limit: segment.upperBound)
        if let endTag, endTag + 7 <= segment.upperBound {
            return InlineMatch(
                end: endTag + 7, kind: .codeTag(open: open, content: (close + 1)..<endTag, close: endTag..<(endTag + 7)))
        }
        return InlineMatch(
            end: segment.upperBound, kind: .codeTag(open: open, content: (close + 1)..<segment.upperBound, close: nil))
    }

    /// `<notextile>…</notextile>`.
    func notextileTag(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        guard hasPrefix("<notextile>", at: position, in: segment),
            let close = index.next(
                OccurrenceKey(needle: Array("</notextile>".utf8)), from: position + 12, limit: segment.upperBound),
            close + 12 <= segment.upperBound
        else { return nil }
        // As in RedCloth, a newline right after the opening tag is not part of the content.
        let contentStart = text[position + 11] == 0x0A && position + 12 <= close ? position + 12 : position + 11
        return InlineMatch(end: close + 12, kind: .notextile(content: contentStart..<close))
    }

    /// `<script…>…</script>` and the newline after it.
    func scriptTag(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        guard hasPrefix("<script", at: position, in: segment) else { return nil }
        guard let open = index.next(OccurrenceKey(needle: [UInt8(ascii: ">")]), from: position + 7, limit: segment.upperBound)
        else { return InlineMatch(end: segment.upperBound, kind: .droppedToEnd) }
        guard let close = index.next(OccurrenceKey(needle: Array("</script>".utf8)), from: open + 2, limit: segment.upperBound),
            close + 9 <= segment.upperBound
        else { return nil }
        var end = close + 9
        if byte(end, segment) == 0x0A { end += 1 }
        return InlineMatch(end: end, kind: .html(position..<end))
    }

    /// `<!-- … -->`.
    func htmlComment(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        guard hasPrefix("<!--", at: position, in: segment),
            let close = index.next(OccurrenceKey(needle: Array("-->".utf8)), from: position + 5, limit: segment.upperBound),
            close + 3 <= segment.upperBound
        else { return nil }
        return InlineMatch(end: close + 3, kind: .html(position..<(close + 3)))
    }

    /// `<br>`, `<br/>` or `<br />` with the newline after it, which then adds no second break.
    func lineBreakTag(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        guard hasPrefix("<br", at: position, in: segment),
            case .tag(let end) = scanHTMLTag(at: position, limit: segment.upperBound),
            text[position + 3] == UInt8(ascii: ">") || text[position + 3] == UInt8(ascii: "/")
                || InlineBytes.isSpace(text[position + 3])
        else { return nil }
        let withNewline = byte(end, segment) == 0x0A ? end + 1 : end
        return InlineMatch(end: withNewline, kind: .html(position..<withNewline))
    }

    /// A start, end or empty HTML tag. An attribute value still open at the end of the text makes
    /// RedCloth's scanner run off the end, which drops the rest of the text; so does this pass.
    func htmlTag(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        switch scanHTMLTag(at: position, limit: segment.upperBound) {
        case .tag(let end)
        where end == position + 11 && end < segment.upperBound && hasPrefix("<notextile>", at: position, in: segment):
            // An unclosed `<notextile>`: RedCloth's shared text register then holds the text from the
            // tag to the last `<` after it (nothing when there is none), which replaces the tag.
            let lastTag = index.previous(
                OccurrenceKey(needle: [UInt8(ascii: "<")]), before: segment.upperBound, from: end + 1)
            let textStart = text[end] == 0x0A ? end + 1 : end
            return InlineMatch(end: end, kind: .html(textStart..<max(textStart, lastTag ?? end)))
        case .tag(let end): return InlineMatch(end: end, kind: .html(position..<end))
        case .runsToEnd: return InlineMatch(end: segment.upperBound, kind: .droppedToEnd)
        case .none: return nil
        }
    }

    /// The end of the well-formed HTML tag at `position` (which holds `<`), if there is one.
    func htmlTagEnd(at position: Int, limit: Int) -> Int? {
        if case .tag(let end) = scanHTMLTag(at: position, limit: limit) { return end }
        return nil
    }

    /// What an HTML tag at `position` amounts to.
    enum HTMLTagScan {
        case tag(end: Int)
        /// An attribute value that is still open at `limit`.
        case runsToEnd
        case none
    }

    func scanHTMLTag(at position: Int, limit: Int) -> HTMLTagScan {
        htmlTagScan(at: position, limit: limit)
    }

    private func htmlTagScan(at position: Int, limit: Int) -> HTMLTagScan {
        func at(_ index: Int) -> UInt8 { index < limit ? text[index] : 0 }
        func name(_ start: Int) -> Int? {
            guard InlineBytes.isNameStartByte(at(start)) else { return nil }
            var cursor = start + 1
            while InlineBytes.isNameByte(at(cursor)) { cursor += 1 }
            return cursor
        }
        func spaces(_ start: Int) -> Int {
            var cursor = start
            while InlineBytes.isSpace(at(cursor)) { cursor += 1 }
            return cursor
        }
        func closing(_ start: Int) -> HTMLTagScan {
            if at(start) == UInt8(ascii: ">") { return .tag(end: start + 1) }
            if at(start) == UInt8(ascii: "/"), at(start + 1) == UInt8(ascii: ">") { return .tag(end: start + 2) }
            return .none
        }
        if at(position + 1) == UInt8(ascii: "/") {
            guard let nameEnd = name(position + 2) else { return .none }
            let cursor = spaces(nameEnd)
            return at(cursor) == UInt8(ascii: ">") ? .tag(end: cursor + 1) : .none
        }
        guard let nameEnd = name(position + 1) else { return .none }
        if case .tag(let end) = closing(nameEnd) { return .tag(end: end) }
        var cursor = spaces(nameEnd)
        guard cursor > nameEnd else { return .none }
        while true {
            if case .tag(let end) = closing(cursor) { return .tag(end: end) }
            let attributeStart = cursor
            while InlineBytes.isNameByte(at(cursor)) { cursor += 1 }
            guard cursor > attributeStart else { return .none }
            let afterName = cursor
            if at(cursor) == UInt8(ascii: "="), at(cursor + 1) == UInt8(ascii: "\"") || at(cursor + 1) == UInt8(ascii: "'") {
                let quote = at(cursor + 1)
                guard let close = index.next(OccurrenceKey(needle: [quote]), from: cursor + 2, limit: limit) else {
                    return .runsToEnd
                }
                cursor = spaces(close + 1)
                continue
            }
            cursor = spaces(afterName)
            if at(cursor) == UInt8(ascii: "=") {
                // The last attribute may have spaces around `=` and an unquoted value.
                cursor = spaces(cursor + 1)
                let value = at(cursor)
                if value != 0, !InlineBytes.isSpace(value), value != UInt8(ascii: "<"), value != UInt8(ascii: ">"),
                    value != UInt8(ascii: "\""), value != UInt8(ascii: "'")
                {
                    cursor += 1
                    while true {
                        if cursor >= limit { return .runsToEnd }
                        let byte = text[cursor]
                        if InlineBytes.isSpace(byte) || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") { break }
                        cursor += 1
                    }
                }
                // Only whitespace left: the tag could still close, so the scanner reads to the end.
                if spaces(cursor) >= limit { return .runsToEnd }
                return closing(cursor)
            }
            if cursor == afterName { return closing(cursor) }
        }
    }
}
