/// Compares cmark's HTML of Markdown notes with RedCloth's HTML of the Textile `TextileWriter`
/// writes for them, after the normalisation `NormalizedHTML` describes (whitespace between block
/// tags, character references, attribute order, comments), and finds the first place they differ.
public struct RenderingComparison: Sendable, Hashable {
    /// Where the two renderings part.
    public struct Difference: Sendable, Hashable {
        /// The element the difference is in, from the top: `ul[1] › li[2] › p[1]` (1-based, counting
        /// siblings of the same name); empty at the top level.
        public var element: String
        /// Up to 60 characters of the text both renderings show just before the difference.
        public var textBefore: String
        /// The normalised cmark HTML from the difference on (at most 80 characters).
        public var markdownExcerpt: String
        /// The normalised RedCloth HTML from the difference on (at most 80 characters).
        public var textileExcerpt: String

        /// One sentence naming the place, for a terminal or a log.
        public var summary: String {
            let place = element.isEmpty ? "at the top level" : "in \(element)"
            let after = textBefore.isEmpty ? "" : " after “\(textBefore)”"
            return "\(place)\(after): cmark has \(markdownExcerpt), RedCloth has \(textileExcerpt)"
        }
    }

    /// The first difference, or nil when the renderings match.
    public let firstDifference: Difference?

    public var renderingsMatch: Bool { firstDifference == nil }

    private static let contextLength = 60
    private static let excerptLength = 80

    /// Compares two HTML renderings of the same notes.
    public init(markdownHTML: String, textileHTML: String) {
        let left = NormalizedHTML(markdownHTML).tokens
        let right = NormalizedHTML(textileHTML).tokens
        var path = ElementPath()
        var before = ""
        var index = 0
        while index < left.count, index < right.count, left[index] == right[index] {
            path.visit(left[index])
            before = Self.appending(left[index], to: before)
            index += 1
        }
        guard index < left.count || index < right.count else {
            firstDifference = nil
            return
        }
        // Two texts that differ part at their first differing character.
        var common = 0
        if index < left.count, index < right.count, case let .text(a) = left[index], case let .text(b) = right[index] {
            common = zip(a, b).prefix { $0 == $1 }.count
            before = Self.suffix(of: before + a.prefix(common))
        }
        firstDifference = Difference(
            element: path.description, textBefore: before.trimmingSpaces,
            markdownExcerpt: Self.excerpt(of: left, from: index, droppingCharacters: common),
            textileExcerpt: Self.excerpt(of: right, from: index, droppingCharacters: common))
    }

    /// `html` as the comparison sees it, for showing what was compared.
    public static func normalized(_ html: String) -> String {
        NormalizedHTML(html).serialized
    }

    private static func suffix(of text: String) -> String {
        String(text.suffix(contextLength))
    }

    /// The text shown so far, with `token`'s: a block boundary reads as a space.
    private static func appending(_ token: NormalizedHTML.Token, to text: String) -> String {
        switch token {
        case let .text(more): return suffix(of: text + more)
        case let .start(name, _), let .end(name):
            guard NormalizedHTML.blockElements.contains(name), !text.isEmpty, text.last != " " else { return text }
            return text + " "
        }
    }

    /// The tokens from `start` written out, less the first `dropped` characters of the first
    /// (the text both sides share).
    private static func excerpt(of tokens: [NormalizedHTML.Token], from start: Int, droppingCharacters dropped: Int) -> String {
        var written = ""
        for (offset, token) in tokens.dropFirst(start).enumerated() {
            if offset == 0, dropped > 0, case let .text(text) = token {
                written += HTMLEscaping.text(String(text.dropFirst(dropped)))
            } else {
                written += NormalizedHTML.serialize(token)
            }
            if written.count > excerptLength { return String(written.prefix(excerptLength)) + "…" }
        }
        return written.isEmpty ? "(the end)" : written
    }
}

/// The open elements at a point of a token stream, each with its place among same-named siblings.
private struct ElementPath: CustomStringConvertible {
    private var open: [(name: String, number: Int)] = []
    /// For the children of each open element (and the top level), how many of each name were seen.
    private var counts: [[String: Int]] = [[:]]

    mutating func visit(_ token: NormalizedHTML.Token) {
        switch token {
        case let .start(name, _):
            let number = counts[counts.count - 1][name, default: 0] + 1
            counts[counts.count - 1][name] = number
            guard !NormalizedHTML.voidElements.contains(name) else { return }
            open.append((name, number))
            counts.append([:])
        case let .end(name):
            // Close up to the matching element; an end tag that matches nothing is ignored.
            guard let match = open.lastIndex(where: { $0.name == name }) else { return }
            open.removeSubrange(match...)
            counts.removeSubrange((match + 1)...)
        case .text: break
        }
    }

    var description: String {
        open.map { "\($0.name)[\($0.number)]" }.joined(separator: " › ")
    }
}
