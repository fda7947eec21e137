import Foundation

extension ChangelogUpdater {
    /// A new changelog for a project that has none: Keep a Changelog's header, then every release of
    /// the history newest first (`## [Unreleased]` for the commits after the newest tag), each with
    /// Added, Fixed and Changed, entries written as ``plan()`` writes them (so a later run finds them
    /// all), and the compare links at the bottom when the remote is known.
    public func planCreation() async throws -> ChangelogUpdate {
        let history = GitHistory(directory: repository)
        let notes = try await history.notes(GitHistoryOptions(
            allReleases: true, tagPrefix: tagPrefix, grouping: ChangelogEntries.keepAChangelogGrouping))
        var text = """
            # Changelog

            All notable changes to this project are written here, in the
            [Keep a Changelog](https://keepachangelog.com/en/1.1.0/) format.

            """
        var definitions: [String] = []
        let hasUnreleased = notes.releases.contains(where: \.isUnreleased)
        if !hasUnreleased { text += "\n## [Unreleased]\n" }
        for release in notes.releases {
            let title = release.isUnreleased ? "[Unreleased]" : "[\(release.version ?? release.title)]" + (release.date.map { " - \($0)" } ?? "")
            text += "\n## \(title)\n"
            for group in ChangelogEntries.grouped(release) {
                text += "\n### \(group.title)\n\n"
                for commit in group.commits { text += "- \(ChangelogEntries.text(for: commit))\n" }
            }
            if let url = release.compareURL {
                definitions.append("[\(release.isUnreleased ? "unreleased" : release.version ?? release.title)]: \(url)")
            }
        }
        if !definitions.isEmpty { text += "\n" + definitions.joined(separator: "\n") + "\n" }
        return ChangelogUpdate(path: path, original: [], insertions: [ChangelogInsertion(offset: 0, bytes: Array(text.utf8))],
                               added: notes.releases.flatMap { $0.groups.flatMap(\.commits) }, creates: true)
    }
}
