import Foundation
import Testing

/// `shipnotes demo`: the whole pipeline against its own embedded sandbox.
@Suite struct DemoCommandTests {
    /// The repository root, found from this file's path (`Tests/ShipNotesCLITests/…`).
    private static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The demo's last line. What it compares is said on the line before (`comparison`): the HTML
    /// the sandbox stored against the preview, both made by shipnotes' own renderers, so the check
    /// shows the upload kept the notes intact, not that the renderers match cmark and RedCloth (the
    /// conformance suites show that).
    private static let verdict = "the server shows the notes exactly as previewed: yes\n"
    private static let comparison = "checked: the notes HTML the sandbox stored against the preview "
        + "(the sandbox renders with shipnotes' own renderers, cmark and the RedCloth-compatible one)\n" + verdict

    @Test func runsFromTheRepositoryRootOnItsOwnHistory() async throws {
        let result = try await ShipNotesProcess.execute(["demo"], directory: Self.repositoryRoot)
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(result.outputText.hasSuffix(Self.comparison))
        #expect(result.error.isEmpty)
        #expect(result.outputText.contains("== 1. Notes from git history and from CHANGELOG.md\nCHANGELOG.md, release 0.1.0: "))

        // What is shipped is what `shipnotes notes --git` makes of the same history, as the server
        // shows it; a clone without history ships the changelog's latest release instead.
        let fromGit = try await ShipNotesProcess.execute(["notes", "--git", "--format", "html"], directory: Self.repositoryRoot)
        let preview: String
        if fromGit.status == 0 {
            #expect(result.outputText.contains("; these notes are shipped\n"))
            preview = fromGit.outputText
        } else {
            #expect(result.outputText.contains("no git history to read ("))
            let fromChangelog = try await ShipNotesProcess.execute(
                ["notes", "--changelog", "CHANGELOG.md", "--format", "html"], directory: Self.repositoryRoot)
            preview = fromChangelog.outputText
        }
        #expect(result.outputText.contains(
            "rendered by cmark\n" + preview + "\nPreview page (open it in a browser): "))
        // The page is written where it says, and shows the notes.
        let pageLine = try #require(result.outputText.split(separator: "\n").first { $0.hasPrefix("Preview page") })
        let pagePath = String(pageLine.split(separator: ": ", maxSplits: 1)[1])
        let page = try String(contentsOfFile: pagePath, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("Content-Security-Policy"))
        // Notes over the server's limit are clipped before they are sent, and the check is made on those.
        if result.outputText.contains("shipping what --clip-notes keeps") {
            #expect(result.outputText.contains("characters within the server's 5,000\n"))
        }
        #expect(result.outputText.contains("\n== 4. The server's answer: HTTP 201\n{"))
        #expect(result.outputText.contains("\"shortversion\":\"0.1.0\""))
    }

    @Test func withoutHistoryTheChangelogIsShipped() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-cli-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent("CHANGELOG.md"),
                                         to: folder.appendingPathComponent("CHANGELOG.md"))
        let result = try await ShipNotesProcess.execute(["demo"], directory: folder)
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(result.outputText.contains("no git history to read ("))
        #expect(result.outputText.contains("shipping CHANGELOG.md, release 0.1.0 instead\n"))
        #expect(result.outputText.contains("<li><code>shipnotes render</code>: Markdown through cmark"))
        #expect(result.outputText.hasSuffix(Self.verdict))
    }

    @Test func keepLeavesTheUploadInTheGivenFolder() async throws {
        let keep = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-cli-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: keep) }
        let sample = Self.repositoryRoot.appendingPathComponent("templates/notes/sample.md")
        // The sample notes, not the history.
        let result = try await ShipNotesProcess.execute(["demo", "--notes-file", sample.path, "--keep", keep.path])
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(result.outputText.hasSuffix(Self.verdict))
        let kept = FileManager.default.enumerator(atPath: keep.path)?.compactMap { $0 as? String } ?? []
        #expect(kept.contains { $0.hasSuffix(".ipa") && $0.hasPrefix("sandbox/") })
    }

    @Test func shipsTextileNotes() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-cli-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let notes = folder.appendingPathComponent("notes.textile")
        try Data("h2. Release 2.4.0\n\n* *Faster* uploads\n* Notes in Ελληνικά arrive intact\n".utf8).write(to: notes)
        // A .textile file is sent as Textile without being told.
        let result = try await ShipNotesProcess.execute(["demo", "--notes-file", notes.path])
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(result.outputText.contains(
            "Textile (notes_type=0), rendered the RedCloth 4.3 way\n<h2>Release 2.4.0</h2>\n<ul>\n\t<li><strong>Faster</strong> uploads</li>\n"
                + "\t<li>Notes in Ελληνικά arrive intact</li>\n</ul>"))
        #expect(result.outputText.hasSuffix(Self.verdict))
    }

    @Test func aMissingNotesFileIsOneErrorLine() async throws {
        let missing = "/nonexistent/shipnotes/notes.md"
        let result = try await ShipNotesProcess.execute(["demo", "--notes-file", missing])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error == "Error: \(missing): no such file.\n")
    }

    @Test func withNeitherHistoryNorChangelogItSaysSo() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-cli-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ShipNotesProcess.execute(["demo"], directory: folder)
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error.hasPrefix("Error: "))
        #expect(result.error.hasSuffix("is not a git repository (or a folder inside one); pass --repo DIR.\n"))
        #expect(result.error.split(separator: "\n").count == 1)
    }
}
