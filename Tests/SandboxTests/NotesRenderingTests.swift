import Foundation
import HockeyApp
import Testing
import Sandbox

/// The server renders notes itself: Textile through the RedCloth-compatible renderer, Markdown through cmark.
/// The expected HTML is what RedCloth 4.3 and cmark produce for the same input.
@Suite struct NotesRenderingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var notesType: String
        var notes: String
        var html: String
        var testDescription: String { "notes_type \(notesType): \(notes.prefix(20))" }
    }

    static let cases: [Case] = [
        Case(
            notesType: "1",
            notes: "## Version 1.2\n\n- Fixed **crash** on launch\n- Faster [sync](https://example.com)\n",
            html: "<h2>Version 1.2</h2>\n<ul>\n<li>Fixed <strong>crash</strong> on launch</li>\n"
                + "<li>Faster <a href=\"https://example.com\">sync</a></li>\n</ul>\n"),
        Case(
            notesType: "0",
            notes: "h2. Version 1.2\n\n* Fixed *crash* on launch\n* Faster \"sync\":https://example.com\n",
            html: "<h2>Version 1.2</h2>\n<ul>\n\t<li>Fixed <strong>crash</strong> on launch</li>\n"
                + "\t<li>Faster <a href=\"https://example.com\">sync</a></li>\n</ul>"),
        Case(notesType: "1", notes: "Исправлены ошибки — 修正 🚀\n", html: "<p>Исправлены ошибки — 修正 🚀</p>\n"),
        Case(notesType: "0", notes: "Исправлены ошибки — 修正 🚀\n", html: "<p>Исправлены ошибки — 修正 🚀</p>"),
    ]

    @Test(arguments: cases)
    func rendersNotesAsTheServerDoes(_ example: Case) async throws {
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "1"))
            form.add("notes", example.notes)
            form.add("notes_type", example.notesType)
            let answer = try await sandbox.upload(form)
            #expect(answer.status == 201)
            #expect(try answer.decode(AppVersion.self).notes == example.html)
            let stored = try #require(await sandbox.server.storedVersions(appID: sandbox.appID).first)
            #expect(stored.notesSource == example.notes)
            #expect(await sandbox.server.uploads.first?.field("notes") == example.notes)
        }
    }

    @Test func textileIsTheDefaultNotesType() async throws {
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "1"))
            form.add("notes", "*bold*")
            #expect(try await sandbox.upload(form).decode(AppVersion.self).notes == "<p><strong>bold</strong></p>")
        }
    }

    @Test func truncatesNotesAfterFiveThousandCharacters() async throws {
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "1"))
            form.add("notes", String(repeating: "ж", count: 6_000))
            form.add("notes_type", "1")
            let version = try await sandbox.upload(form).decode(AppVersion.self)
            #expect(version.notes == "<p>" + String(repeating: "ж", count: 5_000) + "</p>\n")
        }
    }
}
