// Links (`"text(title)":url`, `["text":url]`, `"text":alias`) and images (`!src(alt)!:url`).

extension InlineScanner {
    /// Drops trailing punctuation from a link's URL, keeping a `)` that closes a `(` inside it.
    func trimmedURLEnd(_ url: Range<Int>) -> Int {
        var opens = 0
        var closes = 0
        for byte in text[url] {
            if byte == UInt8(ascii: "(") { opens += 1 } else if byte == UInt8(ascii: ")") { closes += 1 }
        }
        var end = url.upperBound
        while end > url.lowerBound {
            let last = text[end - 1]
            if last == UInt8(ascii: ")") {
                // Balanced when the bytes before this `)` hold exactly one more `(` than `)`.
                if opens - (closes - 1) == 1 { break }
                closes -= 1
                end -= 1
            } else if InlineBytes.isTrailingURLPunctuation(last) {
                if last == UInt8(ascii: "(") { opens -= 1 }
                end -= 1
            } else {
                break
            }
        }
        return end
    }

    /// A stored URL, replaced by its alias target when the document defines `[name]url`.
    func resolvedURL(_ range: Range<Int>) -> [UInt8]? {
        guard !range.isEmpty else { return nil }
        let url = Array(text[range])
        if !context.linkAliases.isEmpty, let target = context.linkAliases[String(decoding: url, as: UTF8.self)] {
            // An alias defined with an empty URL gives no URL at all: an image then gets no link.
            return target.isEmpty ? nil : Array(target.utf8)
        }
        return url
    }

    /// `"text":url` (or `["text":url]`); `insideQuotes` is the plain form allowed inside a quotation.
    func link(at position: Int, in segment: Range<Int>, bracketed: Bool, insideQuotes: Bool = false) -> InlineMatch? {
        let says = position + (bracketed ? 2 : 1)
        if bracketed, byte(position + 1, segment) != UInt8(ascii: "\"") { return nil }
        let key = OccurrenceKey(needle: Array("\":".utf8))
        guard let quote = index.next(key, from: says, limit: segment.upperBound),
            linkTextIsValid(says..<quote, allowQuotesAndTags: !insideQuotes)
        else { return nil }
        let urlStart = quote + 2
        if bracketed {
            guard let bracket = bracketAfterURI(from: urlStart, in: segment) else { return nil }
            let href = Array(text[urlStart..<bracket])
            return InlineMatch(end: bracket + 1, kind: .link(InlineLink(says: says..<quote, href: href)))
        }
        guard let (urlEnd, readPast) = uriEnd(from: urlStart, in: segment) else { return nil }
        if insideQuotes || readPast {
            return InlineMatch(end: urlEnd, kind: .link(InlineLink(says: says..<quote, href: nil)))
        }
        let trimmed = trimmedURLEnd(urlStart..<urlEnd)
        return InlineMatch(
            end: trimmed, kind: .link(InlineLink(says: says..<quote, href: resolvedURL(urlStart..<trimmed))),
            scannedEnd: urlEnd)
    }

    /// The `]` that closes `[…:url]`: the first one after a complete URI.
    func bracketAfterURI(from start: Int, in segment: Range<Int>) -> Int? {
        var validator = URIValidator()
        var cursor = start
        while cursor < segment.upperBound {
            if text[cursor] == UInt8(ascii: "]"), validator.isValid { return cursor }
            guard let next = uriStep(at: cursor, in: segment, into: &validator) else { return nil }
            cursor = next
        }
        return nil
    }

    /// The `]` closing `[!image!:url]`: the last one within the run of URI bytes after `start` that
    /// ends a complete URI (the grammar takes the longest match), and whether the URI bytes go on
    /// after it.
    func lastBracketInURI(from start: Int, in segment: Range<Int>) -> (bracket: Int, uriContinues: Bool)? {
        let runEnd = min(index.next(.urlBreak, from: start), segment.upperBound)
        guard let bracket = index.previous(OccurrenceKey(needle: [UInt8(ascii: "]")]), before: runEnd, from: start),
            bracket > start
        else { return nil }
        var validator = URIValidator()
        var cursor = start
        // Once the URI is valid with a safe byte in its first segment it stays valid, which keeps
        // this check short however long the run is.
        while cursor < bracket, !validator.staysValid {
            guard let next = uriStep(at: cursor, in: segment, into: &validator) else { return nil }
            cursor = next
        }
        guard validator.isValid else { return nil }
        let after = byte(bracket + 1, segment)
        return (bracket, after != 0 && (InlineBytes.isURIByte(after) || after == UInt8(ascii: "%")))
    }

    /// Whether `range` is acceptable link text: words without `"`, `<` or `>` except whole HTML tags,
    /// a fully quoted text, or words with inner `"quoted"` parts.
    private func linkTextIsValid(_ range: Range<Int>, allowQuotesAndTags: Bool) -> Bool {
        var start = range.lowerBound
        while start < range.upperBound, text[start] == UInt8(ascii: ".") { start += 1 }
        // The grammar's leading dots are optional and a dot is link text too: text made only of
        // dots is the dots themselves.
        if start == range.upperBound { return start > range.lowerBound }
        while start < range.upperBound, text[start] == 0x20 { start += 1 }
        guard start < range.upperBound, InlineBytes.isTextByte(text[range.upperBound - 1]) else { return false }
        let quote = UInt8(ascii: "\"")
        var cursor = start
        var quotes = 0
        var quoteOpen = false
        var quoteOpenedAtStart = false
        while cursor < range.upperBound {
            let byte = text[cursor]
            switch byte {
            case quote:
                guard allowQuotesAndTags else { return false }
                quotes += 1
                let before = cursor > start ? text[cursor - 1] : 0x20
                let after = cursor + 1 < range.upperBound ? text[cursor + 1] : 0x20
                if !quoteOpen {
                    // An inner quotation opens after a space (or starts a fully quoted text).
                    guard before == 0x20 || cursor == start, after != 0x20, after != quote else { return false }
                    quoteOpen = true
                    quoteOpenedAtStart = cursor == start
                } else {
                    // It closes before a space, or ends the text when it also started it: RedCloth
                    // reads no link from words ending in a quotation (`"S "a"":url`).
                    let endsText = cursor + 1 == range.upperBound
                    guard before != 0x20, endsText ? quoteOpenedAtStart : after == 0x20 else { return false }
                    quoteOpen = false
                }
                cursor += 1
            case UInt8(ascii: "<"):
                guard allowQuotesAndTags, quotes == 0, let tagEnd = htmlTagEnd(at: cursor, limit: range.upperBound) else {
                    return false
                }
                cursor = tagEnd
            case UInt8(ascii: ">"):
                return false
            case 0x0A:
                if cursor + 1 < range.upperBound, text[cursor + 1] == 0x0A { return false }
                cursor += 1
            default:
                if byte == 0 || byte == 0x0B || byte == 0x0C || byte == 0x0D { return false }
                cursor += 1
            }
        }
        return !quoteOpen
    }

    /// `!src(alt)!` with optional alignment, attributes and `:url` (or `[!src!:url]`).
    func image(at position: Int, in segment: Range<Int>, bracketed: Bool) -> InlineMatch? {
        var cursor = position + (bracketed ? 2 : 1)
        if bracketed, byte(position + 1, segment) != UInt8(ascii: "!") { return nil }
        let alignment = byte(cursor, segment)
        if alignment == UInt8(ascii: "<") || alignment == UInt8(ascii: "=") || alignment == UInt8(ascii: ">") {
            cursor += 1
        }
        var attributes: TextileAttributes?
        // Where the source may begin: before each attribute group, after the last one and after a
        // `. `. RedCloth's scanner marks the source's start at each of these it passes, so the source
        // starts at the last one before the closing `!`, whichever reading found that `!`.
        var entries = [cursor]
        if cursor < segment.upperBound,
            let parsed = TextileAttributes.parse(text[cursor..<segment.upperBound], at: cursor, form: .phrase)
        {
            attributes = parsed.0
            var groupStart = cursor
            while let groupEnd = TextileAttributes.groupEnd(text[cursor..<parsed.end], at: groupStart), groupEnd < parsed.end {
                entries.append(groupEnd)
                groupStart = groupEnd
            }
            cursor = parsed.end
            entries.append(cursor)
        }
        if byte(cursor, segment) == UInt8(ascii: "."), byte(cursor + 1, segment) == 0x20 {
            cursor += 2
            entries.append(cursor)
        }
        var closingBang: Int?
        for entry in entries {
            if let found = imageSourceEnd(from: entry, in: segment), found < (closingBang ?? Int.max) { closingBang = found }
        }
        let sourceStart = entries.last { $0 < (closingBang ?? 0) } ?? cursor
        guard let bang = closingBang else { return nil }
        let source = sourceStart..<bang
        var end = bang + 1
        var scannedEnd = end
        var href: [UInt8]?
        if byte(bang + 1, segment) == UInt8(ascii: ":") {
            let urlStart = bang + 2
            if let (urlEnd, readPast) = uriEnd(from: urlStart, in: segment) {
                if bracketed {
                    guard let (bracket, uriContinues) = lastBracketInURI(from: urlStart, in: segment) else { return nil }
                    href = resolvedURL(urlStart..<trimmedURLEnd(urlStart..<bracket))
                    // Where the URI could go on past the `]`, RedCloth's scanner read on, failed and
                    // came back to the `]` itself, which is then read again as text; the image's
                    // attributes are lost on the way.
                    if uriContinues { attributes = nil }
                    return InlineMatch(
                        end: uriContinues ? bracket : bracket + 1,
                        kind: .image(InlineImage(attributes: attributes, source: source, href: href)),
                        scannedEnd: bracket + 1)
                }
                if readPast {
                    // The scanner never left the URL, so the image's attributes were never applied.
                    attributes = nil
                    end = urlEnd
                } else {
                    let trimmed = trimmedURLEnd(urlStart..<urlEnd)
                    href = resolvedURL(urlStart..<trimmed)
                    end = trimmed
                }
                scannedEnd = urlEnd
            } else if !bracketed {
                // A `:` with no URL after it: the scanner went into the link's URL and found none,
                // and the image's attributes were lost on the way (`!(c)x.png!:` has no class).
                attributes = nil
            }
        }
        if bracketed {
            guard byte(end, segment) == UInt8(ascii: "]") else { return nil }
            end += 1
            scannedEnd = end
        }
        return InlineMatch(
            end: end, kind: .image(InlineImage(attributes: attributes, source: source, href: href)),
            scannedEnd: scannedEnd)
    }

    /// The `!` closing an image source that starts at `start`: the first `!` after a complete URI,
    /// which may end in a parenthesised title; a title with spaces follows the URI as `(words)!`.
    ///
    /// Found with position lookups rather than a scan, so that a long run of `!` stays linear.
    private func imageSourceEnd(from start: Int, in segment: Range<Int>) -> Int? {
        guard start < segment.upperBound, InlineBytes.isTextByte(text[start]) else { return nil }
        let runEnd = min(index.next(.urlBreak, from: start), segment.upperBound)
        let bang = OccurrenceKey(needle: [UInt8(ascii: "!")])
        let paren = OccurrenceKey(needle: [UInt8(ascii: "(")])
        // The first position from which the URI is complete: right away for `#fragment` and `/path`,
        // else once the first path segment has held a letter, digit or `$-_.`.
        var validFrom: Int?
        let first = text[start]
        if first == UInt8(ascii: "#") {
            validFrom = start + 1
            let fragmentEnd = min(index.next(.pathBreak, from: start), runEnd)
            if let found = index.next(bang, from: start + 1, limit: fragmentEnd) { return found }
        } else {
            var pathStart = start
            if first == UInt8(ascii: "/") {
                if byte(start + 1, segment) == UInt8(ascii: "!") { return start + 1 }
                while pathStart < runEnd, text[pathStart] == UInt8(ascii: "/") { pathStart += 1 }
            }
            let safe = index.next(.urlSafe, from: pathStart)
            if safe < min(index.next(.pathBreak, from: pathStart), runEnd) { validFrom = safe + 1 }
        }
        guard let validFrom else { return nil }
        if let found = index.next(bang, from: max(validFrom, start + 1), limit: runEnd) { return found }
        // A title with spaces: `(` after a complete URI, words, then `)!`.
        guard runEnd < segment.upperBound,
            let open = index.previous(paren, before: runEnd, from: validFrom),
            InlineBytes.isTextByte(byte(open + 1, segment))
        else { return nil }
        let limit = min(segment.upperBound, index.nextBarrier(from: open))
        let key = OccurrenceKey(needle: Array(")!".utf8), afterText: true)
        guard let close = index.next(key, from: open + 2, limit: limit) else { return nil }
        return close + 1
    }
}
