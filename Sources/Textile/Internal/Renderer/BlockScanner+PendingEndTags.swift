// Block-level HTML tags still open at the end of a long definition: the tag tokens of RedCloth's
// block scanner that the text could still grow into (see BlockScanner+PendingEnd.swift).

extension BlockScanner {
    /// Spaces and a closing block-level tag not yet closed by `>` (or, with `closedTagCounts`,
    /// closed right at the end).
    func endTagRunsToEnd(from start: Int, closedTagCounts: Bool) -> Bool {
        let end = text.count
        var cursor = indentEnd(from: start)
        if cursor == end { return true }
        guard text[cursor] == UInt8(ascii: "<") else { return false }
        cursor += 1
        if cursor == end { return true }
        guard text[cursor] == UInt8(ascii: "/") else { return false }
        cursor += 1
        guard let first = byte(at: cursor) else { return true }
        guard Self.isLetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":") else { return false }
        let nameStart = cursor
        while let next = byte(at: cursor), Self.isNameByte(next) { cursor += 1 }
        let nameEnd = cursor
        while let next = byte(at: cursor), Self.isSpace(next) { cursor += 1 }
        if cursor == end { return true }
        guard closedTagCounts, text[cursor] == UInt8(ascii: ">"), cursor + 1 == end else { return false }
        return !inlineTagNames.contains(String(decoding: text[nameStart..<nameEnd], as: UTF8.self))
    }

    /// A block-level tag (or `<pre>`, `<notextile>`) whose name or attributes run to the end, or
    /// followed only by spaces and line breaks, which its token may still take.
    func blockTagRunsToEnd(from start: Int, isIndented: Bool) -> Bool {
        let end = text.count
        var cursor = start + 1
        if cursor == end { return true }
        let isEndTag = text[cursor] == UInt8(ascii: "/")
        if isEndTag { cursor += 1 }
        guard let first = byte(at: cursor) else { return true }
        guard Self.isLetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":") else { return false }
        let nameStart = cursor
        while let next = byte(at: cursor), Self.isNameByte(next) { cursor += 1 }
        if cursor == end { return true }
        let name = String(decoding: text[nameStart..<cursor], as: UTF8.self)
        let close: Int
        switch text[cursor] {
        case UInt8(ascii: ">"):
            close = cursor
        case UInt8(ascii: "/") where !isEndTag:
            guard let next = byte(at: cursor + 1) else { return true }
            guard next == UInt8(ascii: ">") else { return false }
            close = cursor + 1
        case let next where Self.isSpace(next):
            if isEndTag {
                while let next = byte(at: cursor), Self.isSpace(next) { cursor += 1 }
                if cursor == end { return true }
                guard text[cursor] == UInt8(ascii: ">") else { return false }
                close = cursor
            } else {
                switch tagAttributesPrefix(from: cursor) {
                case .open: return true
                case .failed: return false
                case let .closed(at): close = at
                }
            }
        default:
            return false
        }
        // `<notextile>` and `<pre>` have tokens of their own, but only at the start of a line
        if name == "notextile", !isEndTag, !isIndented {
            return !contains(Array("</notextile>".utf8), from: close)
        }
        guard !inlineTagNames.contains(name) || (name == "pre" && !isIndented && !isEndTag) else { return false }
        var after = close + 1
        while let next = byte(at: after), Self.isSpace(next) { after += 1 }
        return after == end
    }

    enum TagAttributesPrefix { case open, failed, closed(at: Int) }

    /// A start tag's attributes from the spaces after its name, by RedCloth's grammar (quoted
    /// `name="value"` pairs and bare names, then perhaps `name = value`), to its `>`; `.open` when
    /// they run to the end of the text.
    func tagAttributesPrefix(from start: Int) -> TagAttributesPrefix {
        let end = text.count
        func spaces(_ from: Int) -> Int {
            var cursor = from
            while cursor < end, Self.isSpace(text[cursor]) { cursor += 1 }
            return cursor
        }
        func closing(_ at: Int) -> TagAttributesPrefix {
            if at == end { return .open }
            if text[at] == UInt8(ascii: ">") { return .closed(at: at) }
            guard text[at] == UInt8(ascii: "/") else { return .failed }
            guard let next = byte(at: at + 1) else { return .open }
            return next == UInt8(ascii: ">") ? .closed(at: at + 1) : .failed
        }
        var cursor = spaces(start)
        while true {
            if cursor == end { return .open }
            if text[cursor] == UInt8(ascii: ">") || text[cursor] == UInt8(ascii: "/") { return closing(cursor) }
            let nameStart = cursor
            while cursor < end, Self.isNameByte(text[cursor]) { cursor += 1 }
            guard cursor > nameStart else { return .failed }
            if cursor == end { return .open }
            if text[cursor] == UInt8(ascii: "=") {
                guard let quote = byte(at: cursor + 1) else { return .open }
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let close = text[(cursor + 2)...].firstIndex(of: quote) else { return .open }
                    cursor = spaces(close + 1)
                    continue
                }
            }
            let afterName = cursor
            cursor = spaces(afterName)
            if cursor == end { return .open }
            if text[cursor] == UInt8(ascii: "=") {
                // the last attribute, unquoted
                cursor = spaces(cursor + 1)
                while cursor < end, !Self.isSpace(text[cursor]), !"<>".utf8.contains(text[cursor]) { cursor += 1 }
                return closing(spaces(cursor))
            }
            if cursor == afterName { return closing(cursor) }
        }
    }
}
