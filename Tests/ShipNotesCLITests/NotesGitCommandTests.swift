import ConformanceSupport
import Foundation
import HockeyApp
import ShipNotes
import Testing

/// A small history, built fresh for each test: v1.0.0 (one feature), v1.1.0 (a feature with a
/// co-author, a fix, a chore and a title that is not a Conventional Commit; an annotated tag), then
/// three unreleased commits (a feature, a fix, docs).
struct GitSample {
    let repo: TemporaryRepository
    let remote: String?
    private let ids: [String: String]

    init(remote: String? = "git@github.com:acme/app.git") throws {
        repo = try TemporaryRepository()
        self.remote = remote
        var ids: [String: String] = [:]
        ids["first"] = try repo.commit("feat: first commit")
        try repo.tag("v1.0.0")
        ids["export"] = try repo.commit("feat(export): CSV export\n\nCo-authored-by: Grace Hopper <grace@example.com>")
        ids["login"] = try repo.commit("fix: crash on login")
        ids["deps"] = try repo.commit("chore: bump deps")
        ids["readme"] = try repo.commit("Update README", files: ["README.md": "# App\n"])
        try repo.tag("v1.1.0", message: "Version 1.1.0")
        ids["dark"] = try repo.commit("feat(ui): dark mode", files: ["Sources/App/Theme.swift": "let dark = true\n"])
        ids["sync"] = try repo.commit("fix(sync): lost edits")
        ids["usage"] = try repo.commit("docs: usage")
        if let remote { try repo.git("remote", "add", "origin", remote) }
        self.ids = ids
    }

    func id(_ key: String) -> String { ids[key]! }

    /// The commit as the grouped template writes it: a link to GitHub, or the short id alone.
    func ref(_ key: String) -> String {
        let short = String(id(key).prefix(7))
        return remote == nil ? short : "[\(short)](https://github.com/acme/app/commit/\(id(key)))"
    }

    /// A tag's day as shipnotes reads it (an annotated tag's tagger date, a light tag's commit date).
    func day(_ tag: String) throws -> String {
        try repo.git("for-each-ref", "--format=%(creatordate:short)", "refs/tags/\(tag)")
    }

    /// `shipnotes notes --git --repo REPO ARGUMENTS`.
    func notes(_ arguments: [String] = [], environment: [String: String] = [:]) async throws -> ShipNotesProcess.Result {
        try await ShipNotesProcess.execute(["notes", "--git", "--repo", repo.path] + arguments, environment: environment)
    }

    /// The default notes: the three commits since v1.1.0.
    var unreleasedNotes: String {
        let heading = remote == nil ? "Unreleased" : "[Unreleased](https://github.com/acme/app/compare/v1.1.0...HEAD)"
        return """
            ## \(heading)

            ### Features

            - **ui:** dark mode (\(ref("dark")))

            ### Bug Fixes

            - **sync:** lost edits (\(ref("sync")))

            ### Documentation

            - usage (\(ref("usage")))

            """
    }
}

/// `shipnotes notes --git` as a user runs it: the built binary on real repositories.
@Suite struct NotesGitCommandTests {
    private func expectSuccess(_ result: ShipNotesProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "stderr: \(result.error)", sourceLocation: sourceLocation)
        #expect(result.error.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func defaultNotesLinkToTheGitHubRemote() async throws {
        let sample = try GitSample()
        let result = try await sample.notes()
        expectSuccess(result)
        #expect(result.outputText == sample.unreleasedNotes)
    }

    @Test func withoutARemoteTheNotesArePlainText() async throws {
        let sample = try GitSample(remote: nil)
        let result = try await sample.notes()
        expectSuccess(result)
        #expect(result.outputText == sample.unreleasedNotes)
        let all = try await sample.notes(["--all-releases"])
        expectSuccess(all)
        #expect(!all.outputText.contains("]("))
        #expect(!all.outputText.contains("http"))
    }

    @Test func theRepositoryIsFoundFromAnyFolderInIt() async throws {
        let sample = try GitSample()
        let inside = try await ShipNotesProcess.execute(
            ["notes", "--git"], directory: sample.repo.url.appendingPathComponent("Sources/App"))
        expectSuccess(inside)
        #expect(inside.outputText == sample.unreleasedNotes)
        let subfolder = try await ShipNotesProcess.execute(["notes", "--git", "--repo", sample.repo.path + "/Sources"])
        #expect(subfolder.outputText == sample.unreleasedNotes)
    }

    @Test func anExplicitRangeIsOneRelease() async throws {
        let sample = try GitSample(remote: nil)
        let result = try await sample.notes(["v1.0.0..v1.1.0"])
        expectSuccess(result)
        #expect(result.outputText == """
            ## 1.1.0 (\(try sample.day("v1.1.0")))

            ### Features

            - **export:** CSV export (\(sample.ref("export")))

            ### Bug Fixes

            - crash on login (\(sample.ref("login")))

            ### Chores

            - bump deps (\(sample.ref("deps")))

            ### Other Changes

            - Update README (\(sample.ref("readme")))

            """)
    }

    @Test func allReleasesNewestFirstAndTheirList() async throws {
        let sample = try GitSample()
        let result = try await sample.notes(["--all-releases"])
        expectSuccess(result)
        let headings = result.outputText.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(headings == [
            "## [Unreleased](https://github.com/acme/app/compare/v1.1.0...HEAD)",
            "## [1.1.0](https://github.com/acme/app/compare/v1.0.0...v1.1.0) (\(try sample.day("v1.1.0")))",
            "## 1.0.0 (\(try sample.day("v1.0.0")))",
        ])
        #expect(result.outputText.hasPrefix(sample.unreleasedNotes))
        #expect(result.outputText.hasSuffix("## 1.0.0 (\(try sample.day("v1.0.0")))\n\n### Features\n\n- first commit (\(sample.ref("first")))\n"))

        let list = try await sample.notes(["--all-releases", "--list"])
        expectSuccess(list)
        #expect(list.outputText == """
            Unreleased  -           3 commits
            1.1.0       \(try sample.day("v1.1.0"))  4 commits
            1.0.0       \(try sample.day("v1.0.0"))  1 commit

            """)
    }

    @Test func jsonIsTheTemplateContext() async throws {
        let sample = try GitSample()
        let result = try await sample.notes(["--all-releases", "--format", "json"])
        expectSuccess(result)
        let context = try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])
        #expect(context["nextVersion"] as? String == "1.2.0")
        let releases = try #require(context["releases"] as? [[String: Any]])
        #expect(releases.count == 3)

        let unreleased = releases[0]
        #expect(unreleased["version"] == nil)
        #expect(unreleased["nextVersion"] as? String == "1.2.0")
        #expect(unreleased["previousVersion"] as? String == "1.1.0")
        #expect(unreleased["compareURL"] as? String == "https://github.com/acme/app/compare/v1.1.0...HEAD")

        let release = releases[1]
        #expect(release["version"] as? String == "1.1.0")
        #expect(release["date"] as? String == (try sample.day("v1.1.0")))
        #expect(release["previousVersion"] as? String == "1.0.0")
        #expect(release["compareURL"] as? String == "https://github.com/acme/app/compare/v1.0.0...v1.1.0")
        #expect(release["nextVersion"] == nil)
        let groups = try #require(release["groups"] as? [[String: Any]])
        #expect(groups.compactMap { $0["title"] as? String } == ["Features", "Bug Fixes", "Chores", "Other Changes"])

        let commit = try #require((groups[0]["commits"] as? [[String: Any]])?.first)
        #expect(commit["id"] as? String == sample.id("export"))
        #expect(commit["shortId"] as? String == String(sample.id("export").prefix(7)))
        #expect(commit["subject"] as? String == "feat(export): CSV export")
        #expect(commit["description"] as? String == "CSV export")
        #expect(commit["type"] as? String == "feat")
        #expect(commit["scope"] as? String == "export")
        #expect(commit["isBreaking"] as? Bool == false)
        #expect(commit["date"] as? String == (try sample.repo.git("log", "-1", "--format=%as", sample.id("export"))))
        let ada = ["name": "Ada Lovelace", "email": "ada@example.com"]
        let grace = ["name": "Grace Hopper", "email": "grace@example.com"]
        #expect(commit["authors"] as? [[String: String]] == [ada, grace])
        #expect(commit["coAuthors"] as? [[String: String]] == [grace])
        let links = try #require(commit["links"] as? [String: Any])
        #expect(links["commit"] as? String == "https://github.com/acme/app/commit/\(sample.id("export"))")

        let other = try #require(groups[3]["commits"] as? [[String: Any]])
        #expect(other.map { $0["subject"] as? String } == ["Update README"])
        #expect(other[0]["type"] == nil)
    }

    @Test func textileAndHTMLOfTheNotes() async throws {
        let sample = try GitSample(remote: nil)
        let markdown = try await sample.notes().outputText
        #expect(markdown.contains("- **ui:** dark mode"))

        let textile = try await sample.notes(["--format", "textile"])
        expectSuccess(textile)
        #expect(textile.outputText == NotesRendering.textile(fromMarkdown: markdown))
        #expect(textile.outputText.contains("* *ui:* dark mode (\(sample.ref("dark")))"))

        let html = try await sample.notes(["--format", "html"])
        expectSuccess(html)
        #expect(html.outputText == NotesRendering.serverHTML(fromMarkdown: markdown, as: .markdown))
        #expect(html.outputText.contains("<li><strong>ui:</strong> dark mode"))
        #expect(html.outputText.hasPrefix("<h2>Unreleased</h2>\n<h3>Features</h3>\n<ul>\n"))

        let textileHTML = try await sample.notes(["--format", "html", "--notes-type", "textile"])
        expectSuccess(textileHTML)
        // What RedCloth itself makes of the Textile is what the server shows.
        #expect(textileHTML.outputText == (try RedCloth.html(of: textile.output)))
        #expect(textileHTML.outputText.contains("<strong>ui:</strong> dark mode"))
    }

    @Test func keepAChangelogTemplate() async throws {
        let sample = try GitSample()
        let result = try await sample.notes(["v1.0.0..v1.1.0", "--template", "keep-a-changelog"])
        expectSuccess(result)
        #expect(result.outputText == """
            ## [1.1.0] - \(try sample.day("v1.1.0"))

            ### Added

            - export: CSV export

            ### Fixed

            - crash on login

            ### Changed

            - Update README
            - bump deps

            [1.1.0]: https://github.com/acme/app/compare/v1.0.0...v1.1.0

            """)
    }

    /// perf and refactor commits are "Changed" by the template's groups comment, and so are the
    /// commits no group takes (`*=Changed`): one release should have one Changed section.
    @Test func keepAChangelogHasOneChangedSection() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: first")
        try repo.tag("v1.0.0")
        try repo.commit("refactor: storage")
        try repo.commit("docs: usage")
        let result = try await ShipNotesProcess.execute(["notes", "--git", "--repo", repo.path, "--template", "keep-a-changelog"])
        expectSuccess(result)
        #expect(result.outputText == "## [Unreleased]\n\n### Changed\n\n- usage\n- storage\n")
    }

    @Test func testerTemplateHasNoIdsAndNoChores() async throws {
        let sample = try GitSample()
        let result = try await sample.notes(["--all-releases", "--template", "tester"])
        expectSuccess(result)
        #expect(result.outputText == """
            **1.2.0 (upcoming)**

            - New: dark mode
            - Fixed: lost edits

            **1.1.0** · \(try sample.day("v1.1.0"))

            - New: CSV export
            - Fixed: crash on login

            **1.0.0** · \(try sample.day("v1.0.0"))

            - New: first commit

            """)
    }

    @Test func aTemplateFileOfTheUsers() async throws {
        let sample = try GitSample()
        let path = sample.repo.url.deletingLastPathComponent().appendingPathComponent("notes.md.mustache").path
        try Data("# {{remote.path}}\n{{#releases}}\n- {{title}}: {{commitCount}}{{#date}} ({{.}}){{/date}}\n{{/releases}}\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let result = try await sample.notes(["--all-releases", "--template", path])
        expectSuccess(result)
        #expect(result.outputText == """
            # acme/app
            - Unreleased: 3
            - 1.1.0: 4 (\(try sample.day("v1.1.0")))
            - 1.0.0: 1 (\(try sample.day("v1.0.0")))

            """)
    }

    @Test func groupsInTheOrderAndWithTheTitlesGiven() async throws {
        let sample = try GitSample(remote: nil)
        let result = try await sample.notes(["v1.0.0..v1.1.0", "--group", "feat=New", "--group", "fix=Fixed"])
        expectSuccess(result)
        #expect(result.outputText == """
            ## 1.1.0 (\(try sample.day("v1.1.0")))

            ### New

            - **export:** CSV export (\(sample.ref("export")))

            ### Fixed

            - crash on login (\(sample.ref("login")))

            ### Other Changes

            - Update README (\(sample.ref("readme")))
            - bump deps (\(sample.ref("deps")))

            """)
        let reversed = try await sample.notes(["v1.0.0..v1.1.0", "--group", "fix,chore=Fixed", "--group", "feat=New"])
        #expect(reversed.outputText.split(separator: "\n").filter { $0.hasPrefix("### ") } == ["### Fixed", "### New", "### Other Changes"])

        let dropped = try await sample.notes(["v1.0.0..v1.1.0", "--non-conventional", "drop"])
        expectSuccess(dropped)
        #expect(!dropped.outputText.contains("README"))
        #expect(dropped.outputText.hasSuffix("### Chores\n\n- bump deps (\(sample.ref("deps")))\n"))
    }

    @Test(arguments: [
        ("v1.2.0", ["feat: search"], "1.3.0"),
        ("v1.2.0", ["fix: typo"], "1.2.1"),
        ("v1.2.0", ["fix: typo", "feat(api)!: new config format"], "2.0.0"),
        ("v1.2.0", ["refactor: storage\n\nBREAKING CHANGE: the cache moves to ~/.cache"], "2.0.0"),
        ("v0.1.0", ["fix: typo", "feat!: rename the commands"], "0.2.0"),
    ])
    func bumpedVersion(tag: String, messages: [String], expected: String) async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: first")
        try repo.tag(tag)
        for message in messages { try repo.commit(message) }
        let result = try await ShipNotesProcess.execute(["notes", "--git", "--repo", repo.path, "--bumped-version"])
        expectSuccess(result)
        #expect(result.outputText == expected + "\n")
    }

    @Test func noCommitsSinceTheTagKeepsTheVersion() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: first")
        try repo.tag("v1.2.0")
        let result = try await ShipNotesProcess.execute(["notes", "--git", "--repo", repo.path, "--bumped-version"])
        #expect(result.status == 0)
        #expect(result.outputText == "1.2.0\n")
        #expect(result.error == "note: no commits since version 1.2.0; the version stays.\n")
    }

    @Test func mergeModes() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: first")
        try repo.tag("v1.0.0")
        try repo.git("checkout", "-q", "-b", "search")
        let box = try repo.commit("feat: search box", files: ["search.txt": "box\n"])
        let crash = try repo.commit("fix: search crash", files: ["search.txt": "fixed\n"])
        try repo.git("checkout", "-q", "main")
        let readme = try repo.commit("docs: readme")
        let merge = try repo.merge("search", message: "Merge pull request #12 from acme/search\n\nfeat: search")
        func line(_ text: String, _ id: String) -> String { "- \(text) (\(id.prefix(7)))\n" }
        let merged = line("search (#12)", merge)
        let notes = [
            "include": "### Features\n\n\(merged)\(line("search box", box))\n### Bug Fixes\n\n\(line("search crash", crash))\n"
                + "### Documentation\n\n\(line("readme", readme))",
            "exclude": "### Features\n\n\(line("search box", box))\n### Bug Fixes\n\n\(line("search crash", crash))\n"
                + "### Documentation\n\n\(line("readme", readme))",
            "only": "### Features\n\n\(merged)",
            "first-parent": "### Features\n\n\(merged)\n### Documentation\n\n\(line("readme", readme))",
        ]
        for (mode, body) in notes {
            let result = try await ShipNotesProcess.execute(["notes", "--git", "--repo", repo.path, "--merges", mode])
            expectSuccess(result)
            #expect(result.outputText == "## Unreleased\n\n" + body, "--merges \(mode)")
        }
        try repo.git("remote", "add", "origin", "https://github.com/acme/app.git")
        let linked = try await ShipNotesProcess.execute(["notes", "--git", "--repo", repo.path, "--merges", "only"])
        #expect(linked.outputText.contains(
            "- search ([#12](https://github.com/acme/app/pull/12)) ([\(merge.prefix(7))](https://github.com/acme/app/commit/\(merge)))\n"))
    }
}
