import Foundation
import Testing

/// `shipnotes demo`: the whole pipeline against its own embedded sandbox.
@Suite struct DemoCommandTests {
    /// The repository root, found from this file's path (`Tests/ShipNotesCLITests/…`).
    private static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private static let verdict = "the server shows the notes exactly as previewed: yes\n"

    @Test func runsFromTheRepositoryRootWithTheSampleNotes() async throws {
        let result = try await ShipNotesProcess.execute(["demo"], directory: Self.repositoryRoot)
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(result.outputText.hasSuffix(Self.verdict))
        #expect(result.error.isEmpty)

        // The preview is exactly what `shipnotes render` makes of the same file.
        let rendered = try await ShipNotesProcess.execute(["render", "templates/notes/sample.md"], directory: Self.repositoryRoot)
        #expect(rendered.status == 0)
        #expect(result.outputText.contains(
            "Markdown, cmark)\n" + rendered.outputText + "\n== 2. Sandbox listening on http://127.0.0.1:"))
        #expect(result.outputText.contains("\"shortversion\":\"2.4.0\""))
        #expect(result.outputText.contains("version 2.4.0 ("))
    }

    @Test func keepLeavesTheUploadInTheGivenFolder() async throws {
        let keep = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-cli-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: keep) }
        let sample = Self.repositoryRoot.appendingPathComponent("templates/notes/sample.md")
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
        let result = try await ShipNotesProcess.execute(["demo", "--notes-file", notes.path, "--notes-type", "textile"])
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(result.outputText.contains(
            "(Textile, RedCloth 4.3 rules)\n<h2>Release 2.4.0</h2>\n<ul>\n\t<li><strong>Faster</strong> uploads</li>\n"
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

    @Test func withoutTheSampleInTheWorkingDirectoryItSaysWhichFileIsMissing() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-cli-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ShipNotesProcess.execute(["demo"], directory: folder)
        #expect(result.status == 1)
        #expect(result.error == "Error: templates/notes/sample.md: no such file.\n")
    }
}
