import ConformanceSupport
import Foundation
import ShipNotes
import Testing

/// The updater on every real changelog of `$CONFORMANCE_DIR/changelogs/`, each committed to a
/// temporary repository followed by three new commits: every original line stays, in order; the
/// lines added are the new entries (and the headings and blank lines around them); the entries are
/// in the file's unreleased section when read back; a second run changes nothing.
@Suite(.enabled(if: RealChangelogs.isConfigured)) struct RealChangelogUpdateTests {
    @Test(arguments: RealChangelogs.names)
    func insertsOnlyTheNewEntries(name: String) async throws {
        let original = try RealChangelogs.bytes(name)
        let repository = try ChangelogUpdaterTests.repository(changelog: original)
        let path = ChangelogUpdaterTests.path(repository)
        let update = try await ChangelogUpdater(path: path, repository: repository.path).plan()
        #expect(update.added.count == 3)
        let added = try #require(ChangelogUpdaterTests.addedLines(from: original, to: update.updated),
                                 "an original line of \(name) was changed or lost")
        let ids = update.added.map { String($0.id.prefix(7)) }
        for line in added {
            let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
            let isEntry = ids.contains { text.contains($0) } || text.contains("#12")
            #expect(text.isEmpty || text.hasPrefix("#") || isEntry, "\(name): unexpected added line \(line)")
        }
        #expect(added.filter { $0.contains("dark mode") || ids.contains(where: $0.contains) }.count == 3)

        let before = try ChangelogReader().read(bytes: original, path: name)
        let after = try ChangelogReader().read(bytes: update.updated, path: name)
        let unreleased = try #require(after.releases.first { $0.isUnreleased })
        #expect(unreleased.body.contains("dark mode") && unreleased.body.contains("crash when the album is empty"))
        // Every release with a version reads as before.
        let released = { (changelog: ShipNotes.Changelog) in changelog.releases.filter { !$0.isUnreleased }.map(\.body) }
        #expect(released(after) == released(before))

        try update.write()
        let again = try await ChangelogUpdater(path: path, repository: repository.path).plan()
        #expect(!again.changesFile, "\(name): a second run would add \(again.added.map(\.subject))")
    }

    /// `--release` on each: read back, the new version is the newest release, with its date (in the
    /// title or on the body's first line, as the file writes it) and the new entries; the releases
    /// below read as before.
    @Test(arguments: RealChangelogs.names)
    func releasesInTheFilesOwnShape(name: String) async throws {
        let original = try RealChangelogs.bytes(name)
        let repository = try ChangelogUpdaterTests.repository(changelog: original)
        let date = ReleaseDate(year: 2026, month: 12, day: 2)!
        let update = try await ChangelogUpdater(path: ChangelogUpdaterTests.path(repository), repository: repository.path)
            .plan(release: ("99.1.0", date))
        let before = try ChangelogReader().read(bytes: original, path: name)
        let after = try ChangelogReader().read(bytes: update.updated, path: name)
        let released = try #require(after.releases.first { !$0.isUnreleased })
        #expect(released.version?.normalized == "99.1.0" && released.date == date, "\(name): \(released.title)")
        #expect(released.body.contains("dark mode"))
        let older = { (changelog: ShipNotes.Changelog) in changelog.releases.filter { !$0.isUnreleased && $0.version?.normalized != "99.1.0" }.map(\.body) }
        #expect(older(after) == older(before))
    }
}
