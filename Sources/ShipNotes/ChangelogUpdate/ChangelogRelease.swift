/// Turning a changelog's unreleased section into a release: its heading becomes the release's,
/// shaped like the newest release heading of the file (`## [1.2.3] - 2026-01-01`, `## v1.2.3
/// (2026-01-01)`, `1.2.3 / 2026-01-01` over `===`), a fresh unreleased heading (the file's own, as
/// written) goes above it, and Keep a Changelog's compare links at the bottom are moved on:
/// `[unreleased]: …/compare/v1.3.0...HEAD` to the new tag, and `[1.4.0]: …/compare/v1.3.0...v1.4.0`
/// added below it.
struct ChangelogRelease {
    var version: String
    var date: ReleaseDate

    /// Why a release cannot be made.
    enum Failure: Error, Equatable {
        case versionExists(String)
        case noUnreleasedSection
    }

    /// The edits for the release, given the file and where its unreleased section is.
    func edits(bytes: [UInt8], outline: ChangelogOutline, style: ChangelogStyle) throws(Failure) -> [ChangelogInsertion] {
        let eol = Array(style.lineEnding.utf8)
        if outline.headings.contains(where: { $0.version?.normalized == ReleaseVersion(version)?.normalized && !$0.isUnreleased }) {
            throw .versionExists(version)
        }
        guard let index = outline.headings.firstIndex(where: \.isUnreleased) else { throw .noUnreleasedSection }
        let unreleased = outline.markdownHeadings[outline.spans[index].headingIndex]
        let heading = releaseHeading(bytes: bytes, outline: outline, style: style)
        // The unreleased heading stays as written, with an empty section under it, above the release.
        var fresh = Array(bytes[unreleased.start..<unreleased.end])
        if fresh.last != 10 { fresh += eol }
        var edits = [ChangelogInsertion(offset: unreleased.start, bytes: fresh + eol + heading,
                                        replacedCount: unreleased.end - unreleased.start)]
        edits += compareLinkEdits(bytes: bytes, outline: outline, eol: eol)
        return edits
    }

    /// The release's heading lines, shaped like the file's newest release heading (or, in a file
    /// without one, `[1.2.3] - date` for Keep a Changelog and `1.2.3 (date)` otherwise).
    func releaseHeading(bytes: [UInt8], outline: ChangelogOutline, style: ChangelogStyle) -> [UInt8] {
        let eol = Array(style.lineEnding.utf8)
        let template = outline.headings.indices.first { outline.headings[$0].version != nil && !outline.headings[$0].isUnreleased }
        if let template {
            let span = outline.spans[template]
            let written = outline.markdownHeadings[span.headingIndex]
            let heading = outline.headings[template]
            var lines = releaseHeading(from: Array(bytes[written.start..<written.end]), like: heading, eol: eol)
            guard let date = heading.date?.description, !heading.title.contains(date) else { return lines }
            if let line = Self.firstLine(containing: date, in: bytes, from: span.bodyStart, to: span.bodyEnd) {
                // The file writes the date on the body's first line (`_2026-06-08_`): so does the release.
                lines += eol + Array(String(decoding: line, as: UTF8.self).replacingOccurrences(of: date, with: self.date.description).utf8) + eol
                return lines
            }
            // A date written another way (`October 31, 2024`) is not copied with the old value: the
            // generic shape below carries the new date instead.
        }
        let title = style.isKeepAChangelog ? "[\(version)] - \(date)" : "\(version) (\(date))"
        return Array(style.heading(title, level: style.releaseLevel).utf8) + eol
    }

    /// The first non-blank line between `start` and `end`, without its line ending, when it holds
    /// `text`.
    static func firstLine(containing text: String, in bytes: [UInt8], from start: Int, to end: Int) -> ArraySlice<UInt8>? {
        var lineStart = start
        while lineStart < end {
            var lineEnd = lineStart
            while lineEnd < end, bytes[lineEnd] != 10 { lineEnd += 1 }
            var line = bytes[lineStart..<lineEnd]
            if line.last == 13 { line = line.dropLast() }
            if line.contains(where: { $0 != 32 && $0 != 9 }) {
                return String(decoding: line, as: UTF8.self).contains(text) ? line : nil
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// `written`, the newest release's heading lines, with its version and ISO date replaced by the
    /// new ones (a `v` before the version stays as the file writes it).
    func releaseHeading(from written: [UInt8], like heading: ReleaseHeading, eol: [UInt8]) -> [UInt8] {
        var text = String(decoding: written, as: UTF8.self)
        if let old = heading.version?.written, let range = text.range(of: old) {
            let keepsV = old.hasPrefix("v") && !version.hasPrefix("v")
            text.replaceSubrange(range, with: (keepsV ? "v" : "") + version)
        }
        if let old = heading.date?.description, let range = text.range(of: old) {
            text.replaceSubrange(range, with: date.description)
        }
        var result = Array(text.utf8)
        if result.last != 10 { result += eol }
        return result
    }

    /// The edits to Keep a Changelog's link definitions: the `[unreleased]` compare link moved to the
    /// new tag, and the new version's compare link added below it. None when there is no such link.
    func compareLinkEdits(bytes: [UInt8], outline: ChangelogOutline, eol: [UInt8]) -> [ChangelogInsertion] {
        for definition in outline.definitions {
            var end = definition.end
            while end > definition.start, bytes[end - 1] == 10 || bytes[end - 1] == 13 { end -= 1 }
            let line = String(decoding: bytes[definition.start..<end], as: UTF8.self)
            guard line.lowercased().hasPrefix("[unreleased]:"),
                  let compare = line.range(of: "/compare/"),
                  let dots = line.range(of: "...", range: compare.upperBound..<line.endIndex)
            else { continue }
            let previousTag = String(line[compare.upperBound..<dots.lowerBound])
            let head = String(line[dots.upperBound...]).trimmingSpaces()
            let tagPrefix = String(previousTag.prefix { !$0.isNumber })
            let newTag = tagPrefix + version.drop { !$0.isNumber }
            let base = String(line[line.index(line.startIndex, offsetBy: "[unreleased]:".count)..<compare.lowerBound]).trimmingSpaces()
            let label = line.prefix("[unreleased]".count)
            let moved = "\(label): \(base)/compare/\(newTag)...\(head)"
            let added = "[\(version.drop { $0 == "v" })]: \(base)/compare/\(previousTag)...\(newTag)"
            // The line's own ending stays where it is, after the added line.
            return [ChangelogInsertion(offset: definition.start, bytes: Array(moved.utf8) + eol + Array(added.utf8),
                                       replacedCount: end - definition.start)]
        }
        return []
    }
}
