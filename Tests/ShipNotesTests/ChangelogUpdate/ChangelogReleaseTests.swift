import ConformanceSupport
import Foundation
import ShipNotes
import Testing

/// `ChangelogUpdater.plan(release:)`: the unreleased section becomes the release, headed like the
/// file's newest release, a fresh unreleased section opens above it, compare links move on.
@Suite struct ChangelogReleaseTests {
    static let date = ReleaseDate(year: 2026, month: 12, day: 2)!

    @Test func keepAChangelogReleaseReadsBackFirstWithItsDateNotesAndLinks() async throws {
        let original = ChangelogUpdaterTests.keepAChangelog
        let repository = try ChangelogUpdaterTests.repository(changelog: original)
        let path = ChangelogUpdaterTests.path(repository)
        let update = try await ChangelogUpdater(path: path, repository: repository.path).plan(release: ("1.1.0", Self.date))
        #expect(update.releasedVersion == "1.1.0")
        let changelog = try ChangelogReader().read(bytes: update.updated, path: "CHANGELOG.md")
        #expect(changelog.releases.map(\.title) == ["[Unreleased]", "[1.1.0] - 2026-12-02", "[1.0.0] - 2026-01-01"])
        #expect(changelog.releases[0].body.isEmpty)
        let released = changelog.releases[1]
        #expect(released.version?.written == "1.1.0" && released.date == Self.date)
        #expect(released.body.contains("A fix someone wrote by hand") && released.body.contains("crash when the album is empty"))
        let text = String(decoding: update.updated, as: UTF8.self)
        #expect(text.hasSuffix("""
            [unreleased]: https://github.com/acme/app/compare/v1.1.0...HEAD
            [1.1.0]: https://github.com/acme/app/compare/v1.0.0...v1.1.0
            [1.0.0]: https://github.com/acme/app/releases/tag/v1.0.0

            """))
        // A version the file has is refused, and nothing is planned.
        try update.write()
        await #expect(throws: ChangelogUpdateError.versionExists(path: path, version: "1.1.0")) {
            _ = try await ChangelogUpdater(path: path, repository: repository.path).plan(release: ("1.1.0", Self.date))
        }
    }

    @Test func theNewestHeadingsShapeAndTheFilesLineEndingsAreKept() async throws {
        let original = Array("## Unreleased\r\n\r\n* Something\r\n\r\n## v1.0.0 (2026-01-01)\r\n\r\n* First\r\n".utf8)
        let repository = try ChangelogUpdaterTests.repository(changelog: original)
        let update = try await ChangelogUpdater(path: ChangelogUpdaterTests.path(repository), repository: repository.path)
            .plan(release: ("1.1.0", Self.date))
        let text = String(decoding: update.updated, as: UTF8.self)
        #expect(text.hasPrefix("## Unreleased\r\n\r\n## v1.1.0 (2026-12-02)\r\n\r\n* Something\r\n* "), "\(text)")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a bare LF was written")
    }

    /// A heading whose date is not written as YYYY-MM-DD is not copied with its old date.
    @Test func aDateWrittenAnotherWayIsNotCarriedOver() async throws {
        let repository = try ChangelogUpdaterTests.repository(changelog: Array("## Unreleased\n\n## 1.0.0 (January 1, 2026)\n\n- First\n".utf8))
        let update = try await ChangelogUpdater(path: ChangelogUpdaterTests.path(repository), repository: repository.path)
            .plan(release: ("1.1.0", Self.date))
        let text = String(decoding: update.updated, as: UTF8.self)
        #expect(text.hasPrefix("## Unreleased\n\n## 1.1.0 (2026-12-02)\n"), "\(text)")
        #expect(!text.contains("1.1.0 (January 1, 2026)"))
    }

    @Test func autoTakesTheNextVersionByConventionalCommits() async throws {
        let repository = try ChangelogUpdaterTests.repository(changelog: Array("## Unreleased\n\n## 1.0.0\n\n- First\n".utf8))
        let update = try await ChangelogUpdater(path: ChangelogUpdaterTests.path(repository), repository: repository.path)
            .plan(release: (nil, Self.date))
        // A feat since v1.0.0: the minor version goes up.
        #expect(update.releasedVersion == "1.1.0")
        #expect(String(decoding: update.updated, as: UTF8.self).hasPrefix("## Unreleased\n\n## 1.1.0\n"))
    }

    @Test func withoutAnUnreleasedSectionTheReleaseIsCreatedAboveTheOthers() async throws {
        let repository = try ChangelogUpdaterTests.repository(changelog: Array("# Changes\n\n## [1.0.0] - 2026-01-01\n\n- First\n".utf8))
        let update = try await ChangelogUpdater(path: ChangelogUpdaterTests.path(repository), repository: repository.path)
            .plan(release: ("1.1.0", Self.date))
        let changelog = try ChangelogReader().read(bytes: update.updated, path: "CHANGELOG.md")
        #expect(changelog.releases.first?.title == "[1.1.0] - 2026-12-02")
        #expect(changelog.releases.first?.body.contains("dark mode") == true)
    }
}

/// A project without a changelog gets one from its whole history.
@Suite struct ChangelogCreationTests {
    @Test func aMissingFileIsCreatedFromEveryReleaseAndASecondRunAddsNothing() async throws {
        let repository = try ChangelogUpdaterTests.repository(changelog: [])
        let path = repository.url.appendingPathComponent("docs/CHANGES.md").path
        try FileManager.default.createDirectory(atPath: repository.url.appendingPathComponent("docs").path, withIntermediateDirectories: true)
        let update = try await ChangelogUpdater(path: path, repository: repository.path).planCreation()
        #expect(update.creates && update.added.count == 4)
        try update.write()
        let changelog = try ChangelogReader().read(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
        #expect(changelog.releases.map(\.displayName) == ["Unreleased", "1.0.0"])
        #expect(changelog.releases[1].body.contains("first release"))
        #expect(changelog.releases[0].body.contains("### Fixed\n\n- crash when the album is empty ("))
        let again = try await ChangelogUpdater(path: path, repository: repository.path).plan()
        #expect(!again.changesFile, "\(again.added.map(\.subject))")
        // A file that appeared meanwhile is not replaced.
        #expect(throws: ChangelogWriteError.changedMeanwhile(path: path)) { try update.write() }
    }
}
