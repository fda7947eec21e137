// Phrase modifiers (`*strong*`, `_em_`, `-del-`, `^sup^`, `@code@`, `==raw==` …) and quotes.

extension InlineScanner {
    /// Finds the text of a phrase whose words start at `start` and its closer.
    ///
    /// Without `finishGuarded` the first closer byte that follows a non-space byte commits the
    /// phrase, so a closer that does not continue as written fails it (RedCloth's `:>`); with it,
    /// the first complete closer after a non-space byte ends the phrase (RedCloth's `:>>`).
    func delimitedText(from start: Int, closer: [UInt8], finishGuarded: Bool = false, in segment: Range<Int>)
        -> (content: Range<Int>, end: Int)?
    {
        guard start < segment.upperBound, InlineBytes.isTextByte(text[start]) else { return nil }
        let limit = min(segment.upperBound, index.nextBarrier(from: start))
        let key = OccurrenceKey(needle: finishGuarded ? closer : [closer[0]], afterText: true)
        guard let closerAt = index.next(key, from: start + 1, limit: limit),
            closerAt + closer.count <= segment.upperBound
        else { return nil }
        if !finishGuarded, !text[closerAt..<(closerAt + closer.count)].elementsEqual(closer) { return nil }
        return (start..<closerAt, closerAt + closer.count)
    }

    /// Whether `bytes` are written at `position` inside `segment`.
    func hasPrefix(_ bytes: String, at position: Int, in segment: Range<Int>) -> Bool {
        var cursor = position
        for byte in bytes.utf8 {
            guard cursor < segment.upperBound, text[cursor] == byte else { return false }
            cursor += 1
        }
        return true
    }

    /// `*strong*`, `**b**`, `_em_`, `__i__`, `+ins+`, `??cite??`, each optionally inside `[` `]`.
    func phrase(_ kind: InlineMatch.Phrase, marker: String, at position: Int, markerAt: Int, in segment: Range<Int>)
        -> InlineMatch?
    {
        guard hasPrefix(marker, at: markerAt, in: segment) else { return nil }
        if kind == .strong, markerAt == position, let match = tripleStar(at: position, in: segment) { return match }
        guard let found = delimitedText(from: markerAt + marker.utf8.count, closer: Array(marker.utf8), in: segment)
        else { return nil }
        let end = byte(found.end, segment) == UInt8(ascii: "]") ? found.end + 1 : found.end
        var content = found.content
        // RedCloth's scanner shares one text register between `*` and `**`: when `**text*` ends up
        // strong, the register was last set where `**`'s text would begin, one byte later.
        if kind == .strong, content.count > 1, text[content.lowerBound] == UInt8(ascii: "*"),
            InlineBytes.isTextByte(text[content.lowerBound + 1])
        {
            content = (content.lowerBound + 1)..<content.upperBound
        }
        return InlineMatch(end: end, kind: .phrase(kind, content: content, leadingSpace: false))
    }

    /// `***` before a space or punctuation: RedCloth's scanner ends the token after the three stars
    /// but its text register holds what runs from the third star to the next closing `*`.
    private func tripleStar(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        guard hasPrefix("***", at: position, in: segment) else { return nil }
        let after = byte(position + 3, segment)
        guard after != 0, !InlineBytes.isPhraseByte(after),
            let found = delimitedText(from: position + 2, closer: [UInt8(ascii: "*")], in: segment)
        else { return nil }
        return InlineMatch(
            end: position + 3, kind: .phrase(.strong, content: found.content, leadingSpace: false), scannedEnd: found.end)
    }

    /// `[-del-]`, `[^sup^]`, `[~sub~]`, `[%span%]`: the bracketed forms that work inside words.
    func bracketedPhrase(_ kind: InlineMatch.Phrase, marker: UInt8, at position: Int, in segment: Range<Int>)
        -> InlineMatch?
    {
        guard let found = delimitedText(
            from: position + 2, closer: [marker, UInt8(ascii: "]")], finishGuarded: kind == .deleted, in: segment)
        else { return nil }
        return InlineMatch(end: found.end, kind: .phrase(kind, content: found.content, leadingSpace: false))
    }

    /// Whether a phrase may open at `position`: at the start of the text or after a space or line break.
    func startsPhrase(_ position: Int, in segment: Range<Int>) -> Bool {
        if position == segment.lowerBound { return true }
        let before = text[position - 1]
        return before == 0x20 || before == 0x0A || before == 0x0D || before == 0x0C
    }

    /// Whether `position` starts a line of the text.
    func startsLine(_ position: Int, in segment: Range<Int>) -> Bool {
        if position == segment.lowerBound { return true }
        let before = text[position - 1]
        return before == 0x0A || before == 0x0D || before == 0x0C
    }

    /// Finds the closer of a phrase that must be followed by a space, punctuation or the end.
    private func spacedCloser(marker: UInt8, from start: Int, in segment: Range<Int>) -> Int? {
        guard start < segment.upperBound, InlineBytes.isTextByte(text[start]) else { return nil }
        let limit = min(segment.upperBound, index.nextBarrier(from: start))
        let key = OccurrenceKey(needle: [marker], afterText: true, beforePhraseEnd: true)
        if let found = index.next(key, from: start + 1, limit: limit), found + 1 < segment.upperBound {
            return found
        }
        // At the end of the text the closer needs nothing after it.
        let last = segment.upperBound - 1
        if last >= start + 1, last < limit, text[last] == marker, InlineBytes.isTextByte(text[last - 1]) {
            return last
        }
        return nil
    }

    /// `^sup^`, `~sub~` and `%span%` written between spaces.
    func spacedPhrase(_ kind: InlineMatch.Phrase, marker: UInt8, at position: Int, in segment: Range<Int>) -> InlineMatch? {
        guard startsPhrase(position, in: segment),
            let closer = spacedCloser(marker: marker, from: position + 1, in: segment)
        else { return nil }
        return InlineMatch(end: closer + 1, kind: .phrase(kind, content: (position + 1)..<closer, leadingSpace: false))
    }

    /// ` -deleted-` after a space (which it keeps) or at the start of a line.
    func deletedPhrase(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        let leadingSpace = text[position] == 0x20
        if leadingSpace {
            guard byte(position + 1, segment) == UInt8(ascii: "-") else { return nil }
        } else if !startsLine(position, in: segment) {
            return nil
        }
        let start = position + (leadingSpace ? 2 : 1)
        guard let closer = spacedCloser(marker: UInt8(ascii: "-"), from: start, in: segment) else { return nil }
        // ` -- aside -- ` is a pair of dashes, not a deletion, when exactly one space separates
        // each pair from the words between them.
        if leadingSpace, byte(start, segment) == UInt8(ascii: "-"), byte(start + 1, segment) == 0x20,
            InlineBytes.isTextByte(byte(start + 2, segment)),
            closer >= start + 5, text[closer - 1] == UInt8(ascii: "-"), text[closer - 2] == 0x20,
            InlineBytes.isTextByte(text[closer - 3]), byte(closer + 1, segment) == 0x20
        {
            return nil
        }
        return InlineMatch(end: closer + 1, kind: .phrase(.deleted, content: start..<closer, leadingSpace: leadingSpace))
    }

    /// `@code@`, or `[@code@]` whose text may hold anything up to the first `@]`.
    func code(at position: Int, markerAt: Int, in segment: Range<Int>) -> InlineMatch? {
        if markerAt > position {
            let key = OccurrenceKey(needle: Array("@]".utf8))
            guard let close = index.next(key, from: markerAt + 2, limit: segment.upperBound),
                close + 2 <= segment.upperBound
            else { return nil }
            return InlineMatch(end: close + 2, kind: .code(content: (markerAt + 1)..<close))
        }
        guard let found = delimitedText(from: markerAt + 1, closer: [UInt8(ascii: "@")], in: segment) else { return nil }
        return InlineMatch(end: found.end, kind: .code(content: found.content))
    }

    /// `_em_` and `__i__`: words joined by single underscores. Emphasis runs to the last underscore
    /// that can close it; italics stop at the first `__`.
    func underscorePhrase(_ kind: InlineMatch.Phrase, at position: Int, markerAt: Int, in segment: Range<Int>)
        -> InlineMatch?
    {
        let underscore = UInt8(ascii: "_")
        guard byte(markerAt, segment) == underscore else { return nil }
        let start: Int
        let closer: Int?
        if kind == .italic {
            guard byte(markerAt + 1, segment) == underscore else { return nil }
            start = markerAt + 2
            closer = index.underscoreChains.italicCloser(opener: markerAt + 1, limit: segment.upperBound)
        } else {
            start = markerAt + 1
            closer = index.underscoreChains.emphasisCloser(opener: markerAt, limit: segment.upperBound)
        }
        guard let closer, closer > start else { return nil }
        var matchEnd = closer + (kind == .italic ? 2 : 1)
        if byte(matchEnd, segment) == UInt8(ascii: "]") { matchEnd += 1 }
        return InlineMatch(end: matchEnd, kind: .phrase(kind, content: start..<closer, leadingSpace: false))
    }

    /// `??cite??`: closed by the first `??` after text; a third `?` belongs to the text.
    func citation(at position: Int, markerAt: Int, in segment: Range<Int>) -> InlineMatch? {
        guard hasPrefix("??", at: markerAt, in: segment),
            let found = delimitedText(from: markerAt + 2, closer: Array("??".utf8), finishGuarded: true, in: segment)
        else { return nil }
        var content = found.content
        var end = found.end
        if byte(end, segment) == UInt8(ascii: "?") {
            content = content.lowerBound..<(content.upperBound + 1)
            end += 1
        }
        if byte(end, segment) == UInt8(ascii: "]") { end += 1 }
        return InlineMatch(end: end, kind: .phrase(.citation, content: content, leadingSpace: false))
    }

    /// `==text==`: passed through without any formatting.
    func passThrough(at position: Int, markerAt: Int, in segment: Range<Int>) -> InlineMatch? {
        guard hasPrefix("==", at: markerAt, in: segment),
            let found = delimitedText(from: markerAt + 2, closer: Array("==".utf8), in: segment)
        else { return nil }
        let end = byte(found.end, segment) == UInt8(ascii: "]") ? found.end + 1 : found.end
        return InlineMatch(end: end, kind: .passThrough(content: found.content))
    }

    /// ```` ```text``` ````.
    func snippet(at position: Int, markerAt: Int, in segment: Range<Int>) -> InlineMatch? {
        guard hasPrefix("```", at: markerAt, in: segment),
            let found = delimitedText(from: markerAt + 3, closer: Array("```".utf8), in: segment)
        else { return nil }
        let end = byte(found.end, segment) == UInt8(ascii: "]") ? found.end + 1 : found.end
        return InlineMatch(end: end, kind: .snippet(content: found.content))
    }

    /// `'quoted'`.
    func singleQuote(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        guard let found = delimitedText(from: position + 1, closer: [UInt8(ascii: "'")], in: segment) else { return nil }
        // A quote ending in `<tag attr=` quotes an attribute; RedCloth's text register then ends at the tag.
        let contentEnd = tagUpToAttributeQuote(found.content.lowerBound, found.content.upperBound) ?? found.content.upperBound
        return InlineMatch(end: found.end, kind: .singleQuoted(content: found.content.lowerBound..<contentEnd))
    }

    /// `"quoted"`: words without `"` (or whole links), closed by the first `"` after a word.
    func doubleQuote(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        let quote = UInt8(ascii: "\"")
        let end = segment.upperBound
        var cursor = position + 1
        if cursor < end, InlineBytes.isPhraseSpace(text[cursor]) {
            // No quotation starts with a space, but RedCloth's scanner still reads on from such a
            // quote, over words without a `"`, into a tag left open at the end, and loses it all.
            return quotedTagRunningToEnd(from: position, in: segment)
        }
        while true {
            // A word: either a whole link, or bytes up to a space or a quote.
            if cursor >= end { return quotedTagRunningToEnd(from: position, in: segment) }
            guard InlineBytes.isTextByte(text[cursor]) else { return nil }
            if text[cursor] == quote {
                guard let embedded = link(at: cursor, in: segment, bracketed: false, insideQuotes: true) else { return nil }
                cursor = embedded.scannedEnd
            } else {
                while cursor < end, InlineBytes.isTextByte(text[cursor]), text[cursor] != quote { cursor += 1 }
            }
            if cursor >= end { return quotedTagRunningToEnd(from: position, in: segment) }
            let next = text[cursor]
            if next == quote {
                // Text directly followed by `<tag attr=` is no quotation; after a space or nothing, RedCloth
                // quotes it but its text register ends at the tag.
                var contentEnd = cursor
                if let tag = tagUpToAttributeQuote(position + 1, cursor) {
                    if case .runsToEnd = scanHTMLTag(at: tag, limit: end) {
                        return InlineMatch(end: end, kind: .droppedToEnd)
                    }
                    if tag > position + 1, InlineBytes.isTextByte(text[tag - 1]) { return nil }
                    contentEnd = tag
                }
                return InlineMatch(end: cursor + 1, kind: .doubleQuoted(content: (position + 1)..<contentEnd))
            }
            guard InlineBytes.isPhraseSpace(next) else { return nil }
            var newlines = 0
            while cursor < end, InlineBytes.isPhraseSpace(text[cursor]) {
                if text[cursor] == 0x0A {
                    newlines += 1
                    if newlines > 1, text[cursor - 1] == 0x0A { return nil }
                }
                cursor += 1
            }
        }
    }

    /// A quotation's words that reach the end of the text inside a tag left open: RedCloth's scanner
    /// reads on from the quote to the end of the text, and everything from the quote is lost.
    private func quotedTagRunningToEnd(from position: Int, in segment: Range<Int>) -> InlineMatch? {
        guard let tag = index.previous(OccurrenceKey(needle: [UInt8(ascii: "<")]), before: segment.upperBound, from: position + 1),
            case .runsToEnd = scanHTMLTag(at: tag, limit: segment.upperBound)
        else { return nil }
        // A `<` among the words that starts no whole tag keeps the quotation (`"< <a f=`, `"x <<a f=`).
        // The words were read to get here, so this look over them adds no more than their length.
        var angle = position + 1
        while let next = index.next(OccurrenceKey(needle: [UInt8(ascii: "<")]), from: angle, limit: tag) {
            guard case let .tag(end) = scanHTMLTag(at: next, limit: segment.upperBound) else { return nil }
            angle = end
        }
        // A `"` among the words (a link inside the quotation, or none at all) keeps them too.
        if index.next(OccurrenceKey(needle: [UInt8(ascii: "\"")]), from: position + 1, limit: tag) != nil {
            return nil
        }
        return InlineMatch(end: segment.upperBound, kind: .droppedToEnd)
    }

    /// Where `<name attr=` starts when `start..<end` ends with it (the quote that follows opens an
    /// attribute value, not a quotation).
    private func tagUpToAttributeQuote(_ start: Int, _ end: Int) -> Int? {
        var cursor = end - 1
        while cursor >= start, text[cursor] == 0x20 { cursor -= 1 }
        guard cursor >= start, text[cursor] == UInt8(ascii: "=") else { return nil }
        cursor -= 1
        while cursor >= start, InlineBytes.isSpace(text[cursor]) { cursor -= 1 }
        let attributeEnd = cursor
        while cursor >= start, InlineBytes.isNameByte(text[cursor]) { cursor -= 1 }
        guard cursor < attributeEnd, cursor >= start, InlineBytes.isSpace(text[cursor]) else { return nil }
        while cursor >= start, InlineBytes.isSpace(text[cursor]) { cursor -= 1 }
        let nameEnd = cursor
        while cursor >= start, InlineBytes.isNameByte(text[cursor]) { cursor -= 1 }
        guard cursor < nameEnd, cursor >= start, text[cursor] == UInt8(ascii: "<"),
            InlineBytes.isNameStartByte(text[cursor + 1])
        else { return nil }
        return cursor
    }

    /// A `"` at the start of a line opening a quotation that continues in a later paragraph.
    func openQuote(at position: Int, in segment: Range<Int>) -> InlineMatch? {
        guard startsLine(position, in: segment) else { return nil }
        var cursor = position + 1
        while cursor < segment.upperBound, InlineBytes.isTextByte(text[cursor]), text[cursor] != UInt8(ascii: "\"") {
            cursor += 1
        }
        guard cursor > position + 1 else { return nil }
        return InlineMatch(end: cursor, kind: .openQuote(content: (position + 1)..<cursor))
    }
}
