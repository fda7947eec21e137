/// HTML cut into tags and text and normalised so that two renderings that a browser shows the
/// same compare equal, while any difference a reader could see survives:
///
/// - comments and doctypes go (cmark's `<!-- raw HTML omitted -->` shows nothing);
/// - character references are decoded (`&quot;`, `&#34;` and `"` are the same text);
/// - outside `<pre>`, every run of whitespace is one space, and whitespace next to a block-level
///   tag or a `<br>` goes (`</li>\n\t<li>` is `</li><li>`);
/// - tag and attribute names are lower case, attributes are sorted by name and written
///   `name="value"`, and `<br />` is `<br>`;
/// - RedCloth's `<span class="caps">` around words in capitals goes: it has no style of its own,
///   and otherwise nearly every real changelog would differ at its first acronym.
///
/// Everything else counts: an extra attribute (`title` on an image), a class, a tag of another
/// name, whitespace inside `<pre>`.
struct NormalizedHTML {
    enum Token: Equatable {
        case start(name: String, attributes: [Attribute])
        case end(name: String)
        case text(String)
    }

    struct Attribute: Equatable {
        var name: String
        var value: String
    }

    private(set) var tokens: [Token] = []

    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
        "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "ul",
    ]
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]
    private static let rawTextElements: Set<String> = ["script", "style", "textarea", "title"]

    init(_ html: String) {
        var raw: [Token] = []
        var reader = Reader(Array(html.unicodeScalars))
        while let token = reader.next() { raw.append(token) }
        tokens = Self.normalizingWhitespace(Self.removingCapsSpans(raw))
    }

    private static func removingCapsSpans(_ raw: [Token]) -> [Token] {
        var result: [Token] = []
        var spans: [Bool] = []  // for each open <span>, whether it is a caps span
        for token in raw {
            switch token {
            case let .start("span", attributes):
                let isCaps = attributes == [Attribute(name: "class", value: "caps")]
                spans.append(isCaps)
                if isCaps { continue }
            case .end("span"):
                if spans.popLast() == true { continue }
            default: break
            }
            result.append(token)
        }
        return result
    }

    /// The token as the normalised HTML writes it.
    static func serialize(_ token: Token) -> String {
        switch token {
        case let .start(name, attributes):
            let written = attributes.map { " \($0.name)=\"\(HTMLEscaping.attribute($0.value))\"" }.joined()
            return "<\(name)\(written)>"
        case let .end(name): return "</\(name)>"
        case let .text(text): return HTMLEscaping.text(text)
        }
    }

    var serialized: String { tokens.map(Self.serialize).joined() }

    private static func isBlockBoundary(_ token: Token?) -> Bool {
        switch token {
        case let .start(name, _), let .end(name): return blockElements.contains(name)
        default: return false
        }
    }

    private static func normalizingWhitespace(_ raw: [Token]) -> [Token] {
        // First collapse runs (outside <pre>), then trim at block boundaries and drop what is empty.
        var preDepth = 0
        var collapsed: [(token: Token, inPre: Bool)] = []
        for token in raw {
            switch token {
            case let .start(name, _) where name == "pre": preDepth += 1
            case let .end(name) where name == "pre": preDepth = max(0, preDepth - 1)
            default: break
            }
            if case let .text(text) = token, preDepth == 0 {
                collapsed.append((.text(collapse(text)), false))
            } else {
                collapsed.append((token, preDepth > 0))
            }
        }
        var result: [Token] = []
        for (index, item) in collapsed.enumerated() {
            guard case var .text(text) = item.token, !item.inPre else {
                if case let .text(text) = item.token, text.isEmpty { continue }
                result.append(item.token)
                continue
            }
            if isBlockBoundary(result.last) || result.isEmpty, text.hasPrefix(" ") { text.removeFirst() }
            let next = collapsed[(index + 1)...].first?.token
            if isBlockBoundary(next) || next == nil, text.hasSuffix(" ") { text.removeLast() }
            guard !text.isEmpty else { continue }
            // Two texts in a row (split by a dropped comment) are one.
            if case let .text(previous) = result.last {
                result[result.count - 1] = .text(collapse(previous + text))
            } else {
                result.append(.text(text))
            }
        }
        return result
    }

    private static func collapse(_ text: String) -> String {
        var result = ""
        var inSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}" {
                if !inSpace { result.append(" ") }
                inSpace = true
            } else {
                result.unicodeScalars.append(scalar)
                inSpace = false
            }
        }
        return result
    }

    /// Reads tags and text the lenient way a browser does: a `<` that starts no tag is text.
    private struct Reader {
        let scalars: [Unicode.Scalar]
        var index = 0
        /// Inside `<script>`, `<style>` …: everything up to the closing tag is text.
        var rawTextElement: String?

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func next() -> Token? {
            while index < scalars.count {
                if let element = rawTextElement {
                    rawTextElement = nil
                    let start = index
                    while index < scalars.count, !lookingAt("</" + element) { index += 1 }
                    if index > start { return .text(CharacterReferences.decode(string(start..<index))) }
                    continue
                }
                if scalars[index] == "<" {
                    if lookingAt("<!--") {
                        skip(past: "-->")
                        continue
                    }
                    if lookingAt("<!") || lookingAt("<?") {
                        skip(past: ">")
                        continue
                    }
                    if let tag = readTag() { return tag }
                }
                let start = index
                index += 1
                while index < scalars.count, scalars[index] != "<" { index += 1 }
                return .text(CharacterReferences.decode(string(start..<index)))
            }
            return nil
        }

        private func lookingAt(_ prefix: String) -> Bool {
            var position = index
            for scalar in prefix.unicodeScalars {
                guard position < scalars.count,
                      scalars[position].properties.lowercaseMapping == scalar.properties.lowercaseMapping else { return false }
                position += 1
            }
            return true
        }

        private mutating func skip(past terminator: String) {
            while index < scalars.count, !lookingAt(terminator) { index += 1 }
            index = min(scalars.count, index + terminator.unicodeScalars.count)
        }

        private func string(_ range: Range<Int>) -> String {
            var result = ""
            result.unicodeScalars.append(contentsOf: scalars[range])
            return result
        }

        private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            !(scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
                || scalar == "/" || scalar == ">" || scalar == "=")
        }

        private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
        }

        /// A start or end tag at `index`, or nil (leaving `index`) when the `<` starts none.
        private mutating func readTag() -> Token? {
            let start = index
            var position = index + 1
            let isEnd = position < scalars.count && scalars[position] == "/"
            if isEnd { position += 1 }
            guard position < scalars.count, scalars[position].properties.isAlphabetic, scalars[position].isASCII else {
                return nil
            }
            let nameStart = position
            while position < scalars.count, Self.isNameScalar(scalars[position]) { position += 1 }
            index = nameStart
            let name = string(nameStart..<position).lowercased()
            index = position
            var attributes: [Attribute] = []
            while true {
                while index < scalars.count, Self.isSpace(scalars[index]) || scalars[index] == "/" { index += 1 }
                guard index < scalars.count else {
                    index = start
                    return nil  // a tag that never closes is text, as far as comparing goes
                }
                if scalars[index] == ">" {
                    index += 1
                    break
                }
                let attributeStart = index
                while index < scalars.count, Self.isNameScalar(scalars[index]) { index += 1 }
                if index == attributeStart { index += 1 }  // a stray `=`
                let attributeName = string(attributeStart..<index).lowercased()
                while index < scalars.count, Self.isSpace(scalars[index]) { index += 1 }
                var value = ""
                if index < scalars.count, scalars[index] == "=" {
                    index += 1
                    while index < scalars.count, Self.isSpace(scalars[index]) { index += 1 }
                    if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" {
                        let quote = scalars[index]
                        let valueStart = index + 1
                        index = valueStart
                        while index < scalars.count, scalars[index] != quote { index += 1 }
                        value = string(valueStart..<index)
                        index = min(scalars.count, index + 1)
                    } else {
                        let valueStart = index
                        while index < scalars.count, !Self.isSpace(scalars[index]), scalars[index] != ">" { index += 1 }
                        value = string(valueStart..<index)
                    }
                }
                if !attributeName.isEmpty, !attributes.contains(where: { $0.name == attributeName }) {
                    attributes.append(Attribute(name: attributeName, value: CharacterReferences.decode(value)))
                }
            }
            if isEnd { return .end(name: name) }
            if NormalizedHTML.rawTextElements.contains(name) { rawTextElement = name }
            return .start(name: name, attributes: attributes.sorted { $0.name < $1.name })
        }
    }
}
