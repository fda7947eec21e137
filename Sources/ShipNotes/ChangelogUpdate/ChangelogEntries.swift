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

    /// Whether `section` (the text of a changelog section) already holds `commit`: its short id,
    /// a link or reference to its pull request, or its exact subject (or description) appears.
    /// Entries a person reworded keep their pull-request link or commit id and still count.
    static func section(_ section: String, mentions commit: NotesCommit) -> Bool {
        if section.contains(String(commit.id.prefix(7))) { return true }
        if let number = commit.pullRequest {
            for marker in ["#\(number)", "/pull/\(number)", "/merge_requests/\(number)", "/pull-requests/\(number)"] {
                if contains(section, marker, thenNoDigit: true) { return true }
            }
        }
        if !commit.subject.isEmpty && section.contains(commit.subject) { return true }
        return commit.description.count >= 8 && section.contains(commit.description)
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
