/// How a changelog is written, as far as new lines must match it: line endings, the bullet its
/// entries use, the level of its group headings, and whether it follows Keep a Changelog (then new
/// entries go under `### Added`, `### Fixed` and `### Changed`, and an unreleased section is titled
/// `[Unreleased]`).
///
/// Read from the file itself: the first line ending, the first list item inside a release, the
/// first heading nested in a release, the release titles.
struct ChangelogStyle: Equatable {
    var lineEnding: String
    /// The bullet with the space after it and the indentation before it: `- `, `* `, `  - `.
    var bullet: String
    var releaseLevel: Int
    var groupLevel: Int
    var isKeepAChangelog: Bool

    /// The headings Keep a Changelog defines for a release's changes.
    static let keepAChangelogGroups = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]

    init(lineEnding: String, bullet: String, releaseLevel: Int, groupLevel: Int, isKeepAChangelog: Bool) {
        self.lineEnding = lineEnding
        self.bullet = bullet
        self.releaseLevel = releaseLevel
        self.groupLevel = groupLevel
        self.isKeepAChangelog = isKeepAChangelog
    }

    /// The style of the changelog `outline` was read from, whose bytes are `bytes`.
    init(bytes: UnsafeBufferPointer<UInt8>, outline: ChangelogOutline) {
        lineEnding = Self.firstLineEnding(bytes) ?? "\n"
        releaseLevel = outline.releaseLevel
        var bullet: String?
        var groupLevel: Int?
        var keepAChangelogHeadings = 0, otherHeadings = 0
        for span in outline.spans {
            let start = span.bodyStart, end = span.bodyEnd
            if bullet == nil { bullet = Self.firstBullet(bytes, from: start, to: end) }
            var index = span.headingIndex + 1
            while index < outline.markdownHeadings.count, outline.markdownHeadings[index].start < end {
                let heading = outline.markdownHeadings[index]
                if heading.level > outline.releaseLevel {
                    if groupLevel == nil { groupLevel = heading.level }
                    let title = String(decoding: UnsafeBufferPointer(rebasing: bytes[heading.titleStart..<heading.titleEnd]), as: UTF8.self)
                    if Self.keepAChangelogGroups.contains(title.trimmingSpaces()) { keepAChangelogHeadings += 1 } else { otherHeadings += 1 }
                }
                index += 1
            }
        }
        self.bullet = bullet ?? "- "
        self.groupLevel = groupLevel ?? outline.releaseLevel + 1
        let bracketedTitles = outline.headings.contains { $0.title.hasPrefix("[") && $0.version != nil }
        // Keep a Changelog's own groups, or its bracketed titles (`## [1.2.3] - date`); a file that
        // only sometimes has a `Fixed` among its own group names keeps its own.
        isKeepAChangelog = bracketedTitles || keepAChangelogHeadings > otherHeadings
    }

    /// `\r\n` or `\n`, whichever ends the first line; nil for a file of one line.
    static func firstLineEnding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let newline = bytes.firstIndex(of: 10) else { return nil }
        return newline > 0 && bytes[newline - 1] == 13 ? "\r\n" : "\n"
    }

    /// The bullet of the first list item line (`-`, `*` or `+`, after at most three spaces, then a
    /// space) between `start` and `end`, with its indentation.
    static func firstBullet(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String? {
        var lineStart = start
        while lineStart < end {
            var index = lineStart
            while index < end, index - lineStart < 4, bytes[index] == 32 { index += 1 }
            if index - lineStart < 4, index + 1 < end, [42, 43, 45].contains(bytes[index]), bytes[index + 1] == 32 {
                return String(repeating: " ", count: index - lineStart) + String(UnicodeScalar(bytes[index])) + " "
            }
            guard let newline = UnsafeBufferPointer(rebasing: bytes[lineStart..<end]).firstIndex(of: 10) else { break }
            lineStart += newline + 1
        }
        return nil
    }

    /// A heading line at `level`: `### Added`.
    func heading(_ title: String, level: Int) -> String {
        String(repeating: "#", count: level) + " " + title
    }
}

extension String {
    /// The string without spaces and tabs at either end.
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
