import Foundation
import HockeyApp
import Sandbox
import Testing

/// `shipnotes upload` against a sandbox running in the test process: what arrives, what is printed,
/// and that the token is never printed.
@Suite struct UploadCommandTests {
    private let notes = "* Faster sync\n* Fixed the **crash** on login\n"

    @Test func uploadsWithTheTokenFromTheEnvironment() async throws {
        try await InProcessSandbox.with { sandbox in
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", notes]), environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            let stored = await sandbox.storedVersions
            let uploads = await sandbox.uploads
            #expect(result.status == 0, "stderr: \(result.error)")
            try #require(stored.count == 1)
            let version = stored[0].version
            let id = try #require(version.id)
            let page = try #require(version.configURL)
            #expect(result.outputText == "Uploaded CLI Test App 3.1.0 (42) as version \(id): \(page)\n")
            #expect(stored[0].notesSource == notes)
            #expect(version.notes == "<ul>\n<li>Faster sync</li>\n<li>Fixed the <strong>crash</strong> on login</li>\n</ul>\n")
            #expect(uploads.count == 1)
            #expect(uploads.first?.hadToken == true)
            #expect(uploads.first?.field("notes_type") == "1")
            // Not a terminal: plain progress lines, ending at 100%.
            #expect(result.error.split(separator: "\n").last?.hasPrefix("Uploading Sample.ipa: 100% ") == true)
            #expect(result.errorLines.isEmpty)
        }
    }

    @Test func theTokenFileWinsOverTheEnvironment() async throws {
        try await InProcessSandbox.with { sandbox in
            let tokenFile = try sandbox.file("token", "  \(sandbox.token)\n")
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", notes, "--token-file", tokenFile.path]),
                environment: ["HOCKEYAPP_API_TOKEN": "a-stale-token-the-server-rejects"])
            let stored = await sandbox.storedVersions
            #expect(result.status == 0, "stderr: \(result.error)")
            #expect(stored.count == 1)
            #expect(result.outputText.hasPrefix("Uploaded CLI Test App 3.1.0 (42) as version "))
        }
    }

    @Test func jsonPrintsTheServersAnswer() async throws {
        try await InProcessSandbox.with { sandbox in
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", notes, "--json", "--status", "available", "--tags", "qa, beta"]),
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            let stored = await sandbox.storedVersions
            let uploads = await sandbox.uploads
            #expect(result.status == 0, "stderr: \(result.error)")
            try #require(stored.count == 1)
            #expect(result.outputText.hasSuffix("\n"))
            let printed = try JSONDecoder().decode(AppVersion.self, from: result.output)
            #expect(printed == stored[0].version)
            #expect(printed.status == 2)
            #expect(printed.title == "CLI Test App")
            #expect(uploads.first?.field("tags") == "qa,beta")
            let object = try JSONSerialization.jsonObject(with: result.output) as? [String: Any]
            #expect(object?["config_url"] as? String == stored[0].version.configURL)
        }
    }

    @Test func dryRunPrintsTheRequestWithTheTokenRedactedAndSendsNothing() async throws {
        try await InProcessSandbox.with { sandbox in
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", notes, "--dry-run", "--notify"]),
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            let uploads = await sandbox.uploads
            #expect(result.status == 0, "stderr: \(result.error)")
            #expect(uploads.isEmpty)
            let lines = result.outputText.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first == "POST \(sandbox.baseURL.absoluteString)/api/2/apps/\(sandbox.appID)/app_versions/upload")
            #expect(lines.contains("X-HockeyAppToken: <redacted>"))
            #expect(lines.contains { $0.hasPrefix("Content-Length: ") })
            #expect(lines.contains { $0.hasPrefix("file ipa = Sample.ipa") })
            #expect(lines.contains { $0.hasPrefix("field notes") })
            #expect(lines.contains { $0.hasPrefix("field notify") })
            #expect(result.error.isEmpty)
        }
    }

    @Test func dryRunWithoutATokenWarnsButStillDescribes() async throws {
        try await InProcessSandbox.with { sandbox in
            let result = try await sandbox.shipnotes(sandbox.uploadArguments(["--notes", notes, "--dry-run"]))
            let uploads = await sandbox.uploads
            #expect(result.status == 0)
            #expect(uploads.isEmpty)
            #expect(result.outputText.contains("X-HockeyAppToken: <redacted>\n"))
            #expect(result.error == "warning: no API token: set HOCKEYAPP_API_TOKEN or pass --token-file FILE before uploading.\n")
        }
    }

    @Test func nonLatinNotesFromAFileArriveIntact() async throws {
        try await InProcessSandbox.with { sandbox in
            let text = "# リリース 3.1.0\n\n* Ελληνικά: διορθώθηκε η σύνδεση\n* العربية: إصلاح المزامنة\n* 日本語のメモ 🚀\n"
            let notesFile = try sandbox.file("notes.md", text)
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes-file", notesFile.path]), environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            let stored = await sandbox.storedVersions
            let uploads = await sandbox.uploads
            #expect(result.status == 0, "stderr: \(result.error)")
            try #require(stored.count == 1)
            #expect(stored[0].notesSource == text)
            #expect(Array(stored[0].notesSource.utf8) == Array(text.utf8))
            #expect(uploads.first?.field("notes") == text)
            #expect(stored[0].version.notes == """
                <h1>リリース 3.1.0</h1>
                <ul>
                <li>Ελληνικά: διορθώθηκε η σύνδεση</li>
                <li>العربية: إصلاح المزامنة</li>
                <li>日本語のメモ 🚀</li>
                </ul>

                """)
        }
    }

    @Test func textileNotesAreRenderedAsTextile() async throws {
        try await InProcessSandbox.with { sandbox in
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", "h2. Fixes\n\n* *Faster* sync", "--notes-type", "textile"]),
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            let stored = await sandbox.storedVersions
            #expect(result.status == 0, "stderr: \(result.error)")
            try #require(stored.count == 1)
            #expect(stored[0].notesType == 0)
            #expect(stored[0].version.notes == "<h2>Fixes</h2>\n<ul>\n\t<li><strong>Faster</strong> sync</li>\n</ul>")
        }
    }

    /// 6,000 characters in lines of 60 (59 letters and a line feed).
    private var longNotes: String {
        String(repeating: String(repeating: "x", count: 59) + "\n", count: 100)
    }

    @Test func notesOverTheLimitAreFlaggedAndSentAsTheyAre() async throws {
        try await InProcessSandbox.with { sandbox in
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", longNotes]), environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            let uploads = await sandbox.uploads
            #expect(result.status == 0, "stderr: \(result.error)")
            #expect(result.error.hasPrefix(
                "warning: the notes have 6,000 characters; the server keeps only the first 5,000 "
                    + "(use --clip-notes to shorten them at a line or word boundary).\n"))
            #expect(uploads.first?.field("notes") == longNotes)
        }
    }

    @Test func clipNotesShortensThemAtALineBoundary() async throws {
        try await InProcessSandbox.with { sandbox in
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", longNotes, "--clip-notes"]), environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            let uploads = await sandbox.uploads
            #expect(result.status == 0, "stderr: \(result.error)")
            let sent = try #require(uploads.first?.field("notes"))
            #expect(sent.count <= 5_000)
            #expect(sent.count > 4_800)
            #expect(longNotes.hasPrefix(sent.trimmingCharacters(in: .whitespacesAndNewlines)))
            // Whole lines only: no line of the clipped notes is cut short.
            #expect(sent.split(separator: "\n").allSatisfy { $0 == Substring(String(repeating: "x", count: 59)) })
            let warning = "warning: the notes were shortened from 6,000 to \(Self.grouped(sent.count)) characters.\n"
            #expect(result.error.hasPrefix(warning))
        }
    }

    private static func grouped(_ count: Int) -> String {
        count >= 1_000 ? "\(count / 1_000),\(String(format: "%03d", count % 1_000))" : String(count)
    }
}
