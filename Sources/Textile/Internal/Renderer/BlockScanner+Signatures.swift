/// A block signature such as `h2(intro).` or `bq..:http://source`, as read at the start of a block.
struct BlockSignature {
    var start: Int
    var type: String
    var attributes: TextileAttributes
    var isExtended: Bool
    var cite: [UInt8]?
    var footnoteNumber: String?
    /// Just past the signature and the spaces that belong to it.
    var end: Int
}

extension BlockScanner {
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    func byte(at index: Int) -> UInt8? {
        index < text.count ? text[index] : nil
    }

    /// Reads `type attributes .[.] ` at `start`; nil when the bytes are not a signature.
    func matchSignature(at start: Int) -> BlockSignature? {
        guard let first = byte(at: start), Self.isLetter(first) else { return nil }
        var cursor = start + 1
        while let next = byte(at: cursor), Self.isLetter(next) || Self.isDigit(next) { cursor += 1 }
        let word = String(decoding: text[start..<cursor], as: UTF8.self)
        var type = word
        var footnoteNumber: String?
        if word.hasPrefix("fn"), word.count > 2, word.utf8.dropFirst(2).allSatisfy(Self.isDigit) {
            type = "fn"
            footnoteNumber = String(word.dropFirst(2))
        } else if word == "table" {
            return nil
        }
        var attributes = TextileAttributes()
        if let parsed = TextileAttributes.parse(text[...], at: cursor, form: .block) {
            attributes = parsed.0
            cursor = parsed.end
        }
        guard byte(at: cursor) == UInt8(ascii: ".") else { return nil }
        cursor += 1
        if footnoteNumber != nil {
            while byte(at: cursor) == UInt8(ascii: " ") { cursor += 1 }
            // The number is stored where an `(#id)` goes, so an id written in the signature wins.
            if attributes.id == nil { attributes.id = footnoteNumber }
            return BlockSignature(start: start, type: type, attributes: attributes, isExtended: false,
                                  footnoteNumber: footnoteNumber, end: cursor)
        }
        var isExtended = false
        if byte(at: cursor) == UInt8(ascii: ".") {
            isExtended = true
            cursor += 1
        }
        var cite: [UInt8]?
        if type == "bq", byte(at: cursor) == UInt8(ascii: ":") {
            let uriStart = cursor + 1
            let uriEnd = uriEnd(from: uriStart)
            if uriEnd > uriStart {
                cite = Array(text[uriStart..<uriEnd])
                cursor = uriEnd
            }
        }
        guard byte(at: cursor) == UInt8(ascii: " ") else { return nil }
        cursor += 1
        if type != "bc" && type != "pre" {
            while byte(at: cursor) == UInt8(ascii: " ") { cursor += 1 }
        }
        return BlockSignature(start: start, type: type, attributes: attributes, isExtended: isExtended,
                              cite: cite, footnoteNumber: footnoteNumber, end: cursor)
    }

    /// The end of a URI starting at `start`: a run of bytes RedCloth's URI grammar accepts.
    func uriEnd(from start: Int) -> Int {
        var cursor = start
        while let next = byte(at: cursor) {
            if next <= 0x20 || next == 0x7F || next == UInt8(ascii: "\"") || next == UInt8(ascii: "<")
                || next == UInt8(ascii: ">")
            {
                break
            }
            cursor += 1
        }
        return cursor
    }

    /// `RedCloth::VERSION` alone in a block, optionally after `RedCloth version ` or `RedCloth::Version: `:
    /// RedCloth answers with its version number. Returns where the prefix ends and where the block ends.
    func matchVersionLine(at start: Int) -> (prefixEnd: Int, end: Int)? {
        let marker = Array("RedCloth::VERSION".utf8)
        var cursor = start
        if !text[cursor...].starts(with: marker) {
            guard text[cursor...].starts(with: "RedCloth".utf8) else { return nil }
            cursor += 8
            if text[cursor...].starts(with: "::".utf8) { cursor += 2 } else if byte(at: cursor) == UInt8(ascii: " ") {
                cursor += 1
            } else {
                return nil
            }
            guard cursor + 7 <= text.count,
                String(decoding: text[cursor..<(cursor + 7)], as: UTF8.self).uppercased() == "VERSION"
            else { return nil }
            cursor += 7
            if byte(at: cursor) == UInt8(ascii: ":") { cursor += 1 }
            guard byte(at: cursor) == UInt8(ascii: " ") else { return nil }
            cursor += 1
            guard text[cursor...].starts(with: marker) else { return nil }
        }
        let prefixEnd = cursor
        cursor += marker.count
        var end = cursor
        while byte(at: end) == UInt8(ascii: "\n") { end += 1 }
        if end == text.count { return (prefixEnd, end) }
        if let returnEnd = matchDoubleReturn(at: cursor) { return (prefixEnd, returnEnd) }
        return nil
    }

    /// `\n[ \t]*\n\n*` at `start`; returns its end.
    func matchDoubleReturn(at start: Int) -> Int? {
        guard byte(at: start) == UInt8(ascii: "\n") else { return nil }
        var cursor = start + 1
        while let next = byte(at: cursor), next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") { cursor += 1 }
        guard byte(at: cursor) == UInt8(ascii: "\n") else { return nil }
        cursor += 1
        while byte(at: cursor) == UInt8(ascii: "\n") { cursor += 1 }
        return cursor
    }

    /// Whether a block signature of any type (`word attributes .+ `) starts at `start`.
    func matchNextBlockStart(at start: Int) -> Bool {
        guard let first = byte(at: start), Self.isLetter(first) else { return false }
        var cursor = start + 1
        while let next = byte(at: cursor), Self.isLetter(next) || Self.isDigit(next) { cursor += 1 }
        let word = text[start..<cursor]
        if word.count > 2, word.first == UInt8(ascii: "f"), word.dropFirst().first == UInt8(ascii: "n"),
            word.dropFirst(2).allSatisfy(Self.isDigit)
        {
            return false
        }
        if let parsed = TextileAttributes.parse(text[...], at: cursor, form: .block) { cursor = parsed.end }
        // This lookahead's grammar also takes an empty `()` for a class group, which a signature
        // read for real does not.
        while byte(at: cursor) == UInt8(ascii: "("), byte(at: cursor + 1) == UInt8(ascii: ")") {
            cursor += 2
            if let parsed = TextileAttributes.parse(text[...], at: cursor, form: .phrase) { cursor = parsed.end }
        }
        guard byte(at: cursor) == UInt8(ascii: ".") else { return false }
        while byte(at: cursor) == UInt8(ascii: ".") { cursor += 1 }
        return byte(at: cursor) == UInt8(ascii: " ")
    }

    /// `***`, `---` or `___` (three or more); returns the end of the run.
    func matchHorizontalRule(at start: Int) -> Int? {
        guard let first = byte(at: start),
            first == UInt8(ascii: "*") || first == UInt8(ascii: "-") || first == UInt8(ascii: "_")
        else { return nil }
        var cursor = start
        while byte(at: cursor) == first { cursor += 1 }
        return cursor - start >= 3 ? cursor : nil
    }

    /// `- term := definition`: a dash, spaces, a term, then `:=` within the same paragraph.
    func matchDefinitionListStart(at start: Int) -> Bool {
        guard byte(at: start) == UInt8(ascii: "-"), byte(at: start + 1) == UInt8(ascii: " ") else { return false }
        var cursor = start + 1
        while byte(at: cursor) == UInt8(ascii: " ") { cursor += 1 }
        guard let first = byte(at: cursor), !ByteText.isStripSpace(first) else { return false }
        let termStart = cursor
        cursor += 1
        while let next = byte(at: cursor) {
            if next == UInt8(ascii: ":"), byte(at: cursor + 1) == UInt8(ascii: "=") {
                // Only spaces may separate the term from `:=`.
                var before = cursor - 1
                while before > termStart, text[before] == UInt8(ascii: " ") { before -= 1 }
                if !ByteText.isStripSpace(text[before]) { return true }
            }
            if next == UInt8(ascii: "\n"), byte(at: cursor + 1) == UInt8(ascii: "\n") { return false }
            if next == 0 { return false }
            cursor += 1
        }
        return false
    }

    /// `[name]url` — a link alias line.
    func matchLinkAlias(at start: Int) -> (name: String, url: String, end: Int)? {
        // The name is one or more non-space bytes, `]` included, so any `]` after the first of them
        // may end it; the split giving the longest URI wins.
        var runEnd = start + 1
        while let next = byte(at: runEnd), !ByteText.isStripSpace(next) { runEnd += 1 }
        var best: (separator: Int, end: Int)?
        // No URI reaches past the first byte that cannot be in one.
        var reachable = runEnd
        var separator = runEnd - 1
        while separator >= start + 2 {
            if separator + 1 < runEnd, !InlineBytes.isURIByte(text[separator + 1]), text[separator + 1] != UInt8(ascii: "%") {
                reachable = separator + 1
            }
            if text[separator] == UInt8(ascii: "]"), let end = longestURIEnd(from: separator + 1), end > (best?.end ?? -1) {
                best = (separator, end)
                if end == reachable { break }
            }
            separator -= 1
        }
        guard let best else { return nil }
        let name = String(decoding: text[(start + 1)..<best.separator], as: UTF8.self)
        // RedCloth marks the URL's start after every `]` its scanner passes with a URL byte next,
        // so the URL starts after the last of them.
        var urlStart = best.separator + 1
        var bracket = best.end - 2
        while bracket > best.separator {
            if text[bracket] == UInt8(ascii: "]") {
                urlStart = bracket + 1
                break
            }
            bracket -= 1
        }
        // A URL ended by a byte other than whitespace leaves RedCloth's scanner with an empty URL
        // register and past the URL, trailing punctuation included.
        if let next = byte(at: best.end), next != 0, next != UInt8(ascii: " "), next != UInt8(ascii: "\t"),
            next != UInt8(ascii: "\n")
        {
            return (name, "", best.end)
        }
        // Trailing punctuation is not part of the URL; it is read again as text.
        let urlEnd = Self.trimmedURLEnd(text, start: urlStart, end: best.end)
        return (name, String(decoding: text[urlStart..<urlEnd], as: UTF8.self), urlEnd)
    }

    /// The end of the longest URI in the sense of RedCloth's grammar starting at `start`, if any.
    func longestURIEnd(from start: Int) -> Int? {
        var validator = URIValidator()
        var cursor = start
        var longest: Int?
        while cursor < text.count {
            let next = text[cursor]
            if InlineBytes.isURIByte(next) {
                validator.feed(next)
                cursor += 1
            } else if next == UInt8(ascii: "%"), cursor + 2 < text.count, InlineBytes.isHexDigit(text[cursor + 1]),
                InlineBytes.isHexDigit(text[cursor + 2])
            {
                validator.feed(next, escape: true)
                cursor += 3
            } else {
                break
            }
            guard validator.isViable else { break }
            if validator.isValid { longest = cursor }
        }
        return longest
    }

    /// Drops trailing punctuation from a URL as RedCloth does, keeping a `)` that closes an earlier `(`.
    static func trimmedURLEnd(_ text: [UInt8], start: Int, end: Int) -> Int {
        var end = end
        // Parenthesis balance of text[start..<end-1], kept up to date as `end` moves left.
        var balance: Int?
        while end > start {
            let last = text[end - 1]
            if last == UInt8(ascii: ")") {
                if balance == nil {
                    var count = 0
                    for byte in text[start..<(end - 1)] {
                        if byte == UInt8(ascii: "(") { count += 1 } else if byte == UInt8(ascii: ")") { count -= 1 }
                    }
                    balance = count
                }
                if balance == 1 { break }
            } else if !"!\"#$%][&'*+,-.(:;=?@\\^_`|~".utf8.contains(last) {
                break
            }
            end -= 1
            if var known = balance, end > start {
                // text[end - 1] leaves the counted range.
                let leaving = text[end - 1]
                if leaving == UInt8(ascii: "(") { known -= 1 } else if leaving == UInt8(ascii: ")") { known += 1 }
                balance = known
            }
        }
        return end
    }
}
