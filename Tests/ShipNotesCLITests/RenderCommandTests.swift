import Foundation
import Testing

/// `shipnotes render` as a user runs it: the built binary, real files, standard input, exit status.
@Suite struct RenderCommandTests {
    private let notes = "# 2.1.0\n\n* Fixed the **crash** on login ([#42](https://tracker.test/42))\n* Faster `sync`\n"
    private let notesHTML = """
        <h1>2.1.0</h1>
        <ul>
        <li>Fixed the <strong>crash</strong> on login (<a href="https://tracker.test/42">#42</a>)</li>
        <li>Faster <code>sync</code></li>
        </ul>

        """

    private func temporaryFile(_ contents: Data, name: String = "notes.md") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try contents.write(to: file)
        return file
    }

    @Test func rendersAMarkdownFile() async throws {
        let file = try temporaryFile(Data(notes.utf8))
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let result = try await ShipNotesProcess.execute(["render", file.path])
        #expect(result.status == 0)
        #expect(result.outputText == notesHTML)
        #expect(result.error.isEmpty)
    }

    @Test(arguments: [["render"], ["render", "-"], ["render", "--from", "markdown", "--to", "html", "-"]])
    func readsStandardInput(arguments: [String]) async throws {
        let result = try await ShipNotesProcess.execute(arguments, input: Data(notes.utf8))
        #expect(result.status == 0)
        #expect(result.outputText == notesHTML)
    }

    @Test func markdownFlags() async throws {
        let input = Data("\"Quoted\" -- line\nnext <b>raw</b>\n".utf8)
        #expect(try await ShipNotesProcess.execute(["render"], input: input).outputText
            == "<p>&quot;Quoted&quot; -- line\nnext <!-- raw HTML omitted -->raw<!-- raw HTML omitted --></p>\n")
        #expect(try await ShipNotesProcess.execute(["render", "--smart", "--hard-breaks", "--unsafe"], input: input).outputText
            == "<p>\u{201C}Quoted\u{201D} \u{2013} line<br />\nnext <b>raw</b></p>\n")
    }

    @Test func missingFileIsOneErrorLine() async throws {
        let result = try await ShipNotesProcess.execute(["render", "/nonexistent/CHANGELOG.md"])
        #expect(result.status == 1)
        #expect(result.error == "Error: /nonexistent/CHANGELOG.md: no such file.\n")
        #expect(result.output.isEmpty)
    }

    @Test func directoryIsRejected() async throws {
        let folder = FileManager.default.temporaryDirectory.path
        let result = try await ShipNotesProcess.execute(["render", folder])
        #expect(result.status == 1)
        #expect(result.error == "Error: \(folder) is a directory, not a file.\n")
    }

    @Test func invalidUTF8IsReplacedWithAWarning() async throws {
        let file = try temporaryFile(Data([0x2A, 0x20, 0x66, 0xE9, 0x74, 0x65, 0x0A]))  // "* f\xE9te" in Latin-1
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let result = try await ShipNotesProcess.execute(["render", file.path])
        #expect(result.status == 0)
        #expect(result.outputText == "<ul>\n<li>f\u{FFFD}te</li>\n</ul>\n")
        #expect(result.error == "warning: \(file.path) is not valid UTF-8; invalid bytes were replaced with U+FFFD.\n")
    }

    @Test(arguments: [
        ["render", "--bogus"],
        ["render", "--from", "html"],
        ["render", "--from", "textile", "--smart"],
        ["render", "--to", "markdown"],
        ["render", "--filter-html"],
    ])
    func badUsageExitsWithStatus2(arguments: [String]) async throws {
        let result = try await ShipNotesProcess.execute(arguments)
        #expect(result.status == 2)
        #expect(result.error.hasPrefix("Error: "))
        #expect(result.output.isEmpty)
    }

    @Test func versionNamesCmark() async throws {
        let result = try await ShipNotesProcess.execute(["--version"])
        #expect(result.status == 0)
        #expect(result.outputText.hasPrefix("shipnotes "))
        #expect(result.outputText.contains("(cmark 0."))
    }

    @Test func helpShowsExamples() async throws {
        let result = try await ShipNotesProcess.execute(["render", "--help"])
        #expect(result.status == 0)
        #expect(result.outputText.contains("Examples:"))
        #expect(result.outputText.contains("--from textile"))
    }
}
