/// Normalises HTML so that two renderings which mean the same to a reader compare equal.
///
/// Used by the Markdown→Textile round trip: cmark's HTML of the Markdown and the Textile
/// renderer's HTML of the written Textile are both normalised, then compared as strings.
/// The rules, each there because the two renderers spell the same meaning differently:
///
/// 1. Character references are decoded, then `&`, `<`, `>` and `"` re-escaped one way
///    (`&#42;` and `*`, `&#x27;` and `'` are the same character).
/// 2. Typographic glyphs fold to what a writer types: ‘ ’ ‚ ′ → `'`, “ ” „ ″ → `"`, – → `-`,
///    — → `--`, … → `...`, → (U+2192) → `->` (RedCloth makes curly quotes, dashes and arrows,
///    cmark does not). ©, ®, ™ and × are not folded: the writer escapes `(c)`, `(r)`, `(tm)` and `2x3`.
///    Nothing is folded inside `<code>` or `<pre>` or in attribute values, where RedCloth makes no
///    glyphs either: there a dash or a quote that changed is a difference a reader sees.
/// 3. `class` attributes are dropped (`language-swift` on code, `caps` on capitals), an `<img>`'s
///    `title` equal to its `alt` is dropped (RedCloth copies the alt into the title), attributes are
///    sorted and void elements lose their `/`.
/// 4. A `<span>` left without attributes (RedCloth's caps marking) is unwrapped.
/// 5. Outside `<pre>`, each run of whitespace is one space, and whitespace next to a block tag or
///    `<br>` is dropped (indentation and newlines between blocks do not show).
/// 6. Inside `<pre>` text is kept byte for byte, except the newlines and spaces at its very end.
/// 7. `<p>` and `</p>` directly inside `<li>` are dropped, so tight and loose items compare equal,
///    unless `keepingListParagraphs` is asked for (the real-changelog round trip asks: list
///    spacing shows on the distribution server).
///
/// Comments, doctypes and processing instructions are kept verbatim.
enum HTMLEquivalence {
    /// Returns the canonical form of `html`.
    static func normalize(_ html: String) -> String {
        normalize(html, keepingListParagraphs: false)
    }

    /// Returns the canonical form of `html`; with `keepingListParagraphs`, without rule 7, so
    /// that a tight item and a loose one differ as their spacing does.
    static func normalize(_ html: String, keepingListParagraphs: Bool) -> String {
        var tokens = tokenize(Array(html.unicodeScalars))
        tokens = dropParagraphsInListItems(tokens, keepingListParagraphs: keepingListParagraphs)
        return render(tokens)
    }

    /// Whether `a` and `b` are equivalent after normalisation.
    static func areEquivalent(_ a: String, _ b: String) -> Bool {
        normalize(a) == normalize(b)
    }

    enum Token: Equatable {
        case text(String)
        case open(name: String, attributes: String)
        case close(name: String)
        case raw(String)
    }

    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
        "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
        "tfoot", "th", "thead", "title", "tr", "ul",
    ]
    static let voidElements: Set<String> = ["br", "hr", "img", "input", "meta", "link", "area", "col", "embed", "source", "wbr", "base"]

    // MARK: Tokens

    private static func tokenize(_ s: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var text = ""
        var preDepth = 0
        var codeDepth = 0
        var index = 0
        func flushText() {
            guard !text.isEmpty else { return }
            tokens.append(.text(text))
            text = ""
        }
        while index < s.count {
            let c = s[index]
            if c == "<", let (token, end) = parseMarkup(s, at: index) {
                flushText()
                if case .open(let name, _) = token, name == "pre" { preDepth += 1 }
                if case .open(let name, _) = token, name == "code" { codeDepth += 1 }
                if case .close(let name) = token, name == "code" { codeDepth = max(0, codeDepth - 1) }
                if case .close(let name) = token, name == "pre" {
                    preDepth = max(0, preDepth - 1)
                    // The last text before `</pre>`, usually before `</code>` too.
                    if let last = tokens.lastIndex(where: { if case .close = $0 { return false } else { return true } }),
                       case .text(var content) = tokens[last] {
                        while content.hasSuffix("\n") || content.hasSuffix(" ") { content.removeLast() }
                        tokens[last] = .text(content)
                    }
                }
                tokens.append(token)
                index = end
                continue
            }
            if c == "&", let (decoded, end) = decodeReference(s, at: index) {
                text += preDepth + codeDepth > 0 ? String(decoded) : fold(decoded)
                index = end
                continue
            }
            text += preDepth + codeDepth > 0 ? String(c) : fold(c)
            index += 1
        }
        flushText()
        return tokens
    }

    /// Parses a tag, comment or declaration starting at `<`; nil when `<` is plain text.
    private static func parseMarkup(_ s: [Unicode.Scalar], at start: Int) -> (Token, Int)? {
        var index = start + 1
        guard index < s.count else { return nil }
        if s[index] == "!" || s[index] == "?" {
            let terminator: [Unicode.Scalar] = s[index...].starts(with: ["!", "-", "-"]) ? ["-", "-", ">"] : [">"]
            var end = index
            while end + terminator.count <= s.count, Array(s[end..<end + terminator.count]) != terminator { end += 1 }
            end = min(s.count, end + terminator.count)
            return (.raw(String(String.UnicodeScalarView(s[start..<end]))), end)
        }
        let closing = s[index] == "/"
        if closing { index += 1 }
        guard index < s.count, s[index].properties.isAlphabetic else { return nil }
        var name = ""
        while index < s.count, s[index].properties.isAlphabetic || ("0"..."9").contains(s[index]) || s[index] == "-" {
            name.unicodeScalars.append(s[index])
            index += 1
        }
        name = name.lowercased()
        var attributes: [(String, String)] = []
        while index < s.count {
            while index < s.count, s[index].properties.isWhitespace { index += 1 }
            guard index < s.count else { return nil }
            if s[index] == ">" { index += 1; break }
            if s[index] == "/" { index += 1; continue }
            var attributeName = ""
            while index < s.count, !s[index].properties.isWhitespace, !"=>/".unicodeScalars.contains(s[index]) {
                attributeName.unicodeScalars.append(s[index])
                index += 1
            }
            guard !attributeName.isEmpty else { return nil }
            var value = ""
            while index < s.count, s[index].properties.isWhitespace { index += 1 }
            if index < s.count, s[index] == "=" {
                index += 1
                while index < s.count, s[index].properties.isWhitespace { index += 1 }
                var raw: [Unicode.Scalar] = []
                if index < s.count, s[index] == "\"" || s[index] == "'" {
                    let quote = s[index]
                    index += 1
                    while index < s.count, s[index] != quote { raw.append(s[index]); index += 1 }
                    index += 1
                } else {
                    while index < s.count, !s[index].properties.isWhitespace, s[index] != ">" { raw.append(s[index]); index += 1 }
                }
                value = decodeAll(raw)
            }
            attributes.append((attributeName.lowercased(), value))
        }
        if closing { return (.close(name: name), index) }
        return (.open(name: name, attributes: canonicalAttributes(attributes, element: name)), index)
    }

    private static func canonicalAttributes(_ attributes: [(String, String)], element: String) -> String {
        var kept = attributes.filter { $0.0 != "class" }
        if element == "img", let alt = kept.first(where: { $0.0 == "alt" })?.1 {
            kept.removeAll { $0.0 == "title" && $0.1 == alt }
        }
        return kept
            .map { name, value in " \(name)=\"\(escape(value))\"" }
            .sorted()
            .joined()
    }

    // MARK: Characters

    private static func fold(_ c: Unicode.Scalar) -> String {
        switch c.value {
        case 0x2018, 0x2019, 0x201A, 0x2032: return "'"
        case 0x201C, 0x201D, 0x201E, 0x2033: return "\""
        case 0x2013: return "-"
        case 0x2014: return "--"
        case 0x2026: return "..."
        case 0x2192: return "->"
        default: return String(c)
        }
    }

    private static func fold(_ text: String) -> String {
        text.unicodeScalars.map { fold($0) }.joined()
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    private static let namedReferences: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "\u{A9}",
        "reg": "\u{AE}", "trade": "\u{2122}", "hellip": "\u{2026}", "mdash": "\u{2014}", "ndash": "\u{2013}",
        "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "times": "\u{D7}",
    ]

    /// Decodes a character reference at `&`; nil when it is not one.
    private static func decodeReference(_ s: [Unicode.Scalar], at start: Int) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        var name = ""
        while index < s.count, index - start < 40, s[index] != ";" {
            guard s[index].properties.isAlphabetic || ("0"..."9").contains(s[index]) || s[index] == "#" else { return nil }
            name.unicodeScalars.append(s[index])
            index += 1
        }
        guard index < s.count, s[index] == ";" else { return nil }
        let scalar: Unicode.Scalar?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        } else if name.hasPrefix("#") {
            scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
        } else {
            scalar = namedReferences[name]
        }
        guard let scalar else { return nil }
        return (scalar == "\u{0}" ? "\u{FFFD}" : scalar, index + 1)
    }

    private static func decodeAll(_ s: [Unicode.Scalar]) -> String {
        var out = ""
        var index = 0
        while index < s.count {
            if s[index] == "&", let (c, end) = decodeReference(s, at: index) {
                out.unicodeScalars.append(c)
                index = end
            } else {
                out.unicodeScalars.append(s[index])
                index += 1
            }
        }
        return out
    }

    // MARK: Structure

    /// Drops `<p>`/`</p>` whose parent is `<li>`, and unwraps attribute-less `<span>`s.
    private static func dropParagraphsInListItems(_ tokens: [Token], keepingListParagraphs: Bool) -> [Token] {
        var out: [Token] = []
        var stack: [(name: String, dropped: Bool)] = []
        for token in tokens {
            switch token {
            case .open(let name, let attributes):
                if voidElements.contains(name) {
                    out.append(token)
                    continue
                }
                let drop = (name == "p" && stack.last?.name == "li" && !keepingListParagraphs)
                    || (name == "span" && attributes.isEmpty)
                stack.append((name, drop))
                if !drop { out.append(token) }
            case .close(let name):
                guard let match = stack.lastIndex(where: { $0.name == name }) else {
                    out.append(token)
                    continue
                }
                let dropped = stack[match].dropped
                stack.removeSubrange(match...)
                if !dropped { out.append(token) }
            case .text(let text):
                if case .text(let previous)? = out.last {
                    out[out.count - 1] = .text(previous + text)
                } else {
                    out.append(token)
                }
            case .raw:
                out.append(token)
            }
        }
        return out
    }

    private static func isBlockBoundary(_ token: Token?) -> Bool {
        switch token {
        case .open(let name, _)?, .close(let name)?: return blockElements.contains(name)
        case nil: return true
        default: return false
        }
    }

    /// Writes the tokens back out, collapsing whitespace outside `<pre>`.
    private static func render(_ tokens: [Token]) -> String {
        var out = ""
        var preDepth = 0
        for (index, token) in tokens.enumerated() {
            switch token {
            case .open(let name, let attributes):
                if name == "pre" { preDepth += 1 }
                out += "<\(name)\(attributes)>"
            case .close(let name):
                if name == "pre" { preDepth = max(0, preDepth - 1) }
                out += "</\(name)>"
            case .raw(let raw):
                out += raw
            case .text(let text):
                if preDepth > 0 {
                    out += escape(text)
                    continue
                }
                var collapsed = ""
                var lastWasSpace = false
                for c in text.unicodeScalars {
                    if c == " " || c == "\t" || c == "\n" || c == "\r" {
                        if !lastWasSpace { collapsed += " " }
                        lastWasSpace = true
                    } else {
                        collapsed.unicodeScalars.append(c)
                        lastWasSpace = false
                    }
                }
                if isBlockBoundary(index > 0 ? tokens[index - 1] : nil), collapsed.hasPrefix(" ") {
                    collapsed.removeFirst()
                }
                if isBlockBoundary(index + 1 < tokens.count ? tokens[index + 1] : nil), collapsed.hasSuffix(" ") {
                    collapsed.removeLast()
                }
                out += escape(collapsed)
            }
        }
        return out
    }
}
