import ConformanceSupport
import Foundation
import Testing

@testable import ShipNotes

/// The built-in notes templates rendered on real repositories' notes (with a remote: links;
/// without: plain text), a template's own groups, parse errors that name file, line and column,
/// and the tidying of what a template writes.
@Suite struct NotesTemplateTests {
    /// The ids of the commits `repository()` makes.
    struct Ids {
        let first, breaking, index, merge, fix, readme: String
    }

    /// v1.0.0, then a breaking change, a merged pull request, a squash merge and a
    /// non-conventional commit; with `remote`, an `origin`.
    private func repository(remote: String? = nil) throws -> (TemporaryRepository, Ids) {
        let repo = try TemporaryRepository()
        let first = try repo.commit("feat: first release")
        try repo.tag("v1.0.0")
        let breaking = try repo.commit("feat(api)!: drop the v1 endpoints\n\nBREAKING CHANGE: clients must call /v2.")
        try repo.git("checkout", "-q", "-b", "search")
        let index = try repo.commit("feat: add search index", files: ["search.txt": "index\n"])
        try repo.git("checkout", "-q", "main")
        let merge = try repo.merge("search", message: "Merge pull request #12 from acme/search\n\nfeat: search box")
        let fix = try repo.commit("fix: crash on launch (#34)")
        let readme = try repo.commit("Update README")
        if let remote { try repo.git("remote", "add", "origin", remote) }
        return (repo, Ids(first: first, breaking: breaking, index: index, merge: merge, fix: fix, readme: readme))
    }

    /// Renders the built-in template `name` with the groups it asks for, as `shipnotes notes --git` does.
    private func render(_ name: String, _ repo: TemporaryRepository, _ options: GitHistoryOptions = GitHistoryOptions()) async throws -> String {
        let template = try NotesTemplate.load(name)
        var options = options
        options.grouping = template.grouping ?? CommitGrouping()
        return template.render(try await repo.notes(options))
    }

    private func short(_ id: String) -> String { String(id.prefix(7)) }

    // MARK: grouped

    @Test func groupedLinksEverythingWhenTheRemoteIsKnown() async throws {
        let (repo, ids) = try repository(remote: "git@github.com:acme/app.git")
        let web = "https://github.com/acme/app"
        func link(_ id: String) -> String { "[\(short(id))](\(web)/commit/\(id))" }
        #expect(try await render("grouped", repo) == """
            ## [Unreleased](\(web)/compare/v1.0.0...HEAD)

            ### ⚠ Breaking Changes

            - **api:** clients must call /v2.

            ### Features

            - search box ([#12](\(web)/pull/12)) (\(link(ids.merge)))
            - add search index (\(link(ids.index)))
            - **api:** drop the v1 endpoints (\(link(ids.breaking)))

            ### Bug Fixes

            - crash on launch (#34) (\(link(ids.fix)))

            ### Other Changes

            - Update README (\(link(ids.readme)))

            """)
    }

    @Test func groupedIsPlainTextWithoutARemote() async throws {
        let (repo, ids) = try repository()
        let notes = try await render("grouped", repo, GitHistoryOptions(allReleases: true))
        let day = try repo.git("log", "-1", "--format=%cs", ids.first)
        #expect(notes == """
            ## Unreleased

            ### ⚠ Breaking Changes

            - **api:** clients must call /v2.

            ### Features

            - search box (#12) (\(short(ids.merge)))
            - add search index (\(short(ids.index)))
            - **api:** drop the v1 endpoints (\(short(ids.breaking)))

            ### Bug Fixes

            - crash on launch (#34) (\(short(ids.fix)))

            ### Other Changes

            - Update README (\(short(ids.readme)))

            ## 1.0.0 (\(day))

            ### Features

            - first release (\(short(ids.first)))

            """)
        #expect(!notes.contains("]("))
    }

    @Test func groupedSaysSoWhenAReleaseHasNoChanges() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        try repo.tag("v1.0.0")
        #expect(try await render("grouped", repo) == "## Unreleased\n\nNo changes.\n")
    }

    // MARK: keep-a-changelog

    @Test func keepAChangelogSectionsAndComparisonLinks() async throws {
        let (repo, _) = try repository(remote: "https://github.com/acme/app.git")
        try repo.tag("v1.1.0")
        try repo.commit("perf: faster upload")
        let day = try repo.git("log", "-1", "--format=%cs", "v1.0.0")
        let dayOfSecond = try repo.git("log", "-1", "--format=%cs", "v1.1.0")
        #expect(try await render("keep-a-changelog", repo, GitHistoryOptions(allReleases: true)) == """
            ## [Unreleased]

            ### Changed

            - faster upload

            ## [1.1.0] - \(dayOfSecond)

            ### Added

            - search box (#12)
            - add search index
            - **Breaking:** api: drop the v1 endpoints

            ### Fixed

            - crash on launch (#34)

            ### Changed

            - Update README

            ## [1.0.0] - \(day)

            ### Added

            - first release

            [Unreleased]: https://github.com/acme/app/compare/v1.1.0...HEAD
            [1.1.0]: https://github.com/acme/app/compare/v1.0.0...v1.1.0

            """)
    }

    /// Keep a Changelog has one Changed section per release: the template's `perf=Changed;
    /// refactor=Changed; *=Changed` must not make two.
    @Test func keepAChangelogHasOneChangedSection() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        try repo.tag("v1.0.0")
        try repo.commit("perf: faster upload")
        try repo.commit("docs: the guide")
        let notes = try await render("keep-a-changelog", repo)
        #expect(notes.components(separatedBy: "\n").filter { $0 == "### Changed" }.count == 1)
        #expect(notes.contains("- faster upload\n") && notes.contains("- the guide\n"))
    }

    // MARK: tester

    @Test func testerNotesShowWhatTestersSeeAndNothingElse() async throws {
        let (repo, ids) = try repository(remote: "https://github.com/acme/app.git")
        try repo.tag("v1.1.0")
        let chore = try repo.commit("chore: bump the build number")
        try repo.tag("v1.1.1")
        let day = try repo.git("log", "-1", "--format=%cs", ids.readme)
        let notes = try await render("tester", repo, GitHistoryOptions(allReleases: true))
        #expect(notes == """
            **1.1.1** · \(try repo.git("log", "-1", "--format=%cs", chore))

            - No user-facing changes.

            **1.1.0** · \(day)

            - New: search box
            - New: add search index
            - New: ⚠ drop the v1 endpoints
            - Fixed: crash on launch (#34)

            **1.0.0** · \(try repo.git("log", "-1", "--format=%cs", ids.first))

            - New: first release

            """)
        #expect(!notes.contains(short(ids.fix)) && !notes.contains("github.com"))
    }

    @Test func testerNotesNameTheNextVersion() async throws {
        let (repo, _) = try repository()
        #expect(try await render("tester", repo) == """
            **2.0.0 (upcoming)**

            - New: search box
            - New: add search index
            - New: ⚠ drop the v1 endpoints
            - Fixed: crash on launch (#34)

            """)
    }

    // MARK: A template's groups

    @Test func aTemplateSetsItsOwnGroups() async throws {
        let (repo, _) = try repository()
        let file = repo.url.deletingLastPathComponent().appendingPathComponent("notes.md.mustache")
        try """
            # Notes

            {{! groups: feat=Added; fix, bugfix=Fixed; feature=Added; *=Other }}
            {{#releases}}
            {{#groups}}
            ## {{title}}
            {{#commits}}
            - {{description}}{{#isMerge}} (#{{pullRequest}}){{/isMerge}}
            {{/commits}}

            {{/groups}}
            {{/releases}}
            """.write(to: file, atomically: true, encoding: .utf8)
        let template = try NotesTemplate.load(file.path)
        let grouping = try #require(template.grouping)
        #expect(grouping.groups == [.init(title: "Added", types: ["feat", "feature"]), .init(title: "Fixed", types: ["fix", "bugfix"])])
        #expect(grouping.otherTitle == "Other")
        #expect(grouping.keepsNonConventional)
        #expect(template.kind == .markdown)
        let notes = template.render(try await repo.notes(GitHistoryOptions(grouping: grouping)))
        #expect(notes == """
            # Notes

            ## Added
            - search box (#12)
            - add search index
            - drop the v1 endpoints

            ## Fixed
            - crash on launch (#34)

            ## Other
            - Update README

            """)
    }

    @Test func aBadGroupsCommentNamesItsLine() throws {
        let text = "# Notes\n\n{{! groups: feat }}\n{{#releases}}{{title}}{{/releases}}\n"
        #expect(throws: NotesTemplateError.badGroups(path: "mine.md.mustache", line: 3)) {
            try NotesTemplate(text: text, path: "mine.md.mustache")
        }
        #expect(try NotesTemplate(text: "{{! just a comment }}", path: "plain.textile.mustache").grouping == nil)
        #expect(try NotesTemplate(text: "", path: "plain.textile.mustache").kind == .textile)
    }

    // MARK: Errors

    @Test func aParseErrorNamesFileLineAndColumn() throws {
        let repo = try TemporaryRepository()
        let file = repo.url.appendingPathComponent("broken.md.mustache")
        try "{{#releases}}\n## {{title}}\n{{/groups}}\n".write(to: file, atomically: true, encoding: .utf8)
        let error = #expect(throws: NotesTemplateError.self) { try NotesTemplate.load(file.path) }
        #expect(error == .parse(path: file.path, line: 3, column: 4, reason: "a section is closed with another section's name"))
        #expect(error?.localizedDescription
            == "\(file.path):3:4: the template does not parse: a section is closed with another section's name.")

        // The first line counts its columns from the file's own start.
        #expect(throws: NotesTemplateError.parse(path: "t.md.mustache", line: 1, column: 4, reason: "a tag is not closed with }}")) {
            try NotesTemplate(text: "## {{title\n", path: "t.md.mustache")
        }
        #expect(throws: NotesTemplateError.parse(path: "t.md.mustache", line: 2, column: 4, reason: "a tag is not closed with }}")) {
            try NotesTemplate(text: "a\n## {{title\n", path: "t.md.mustache")
        }
        #expect(throws: NotesTemplateError.parse(path: "t.md.mustache", line: 2, column: 1,
                                                 reason: "a section is not closed ({{/name}} is missing)")) {
            try NotesTemplate(text: "{{#releases}}\n", path: "t.md.mustache")
        }
    }

    @Test func missingTemplatesAreNamed() throws {
        #expect(throws: NotesTemplateError.notFound(name: "nope", searched: NotesTemplate.searchFolders())) {
            try NotesTemplate.load("nope")
        }
        let repo = try TemporaryRepository()
        let folder = repo.url
        let missing = folder.appendingPathComponent("missing.mustache").path
        #expect(throws: NotesTemplateError.unreadable(path: missing, reason: "no such file")) { try NotesTemplate.load(missing) }
        #expect(throws: NotesTemplateError.unreadable(path: folder.path, reason: "it is a folder")) {
            try NotesTemplate(path: folder.path)
        }
        for name in NotesTemplate.builtInNames { #expect(throws: Never.self) { try NotesTemplate.load(name) } }
    }

    // MARK: tidy

    @Test(arguments: [
        ("\n\n# A  \n\n\n\n- b \n- c\n\n\n", "# A\n\n- b\n- c\n"),
        ("x", "x\n"),
        ("", ""),
        ("\n \n\n", ""),
        ("  indented\n", "  indented\n"),
        ("tab\t\nnext", "tab\t\nnext\n"),
        ("one\n\ntwo   ", "one\n\ntwo\n"),
    ])
    func tidyKeepsOneBlankLineAndEndsWithANewline(text: String, tidied: String) {
        #expect(NotesTemplate.tidy(text) == tidied)
    }
}
