// HTML written at block level: tags alone on a line, blocks wrapped in a block-level tag,
// `<pre>`, `<script>` and `<notextile>`; plus lines starting with spaces, which compete with them.

/// Elements RedCloth treats as inline: a line starting with one of them is a paragraph.
let inlineTagNames: Set<String> = [
    "pre", "notextile", "a", "applet", "basefont", "bdo", "br", "font", "iframe", "img", "map", "object", "param",
    "embed", "q", "script", "span", "sub", "sup", "abbr", "acronym", "cite", "code", "del", "dfn", "em", "ins",
    "kbd", "samp", "strong", "var", "b", "big", "i", "s", "small", "strike", "tt", "u",
]

extension BlockScanner {
    /// `unterminated`: a start tag whose attributes are still open at the end of the input.
    enum TagKind { case start, empty, end, unterminated }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "?")
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    func indentEnd(from start: Int) -> Int {
        var cursor = start
        while let next = byte(at: cursor), next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") { cursor += 1 }
        return cursor
    }

    /// Matches a block-level start, empty or end tag at `start`; returns its kind and end.
    func matchBlockTag(at start: Int) -> (kind: TagKind, end: Int)? {
        guard byte(at: start) == UInt8(ascii: "<") else { return nil }
        var cursor = start + 1
        let isEnd = byte(at: cursor) == UInt8(ascii: "/")
        if isEnd { cursor += 1 }
        guard let first = byte(at: cursor), Self.isLetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":")
        else { return nil }
        let nameStart = cursor
        while let next = byte(at: cursor), Self.isNameByte(next) { cursor += 1 }
        let name = String(decoding: text[nameStart..<cursor], as: UTF8.self)
        guard !inlineTagNames.contains(name) else { return nil }
        if isEnd {
            while let next = byte(at: cursor), Self.isSpace(next) { cursor += 1 }
            return byte(at: cursor) == UInt8(ascii: ">") ? (.end, cursor + 1) : nil
        }
        if byte(at: cursor) == UInt8(ascii: ">") { return (.start, cursor + 1) }
        if byte(at: cursor) == UInt8(ascii: "/"), byte(at: cursor + 1) == UInt8(ascii: ">") { return (.empty, cursor + 2) }
        guard let next = byte(at: cursor), Self.isSpace(next) else { return nil }
        return matchTagAttributes(from: cursor)
    }

    /// The attributes of a start or empty tag, from the spaces after its name, as RedCloth's grammar
    /// has them: quoted `name="value"` pairs and bare names, each followed by spaces, then
    /// optionally a last `name = value` (unquoted) or bare name before `>` or `/>`.
    /// A quoted value or a last attribute still open at the end of the input is `.unterminated`.
    private func matchTagAttributes(from start: Int) -> (kind: TagKind, end: Int)? {
        func spaces(_ from: Int) -> Int {
            var cursor = from
            while let next = byte(at: cursor), Self.isSpace(next) { cursor += 1 }
            return cursor
        }
        func closing(_ at: Int) -> (kind: TagKind, end: Int)? {
            if byte(at: at) == UInt8(ascii: ">") { return (.start, at + 1) }
            if byte(at: at) == UInt8(ascii: "/"), byte(at: at + 1) == UInt8(ascii: ">") { return (.empty, at + 2) }
            return nil
        }
        var cursor = spaces(start)
        while true {
            if let tag = closing(cursor) { return tag }
            let nameStart = cursor
            while let next = byte(at: cursor), Self.isNameByte(next) { cursor += 1 }
            guard cursor > nameStart else { return nil }
            let afterName = cursor
            if byte(at: cursor) == UInt8(ascii: "="), let quote = byte(at: cursor + 1),
                quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'")
            {
                var close = cursor + 2
                while close < text.count, text[close] != quote { close += 1 }
                guard close < text.count else { return (.unterminated, text.count) }
                cursor = spaces(close + 1)
                continue
            }
            cursor = spaces(afterName)
            if byte(at: cursor) == UInt8(ascii: "=") {
                cursor = spaces(cursor + 1)
                if let value = byte(at: cursor), !Self.isSpace(value), !"<>\"'".utf8.contains(value) {
                    while let next = byte(at: cursor), !Self.isSpace(next), next != UInt8(ascii: "<"), next != UInt8(ascii: ">") {
                        cursor += 1
                    }
                }
                if spaces(cursor) >= text.count { return (.unterminated, text.count) }
                return closing(cursor)
            }
            if cursor == afterName { return closing(cursor) }
        }
    }

    /// Whether a block-level end tag, after optional indentation, starts at `start`.
    func matchEndTagLine(at start: Int) -> Bool {
        let tagStart = indentEnd(from: start)
        return matchBlockTag(at: tagStart)?.kind == .end
    }

    /// Handles lines starting with spaces or a tag: HTML blocks, lists indented by spaces, and
    /// lines kept apart from paragraphs. Returns false when none applies.
    mutating func scanIndentedOrHTMLStart() -> Bool {
        let start = position
        let tagStart = indentEnd(from: start)
        var htmlEnd = -1
        var standaloneEnd = -1
        if let tag = matchBlockTag(at: tagStart) {
            if tag.kind == .unterminated {
                // RedCloth's scanner runs off the end inside the tag: nothing from here on is output.
                if !block.isEmpty { addBlock() }
                position = text.count
                isStopped = true
                return true
            }
            let afterIndent = indentEnd(from: tag.end)
            htmlEnd = tag.kind == .start ? afterIndent : -1
            if afterIndent == text.count {
                standaloneEnd = afterIndent
            } else if byte(at: afterIndent) == UInt8(ascii: "\n") {
                var cursor = afterIndent
                while byte(at: cursor) == UInt8(ascii: "\n") { cursor += 1 }
                standaloneEnd = cursor
            }
            if standaloneEnd >= 0 {
                registers.type = "html"
                block.append(contentsOf: text[start..<standaloneEnd])
                position = standaloneEnd
                addBlock()
                return true
            }
            if htmlEnd >= 0, matchListStart(at: start) == nil {
                registers = BlockRegisters()
                registers.type = "html_block"
                registers.htmlBlockStart = Array(text[start..<htmlEnd])
                position = htmlEnd
                state = .htmlBlock
                return true
            }
        }
        guard text[start] == UInt8(ascii: " ") else { return false }
        if matchListStart(at: start) != nil { return false }
        registers.type = "ignored_line"
        var cursor = start
        while byte(at: cursor) == UInt8(ascii: " ") { cursor += 1 }
        position = cursor
        state = .ignoredLine
        return true
    }

    /// Inside an HTML block: collects text until any block-level end tag.
    mutating func scanHTMLBlock() {
        let next = text[position]
        if next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "<") {
            let tagStart = indentEnd(from: position)
            if byte(at: tagStart + 1) == UInt8(ascii: "/"), let tag = matchBlockTag(at: tagStart), tag.kind == .end {
                var end = indentEnd(from: tag.end)
                if byte(at: end) == UInt8(ascii: "\n") {
                    end += 1
                } else if endsWithoutMark, end == text.count {
                    // Without an end-of-input mark the spaces after the tag are still an open token.
                    end = tag.end
                }
                registers.htmlBlockEnd = Array(text[position..<end])
                position = end
                addBlock()
                state = .main
                return
            }
        }
        block.append(next)
        position += 1
    }

    /// `<notextile>…</notextile>` followed by line ends: passed through untouched.
    mutating func scanNotextileTag() -> Bool {
        let open = Array("<notextile>".utf8)
        let close = Array("</notextile>".utf8)
        guard text[position...].starts(with: open) else { return false }
        var contentStart = position + open.count
        if byte(at: contentStart) == UInt8(ascii: "\n") { contentStart += 1 }
        guard let closeStart = firstOccurrence(of: close, from: contentStart + 1) else { return false }
        var end = closeStart + close.count
        guard end == text.count || byte(at: end) == UInt8(ascii: "\n") else { return false }
        while byte(at: end) == UInt8(ascii: "\n") { end += 1 }
        var plain = BlockRegisters()
        formatter.render(type: "notextile", text: Array(text[contentStart..<closeStart]), registers: &plain, into: &html)
        position = end
        return true
    }

    /// The first index at or after `start` where `needle` occurs. Results are remembered so that
    /// repeated searches from later positions (many openers, no closer) stay linear overall.
    mutating func firstOccurrence(of needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start <= text.count - needle.count else { return nil }
        if let cached = searchCache[needle], start >= cached.from, start <= cached.found {
            return cached.found < text.count ? cached.found : nil
        }
        var cursor = start
        var found = text.count
        let first = needle[0]
        while cursor <= text.count - needle.count {
            if text[cursor] == first, text[cursor..<(cursor + needle.count)].elementsEqual(needle) {
                found = cursor
                break
            }
            cursor += 1
        }
        searchCache[needle] = (start, found)
        return found < text.count ? found : nil
    }

    /// `<pre …>`: the content is escaped, the tags kept.
    mutating func scanPreTagStart() -> Bool {
        guard text[position...].starts(with: "<pre".utf8) else { return false }
        guard var cursor = firstOccurrence(of: [UInt8(ascii: ">")], from: position + 4) else { return false }
        cursor += 1
        // An optional `<code …>` right after belongs to the opening.
        var codeCursor = cursor
        while let next = byte(at: codeCursor), Self.isSpace(next) { codeCursor += 1 }
        if text[codeCursor...].starts(with: "<code".utf8),
            let end = firstOccurrence(of: [UInt8(ascii: ">")], from: codeCursor + 5)
        {
            cursor = end + 1
        }
        registers.type = "notextile"
        block.append(contentsOf: text[position..<cursor])
        position = cursor
        state = .preTag
        return true
    }

    mutating func scanPreTag() {
        var cursor = position
        if text[cursor...].starts(with: "</code>".utf8) {
            cursor += 7
            while let next = byte(at: cursor), Self.isSpace(next) { cursor += 1 }
        }
        if text[cursor...].starts(with: "</pre>".utf8) {
            cursor += 6
            if byte(at: cursor) == UInt8(ascii: "\n") { cursor += 1 }
            block.append(contentsOf: text[position..<cursor])
            html.append(contentsOf: block)
            block.removeAll(keepingCapacity: true)
            registers = BlockRegisters()
            position = cursor
            state = .main
            return
        }
        InlineEscaping.appendPreformatted(text[position...position], to: &block)
        position += 1
    }

    /// `<script …>`: kept as it is up to `</script>`.
    mutating func scanScriptTagStart() -> Bool {
        guard text[position...].starts(with: "<script".utf8),
            let cursor = firstOccurrence(of: [UInt8(ascii: ">")], from: position + 7)
        else { return false }
        registers = BlockRegisters()
        block.append(contentsOf: text[position...cursor])
        position = cursor + 1
        state = .scriptTag
        return true
    }

    mutating func scanScriptTag() {
        if text[position...].starts(with: "</script>".utf8) {
            var end = position + 9
            if byte(at: end) == UInt8(ascii: "\n") { end += 1 }
            block.append(contentsOf: text[position..<end])
            registers.type = "ignore"
            position = end
            addBlock()
            state = .main
            return
        }
        block.append(text[position])
        position += 1
    }
}
