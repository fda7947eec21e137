import ConformanceSupport
import Foundation
import HockeyApp
import Sandbox
import Testing

/// What `shipnotes upload` sends as `notes` and `notes_type` for each source, checked on what a
/// sandbox receives and shows.
@Suite struct UploadNotesTypeTests {
    private let markdown = "## Fixed\n\n- The **crash** on login\n- `--dry-run` keeps the token secret\n"
    private var cmarkHTML: String {
        "<h2>Fixed</h2>\n<ul>\n<li>The <strong>crash</strong> on login</li>\n<li><code>--dry-run</code> keeps the token secret</li>\n</ul>\n"
    }

    @Test func markdownSentAsTextileIsConvertedAndShownAsCmarkShowsIt() async throws {
        try await InProcessSandbox.with { sandbox in
            let file = try sandbox.file("notes.md", markdown)
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes-file", file.path, "--notes-type", "textile"]),
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(result.status == 0, "stderr: \(result.error)")
            let uploads = await sandbox.uploads
            #expect(uploads.first?.field("notes_type") == "0")
            let sent = try #require(uploads.first?.field("notes"))
            #expect(!sent.contains("**"))
            #expect(sent.contains("*crash*"))
            // The server (RedCloth's rules) shows what cmark shows for the Markdown.
            let stored = await sandbox.storedVersions
            // Up to layout browsers ignore: RedCloth's tab before a list item, cmark's final newline.
            let shown = try #require(stored.first?.version.notes)
            #expect(shown.split(separator: "\n").map { $0.drop(while: { $0 == "\t" }) } == cmarkHTML.split(separator: "\n").map { $0.dropFirst(0) })
            #expect(result.error.contains("warning: the Markdown notes from \(file.path) are sent as Textile"))
        }
    }

    @Test func theTypeFollowsTheFilesName() async throws {
        try await InProcessSandbox.with { sandbox in
            let textile = try sandbox.file("notes.textile", "h2. Fixed\n\n* The *crash* on login\n")
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes-file", textile.path]), environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(result.status == 0, "stderr: \(result.error)")
            let uploads = await sandbox.uploads
            #expect(uploads.first?.field("notes_type") == "0")
            #expect(uploads.first?.field("notes") == "h2. Fixed\n\n* The *crash* on login\n")
        }
        try await InProcessSandbox.with { sandbox in
            let md = try sandbox.file("notes.md", markdown)
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes-file", md.path]), environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(result.status == 0, "stderr: \(result.error)")
            #expect(await sandbox.uploads.first?.field("notes_type") == "1")
            #expect(await sandbox.storedVersions.first?.version.notes == cmarkHTML)
        }
    }

    @Test func textileAskedToGoOutAsMarkdownIsRefused() async throws {
        try await InProcessSandbox.with { sandbox in
            let textile = try sandbox.file("notes.textile", "h2. Fixed\n")
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes-file", textile.path, "--notes-type", "markdown"]),
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(result.status == 1)
            #expect(result.error == "Error: the notes from \(textile.path) are Textile, which shipnotes does not turn into Markdown; send them with --notes-type textile.\n")
            #expect(await sandbox.uploads.isEmpty)
        }
    }

    @Test func theDryRunShowsWhatIsSent() async throws {
        try await InProcessSandbox.with { sandbox in
            let file = try sandbox.file("notes.md", markdown)
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes-file", file.path, "--notes-type", "textile", "--dry-run"]),
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(result.status == 0, "stderr: \(result.error)")
            #expect(result.outputText.contains("field notes_type = 0\n"))
            #expect(result.outputText.contains("field notes = h2. Fixed"))
            #expect(await sandbox.uploads.isEmpty)
        }
    }

    @Test func notesFromAChangelogAndFromGit() async throws {
        try await InProcessSandbox.with { sandbox in
            let changelog = try sandbox.file("CHANGELOG.md", "# Changelog\n\n## [1.1.0] - 2024-02-01\n\n" + markdown.replacingOccurrences(of: "## ", with: "### ") + "\n## [1.0.0] - 2024-01-01\n\n- First.\n")
            let fromChangelog = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--changelog", changelog.path, "--version", "1.1.0"]),
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(fromChangelog.status == 0, "stderr: \(fromChangelog.error)")
            let stored = await sandbox.storedVersions
            #expect(stored.last?.version.notes == cmarkHTML.replacingOccurrences(of: "h2>", with: "h3>"))
        }
        try await InProcessSandbox.with { sandbox in
            let repository = try TemporaryRepository()
            try repository.commit("feat(ui): dark mode")
            try repository.tag("v1.0.0")
            try repository.commit("fix: the **crash** on login")
            let fromGit = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--git", "--repo", repository.path, "--template", "tester"]),
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(fromGit.status == 0, "stderr: \(fromGit.error)")
            let stored = await sandbox.storedVersions
            #expect(stored.last?.notesSource == "**1.0.1 (upcoming)**\n\n- Fixed: the **crash** on login\n")
        }
    }
}
