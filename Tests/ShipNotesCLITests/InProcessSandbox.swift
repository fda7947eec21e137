import Foundation
import HockeyApp
import Sandbox
import Testing

/// A sandbox server started inside the test process on an ephemeral loopback port, with one app,
/// one token only this fixture knows, a scratch folder and a sample build to upload.
struct InProcessSandbox {
    let folder: URL
    let server: SandboxServer
    let baseURL: URL
    let appID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    let appTitle = "CLI Test App"
    /// A token unique to this fixture, so a test can prove it never appears in the tool's output.
    let token: String
    /// A small valid .ipa: bundle version 42, short version 3.1.0.
    let build: URL

    /// Runs `body` with a fresh sandbox, then stops the server and removes its folder, whether or
    /// not `body` throws.
    static func with<T>(_ body: (InProcessSandbox) async throws -> T) async throws -> T {
        let sandbox = try await start()
        defer { try? FileManager.default.removeItem(at: sandbox.folder) }
        do {
            let value = try await body(sandbox)
            await sandbox.server.stop()
            return value
        } catch {
            await sandbox.server.stop()
            throw error
        }
    }

    /// Starts the server and writes the build.
    private static func start() async throws -> InProcessSandbox {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-cli-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let token = "cli-secret-\(UUID().uuidString.lowercased())"
        let build = folder.appendingPathComponent("Sample.ipa")
        try SampleBuild.write(to: build, bundleVersion: "42", shortVersion: "3.1.0", bundleID: "net.shipnotes.Sample")
        let appID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
        let configuration = SandboxConfiguration(
            dataDirectory: folder.appendingPathComponent("sandbox"),
            apps: [SandboxApp(id: appID, title: "CLI Test App")], tokens: [token])
        let server = SandboxServer(configuration: configuration)
        let baseURL = try await server.start()
        return InProcessSandbox(folder: folder, server: server, baseURL: baseURL, token: token, build: build)
    }

    /// Writes `contents` to a file in the scratch folder.
    func file(_ name: String, _ contents: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url
    }

    /// Runs `shipnotes` (without blocking a thread, so this sandbox keeps answering) and expects that
    /// the fixture's token appears neither on standard output nor on standard error.
    func shipnotes(
        _ arguments: [String], environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> ShipNotesProcess.Result {
        let result = try await ShipNotesProcess.execute(arguments, environment: environment)
        #expect(!result.reveals(token), "the API token was printed", sourceLocation: sourceLocation)
        return result
    }

    /// `upload --base-url … --app-id … --ipa …` followed by `extra`.
    func uploadArguments(_ extra: [String], appID: String? = nil, build: URL? = nil) -> [String] {
        ["upload", "--base-url", baseURL.absoluteString, "--app-id", appID ?? self.appID, "--ipa", (build ?? self.build).path]
            + extra
    }

    /// The versions the server stored for the fixture's app.
    var storedVersions: [SandboxStoredVersion] {
        get async { await server.storedVersions(appID: appID) }
    }

    /// Every request the upload endpoint received.
    var uploads: [SandboxUploadRecord] {
        get async { await server.uploads }
    }
}

extension ShipNotesProcess.Result {
    /// Whether `secret` appears anywhere in standard output or standard error.
    func reveals(_ secret: String) -> Bool {
        outputText.contains(secret) || error.contains(secret)
    }

    /// The lines of standard error that start with `Error:`.
    var errorLines: [Substring] {
        error.split(separator: "\n").filter { $0.hasPrefix("Error:") }
    }
}
