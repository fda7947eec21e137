import ConformanceSupport
import Foundation
import Testing

@testable import ShipNotes

/// Which commits make which release: tags light and annotated, the default range, explicit ranges,
/// every release by reachability, tag prefixes, paths, folded pre-releases, and the errors that
/// stop a read. Every case is a real repository built with git in a temporary folder.
@Suite struct GitHistoryReleaseTests {
    // MARK: Tags

    @Test func annotatedTagsGiveTheirMessageAndTaggerDayLightTagsTheCommitDay() async throws {
        let repo = try TemporaryRepository()
        let first = try repo.commit("feat: first")
        try repo.tag("v1.0.0")
        try repo.commit("fix: second")
        // The tagger's own day, late in the evening five hours behind UTC (the 16th in UTC).
        try repo.git("tag", "-a", "v1.1.0", "-m", "Spring release\n\nFaster uploads.",
                     environment: ["GIT_COMMITTER_DATE": "2024-06-15T23:30:00-05:00"])
        let commitDay = try repo.git("log", "-1", "--format=%cs", first)

        let releases = try await repo.notes(GitHistoryOptions(allReleases: true)).releases
        #expect(releases.map(\.title) == ["1.1.0", "1.0.0"])
        #expect(releases.map(\.tag) == ["v1.1.0", "v1.0.0"])
        #expect(releases[0].date == "2024-06-15")
        #expect(releases[0].tagMessage == "Spring release\n\nFaster uploads.")
        #expect(releases[1].date == commitDay)
        #expect(commitDay.hasPrefix("2024-01"))
        #expect(releases[1].tagMessage == nil)
    }

    // MARK: The default range

    @Test func byDefaultTheCommitsSinceTheNewestTagInHeadsHistory() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        try repo.tag("v1.0.0")
        try repo.commit("fix: two")
        // A higher tag on a branch main never merged does not count.
        try repo.git("checkout", "-q", "-b", "experiment")
        try repo.commit("feat: experiment", files: ["experiment.txt": "try\n"])
        try repo.tag("v2.0.0")
        try repo.git("checkout", "-q", "main")
        try repo.commit("fix: three")

        let context = try await repo.notes()
        #expect(context.releases.count == 1)
        let release = context.releases[0]
        #expect(release.title == "Unreleased")
        #expect(release.isUnreleased)
        #expect(release.version == nil && release.tag == nil && release.date == nil)
        #expect(release.previousVersion == "1.0.0")
        #expect(release.previousTag == "v1.0.0")
        #expect(release.subjects == ["fix: three", "fix: two"])
        #expect(release.nextVersion == "1.0.1")
        #expect(context.nextVersion == "1.0.1")
    }

    @Test func withoutTagsEveryCommitIsUnreleased() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        try repo.commit("Update README")
        try repo.commit("fix: three")

        let context = try await repo.notes(GitHistoryOptions(grouping: .ungrouped))
        #expect(context.releases.map(\.title) == ["Unreleased"])
        #expect(context.releases[0].previousVersion == nil)
        #expect(context.releases[0].subjects == ["fix: three", "Update README", "feat: one"])
        #expect(context.releases[0].commitCount == 3)
        #expect(context.nextVersion == "0.1.0")
    }

    @Test func rightAfterTaggingTheDefaultRangeIsEmpty() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        try repo.tag("v1.0.0")

        let context = try await repo.notes()
        #expect(context.releases.map(\.title) == ["Unreleased"])
        #expect(context.releases[0].commitCount == 0)
        #expect(context.releases[0].groups.isEmpty)
        #expect(context.releases[0].previousVersion == "1.0.0")
        #expect(context.nextVersion == nil)
    }

    // MARK: Explicit ranges

    @Test func aRangeBetweenTagsIsTheReleaseOfItsEnd() async throws {
        let repo = try TemporaryRepository()
        let first = try repo.commit("feat: one")
        try repo.tag("v1.0.0")
        try repo.commit("fix: two")
        let third = try repo.commit("feat: three")
        try repo.git("tag", "-a", "v1.1.0", "-m", "Second", environment: ["GIT_COMMITTER_DATE": "2024-03-01T12:00:00+00:00"])
        try repo.commit("fix: four")

        let release = try await repo.notes(GitHistoryOptions(range: "v1.0.0..v1.1.0")).releases
        #expect(release.count == 1)
        #expect(release[0].title == "1.1.0")
        #expect(release[0].version == "1.1.0" && release[0].tag == "v1.1.0")
        #expect(release[0].previousVersion == "1.0.0" && release[0].previousTag == "v1.0.0")
        #expect(release[0].date == "2024-03-01")
        #expect(release[0].tagMessage == "Second")
        #expect(!release[0].isUnreleased)
        #expect(release[0].subjects == ["feat: three", "fix: two"])
        #expect(release[0].nextVersion == nil)

        // Commit ids name the same release through the tags that point at them.
        let byIds = try await repo.notes(GitHistoryOptions(range: "\(first)..\(third)")).releases
        #expect(byIds.map(\.title) == ["1.1.0"])
        #expect(byIds[0].previousVersion == "1.0.0")
        #expect(byIds[0].subjects == ["feat: three", "fix: two"])

        let toHead = try await repo.notes(GitHistoryOptions(range: "v1.1.0..HEAD"))
        #expect(toHead.releases.map(\.title) == ["Unreleased"])
        #expect(toHead.releases[0].previousVersion == "1.1.0")
        #expect(toHead.releases[0].subjects == ["fix: four"])
        #expect(toHead.nextVersion == "1.1.1")
    }

    @Test func anEmptyRangeHasNoCommits() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        try repo.tag("v1.0.0")
        try repo.commit("fix: two")

        let context = try await repo.notes(GitHistoryOptions(range: "v1.0.0..v1.0.0"))
        #expect(context.releases.count == 1)
        #expect(context.releases[0].commitCount == 0)
        #expect(context.releases[0].groups.isEmpty)
        #expect(context.releases[0].contributors.isEmpty)
        #expect(context.nextVersion == nil)
    }

    // MARK: Every release

    @Test func everyCommitBelongsToTheOldestTagThatContainsItNotTheNearestByDate() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: first")
        try repo.tag("v0.1.0")
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.commit("feat: branch work", files: ["feature.txt": "work\n"])
        try repo.git("checkout", "-q", "main")
        try repo.commit("fix: second")
        try repo.tag("v0.1.9")
        // Written before v0.1.9, merged after it: it ships in v0.1.10.
        try repo.merge("feature", message: "Merge branch 'feature'")
        try repo.commit("fix: third")
        try repo.tag("v0.1.10")
        try repo.commit("chore: after")

        let context = try await repo.notes(GitHistoryOptions(allReleases: true, grouping: .ungrouped))
        let releases = context.releases
        // v0.1.10 sorts before v0.1.9 as text; it is the newer version.
        #expect(releases.map(\.title) == ["Unreleased", "0.1.10", "0.1.9", "0.1.0"])
        #expect(releases.map(\.previousVersion) == ["0.1.10", "0.1.9", "0.1.0", nil])
        #expect(releases.map(\.subjects) == [
            ["chore: after"],
            ["fix: third", "Merge branch 'feature'", "feat: branch work"],
            ["fix: second"],
            ["feat: first"],
        ])
        let branchWork = try #require(releases[1].commits.last)
        #expect(branchWork.date < releases[2].date!)
        #expect(context.nextVersion == "0.1.11")
        #expect(releases[0].nextVersion == "0.1.11")
        #expect(releases.dropFirst().allSatisfy { $0.nextVersion == nil })
    }

    @Test func withEveryCommitReleasedThereIsNoUnreleasedSection() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: first")
        try repo.tag("v1.0.0")
        try repo.commit("fix: second")
        try repo.tag("v1.0.1")

        let context = try await repo.notes(GitHistoryOptions(allReleases: true))
        #expect(context.releases.map(\.title) == ["1.0.1", "1.0.0"])
        #expect(context.nextVersion == nil)
    }

    // MARK: Monorepos

    @Test(arguments: ["app/v", "app-v"])
    func aTagPrefixPicksOneComponentsTags(prefix: String) async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: app one", files: ["apps/app/one.txt": "1\n"])
        try repo.tag("\(prefix)1.0.0")
        try repo.commit("feat: lib five", files: ["libs/lib/five.txt": "5\n"])
        try repo.tag("lib/v5.0.0")
        try repo.tag("v9.0.0")
        try repo.commit("fix: app two", files: ["apps/app/two.txt": "2\n"])
        try repo.tag("\(prefix)1.1.0")
        try repo.commit("fix: app three", files: ["apps/app/three.txt": "3\n"])

        let all = try await repo.notes(GitHistoryOptions(allReleases: true, tagPrefix: prefix, grouping: .ungrouped))
        #expect(all.releases.map(\.title) == ["Unreleased", "1.1.0", "1.0.0"])
        #expect(all.releases.map(\.tag) == [nil, "\(prefix)1.1.0", "\(prefix)1.0.0"])
        #expect(all.releases.map(\.subjects) == [["fix: app three"], ["fix: app two", "feat: lib five"], ["feat: app one"]])

        let since = try await repo.notes(GitHistoryOptions(tagPrefix: prefix))
        #expect(since.releases[0].previousTag == "\(prefix)1.1.0")
        #expect(since.releases[0].subjects == ["fix: app three"])
        #expect(since.nextVersion == "1.1.1")

        // With the component's folder, the library's commit leaves the app's notes.
        let onlyApp = try await repo.notes(GitHistoryOptions(allReleases: true, tagPrefix: prefix, paths: ["apps/app"]))
        #expect(onlyApp.releases.map(\.subjects) == [["fix: app three"], ["fix: app two"], ["feat: app one"]])
    }

    @Test func aTagPrefixThatMatchesNothingNamesTheTagsThere() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        for name in ["v9.0.0", "lib/v5.0.0", "app/v1.1.0", "app/v1.0.0"] { try repo.tag(name) }
        await #expect(throws: GitError.tagPrefixMatchesNothing(
            prefix: "web/v", examples: ["app/v1.0.0", "app/v1.1.0", "lib/v5.0.0", "v9.0.0"])
        ) {
            try await repo.notes(GitHistoryOptions(tagPrefix: "web/v"))
        }

        let untagged = try TemporaryRepository()
        try untagged.commit("feat: one")
        let error = await #expect(throws: GitError.self) { try await untagged.notes(GitHistoryOptions(tagPrefix: "app/v")) }
        #expect(error == .tagPrefixMatchesNothing(prefix: "app/v", examples: []))
        #expect(error?.localizedDescription == "no tag starts with 'app/v' followed by a version; the repository has no tags.")
    }

    @Test func pathsKeepOnlyTheCommitsThatTouchThem() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: web login", files: ["apps/web/login.js": "login\n"])
        try repo.commit("feat: ios login", files: ["apps/ios/Login.swift": "login\n"])
        try repo.commit("fix: both", files: ["apps/web/login.js": "fixed\n", "apps/ios/Login.swift": "fixed\n"])
        try repo.commit("docs: readme", files: ["README.md": "readme\n"])

        let web = try await repo.notes(GitHistoryOptions(paths: ["apps/web"], grouping: .ungrouped))
        #expect(web.releases[0].subjects == ["fix: both", "feat: web login"])
        #expect(web.releases[0].commitCount == 2)
        let two = try await repo.notes(GitHistoryOptions(paths: ["apps/ios", "README.md"], grouping: .ungrouped))
        #expect(two.releases[0].subjects == ["docs: readme", "fix: both", "feat: ios login"])
    }

    // MARK: Pre-releases

    @Test func preReleasesAreTheirOwnReleasesUnlessFolded() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        try repo.tag("v1.0.0")
        try repo.commit("feat!: new config format")
        try repo.tag("v2.0.0-rc.1")
        try repo.commit("fix: three")
        try repo.tag("v2.0.0")

        let own = try await repo.notes(GitHistoryOptions(allReleases: true)).releases
        #expect(own.map(\.title) == ["2.0.0", "2.0.0-rc.1", "1.0.0"])
        #expect(own.map(\.isPrerelease) == [false, true, false])
        #expect(own.map(\.previousVersion) == ["2.0.0-rc.1", "1.0.0", nil])
        #expect(own.map(\.subjects) == [["fix: three"], ["feat!: new config format"], ["feat: one"]])

        let folded = try await repo.notes(GitHistoryOptions(allReleases: true, foldsPrereleases: true)).releases
        #expect(folded.map(\.title) == ["2.0.0", "1.0.0"])
        #expect(folded.map(\.isPrerelease) == [false, false])
        #expect(folded[0].previousVersion == "1.0.0")
        #expect(folded[0].subjects == ["feat!: new config format", "fix: three"])
        #expect(folded[0].breakingChanges.map(\.description) == ["new config format"])
    }

    @Test func aCandidatePromotedAsItIsLeavesTheReleaseToTheFinalVersion() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        try repo.tag("v1.0.0")
        try repo.commit("feat: two")
        try repo.tag("v1.1.0-rc.1")
        try repo.tag("v1.1.0", message: "1.1.0, the candidate as it was")

        let releases = try await repo.notes(GitHistoryOptions(allReleases: true)).releases
        #expect(releases.map(\.title) == ["1.1.0", "1.0.0"])
        #expect(releases[0].subjects == ["feat: two"])
        #expect(releases[0].previousVersion == "1.0.0")
    }

    @Test func sinceAPreReleaseOrSinceTheFinalBeforeIt() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        try repo.tag("v1.0.0")
        try repo.commit("feat!: new config format")
        try repo.tag("v2.0.0-rc.1")
        try repo.commit("fix: after the candidate")

        let sinceCandidate = try await repo.notes()
        #expect(sinceCandidate.releases[0].previousVersion == "2.0.0-rc.1")
        #expect(sinceCandidate.releases[0].subjects == ["fix: after the candidate"])
        #expect(sinceCandidate.nextVersion == "2.0.0")

        let sinceFinal = try await repo.notes(GitHistoryOptions(foldsPrereleases: true))
        #expect(sinceFinal.releases[0].previousVersion == "1.0.0")
        #expect(sinceFinal.releases[0].subjects == ["feat!: new config format", "fix: after the candidate"])
        #expect(sinceFinal.nextVersion == "2.0.0")
    }

    // MARK: Errors

    @Test func aShallowCloneIsRefused() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        try repo.tag("v1.0.0")
        try repo.commit("fix: two")
        let clone = repo.url.deletingLastPathComponent().appendingPathComponent("shallow")
        try repo.run(["clone", "-q", "--depth", "1", "file://\(repo.path)", clone.path])
        #expect(try repo.run(["rev-parse", "--is-shallow-repository"], in: clone) == "true")

        let error = await #expect(throws: GitError.self) { try await GitHistory(directory: clone.path).notes() }
        #expect(error == .shallowClone(path: clone.path))
        #expect(error?.localizedDescription.contains("git fetch --unshallow --tags") == true)
    }

    @Test func aFolderOutsideAnyRepositoryIsNotARepository() async throws {
        let repo = try TemporaryRepository()
        let plain = repo.url.deletingLastPathComponent().appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        await #expect(throws: GitError.notARepository(path: plain.path)) {
            try await GitHistory(directory: plain.path).notes()
        }
        let missing = plain.appendingPathComponent("missing").path
        await #expect(throws: GitError.notARepository(path: missing)) { try await GitHistory(directory: missing).notes() }
    }

    @Test func anUnknownRevisionIsNamed() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        try repo.tag("v1.0.0")
        await #expect(throws: GitError.unknownRevision("v9.9.9")) { try await repo.notes(GitHistoryOptions(range: "v9.9.9")) }
        await #expect(throws: GitError.unknownRevision("v9.9.9")) {
            try await repo.notes(GitHistoryOptions(range: "v9.9.9..HEAD"))
        }
    }

    @Test func aRepositoryWithoutCommitsHasNoCommits() async throws {
        let repo = try TemporaryRepository()
        let error = await #expect(throws: GitError.self) { try await repo.notes() }
        #expect(error == .noCommits(path: repo.path))
        #expect(error?.localizedDescription == "\(repo.path): the repository has no commits yet.")
    }
}

// MARK: - Shared by the Git tests

extension TemporaryRepository {
    /// The notes shipnotes reads from this repository.
    func notes(_ options: GitHistoryOptions = GitHistoryOptions()) async throws -> NotesContext {
        try await GitHistory(directory: path).notes(options)
    }
}

extension NotesRelease {
    /// The release's commits, group after group.
    var commits: [NotesCommit] { groups.flatMap(\.commits) }
    /// The commits' titles, group after group.
    var subjects: [String] { commits.map(\.subject) }
}

extension CommitGrouping {
    /// One group for every commit, so that they stay in git's order (newest first).
    static let ungrouped = CommitGrouping(groups: [], otherTitle: "Changes")
}
