import ConformanceSupport
import Foundation

/// One release of a changelog: its heading and notes, with the link reference definitions of the
/// whole file that the notes use appended, so that the release stands alone as a document.
struct ChangelogRelease: Sendable, CustomStringConvertible {
    /// The file the release comes from, and its heading line (`## 1.2.0`), which names it in reports.
    var file: String
    var title: String
    var markdown: String

    var description: String { "\(file): \(title)" }
}

/// Splits real changelogs into releases at their release headings.
///
/// The test target cannot use ShipNotes' `ChangelogReader`, so the split is done here, by lines:
/// the release level is the highest heading level that occurs at least three times (a changelog's
/// title occurs once, its releases many times); every heading at that level or above starts a
/// document. Headings inside fenced code do not count.
enum WriterFidelityCorpus {
    /// `$CONFORMANCE_DIR/changelogs`, or nil when the variable is unset.
    static var changelogDirectory: URL? {
        CommonMarkSpec.conformanceDirectory?.appendingPathComponent("changelogs")
    }

    /// The changelogs written for these tests (`Fixtures/writer/changelogs`), heavy in the
    /// patterns real notes are made of: code spans in link text, operators, quotes, tight lists.
    static let fixtureDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/writer/changelogs")

    /// The Markdown files of `directory`, sorted by name.
    static func markdownFiles(in directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The releases of the changelog `text`, read from the file `name`.
    static func releases(of text: String, file name: String) -> [ChangelogRelease] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var levels = [Int?](repeating: nil, count: lines.count)
        var definitions: [(label: String, line: String)] = []
        var fence: String?
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            let indent = line.count - trimmed.count
            if indent <= 3, let marker = fenceMarker(trimmed) {
                if fence == nil { fence = marker } else if trimmed.hasPrefix(fence!) { fence = nil }
                continue
            }
            if fence != nil || indent > 3 { continue }
            if let level = atxLevel(trimmed) {
                levels[index] = level
            } else if index > 0, let level = setextLevel(trimmed), isParagraphLine(lines[index - 1]),
                      index < 2 || lines[index - 2].allSatisfy({ $0 == " " }) {
                levels[index - 1] = level
            } else if let label = definitionLabel(trimmed) {
                definitions.append((label, line))
            }
        }
        var counts = [Int](repeating: 0, count: 7)
        for level in levels.compactMap({ $0 }) { counts[level] += 1 }
        guard let releaseLevel = (1...6).first(where: { counts[$0] >= 3 }) else {
            return [ChangelogRelease(file: name, title: "(whole file)", markdown: text)]
        }
        var starts = [0]
        for (index, level) in levels.enumerated() where index > 0 && (level ?? 7) <= releaseLevel {
            starts.append(index)
        }
        starts.append(lines.count)
        var releases: [ChangelogRelease] = []
        for (start, end) in zip(starts, starts.dropFirst()) where start < end {
            let body = lines[start..<end]
            guard body.contains(where: { !$0.allSatisfy { $0 == " " } }) else { continue }
            var markdown = body.joined(separator: "\n")
            let used = bracketedLabels(in: markdown)
            let needed = definitions.filter { used.contains($0.label) }
            if !needed.isEmpty {
                markdown += "\n\n" + needed.map(\.line).joined(separator: "\n") + "\n"
            }
            let title = levels[start] == nil ? "(before the first release)" : lines[start]
            releases.append(ChangelogRelease(file: name, title: title, markdown: markdown))
        }
        return releases
    }

    private static func fenceMarker(_ line: Substring) -> String? {
        for marker in ["```", "~~~"] where line.hasPrefix(marker) {
            return String(line.prefix { $0 == marker.first })
        }
        return nil
    }

    private static func atxLevel(_ line: Substring) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        return rest.isEmpty || rest.first == " " || rest.first == "\t" ? hashes : nil
    }

    private static func setextLevel(_ line: Substring) -> Int? {
        let underline = line.reversed().drop { $0 == " " }
        guard let first = underline.first, first == "=" || first == "-", underline.allSatisfy({ $0 == first }) else { return nil }
        return first == "=" ? 1 : 2
    }

    /// Whether `line` can be the text of a setext heading: not blank, not a list item, quote or heading.
    private static func isParagraphLine(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " }
        guard !trimmed.isEmpty, line.count - trimmed.count <= 3 else { return false }
        if trimmed.first == ">" || atxLevel(trimmed) != nil { return false }
        // A list marker needs a space (or nothing) after it: `*bold*` and `1.0` are paragraph text.
        let digits = trimmed.prefix { $0.isNumber }
        let marker = digits.isEmpty ? trimmed.prefix(1) : trimmed.prefix(digits.count + 1)
        guard let last = marker.last, "*-+.)".contains(last), digits.isEmpty || ".)".contains(last) else { return true }
        let after = trimmed.dropFirst(marker.count).first
        return !(after == nil || after == " " || after == "\t")
    }

    /// The label of a link reference definition line (`[label]: url`), lower-cased.
    private static func definitionLabel(_ line: Substring) -> String? {
        guard line.first == "[", let close = line.firstIndex(of: "]") else { return nil }
        let after = line[line.index(after: close)...]
        guard after.hasPrefix(":"), after.dropFirst().contains(where: { $0 != " " }) else { return nil }
        return line[line.index(after: line.startIndex)..<close].lowercased()
    }

    /// Every `[…]` text in `markdown` (without nested brackets), lower-cased: the labels it may use.
    private static func bracketedLabels(in markdown: String) -> Set<String> {
        var labels: Set<String> = []
        var open: String.Index?
        for index in markdown.indices {
            switch markdown[index] {
            case "[": open = markdown.index(after: index)
            case "]":
                if let start = open { labels.insert(markdown[start..<index].lowercased()) }
                open = nil
            default: continue
            }
        }
        return labels
    }
}
