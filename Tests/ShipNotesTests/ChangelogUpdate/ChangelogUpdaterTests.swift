import ConformanceSupport
import Foundation
import ShipNotes
import Testing

/// `ChangelogUpdater` on temporary repositories: what it adds, where, in which style, and that
/// every byte of the file outside the added lines stays, on changelogs written here in each dialect
/// and on every real changelog of `$CONFORMANCE_DIR/changelogs/`.
@Suite struct ChangelogUpdaterTests {
    /// A repository with `changelog` as CHANGELOG.md, tagged v1.0.0, then three commits.
    static func repository(changelog: [UInt8]) throws -> TemporaryRepository {
        let repository = try TemporaryRepository()
        try Data(changelog).write(to: repository.url.appendingPathComponent("CHANGELOG.md"))
        _ = try repository.commit("feat: first release")
        try repository.tag("v1.0.0")
        _ = try repository.commit("feat(ui): dark mode (#12)")
        _ = try repository.commit("fix: crash when the album is empty")
        _ = try repository.commit("chore: tidy the build scripts")
        return repository
    }

    /// A Keep a Changelog file with a hand-written unreleased entry, one release and compare links.
    static let keepAChangelog = Array("""
        # Changelog

        ## [Unreleased]

        ### Fixed

        - A fix someone wrote by hand

        ## [1.0.0] - 2026-01-01

        ### Added

        - First

        [unreleased]: https://github.com/acme/app/compare/v1.0.0...HEAD
        [1.0.0]: https://github.com/acme/app/releases/tag/v1.0.0

        """.utf8)

    static func path(_ repository: TemporaryRepository) -> String {
        repository.url.appendingPathComponent("CHANGELOG.md").path
    }

    /// The lines of `bytes`, each with its line ending.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 10 {
            result.append(Array(bytes[start...index]))
            start = index + 1
        }
        if start < bytes.count { result.append(Array(bytes[start...])) }
        return result
    }

    /// The lines of `updated` that are not `original`'s, found by matching `original`'s lines in
    /// order (nil when `original` is not a subsequence of `updated`'s lines: a line was changed or
    /// lost). Independent of how the update was built: it compares the two files only.
    static func addedLines(from original: [UInt8], to updated: [UInt8]) -> [String]? {
        let old = lines(original), new = lines(updated)
        var added: [String] = [], oldIndex = 0
        for line in new {
            if oldIndex < old.count && old[oldIndex] == line {
                oldIndex += 1
            } else if oldIndex < old.count, old[oldIndex].last != 10, line.starts(with: old[oldIndex]) {
                // The file's last line, which had no line ending, gained one.
                oldIndex += 1
            } else {
                added.append(String(decoding: line, as: UTF8.self))
            }
        }
        return oldIndex == old.count ? added : nil
    }

    @Test func addsTheNewCommitsUnderKeepAChangelogGroups() async throws {
        let original = Self.keepAChangelog
        let repository = try Self.repository(changelog: original)
        let update = try await ChangelogUpdater(path: Self.path(repository), repository: repository.path).plan()
        #expect(update.added.map(\.description) == ["dark mode (#12)", "crash when the album is empty", "tidy the build scripts"])
        let text = String(decoding: update.updated, as: UTF8.self)
        #expect(text.contains("### Fixed\n\n- A fix someone wrote by hand\n- crash when the album is empty ("))
        #expect(text.contains("\n### Added\n\n- ui: dark mode (#12)\n"))
        #expect(text.contains("\n### Changed\n\n- tidy the build scripts ("))
        let added = try #require(Self.addedLines(from: original, to: update.updated))
        #expect(added.count == 9, "\(added)")  // one entry under Fixed; Added and Changed with their headings
        // Read back, the unreleased section lists them and the release below is as it was.
        let before = try ChangelogReader().read(bytes: original, path: "CHANGELOG.md")
        let after = try ChangelogReader().read(bytes: update.updated, path: "CHANGELOG.md")
        #expect(after.releases[0].isUnreleased && after.releases[0].body.contains("dark mode"))
        #expect(after.releases[1].body == before.releases[1].body)
    }

    @Test func aSecondRunChangesNothing() async throws {
        let repository = try Self.repository(changelog: Array("# Changelog\n\n## [1.0.0] - 2026-01-01\n\n### Added\n\n- First\n".utf8))
        let path = Self.path(repository)
        let first = try await ChangelogUpdater(path: path, repository: repository.path).plan()
        #expect(first.added.count == 3)
        try first.write()
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        let second = try await ChangelogUpdater(path: path, repository: repository.path).plan()
        #expect(!second.changesFile && second.added.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == written)
        // The section was created above the first release, in the file's dialect.
        #expect(String(decoding: written, as: UTF8.self).hasPrefix("# Changelog\n\n## [Unreleased]\n\n### Added\n\n- ui: dark mode (#12)\n"))
    }

    /// Entries a person reworded or moved still count as present: by short id, by pull request, by subject.
    @Test func rewordedEntriesAreRecognised() async throws {
        let repository = try Self.repository(changelog: [])
        let crash = String(try repository.git("log", "-1", "--format=%h", "HEAD~1").prefix(7))
        let changelog = Array("""
            ## Unreleased

            * Dark mode, finally ([#12](https://github.com/acme/app/pull/12))
            * Fixed a crash ([\(crash)](https://github.com/acme/app/commit/\(crash)))
            * chore: tidy the build scripts

            ## 1.0.0

            * First

            """.utf8)
        try Data(changelog).write(to: URL(fileURLWithPath: Self.path(repository)))
        let update = try await ChangelogUpdater(path: Self.path(repository), repository: repository.path).plan()
        #expect(update.added.isEmpty, "\(update.added.map(\.subject))")
    }

    @Test func keepsCRLFAndTheBOMAndTheBullet() async throws {
        let original = Array("\u{FEFF}# History\r\n\r\n## Unreleased\r\n\r\n* Something\r\n\r\n## v1.0.0 (2026-01-01)\r\n\r\n* First\r\n".utf8)
        let repository = try Self.repository(changelog: original)
        let update = try await ChangelogUpdater(path: Self.path(repository), repository: repository.path).plan()
        let added = try #require(Self.addedLines(from: original, to: update.updated))
        #expect(added.count == 3)
        #expect(added.allSatisfy { $0.hasPrefix("* ") && $0.hasSuffix(")\r\n") }, "\(added)")
        #expect(update.updated.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(!String(decoding: update.updated, as: UTF8.self).contains("\n###"), "a file without group headings gets none")
    }

    @Test func aLastLineWithoutLineEndingGetsOne() async throws {
        let original = Array("## Unreleased\n\n- Something\n\n## 1.0.0\n\n- First".utf8)
        let repository = try Self.repository(changelog: original)
        // The unreleased section is not last here, so its end is a line start: only the new lines come in.
        let update = try await ChangelogUpdater(path: Self.path(repository), repository: repository.path).plan()
        #expect(try #require(Self.addedLines(from: original, to: update.updated)).count == 3)
        #expect(update.updated.last == UInt8(ascii: "t"), "the file's last line stays without a line ending")
    }

    @Test func aChangeMadeMeanwhileIsNotOverwritten() async throws {
        let repository = try Self.repository(changelog: Array("## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n\n- First\n".utf8))
        let path = Self.path(repository)
        let update = try await ChangelogUpdater(path: path, repository: repository.path).plan()
        let edited = Data("## [Unreleased]\n\n- Written by a person meanwhile\n\n## [1.0.0] - 2026-01-01\n\n- First\n".utf8)
        try edited.write(to: URL(fileURLWithPath: path))
        #expect(throws: ChangelogWriteError.changedMeanwhile(path: path)) { try update.write() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == edited)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: repository.path).filter { $0.contains("shipnotes-") }
        #expect(leftovers.isEmpty)
    }

    @Test func aReadOnlyFileIsRefusedAndTheModeIsKeptOtherwise() async throws {
        let original = Array("## [1.0.0] - 2026-01-01\n\n- First\n".utf8)
        let repository = try Self.repository(changelog: original)
        let path = Self.path(repository)
        chmod(path, 0o444)
        let update = try await ChangelogUpdater(path: path, repository: repository.path).plan()
        #expect(throws: ChangelogWriteError.notWritable(path: path, reason: "it is read-only")) { try update.write() }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == original)
        chmod(path, 0o640)
        try update.write()
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.uint16Value == 0o640)
    }

    @Test func theDiffShowsTheAddedLinesWithContext() async throws {
        let repository = try Self.repository(changelog: Array("## Unreleased\n\n- Something\n\n## 1.0.0\n\n- First\n".utf8))
        let path = Self.path(repository)
        let update = try await ChangelogUpdater(path: path, repository: repository.path).plan()
        let label = path.drop { $0 == "/" }
        #expect(update.unifiedDiff.hasPrefix("--- a/\(label)\n+++ b/\(label)\n@@ -1,6 +1,9 @@\n ## Unreleased\n \n - Something\n+- ui: dark mode (#12)\n"))
        #expect(update.unifiedDiff.hasSuffix("\n \n ## 1.0.0\n \n"))
    }
}
