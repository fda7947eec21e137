import ConformanceSupport
import Foundation
import Testing

@testable import ShipNotes

/// Commit titles read by the Conventional Commits rules, the groups they land in, and the next
/// version they make. Every case is a real repository built with git in a temporary folder.
@Suite struct ConventionalCommitTests {
    struct Reading {
        let title: String
        let type: String?
        let scope: String?
        let description: String
        let isBreaking: Bool
    }

    static let readings: [Reading] = [
        Reading(title: "feat: add search", type: "feat", scope: nil, description: "add search", isBreaking: false),
        Reading(title: "fix(ui): align the button", type: "fix", scope: "ui", description: "align the button", isBreaking: false),
        Reading(title: "feat!: drop Python 2", type: "feat", scope: nil, description: "drop Python 2", isBreaking: true),
        Reading(title: "refactor(core)!: new storage", type: "refactor", scope: "core", description: "new storage", isBreaking: true),
        Reading(title: "FIX(Parser): read CRLF", type: "fix", scope: "Parser", description: "read CRLF", isBreaking: false),
        Reading(title: "build-deps: bump yams", type: "build-deps", scope: nil, description: "bump yams", isBreaking: false),
        Reading(title: "fix: handle `a: b` pairs", type: "fix", scope: nil, description: "handle `a: b` pairs", isBreaking: false),
        Reading(title: "fix( net ): retry", type: "fix", scope: "net", description: "retry", isBreaking: false),
        // Not conventional: the title stays the description, no type.
        Reading(title: "Update README", type: nil, scope: nil, description: "Update README", isBreaking: false),
        Reading(title: "feat:no space", type: nil, scope: nil, description: "feat:no space", isBreaking: false),
        Reading(title: "feat(): empty scope", type: nil, scope: nil, description: "feat(): empty scope", isBreaking: false),
        Reading(title: "feat(ui: unclosed", type: nil, scope: nil, description: "feat(ui: unclosed", isBreaking: false),
        Reading(title: "feat (ui): space before", type: nil, scope: nil, description: "feat (ui): space before", isBreaking: false),
        Reading(title: "✨ feat: emoji first", type: nil, scope: nil, description: "✨ feat: emoji first", isBreaking: false),
        Reading(title: "feat:  ", type: nil, scope: nil, description: "feat:", isBreaking: false),
    ]

    @Test func titlesReadAsTypeScopeAndDescription() async throws {
        let repo = try TemporaryRepository()
        var ids: [String] = []
        for reading in Self.readings { ids.append(try repo.commit(reading.title)) }
        let commits = try await repo.notes(GitHistoryOptions(grouping: .ungrouped)).releases[0].commits
        #expect(commits.map(\.id) == ids.reversed())
        for (reading, commit) in zip(Self.readings.reversed(), commits) {
            #expect(commit.type == reading.type, "\(reading.title)")
            #expect(commit.scope == reading.scope, "\(reading.title)")
            #expect(commit.description == reading.description, "\(reading.title)")
            #expect(commit.isBreaking == reading.isBreaking, "\(reading.title)")
            #expect(commit.breakingDescription == (reading.isBreaking ? reading.description : nil), "\(reading.title)")
        }
    }

    // MARK: Grouping

    /// One commit of each kind, oldest first.
    private func mixedRepository() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        for title in ["chore: bump", "Update README", "feat(ui): dark mode", "fix: crash", "perf: faster diff",
                      "docs: guide", "wip: half done", "build(deps): bump yams", "Feat: capitalised", "refactor: split",
                      "test: more", "style: format", "ci: cache", "revert: undo the cache", "bugfix: off by one"] {
            try repo.commit(title)
        }
        return repo
    }

    @Test func theDefaultGroupsInTheirOrder() async throws {
        let release = try await mixedRepository().notes().releases[0]
        #expect(release.groups.map(\.title) == ["Features", "Bug Fixes", "Performance", "Reverts", "Refactoring",
                                                "Documentation", "Build", "Tests", "Style", "Chores", "Other Changes"])
        #expect(release.groups.map { $0.commits.map(\.description) } == [
            ["capitalised", "dark mode"],
            ["off by one", "crash"],
            ["faster diff"],
            ["undo the cache"],
            ["split"],
            ["guide"],
            ["cache", "bump yams"],
            ["more"],
            ["format"],
            ["bump"],
            ["half done", "Update README"],
        ])
        #expect(release.groups[0].types == ["feat", "feature"])
        #expect(release.groups.last?.types == [])
        #expect(release.commitCount == 15)
    }

    @Test func givenGroupsAndNoOtherGroupLeaveTheRestOut() async throws {
        let repo = try mixedRepository()
        let groups = try #require(CommitGrouping.groups(parsing: ["feat=Added", "fix, bugfix=Fixed"]))
        let release = try await repo.notes(GitHistoryOptions(grouping: CommitGrouping(groups: groups, otherTitle: ""))).releases[0]
        #expect(release.groups.map(\.title) == ["Added", "Fixed"])
        #expect(release.groups.map { $0.commits.map(\.description) } == [["capitalised", "dark mode"], ["off by one", "crash"]])
        #expect(release.commitCount == 4)
    }

    @Test func droppingNonConventionalTitlesKeepsUnknownTypes() async throws {
        let repo = try mixedRepository()
        let grouping = CommitGrouping(groups: [.init(title: "Fixed", types: ["FIX"])], otherTitle: "Misc", keepsNonConventional: false)
        let release = try await repo.notes(GitHistoryOptions(grouping: grouping)).releases[0]
        #expect(release.groups.map(\.title) == ["Fixed", "Misc"])
        #expect(release.groups[0].commits.map(\.description) == ["crash"])
        #expect(!release.groups[1].commits.map(\.subject).contains("Update README"))
        #expect(release.groups[1].commits.map(\.subject).contains("wip: half done"))
        #expect(release.commitCount == 14)
    }

    @Test(arguments: [["feat"], ["=Added"], ["feat="], ["feat=Added", "fix"], [" , =Fixed"]])
    func badGroupItemsAreRefused(items: [String]) {
        #expect(CommitGrouping.groups(parsing: items) == nil)
    }

    // MARK: The next version

    struct Bump: Sendable, CustomTestStringConvertible {
        let tag: String?
        let titles: [String]
        let next: String
        var testDescription: String { "\(tag ?? "no tag") + \(titles) → \(next)" }
    }

    static let bumps: [Bump] = [
        Bump(tag: nil, titles: ["fix: a"], next: "0.0.1"),
        Bump(tag: nil, titles: ["Update README"], next: "0.0.1"),
        Bump(tag: nil, titles: ["feat: a"], next: "0.1.0"),
        Bump(tag: nil, titles: ["feat!: a"], next: "0.1.0"),
        Bump(tag: "v1.2.3", titles: ["fix: a", "docs: b"], next: "1.2.4"),
        Bump(tag: "v1.2.3", titles: ["fix: a", "feat: b", "chore: c"], next: "1.3.0"),
        Bump(tag: "v1.2.3", titles: ["feat: a", "fix!: b"], next: "2.0.0"),
        Bump(tag: "v1.2.3", titles: ["fix: a\n\nBREAKING CHANGE: the config moved"], next: "2.0.0"),
        Bump(tag: "v0.4.1", titles: ["feat!: a"], next: "0.5.0"),
        Bump(tag: "v0.4.1", titles: ["feat: a"], next: "0.5.0"),
        Bump(tag: "v0.4.1", titles: ["fix: a"], next: "0.4.2"),
        Bump(tag: "v1.2", titles: ["fix: a"], next: "1.2.1"),
        // A pre-release base becomes its final version when that covers the change.
        Bump(tag: "v1.0.0-rc.2", titles: ["feat!: a"], next: "1.0.0"),
        Bump(tag: "v1.1.0-beta.1", titles: ["feat: a"], next: "1.1.0"),
        Bump(tag: "v1.1.0-beta.1", titles: ["fix!: a"], next: "2.0.0"),
        Bump(tag: "v1.1.1-rc.1", titles: ["fix: a"], next: "1.1.1"),
        Bump(tag: "v1.1.1-rc.1", titles: ["feat: a"], next: "1.2.0"),
    ]

    @Test(arguments: bumps)
    func theNextVersionFollowsTheChanges(_ bump: Bump) async throws {
        let repo = try TemporaryRepository()
        if let tag = bump.tag {
            try repo.commit("chore: released")
            try repo.tag(tag)
        }
        for title in bump.titles { try repo.commit(title) }
        let context = try await repo.notes()
        #expect(context.nextVersion == bump.next)
        #expect(context.releases[0].nextVersion == bump.next)
        #expect((context.releases[0].previousVersion != nil) == (bump.tag != nil))
    }

    @Test func revertingAReleasedFeatureIsAPatch() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("chore: released")
        let feature = try repo.commit("feat: a", files: ["a.txt": "a\n"])
        try repo.tag("v1.0.0")
        try repo.git("revert", "--no-edit", feature)
        #expect(try await repo.notes().nextVersion == "1.0.1")
    }
}
