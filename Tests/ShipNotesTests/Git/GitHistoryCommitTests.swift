import ConformanceSupport
import Foundation
import Testing

@testable import ShipNotes

/// What the notes read out of each commit: merged pull requests (GitHub, bors, GitLab) under every
/// merge mode, reverts that cancel out, squash merges, co-authors, issues and breaking-change
/// footers. Every case is a real repository built with git in a temporary folder.
@Suite struct GitHistoryCommitTests {
    /// `v1.0.0`, then three branches merged the ways GitHub, bors and GitLab merge them, then a
    /// commit on main.
    private func mergedRepository() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        try repo.commit("chore: start")
        try repo.tag("v1.0.0")
        try repo.git("checkout", "-q", "-b", "search")
        try repo.commit("feat: add search index", files: ["search.txt": "index\n"])
        try repo.git("checkout", "-q", "main")
        try repo.merge("search", message: "Merge pull request #12 from acme/feature\n\nfeat: search box")
        try repo.git("checkout", "-q", "-b", "guard")
        try repo.commit("fix: guard against empty input", files: ["guard.txt": "guard\n"])
        try repo.git("checkout", "-q", "main")
        try repo.merge("guard", message: "Auto merge of #7 - acme:branch, r=bob\n\nfix: crash on launch\n\nThe details.")
        try repo.git("checkout", "-q", "-b", "guide")
        try repo.commit("docs: write the guide", files: ["guide.md": "guide\n"])
        try repo.git("checkout", "-q", "main")
        try repo.merge("guide", message: "Merge branch 'guide' into 'main'\n\ndocs: the guide\n\nSee merge request acme/app!9")
        try repo.commit("fix: tidy up")
        return repo
    }

    // MARK: Merges

    @Test func mergeModesChooseMergesOrTheCommitsTheyMerge() async throws {
        let repo = try mergedRepository()
        let expected: [MergeMode: [String]] = [
            .include: ["fix: tidy up", "docs: the guide", "docs: write the guide", "fix: crash on launch",
                       "fix: guard against empty input", "feat: search box", "feat: add search index"],
            .exclude: ["fix: tidy up", "docs: write the guide", "fix: guard against empty input", "feat: add search index"],
            .only: ["docs: the guide", "fix: crash on launch", "feat: search box"],
            .firstParent: ["fix: tidy up", "docs: the guide", "fix: crash on launch", "feat: search box"],
        ]
        #expect(Set(expected.keys) == Set(MergeMode.allCases))
        for mode in MergeMode.allCases {
            let release = try await repo.notes(GitHistoryOptions(merges: mode, grouping: .ungrouped)).releases[0]
            #expect(release.subjects == expected[mode], "\(mode)")
            #expect(release.commitCount == expected[mode]?.count, "\(mode)")
        }
    }

    @Test func aMergedPullRequestReadsAsItsTitleAndNumber() async throws {
        let repo = try mergedRepository()
        let release = try await repo.notes(GitHistoryOptions(merges: .only)).releases[0]
        let merges = release.commits
        #expect(merges.allSatisfy { $0.isMerge })
        #expect(merges.map(\.pullRequest) == [12, 7, 9])
        #expect(merges.map(\.type) == ["feat", "fix", "docs"])
        #expect(merges.map(\.description) == ["search box", "crash on launch", "the guide"])
        #expect(release.groups.map(\.title) == ["Features", "Bug Fixes", "Documentation"])
        // The body is what follows the title.
        #expect(merges[1].body == "The details.")
    }

    @Test func aMergeWithoutATitleKeepsItsSubject() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("chore: start")
        for (branch, message) in [("a", "Merge pull request #5 from acme/a"), ("b", "Merge branch 'b'")] {
            try repo.git("checkout", "-q", "-b", branch)
            try repo.commit("feat: \(branch)", files: ["\(branch).txt": "\(branch)\n"])
            try repo.git("checkout", "-q", "main")
            try repo.merge(branch, message: message)
        }
        let merges = try await repo.notes(GitHistoryOptions(merges: .only, grouping: .ungrouped)).releases[0].commits
        #expect(merges.map(\.subject) == ["Merge branch 'b'", "Merge pull request #5 from acme/a"])
        #expect(merges.map(\.pullRequest) == [nil, 5])
        #expect(merges.map(\.type) == [nil, nil])
    }

    @Test func theFirstParentLineOfARangeBetweenAnnotatedTags() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("chore: start")
        try repo.tag("v1.0.0", message: "First")
        try repo.git("checkout", "-q", "-b", "search")
        try repo.commit("feat: add search index", files: ["search.txt": "index\n"])
        try repo.git("checkout", "-q", "main")
        try repo.merge("search", message: "Merge pull request #12 from acme/feature\n\nfeat: search box")
        try repo.commit("fix: tidy up")
        try repo.tag("v1.1.0", message: "Second")

        for range in ["v1.0.0..v1.1.0", "v1.1.0"] {
            let release = try await repo.notes(GitHistoryOptions(range: range, merges: .firstParent, grouping: .ungrouped)).releases
            #expect(release.map(\.title) == ["1.1.0"], "\(range)")
            let expected = range == "v1.1.0" ? ["fix: tidy up", "feat: search box", "chore: start"] : ["fix: tidy up", "feat: search box"]
            #expect(release.first?.subjects == expected, "\(range)")
        }
    }

    // MARK: Reverts

    @Test func aCommitRevertedInTheSameReleaseLeavesNoTrace() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("chore: start")
        try repo.tag("v1.0.0")
        let shiny = try repo.commit("feat: shiny", files: ["shiny.txt": "shiny\n"])
        try repo.commit("fix: keep", files: ["keep.txt": "keep\n"])
        try repo.git("revert", "--no-edit", shiny)

        let context = try await repo.notes()
        #expect(context.releases[0].subjects == ["fix: keep"])
        #expect(context.releases[0].commitCount == 1)
        // The feature never shipped, so it does not bump the minor version.
        #expect(context.nextVersion == "1.0.1")
    }

    @Test func aRevertOfARevertKeepsTheOriginal() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("chore: start")
        try repo.tag("v1.0.0")
        let shiny = try repo.commit("feat: shiny", files: ["shiny.txt": "shiny\n"])
        try repo.git("revert", "--no-edit", shiny)
        try repo.git("revert", "--no-edit", "HEAD")

        let release = try await repo.notes().releases[0]
        #expect(release.subjects == ["feat: shiny"])
        #expect(release.groups.map(\.title) == ["Features"])
    }

    /// git 2.43 and later title a revert of a revert `Reapply "…"` (same `This reverts commit`
    /// body); the message is written by hand here so the case holds whichever git runs the test.
    @Test func aReapplyKeepsTheOriginal() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("chore: start")
        try repo.tag("v1.0.0")
        let shiny = try repo.commit("feat: shiny", files: ["shiny.txt": "shiny\n"])
        try repo.git("revert", "--no-edit", shiny)
        let revert = try repo.git("rev-parse", "HEAD")
        try repo.commit("Reapply \"feat: shiny\"\n\nThis reverts commit \(revert).", files: ["shiny.txt": "shiny\n"])

        let release = try await repo.notes().releases[0]
        #expect(release.subjects == ["feat: shiny"])
        #expect(release.groups.map(\.title) == ["Features"])
    }

    @Test func aRevertOfAnEarlierReleasesCommitIsListedUnderReverts() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("chore: start")
        let shiny = try repo.commit("feat: shiny", files: ["shiny.txt": "shiny\n"])
        try repo.tag("v1.0.0")
        try repo.git("revert", "--no-edit", shiny)

        let release = try await repo.notes().releases[0]
        #expect(release.groups.map(\.title) == ["Reverts"])
        let revert = try #require(release.commits.first)
        #expect(revert.subject == "Revert \"feat: shiny\"")
        #expect(revert.type == "revert")
        #expect(revert.body == "This reverts commit \(shiny).")

        // Every release: the feature in 1.0.0, its revert unreleased.
        let all = try await repo.notes(GitHistoryOptions(allReleases: true)).releases
        #expect(all.map(\.title) == ["Unreleased", "1.0.0"])
        #expect(all.map(\.subjects) == [["Revert \"feat: shiny\""], ["feat: shiny", "chore: start"]])
    }

    // MARK: Commit messages

    @Test func aSquashMergeKeepsItsNumberInTheTitle() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: resume uploads (#123)")
        try repo.commit("fix: not a number (#abc)")
        try repo.commit("fix: in the middle (#45) of it")

        let commits = try await repo.notes(GitHistoryOptions(grouping: .ungrouped)).releases[0].commits
        #expect(commits.map(\.subject) == ["fix: in the middle (#45) of it", "fix: not a number (#abc)", "feat: resume uploads (#123)"])
        #expect(commits.map(\.pullRequest) == [nil, nil, 123])
        #expect(commits[2].description == "resume uploads (#123)")
        #expect(commits[2].isMerge == false)
    }

    @Test func coAuthorsAreCountedOnceAndNeverTheAuthor() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("""
            feat: pairing

            Worked on together.

            Co-authored-by: Grace Hopper <grace@example.com>
            Co-authored-by: Grace H. <GRACE@Example.com>
            Co-authored-by: Ada L. <ADA@example.com>
            Co-authored-by: Alan Turing <alan@example.com>
            """)
        try repo.commit("""
            fix: second pass

            Co-authored-by: Alan Turing <alan@example.com>
            """, author: (name: "Grace Hopper", email: "grace@example.com"))

        let release = try await repo.notes(GitHistoryOptions(grouping: .ungrouped)).releases[0]
        let pairing = try #require(release.commits.last)
        #expect(pairing.author == NotesPerson(name: "Ada Lovelace", email: "ada@example.com"))
        #expect(pairing.coAuthors == [NotesPerson(name: "Grace Hopper", email: "grace@example.com"),
                                      NotesPerson(name: "Alan Turing", email: "alan@example.com")])
        #expect(pairing.authors.map(\.name) == ["Ada Lovelace", "Grace Hopper", "Alan Turing"])
        #expect(pairing.body.hasPrefix("Worked on together."))
        // Newest commit first: Grace and Alan from the second pass, then Ada.
        #expect(release.contributors == [NotesPerson(name: "Grace Hopper", email: "grace@example.com"),
                                         NotesPerson(name: "Alan Turing", email: "alan@example.com"),
                                         NotesPerson(name: "Ada Lovelace", email: "ada@example.com")])
    }

    @Test func theMailmapNamesAuthorsOnce() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("chore: mailmap", files: [".mailmap": "Ada Lovelace <ada@example.com> <ada@old.example>\n"])
        try repo.commit("fix: from the old address", author: (name: "A. Lovelace", email: "ada@old.example"))
        let release = try await repo.notes().releases[0]
        #expect(release.commits.map(\.author) == [NotesPerson(name: "Ada Lovelace", email: "ada@example.com"),
                                                  NotesPerson(name: "Ada Lovelace", email: "ada@example.com")])
        #expect(release.contributors == [NotesPerson(name: "Ada Lovelace", email: "ada@example.com")])
    }

    @Test func issueTrailersNameTheirIssues() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("""
            fix: crash on launch

            Refs: #12
            Closes: #13, acme/app#14
            Fixes: https://github.com/acme/app/issues/15
            """)
        let commit = try #require(try await repo.notes().releases[0].commits.first)
        #expect(commit.issues == [12, 13, 14, 15])
    }

    /// `Closes #13` is a Conventional Commits footer (`token #value`) and GitHub's closing keyword.
    @Test func aHashFooterNamesItsIssue() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("""
            fix: crash on launch

            Refs: #12
            Closes #13
            """)
        let commit = try #require(try await repo.notes().releases[0].commits.first)
        #expect(commit.issues == [12, 13])
    }

    @Test func aBreakingChangeFooterAmongOtherTrailers() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("""
            feat(api): drop the v1 endpoints

            The old routes cost too much to keep.

            BREAKING CHANGE: clients must call /v2
            from now on.
            Refs: #40
            Co-authored-by: Grace Hopper <grace@example.com>
            """)
        try repo.commit("""
            fix: rename the flag

            BREAKING-CHANGE: --old is now --new
            """)
        try repo.commit("fix!: drop Linux 4.x")

        let release = try await repo.notes(GitHistoryOptions(grouping: .ungrouped)).releases[0]
        let commits = release.commits
        #expect(commits.map(\.isBreaking) == [true, true, true])
        #expect(commits.map(\.breakingDescription) == ["drop Linux 4.x", "--old is now --new", "clients must call /v2 from now on."])
        #expect(commits[2].scope == "api")
        #expect(commits[2].issues == [40])
        #expect(commits[2].coAuthors.map(\.email) == ["grace@example.com"])
        #expect(release.breakingChanges.map(\.subject) == ["fix!: drop Linux 4.x", "fix: rename the flag", "feat(api): drop the v1 endpoints"])
        #expect(release.nextVersion == "0.1.0")
    }
}
