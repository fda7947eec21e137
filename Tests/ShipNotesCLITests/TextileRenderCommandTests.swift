import Foundation
import Testing

/// `shipnotes render --from textile` and `--to textile` as a user runs them.
///
/// The expected HTML was recorded from RedCloth 4.3:
/// `ruby -rredcloth -e 'print RedCloth.new($stdin.read).to_html' < notes.textile`
/// (and `RedCloth.new(text, [:filter_html])` for `--filter-html`).
@Suite struct TextileRenderCommandTests {
    private static let notes = [
        "h2. Release 3.1.0",
        "",
        "A _focused_ release for \"beta testers\":http://beta.example.com.",
        "",
        "* *Faster* uploads of large builds",
        "* Notes in Japanese (日本語) arrive intact",
        "* HTML like <b>bold</b> is kept",
        "",
        "# Open the app",
        "# Tap *Sync*",
        "",
        "bq. Upgrading needs no migration.",
        "",
        "|_. Platform |_. Minimum |",
        "| iOS | 15.0 |",
        "",
    ].joined(separator: "\n")

    /// RedCloth's HTML for ``notes``; it ends without a line feed, as RedCloth's does.
    private static func redClothHTML(bold: String) -> String {
        [
            "<h2>Release 3.1.0</h2>",
            "<p>A <em>focused</em> release for <a href=\"http://beta.example.com\">beta testers</a>.</p>",
            "<ul>",
            "\t<li><strong>Faster</strong> uploads of large builds</li>",
            "\t<li>Notes in Japanese (日本語) arrive intact</li>",
            "\t<li><span class=\"caps\">HTML</span> like \(bold) is kept</li>",
            "</ul>",
            "<ol>",
            "\t<li>Open the app</li>",
            "\t<li>Tap <strong>Sync</strong></li>",
            "</ol>",
            "<blockquote>",
            "<p>Upgrading needs no migration.</p>",
            "</blockquote>",
            "<table>",
            "\t<tr>",
            "\t\t<th>Platform </th>",
            "\t\t<th>Minimum </th>",
            "\t</tr>",
            "\t<tr>",
            "\t\t<td> iOS </td>",
            "\t\t<td> 15.0 </td>",
            "\t</tr>",
            "</table>",
        ].joined(separator: "\n")
    }

    private func temporaryFile(_ contents: String, name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(contents.utf8).write(to: file)
        return file
    }

    @Test func rendersReleaseNotesAsRedClothDoes() async throws {
        let file = try temporaryFile(Self.notes, name: "notes.textile")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let result = try await ShipNotesProcess.execute(["render", file.path, "--from", "textile"])
        #expect(result.status == 0)
        #expect(result.outputText == Self.redClothHTML(bold: "<b>bold</b>"))
        #expect(result.error.isEmpty)
    }

    @Test func readsTextileFromStandardInput() async throws {
        let result = try await ShipNotesProcess.execute(["render", "--from", "textile", "-"], input: Data(Self.notes.utf8))
        #expect(result.status == 0)
        #expect(result.outputText == Self.redClothHTML(bold: "<b>bold</b>"))
    }

    @Test func filterHTMLEscapesHTMLAsRedClothDoes() async throws {
        let result = try await ShipNotesProcess.execute(["render", "--from", "textile", "--filter-html"], input: Data(Self.notes.utf8))
        #expect(result.status == 0)
        #expect(result.outputText == Self.redClothHTML(bold: "&lt;b&gt;bold&lt;/b&gt;"))
    }

    private static let markdownNote = """
        # Release 3.1.0

        A *focused* release for [beta testers](https://beta.example.com).

        * **Faster** uploads of large builds
        * Notes in Japanese (日本語) arrive intact

        1. Open the app
        2. Tap **Sync**

        > Upgrading needs no migration.

        """

    /// HTML with the whitespace between tags removed: cmark ends lines after tags, RedCloth also
    /// indents list items with tabs; the content is what must match.
    private static func withoutLayout(_ html: String) -> String {
        var text = html.replacingOccurrences(of: #">\s+<"#, with: "><", options: .regularExpression)
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text
    }

    @Test func markdownBecomesTextileThatRendersToTheSameHTML() async throws {
        let file = try temporaryFile(Self.markdownNote, name: "notes.md")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let textile = try await ShipNotesProcess.execute(["render", file.path, "--to", "textile"])
        #expect(textile.status == 0)
        #expect(textile.error.isEmpty)
        #expect(textile.outputText.contains("h1. Release 3.1.0"))
        #expect(!textile.outputText.contains("**"))

        let fromMarkdown = try await ShipNotesProcess.execute(["render", file.path])
        let fromTextile = try await ShipNotesProcess.execute(["render", "--from", "textile"], input: textile.output)
        #expect(fromTextile.status == 0)
        #expect(Self.withoutLayout(fromTextile.outputText) == Self.withoutLayout(fromMarkdown.outputText))
        #expect(Self.withoutLayout(fromMarkdown.outputText) == Self.withoutLayout("""
            <h1>Release 3.1.0</h1>
            <p>A <em>focused</em> release for <a href="https://beta.example.com">beta testers</a>.</p>
            <ul><li><strong>Faster</strong> uploads of large builds</li><li>Notes in Japanese (日本語) arrive intact</li></ul>
            <ol><li>Open the app</li><li>Tap <strong>Sync</strong></li></ol>
            <blockquote><p>Upgrading needs no migration.</p></blockquote>
            """))
    }

    /// The Textile `--to textile` writes is checked against RedCloth itself when Ruby and RedCloth are installed.
    @Test func redClothRendersTheWrittenTextileAsShipnotesDoes() async throws {
        let ruby = URL(fileURLWithPath: "/usr/bin/ruby")
        guard FileManager.default.isExecutableFile(atPath: ruby.path) else {
            print("Skipping the RedCloth cross-check: /usr/bin/ruby is not installed.")
            return
        }
        let textile = try await ShipNotesProcess.execute(["render", "--to", "textile"], input: Data(Self.markdownNote.utf8))
        #expect(textile.status == 0)
        let ours = try await ShipNotesProcess.execute(["render", "--from", "textile"], input: textile.output)

        let process = Process()
        process.executableURL = ruby
        process.arguments = ["-rredcloth", "-e", "print RedCloth.new($stdin.read).to_html"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(textile.output)
        try input.fileHandleForWriting.close()
        let redCloth = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "RedCloth is not installed for /usr/bin/ruby")
        #expect(ours.outputText == String(decoding: redCloth, as: UTF8.self))
    }
}
