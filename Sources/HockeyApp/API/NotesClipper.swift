/// The server keeps only the first 5,000 characters of release notes and cuts the rest wherever it
/// falls; this measures notes the way the server does and shortens them cleanly instead.
public enum NotesClipper {
    /// The most characters of notes the server keeps.
    public static let serverLimit = 5_000

    /// The length of `notes` as the server counts it: Unicode code points (Ruby's `String#length`).
    public static func length(of notes: String) -> Int {
        notes.unicodeScalars.count
    }

    /// What the server keeps of `notes`: the first `limit` code points, cut wherever that falls (even
    /// inside a character made of several, such as "e\u{301}" or a ZWJ emoji sequence), as Rails'
    /// `String#[0, limit]` does. The sandbox stores notes through this, so that it keeps exactly what
    /// the server keeps and what ``length(of:)`` and ``clip(_:to:)`` count.
    /// - Returns: `notes` unchanged when it fits.
    public static func serverPrefix(of notes: String, limit: Int = serverLimit) -> String {
        guard length(of: notes) > limit else { return notes }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: notes.unicodeScalars.prefix(max(0, limit)))
        return String(kept)
    }

    /// Shortens `notes` to at most `limit` characters (code points), cutting after the last whole line
    /// that fits when that keeps at least half of the limit, else after the last whole word followed
    /// by `…`. Never splits a character (a grapheme cluster), so the result is valid UTF-8 that renders
    /// as the original did up to the cut.
    /// - Returns: `notes` unchanged when it fits.
    public static func clip(_ notes: String, to limit: Int = serverLimit) -> String {
        guard length(of: notes) > limit else { return notes }
        let marker = "…"
        let budget = max(0, limit - marker.unicodeScalars.count)
        // The longest prefix of whole characters within the budget.
        var end = notes.startIndex
        var used = 0
        for index in notes.indices {
            let size = notes[index].unicodeScalars.count
            if used + size > budget { break }
            used += size
            end = notes.index(after: index)
        }
        let prefix = notes[..<end]
        if let newline = prefix.lastIndex(where: \.isNewline),
            length(of: String(prefix[..<newline])) >= limit / 2
        {
            return String(trimmingTrailingWhitespace(prefix[..<newline]))
        }
        if let space = prefix.lastIndex(where: \.isWhitespace), space > prefix.startIndex {
            return String(trimmingTrailingWhitespace(prefix[..<space])) + marker
        }
        return String(prefix) + marker
    }

    private static func trimmingTrailingWhitespace(_ text: Substring) -> Substring {
        var text = text
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
