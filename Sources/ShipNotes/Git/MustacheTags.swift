/// One `{{…}}` tag of a template written with the default delimiters, as the release and commit
/// cuts read templates: its kind, its name and where it stands in the text.
struct MustacheTag {
    /// `#`, `^`, `/`, `!`, `&`, `{`, `>`, `<`, `$`, `=` or `%`; nil for a plain value `{{name}}`.
    let kind: Character?
    /// The name, without the kind and the spaces around it.
    let name: Substring
    /// From the opening `{{` to after the closing braces.
    let range: Range<Substring.Index>

    /// A section, comment or other tag that Mustache removes with its line when it stands alone.
    var canStandAlone: Bool { kind.map { "#^/!=<>$%".contains($0) } ?? false }

    /// A value, which prints and never stands alone: `{{x}}`, `{{&x}}`, `{{{x}}}`.
    var isValue: Bool { kind == nil || kind == "&" || kind == "{" }

    /// The tags of `text`, or nil when a `{{` has no closing braces.
    static func tags(in text: Substring) -> [MustacheTag]? {
        var tags: [MustacheTag] = []
        var rest = text
        while let open = rest.firstRange(of: "{{") {
            let first = rest[open.upperBound...].first
            let tripleBrace = first == "{"
            guard let close = rest[open.upperBound...].firstRange(of: tripleBrace ? "}}}" : "}}") else { return nil }
            var inner = rest[open.upperBound..<close.lowerBound]
            let kind: Character? = first.flatMap { "#^/!&{><$=%".contains($0) ? $0 : nil }
            if kind != nil { inner = inner.dropFirst() }
            tags.append(MustacheTag(kind: kind, name: inner.trimmingSpaces[...], range: open.lowerBound..<close.upperBound))
            rest = rest[close.upperBound...]
        }
        return tags
    }

    /// Whether `text` holds anything but spaces outside `tags` (which are `text`'s own).
    static func hasText(_ text: Substring, outside tags: [MustacheTag]) -> Bool {
        var start = text.startIndex
        for tag in tags + [MustacheTag(kind: nil, name: "", range: text.endIndex..<text.endIndex)] {
            if text[start..<tag.range.lowerBound].contains(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) { return true }
            start = tag.range.upperBound
        }
        return false
    }
}
