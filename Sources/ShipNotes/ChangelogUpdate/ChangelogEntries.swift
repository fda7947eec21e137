/// The changelog lines for commits: one list item per commit, grouped the way the file groups its
/// entries, and the test for whether a commit is already in a section.
enum ChangelogEntries {
    /// The groups of a Keep a Changelog file: features are Added, fixes Fixed, the rest Changed.
    static let keepAChangelogGrouping = CommitGrouping(
        groups: [CommitGrouping.Group(title: "Added", types: ["feat", "feature"]),
                 CommitGrouping.Group(title: "Fixed", types: ["fix", "bugfix"])],
        otherTitle: "Changed")

    /// One entry's text, without the bullet: `scope: description (#12)`, the pull request or the
    /// commit linked when the remote is known. A breaking change is marked as such.
    static func text(for commit: NotesCommit) -> String {
        var text = commit.description.isEmpty ? commit.subject : commit.description
        if let scope = commit.scope, !scope.isEmpty { text = "\(scope): \(text)" }
        if commit.isBreaking { text = "**Breaking:** " + text }
        if let number = commit.pullRequest, contains(text, "#\(number)", thenNoDigit: true) {
            // A squash merge's title keeps its `(#123)`: the entry says it once.
        } else if let number = commit.pullRequest {
            text += commit.links.pullRequest.map { " ([#\(number)](\($0)))" } ?? " (#\(number))"
        } else {
            text += commit.links.commit.map { " ([\(commit.shortId)](\($0)))" } ?? " (\(commit.shortId))"
        }
        return text
    }

    /// What a changelog section mentions, read once: the hexadecimal words in it (commit ids, by
    /// their first 7 characters) and the numbers after `#`, `/pull/`, `/merge_requests/` or
    /// `/pull-requests/` (pull requests), so that checking hundreds of commits stays one pass over
    /// the section plus a look-up each.
    struct SectionMentions {
        let text: String
        private(set) var idPrefixes: Set<Substring> = []
        private(set) var numbers: Set<Int> = []

        init(_ text: String) {
            self.text = text
            let bytes = Array(text.utf8)
            var index = 0
            while index < bytes.count {
                let start = index
                while index < bytes.count, Self.isHex(bytes[index]) { index += 1 }
                if index - start >= 7, start == 0 || !Self.isWordByte(bytes[start - 1]) {
                    idPrefixes.insert(Substring(String(decoding: bytes[start..<(start + 7)], as: UTF8.self)))
                }
                if index == start { index += 1 }
            }
            for marker in ["#", "/pull/", "/merge_requests/", "/pull-requests/"] {
                var rest = Substring(text)
                while let found = rest.range(of: marker) {
                    let digits = rest[found.upperBound...].prefix { $0.isASCII && $0.isNumber }
                    if let number = Int(digits) { numbers.insert(number) }
                    rest = rest[found.upperBound...]
                }
            }
        }

        static func isHex(_ byte: UInt8) -> Bool {
            (48...57).contains(byte) || (97...102).contains(byte)
        }

        static func isWordByte(_ byte: UInt8) -> Bool {
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
        }
    }

    /// Whether the section already holds `commit`: its short id, a link or reference to its pull
    /// request, or its exact subject (or description) appears. Entries a person reworded keep their
    /// pull-request link or commit id and still count.
    static func section(_ section: SectionMentions, mentions commit: NotesCommit) -> Bool {
        if section.idPrefixes.contains(commit.id.prefix(7)) { return true }
        if let number = commit.pullRequest, section.numbers.contains(number) { return true }
        if !commit.subject.isEmpty && section.text.contains(commit.subject) { return true }
        return commit.description.count >= 8 && section.text.contains(commit.description)
    }

    /// Whether `marker` occurs in `text` not followed by a digit (`#12` is not in `#123`).
    static func contains(_ text: String, _ marker: String, thenNoDigit: Bool) -> Bool {
        var rest = Substring(text)
        while let found = rest.range(of: marker) {
            let after = rest[found.upperBound...].first
            if after.map({ !$0.isASCII || !$0.isNumber }) ?? true { return true }
            rest = rest[found.upperBound...]
        }
        return false
    }

    /// The commits of `release` in the order its groups show them, each with its group's title.
    static func grouped(_ release: NotesRelease) -> [(title: String, commits: [NotesCommit])] {
        release.groups.filter { !$0.commits.isEmpty }.map { ($0.title, $0.commits) }
    }
}
