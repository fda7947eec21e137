import Foundation
import Sandbox
import Testing

/// `shipnotes upload` when something is wrong: one `Error:` line and status 1 for a failed upload,
/// status 2 for bad usage, nothing sent when the request cannot be right, and never the token.
@Suite struct UploadFailureTests {
    private let notes = "* Faster sync\n"

    @Test func aRejectedTokenIsOneErrorLine() async throws {
        try await InProcessSandbox.with { sandbox in
            let wrongToken = "cli-wrong-\(UUID().uuidString)"
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", notes]), environment: ["HOCKEYAPP_API_TOKEN": wrongToken])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(result.errorLines == ["Error: the token was rejected (401): user not found or token invalid"])
            #expect(result.error.hasSuffix("Error: the token was rejected (401): user not found or token invalid\n"))
            #expect(!result.reveals(wrongToken))
            #expect(await sandbox.storedVersions.isEmpty)
            // 401 is final: the client does not retry it.
            #expect(await sandbox.uploads.count == 1)
        }
    }

    @Test func anUnknownAppIsOneErrorLine() async throws {
        try await InProcessSandbox.with { sandbox in
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", notes], appID: "ffffffffffffffffffffffffffffffff"),
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(result.errorLines == ["Error: app not found (422)"])
            #expect(await sandbox.storedVersions.isEmpty)
        }
    }

    /// Nothing listens on port 1: every attempt is refused, each retry is announced, then one error line.
    @Test func anUnreachableServerIsRetriedThenOneErrorLine() async throws {
        try await InProcessSandbox.with { sandbox in
            let result = try await sandbox.shipnotes(
                ["upload", "--base-url", "http://127.0.0.1:1", "--app-id", sandbox.appID, "--ipa", sandbox.build.path,
                 "--notes", notes],
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            let lines = result.error.split(separator: "\n")
            #expect(lines.filter { $0.hasPrefix("Upload failed (connection refused); attempt ") }.count == 3)
            #expect(lines.last == "Error: could not reach 127.0.0.1:1: connection refused (4 attempts)")
            #expect(result.errorLines.count == 1)
        }
    }

    @Test func aMissingBuildFileIsReportedAndNothingIsSent() async throws {
        try await InProcessSandbox.with { sandbox in
            let missing = sandbox.folder.appendingPathComponent("Missing.ipa")
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", notes], build: missing), environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(result.error == "Error: the build file \(missing.path) does not exist\n")
            #expect(await sandbox.uploads.isEmpty)
        }
    }

    @Test func symbolsWithAnUnrecognisedNameAreRefusedBeforeSending() async throws {
        try await InProcessSandbox.with { sandbox in
            let symbols = try sandbox.file("symbols.zip", "not really a zip")
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", notes, "--dsym", symbols.path]),
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(result.status == 1)
            #expect(result.error == "Error: the server recognises symbols only by name: zip the .dSYM folder as "
                + "NAME.dSYM.zip, or give Android's mapping.txt (got symbols.zip)\n")
            #expect(await sandbox.uploads.isEmpty)
        }
    }

    @Test func aMissingBuildFileIsReportedBeforeAMissingToken() async throws {
        let missing = "/nonexistent/shipnotes/App.ipa"
        let result = try await ShipNotesProcess.execute(
            ["upload", "--app-id", "0a1b2c3d", "--ipa", missing, "--notes", notes])
        #expect(result.status == 1)
        #expect(result.error == "Error: the build file \(missing) does not exist\n")
    }

    @Test func noTokenAtAllIsAClearErrorAndNothingIsSent() async throws {
        try await InProcessSandbox.with { sandbox in
            let result = try await sandbox.shipnotes(sandbox.uploadArguments(["--notes", notes]))
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(result.error == "Error: no API token: set HOCKEYAPP_API_TOKEN or pass --token-file FILE\n")
            #expect(await sandbox.uploads.isEmpty)
        }
    }

    @Test func anEmptyOrMissingTokenFileIsAClearError() async throws {
        try await InProcessSandbox.with { sandbox in
            let empty = try sandbox.file("empty-token", "\n")
            let missing = sandbox.folder.appendingPathComponent("no-such-token")
            let emptyResult = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", notes, "--token-file", empty.path]),
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            let missingResult = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", notes, "--token-file", missing.path]),
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(emptyResult.status == 1)
            #expect(emptyResult.error == "Error: the token file \(empty.path) is empty\n")
            #expect(missingResult.status == 1)
            #expect(missingResult.error == "Error: the token file \(missing.path) cannot be read\n")
            #expect(await sandbox.uploads.isEmpty)
        }
    }

    @Test func aMissingNotesFileIsOneErrorLine() async throws {
        try await InProcessSandbox.with { sandbox in
            let missing = sandbox.folder.appendingPathComponent("CHANGELOG.md")
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes-file", missing.path]), environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(result.status == 1)
            #expect(result.error == "Error: \(missing.path): no such file.\n")
            #expect(await sandbox.uploads.isEmpty)
        }
    }

    @Test(arguments: [
        ["upload", "--app-id", "A1", "--notes", "x"],  // no build
        ["upload", "--app-id", "A1", "--ipa", "App.ipa", "--notes", "x", "--notes-file", "n.md"],  // both notes
        ["upload", "--app-id", "A1", "--ipa", "App.ipa", "--notes", "x", "--notes-type", "html"],
        ["upload", "--app-id", "A1", "--ipa", "App.ipa", "--notes", "x", "--release-type", "nightly"],
        ["upload", "--app-id", "A1", "--ipa", "App.ipa", "--notes", "x", "--base-url", "not a url"],
        ["upload", "--app-id", "A1", "--ipa", "App.ipa", "--notes", "x", "--timeout", "0"],
        ["upload", "--app-id", "A1", "--ipa", "App.ipa", "--notes", "x", "--frobnicate"],
    ])
    func badUsageExitsWithStatus2(arguments: [String]) async throws {
        // (No app id and no notes are not usage errors: shipnotes.yml may give them; see below.)
        let result = try await ShipNotesProcess.execute(arguments)
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.error.hasPrefix("Error: "))
    }

    /// Without a flag or a project config to give them, the app id and the notes are missing: one
    /// line saying where to give them, before anything is read or sent.
    @Test(arguments: [
        (["upload", "--ipa", "App.ipa", "--notes", "x"], "Error: no app given: pass --app-id ID, or set app-id in shipnotes.yml.\n"),
        (["upload", "--app-id", "A1", "--ipa", "App.ipa"],
         "Error: no notes given: pass --notes TEXT, --notes-file FILE, --changelog FILE or --git [RANGE], or set source in shipnotes.yml.\n"),
    ])
    func settingsNeitherFlagsNorConfigGive(arguments: [String], message: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-no-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ShipNotesProcess.execute(arguments, directory: folder)
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error == message)
    }

    /// A user who tries `--token SECRET` gets a usage error that does not echo the secret.
    @Test func aTokenGivenAsAFlagIsRefusedWithoutEchoingIt() async throws {
        let secret = "cli-flag-secret-\(UUID().uuidString)"
        let result = try await ShipNotesProcess.execute(
            ["upload", "--app-id", "A1", "--ipa", "App.ipa", "--notes", "x", "--token", secret])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.error.hasPrefix("Error: "))
        #expect(!result.reveals(secret))
    }
}
