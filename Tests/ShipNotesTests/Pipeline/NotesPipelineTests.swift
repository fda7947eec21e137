import ConformanceSupport
import Foundation
import HockeyApp
import Testing

@testable import ShipNotes

/// The pipeline's steps on real sources: a repository, a changelog, files and text, then fitted to
/// each notes type.
@Suite struct NotesPipelineTests {
    @Test func gitHistoryThroughATemplate() async throws {
        let repository = try TemporaryRepository()
        try repository.commit("feat(ui): dark mode")
        try repository.tag("v1.0.0")
        try repository.commit("fix: the *crash* on login")
        try repository.commit("chore: tidy")
        let template = try NotesTemplate.load("tester")
        var options = GitHistoryOptions()
        options.grouping = try #require(template.grouping)
        let notes = try await NotesPipeline.compose(.git(directory: repository.path, options: options, template: template))
        #expect(notes.kind == .markdown)
        #expect(notes.origin == "git v1.0.0..HEAD")
        #expect(notes.text == "**1.0.1 (upcoming)**\n\n- Fixed: the *crash* on login\n")
        #expect(notes.context?.releases.first?.commitCount == 1)
    }

    @Test func aChangelogRelease() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("CHANGELOG.md").path
        try Data("# Changelog\n\n## [Unreleased]\n- Next.\n\n## [1.1.0] - 2024-02-01\n### Fixed\n- The [crash][1].\n\n[1]: https://tracker.test/1\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let latest = try await NotesPipeline.compose(.changelog(path: path, selection: nil, options: .init()))
        #expect(latest.text == "### Fixed\n- The [crash][1].\n\n[1]: https://tracker.test/1\n")
        #expect(latest.origin == "\(path), release 1.1.0")
        let unreleased = try await NotesPipeline.compose(.changelog(path: path, selection: .unreleased, options: .init()))
        #expect(unreleased.text == "- Next.\n")
        await #expect(throws: ChangelogError.self) {
            try await NotesPipeline.compose(.changelog(path: path, selection: .version("9.9.9"), options: .init()))
        }
    }

    @Test func theKindFollowsTheFilesName() throws {
        #expect(NotesKind.of(path: "notes.textile") == .textile)
        #expect(NotesKind.of(path: "NOTES.MD") == .markdown)
        #expect(NotesKind.of(path: "notes.markdown") == .markdown)
        #expect(NotesKind.of(path: "x/keep.textile.mustache") == .textile)
        #expect(NotesKind.of(path: "notes.txt") == .markdown)
        #expect(NotesKind.of(path: "notes.txt", otherwise: .textile) == .textile)
        #expect(NotesKind.of(path: "notes.md", otherwise: .textile) == .markdown)
    }

    @Test func markdownIsConvertedForTextileAndShownAsCmarkShowsIt() throws {
        let markdown = ComposedNotes(text: "- The **crash** on `login`\n- [Docs](https://docs.test/a_b)\n", kind: .markdown, origin: "test")
        let asMarkdown = try NotesPipeline.prepare(markdown)
        #expect(asMarkdown.notesType == .markdown)
        #expect(!asMarkdown.isConverted)
        #expect(asMarkdown.text == markdown.text)

        let asTextile = try NotesPipeline.prepare(markdown, as: .textile)
        #expect(asTextile.notesType == .textile)
        #expect(asTextile.isConverted)
        #expect(!asTextile.text.contains("**"))
        // What the server shows for the Textile is what it would show for the Markdown.
        #expect(layout(asTextile.serverHTML) == layout(asMarkdown.serverHTML))
        #expect(asMarkdown.serverHTML.contains("<strong>crash</strong>"))
    }

    @Test func textileIsSentAsItIsAndNeverAsMarkdown() throws {
        let textile = ComposedNotes(text: "h2. Fixed\n\n* The *crash*\n", kind: .textile, origin: "notes.textile")
        let prepared = try NotesPipeline.prepare(textile)
        #expect(prepared.notesType == .textile)
        #expect(prepared.text == textile.text)
        #expect(prepared.serverHTML == "<h2>Fixed</h2>\n<ul>\n\t<li>The <strong>crash</strong></li>\n</ul>")
        #expect(throws: NotesPipelineError.textileAsMarkdown(origin: "notes.textile")) {
            try NotesPipeline.prepare(textile, as: .markdown)
        }
    }

    @Test func filesAreReadAsTextOrRefused() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let textile = folder.appendingPathComponent("notes.textile")
        try Data("h2. Hi\n".utf8).write(to: textile)
        let read = try await NotesPipeline.compose(.file(path: textile.path, kind: nil))
        #expect(read.kind == .textile)
        #expect(read.text == "h2. Hi\n")

        let binary = folder.appendingPathComponent("notes.md")
        try Data([0x61, 0x0A, 0x62, 0xFF, 0x0A]).write(to: binary)
        await #expect(throws: NotesPipelineError.notText(path: binary.path, line: 2)) {
            try await NotesPipeline.compose(.file(path: binary.path, kind: nil))
        }
        await #expect(throws: FileReadError.fileNotFound(path: folder.path + "/missing.md")) {
            try await NotesPipeline.compose(.file(path: folder.path + "/missing.md", kind: nil))
        }
        await #expect(throws: FileReadError.isDirectory(path: folder.path)) {
            try await NotesPipeline.compose(.file(path: folder.path, kind: nil))
        }
    }
}

/// HTML without the layout the two renderers differ in and browsers ignore: RedCloth's tab before
/// a list item, cmark's final newline.
func layout(_ html: String) -> String {
    html.split(separator: "\n").map { $0.drop(while: { $0 == "\t" }) }.joined(separator: "\n")
}
