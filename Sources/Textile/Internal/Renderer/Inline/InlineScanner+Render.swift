// Rendering of recognised constructs, following RedCloth's HTML formatter byte for byte.

extension InlineScanner {
    /// Appends the HTML for `match` up to its inner text; returns the inner text still to be rendered
    /// and what to append after it (rendered by the caller, so that nesting needs no recursion).
    func emit(_ match: InlineMatch, in segment: Range<Int>, into result: inout [UInt8]) -> InlineNesting? {
        switch match.kind {
        case .phrase(let phrase, let content, let leadingSpace):
            if leadingSpace { result.append(0x20) }
            var (attributes, inner) = phraseAttributes(content)
            if phrase == .deleted {
                // A deletion's attributes are taken off its text but, in RedCloth 4.3, never rendered.
                attributes = nil
                // Its grammar reads the groups before the text, so groups filling the whole
                // content leave the text empty (the closer is where the text would begin).
                if let (_, end) = TextileAttributes.parse(text[content], at: content.lowerBound, form: .phrase),
                    end == content.upperBound
                {
                    inner = content.upperBound..<content.upperBound
                }
            }
            openTag(phrase.tag, attributes, into: &result)
            return InlineNesting(inner: inner, suffix: "</\(phrase.tag)>")
        case .code(let content):
            openTag("code", nil, into: &result)
            InlineEscaping.appendPreformatted(text[content], to: &result)
            result.append(contentsOf: "</code>".utf8)
        case .passThrough(let content):
            result.append(contentsOf: text[content])
        case .snippet(let content):
            result.append(contentsOf: "<pre><code>".utf8)
            return InlineNesting(inner: content, suffix: "</code></pre>\n")
        case .singleQuoted(let content):
            result.append(contentsOf: "&#8216;".utf8)
            return InlineNesting(inner: content, suffix: "&#8217;")
        case .doubleQuoted(let content):
            result.append(contentsOf: "&#8220;".utf8)
            return InlineNesting(inner: content, suffix: "&#8221;")
        case .openQuote(let content):
            result.append(contentsOf: "&#8220;".utf8)
            return InlineNesting(inner: content, suffix: "")
        case .link(let link):
            return emitLink(link, into: &result)
        case .image(let image):
            emitImage(image, into: &result)
        case .glyph(let replacement):
            result.append(contentsOf: replacement.utf8)
        case .ellipsis(let leadingSpace):
            result.append(contentsOf: (leadingSpace ? " &#8230;" : "&#8230;").utf8)
        case .capitals(let letters):
            appendCapitals(letters, into: &result)
        case .acronym(let letters, let title):
            result.append(contentsOf: "<acronym title=\"".utf8)
            InlineEscaping.appendAttribute(text[title], to: &result)
            result.append(contentsOf: "\">".utf8)
            if context.options.contains(.noSpanCaps) {
                result.append(contentsOf: text[letters])
            } else {
                result.append(contentsOf: "<span class=\"caps\">".utf8)
                result.append(contentsOf: text[letters])
                result.append(contentsOf: "</span>".utf8)
            }
            result.append(contentsOf: "</acronym>".utf8)
        case .dimension(let range):
            for byte in text[range] {
                switch byte {
                case UInt8(ascii: "x"): result.append(contentsOf: "&#215;".utf8)
                case UInt8(ascii: "'"): result.append(contentsOf: "&#8242;".utf8)
                case UInt8(ascii: "\""): result.append(contentsOf: "&#8243;".utf8)
                default: result.append(byte)
                }
            }
        case .footnoteReference(let number):
            result.append(contentsOf: "<sup class=\"footnote\" id=\"fnr".utf8)
            result.append(contentsOf: text[number])
            result.append(contentsOf: "\"><a href=\"#fn".utf8)
            result.append(contentsOf: text[number])
            result.append(contentsOf: "\">".utf8)
            result.append(contentsOf: text[number])
            result.append(contentsOf: "</a></sup>".utf8)
        case .entity(let range):
            result.append(contentsOf: text[range])
        case .html(let range), .notextile(let range):
            if context.options.contains(.filterHTML) {
                InlineEscaping.appendPreformatted(text[range], to: &result)
            } else {
                result.append(contentsOf: text[range])
            }
        case .codeTag(let open, let content, let close):
            result.append(contentsOf: text[open])
            InlineEscaping.appendPreformatted(text[content], to: &result)
            if let close { result.append(contentsOf: text[close]) }
        case .version:
            result.append(contentsOf: "4.3.2".utf8)
        case .droppedToEnd:
            break
        }
        return nil
    }

    /// Splits `(class#id){style}[lang]` off the front of a phrase's text; attributes count only
    /// when text follows them directly.
    func phraseAttributes(_ content: Range<Int>) -> (TextileAttributes?, Range<Int>) {
        guard let (attributes, textStart) = leadingAttributes(content, skippingDotsAndSpaces: false) else {
            return (nil, content)
        }
        return (attributes, textStart..<content.upperBound)
    }

    /// Attribute groups at the start of `range` and where the text after them starts.
    ///
    /// When the groups leave no text (or only text starting with a space), RedCloth's scanner gives
    /// the last group back to the text but keeps the values every group set.
    func leadingAttributes(_ range: Range<Int>, skippingDotsAndSpaces: Bool) -> (TextileAttributes, Int)? {
        guard let (attributes, end) = TextileAttributes.parse(text[range], at: range.lowerBound, form: .phrase) else {
            return nil
        }
        func textStart(after groupsEnd: Int) -> Int? {
            var cursor = groupsEnd
            if skippingDotsAndSpaces {
                while cursor < range.upperBound, text[cursor] == UInt8(ascii: ".") { cursor += 1 }
                // Dots alone leave the last dot as the link's text: the grammar's optional dots take
                // the others.
                if cursor == range.upperBound, cursor > groupsEnd { return cursor - 1 }
                while cursor < range.upperBound, text[cursor] == 0x20 { cursor += 1 }
            }
            return cursor < range.upperBound && InlineBytes.isTextByte(text[cursor]) ? cursor : nil
        }
        if let start = textStart(after: end) { return (attributes, start) }
        guard let lastGroup = lastAttributeGroupStart(range.lowerBound..<end) else { return nil }
        return (attributes, lastGroup)
    }

    /// Where the last of the attribute groups filling `groups` starts (nil when there is only one):
    /// at the last `(`, `{` or `[` matching the closing byte, if the groups before it parse alone.
    func lastAttributeGroupStart(_ groups: Range<Int>) -> Int? {
        let opener: UInt8
        switch text[groups.upperBound - 1] {
        case UInt8(ascii: ")"): opener = UInt8(ascii: "(")
        case UInt8(ascii: "}"): opener = UInt8(ascii: "{")
        default: opener = UInt8(ascii: "[")
        }
        var lastGroup = groups.upperBound - 1
        while lastGroup > groups.lowerBound, text[lastGroup] != opener { lastGroup -= 1 }
        guard lastGroup > groups.lowerBound,
            let (_, earlierEnd) = TextileAttributes.parse(text[groups.lowerBound..<lastGroup], at: groups.lowerBound, form: .phrase),
            earlierEnd == lastGroup
        else { return nil }
        return lastGroup
    }

    func openTag(_ tag: String, _ attributes: TextileAttributes?, into result: inout [UInt8]) {
        result.append(UInt8(ascii: "<"))
        result.append(contentsOf: tag.utf8)
        attributes?.append(to: &result, options: context.options)
        result.append(UInt8(ascii: ">"))
    }

    func appendCapitals(_ letters: Range<Int>, into result: inout [UInt8]) {
        if context.options.contains(.noSpanCaps) {
            result.append(contentsOf: text[letters])
            return
        }
        result.append(contentsOf: "<span class=\"caps\">".utf8)
        result.append(contentsOf: text[letters])
        result.append(contentsOf: "</span>".utf8)
    }

    /// Splits a trailing `(title)` off `range` the way RedCloth does; the title needs text before it.
    func splitTitle(_ range: Range<Int>) -> (Range<Int>, title: Range<Int>?) {
        guard range.count > 0, text[range.upperBound - 1] == UInt8(ascii: ")") else { return (range, nil) }
        var cursor = range.upperBound - 1
        var level = -1
        while cursor > range.lowerBound, level < 0 {
            switch text[cursor - 1] {
            case UInt8(ascii: "("): level += 1
            case UInt8(ascii: ")"): level -= 1
            default: break
            }
            cursor -= 1
        }
        // Unbalanced parentheses leave the cursor at the start: no title.
        guard cursor > range.lowerBound else { return (range, nil) }
        let title = (cursor + 1)..<(range.upperBound - 1)
        var nameEnd = cursor
        if text[nameEnd - 1] == 0x20 { nameEnd -= 1 }
        guard nameEnd != range.lowerBound else { return (range, nil) }
        return (range.lowerBound..<nameEnd, title)
    }

    /// Whether a URL starts with `javascript:` (after optional whitespace), which filter_html and
    /// sanitize_html refuse.
    func isScriptURL(_ url: [UInt8]?) -> Bool {
        guard let url, context.options.contains(.filterHTML) || context.options.contains(.sanitizeHTML) else {
            return false
        }
        var start = 0
        while start < url.count, InlineBytes.isSpace(url[start]) { start += 1 }
        let scheme = Array("javascript:".utf8)
        guard url.count - start >= scheme.count else { return false }
        for offset in 0..<scheme.count where url[start + offset] | (url[start + offset] < 0x41 ? 0 : 0x20) != scheme[offset] {
            return false
        }
        return true
    }

    func emitLink(_ link: InlineLink, into result: inout [UInt8]) -> InlineNesting {
        var attributes = TextileAttributes()
        var name = link.says
        if let (parsed, nameStart) = leadingAttributes(link.says, skippingDotsAndSpaces: true) {
            attributes = parsed
            name = nameStart..<link.says.upperBound
        }
        // RedCloth reads attributes and a title only from link text that starts with a word or an
        // attribute group; text starting with a space is kept whole, `()` and all.
        let (linkText, title) = text[link.says.lowerBound] == 0x20 ? (name, nil) : splitTitle(name)
        if let title { attributes.title = String(decoding: text[title], as: UTF8.self) }
        if isScriptURL(link.href) {
            return InlineNesting(inner: linkText, suffix: "")
        }
        result.append(contentsOf: "<a href=\"".utf8)
        InlineEscaping.appendAttribute((link.href ?? [])[...], to: &result)
        result.append(UInt8(ascii: "\""))
        attributes.append(to: &result, options: context.options)
        result.append(UInt8(ascii: ">"))
        return InlineNesting(inner: linkText, suffix: "</a>")
    }

    func emitImage(_ image: InlineImage, into result: inout [UInt8]) {
        var attributes = image.attributes ?? TextileAttributes()
        let (source, title) = splitTitle(image.source)
        let sourceBytes = Array(text[source])
        if isScriptURL(sourceBytes) || isScriptURL(image.href) {
            if let title { result.append(contentsOf: text[title]) }
            return
        }
        if let title { attributes.title = String(decoding: text[title], as: UTF8.self) }
        if let href = image.href {
            result.append(contentsOf: "<a href=\"".utf8)
            InlineEscaping.appendAttribute(href[...], to: &result)
            result.append(contentsOf: "\">".utf8)
        }
        result.append(contentsOf: "<img src=\"".utf8)
        InlineEscaping.appendAttribute(sourceBytes[...], to: &result)
        result.append(UInt8(ascii: "\""))
        attributes.append(to: &result, options: context.options)
        result.append(contentsOf: " alt=\"".utf8)
        if let title { InlineEscaping.appendAttribute(text[title], to: &result) }
        result.append(contentsOf: "\" />".utf8)
        if image.href != nil { result.append(contentsOf: "</a>".utf8) }
    }
}
