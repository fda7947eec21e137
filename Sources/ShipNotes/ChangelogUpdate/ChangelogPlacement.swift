/// Where new entries go in a changelog: under the unreleased section's heading of their group,
/// after its last entry; in a new group heading at the end of the section when the group has none;
/// in a new unreleased section above the first release when the file has none. Every insertion is
/// at a line start, written with the file's line ending, bullet and heading level.
struct ChangelogPlacement {
    private let bytes: [UInt8]
    private let style: ChangelogStyle
    private let eol: [UInt8]
    /// The unreleased section's body (after its heading, before the next release or the link
    /// definitions at the file's end), nil when the file has none.
    private let section: Range<Int>?
    /// The group headings inside the section: title and the range of what is under each.
    private var groups: [(title: String, content: Range<Int>)] = []
    /// Whether the file groups entries under headings at all; a file of flat lists gets flat lists.
    private let usesGroupHeadings: Bool
    /// Where a new unreleased section goes: the first release heading's start.
    private let firstReleaseStart: Int
    /// Entries for groups the section has, and new group blocks, by offset: at one offset the
    /// entries of an existing group come first (they end that group), then the new groups.
    private var intoGroups: [Int: [UInt8]] = [:]
    private var newGroups: [Int: [UInt8]] = [:]
    private var newSectionGroups: [(title: String, lines: [String])] = []

    /// The heading lines a new section starts with instead of an unreleased heading (a release's,
    /// when the file had no unreleased section to release).
    var newSectionHeading: [UInt8]?
    /// Whether the file has an unreleased section.
    var hasUnreleasedSection: Bool { section != nil }

    /// The unreleased section's text, where commits already in the file are looked for.
    let unreleasedText: String

    init(bytes: [UInt8], outline: ChangelogOutline, style: ChangelogStyle) {
        self.bytes = bytes
        self.style = style
        eol = Array(style.lineEnding.utf8)
        let headings = outline.markdownHeadings
        firstReleaseStart = headings[outline.spans[0].headingIndex].start
        usesGroupHeadings = headings.contains { $0.level == style.groupLevel && $0.level > style.releaseLevel }
        guard let index = outline.headings.firstIndex(where: \.isUnreleased) else {
            section = nil
            unreleasedText = ""
            return
        }
        let span = outline.spans[index]
        var end = span.bodyEnd
        var next = span.headingIndex + 1
        var nested: [(title: String, start: Int, contentStart: Int)] = []
        while next < headings.count, headings[next].start < end {
            let heading = headings[next]
            if heading.level == style.groupLevel {
                let title = String(decoding: bytes[heading.titleStart..<heading.titleEnd], as: UTF8.self).trimmingSpaces()
                nested.append((title, heading.start, heading.end))
            }
            next += 1
        }
        // Link reference definitions at the end of the file belong to the file, not to a section
        // that happens to be the last one.
        let lastHeadingEnd = nested.last?.contentStart ?? span.bodyStart
        if let definition = outline.definitions.first(where: { $0.start >= lastHeadingEnd && $0.start < end }) {
            end = definition.start
        }
        section = span.bodyStart..<end
        // Each group's content runs to the next heading of any level inside the section.
        let innerStarts = headings[(span.headingIndex + 1)..<next].map(\.start).filter { $0 < end }
        groups = nested.map { group in
            let contentEnd = innerStarts.first { $0 > group.start } ?? end
            return (group.title, group.contentStart..<max(group.contentStart, contentEnd))
        }
        unreleasedText = String(decoding: bytes[span.bodyStart..<span.bodyEnd], as: UTF8.self)
    }

    /// Adds `entries` (texts without bullets) under the group titled `title`.
    mutating func add(_ entries: [String], under title: String) {
        guard let section else {
            newSectionGroups.append((title, entries))
            return
        }
        let items = entries.flatMap { Array((style.bullet + $0).utf8) + eol }
        let names = Self.names(for: title)
        if usesGroupHeadings, let group = groups.first(where: { names.contains(Self.comparable($0.title)) }) {
            let (offset, needsLineEnd, endsInList) = Self.afterLastLine(bytes, in: group.content)
            intoGroups[offset, default: []] += (needsLineEnd ? eol : []) + (endsInList || offset == group.content.lowerBound ? [] : eol) + items
        } else if usesGroupHeadings {
            let (offset, needsLineEnd, _) = Self.afterLastLine(bytes, in: section)
            newGroups[offset, default: []] += (needsLineEnd ? eol : []) + eol
                + Array(style.heading(title, level: style.groupLevel).utf8) + eol + eol + items
        } else {
            let (offset, needsLineEnd, endsInList) = Self.afterLastLine(bytes, in: section)
            intoGroups[offset, default: []] += (needsLineEnd ? eol : []) + (endsInList ? [] : eol) + items
        }
    }

    /// Every insertion, with the new unreleased section if one is needed.
    var insertions: [ChangelogInsertion] {
        var all = intoGroups.merging(newGroups) { $0 + $1 }
        if !newSectionGroups.isEmpty {
            let title = style.isKeepAChangelog ? "[Unreleased]" : "Unreleased"
            var block = newSectionHeading ?? Array(style.heading(title, level: style.releaseLevel).utf8) + eol
            for (index, group) in newSectionGroups.enumerated() {
                if usesGroupHeadings {
                    block += eol + Array(style.heading(group.title, level: style.groupLevel).utf8) + eol
                }
                // Without group headings the entries make one list.
                if usesGroupHeadings || index == 0 { block += eol }
                for entry in group.lines { block += Array((style.bullet + entry).utf8) + eol }
            }
            block += eol
            all[firstReleaseStart, default: []].insert(contentsOf: block, at: 0)
        }
        return all.keys.sorted().map { ChangelogInsertion(offset: $0, bytes: all[$0]!) }
    }

    /// The names a group heading may have in a file for the group titled `title`, compared as
    /// ``comparable(_:)`` makes them: a file's own words for features and fixes count as the group's.
    static func names(for title: String) -> Set<String> {
        let synonyms: [[String]] = [
            ["added", "features", "feature", "enhancements", "new features", "new"],
            ["fixed", "bug fixes", "bugfixes", "fixes", "bug fix"],
            ["changed", "changes", "other changes"],
        ]
        let name = comparable(title)
        return Set(synonyms.first { $0.contains(name) } ?? [name])
    }

    /// A heading title lowercased, with only its letters and single spaces (`🐞 Bug Fixes` →
    /// `bug fixes`), so emoji and punctuation do not keep a group from being found.
    static func comparable(_ title: String) -> String {
        let letters = title.lowercased().unicodeScalars.map { $0.properties.isAlphabetic ? Character($0) : " " }
        return String(letters).split(separator: " ").joined(separator: " ")
    }

    /// The offset just past the last line in `range` that is not blank (the range's start when all
    /// are blank) — or, when the range holds a list, just past the last list's last line —, whether
    /// that line lacks a line ending (the file's last line), and whether it is a list item or its
    /// continuation (so that new items extend the list without a blank line).
    static func afterLastLine(_ bytes: [UInt8], in range: Range<Int>) -> (offset: Int, needsLineEnd: Bool, endsInList: Bool) {
        var offset = range.lowerBound, needsLineEnd = false, endsInList = false
        var listEnd: (offset: Int, needsLineEnd: Bool)?
        var lineStart = range.lowerBound
        while lineStart < range.upperBound {
            var lineEnd = lineStart
            while lineEnd < range.upperBound, bytes[lineEnd] != 10 { lineEnd += 1 }
            let line = bytes[lineStart..<lineEnd]
            if line.contains(where: { $0 != 32 && $0 != 9 && $0 != 13 }) {
                let hasNewline = lineEnd < range.upperBound
                offset = hasNewline ? lineEnd + 1 : lineEnd
                needsLineEnd = !hasNewline
                let content = line.drop { $0 == 32 }
                let indented = line.count - content.count >= 2
                let isItem = content.count >= 2 && [42, 43, 45].contains(content.first!) && content[content.startIndex + 1] == 32
                endsInList = isItem || (indented && listEnd != nil)
                if endsInList { listEnd = (offset, needsLineEnd) }
            }
            lineStart = lineEnd + 1
        }
        // After the last list (a comment or a note below it stays below the new entries).
        if let listEnd { return (listEnd.offset, listEnd.needsLineEnd, true) }
        return (offset, needsLineEnd, endsInList)
    }
}
