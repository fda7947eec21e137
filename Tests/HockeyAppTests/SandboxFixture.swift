import Foundation
import HockeyApp
import Sandbox

/// A running sandbox on an ephemeral loopback port with the demo app and token, a temporary folder for
/// its data and for builds, and a client tuned for tests (short backoff and timeouts).
struct SandboxFixture {
    let server: SandboxServer
    let baseURL: URL
    let folder: TemporaryFolder
    let appID = SandboxConfiguration.demoAppID
    let token = SandboxConfiguration.demoToken

    /// Starts a sandbox; call ``stop()`` in a `defer`-like `await` at the end of the test.
    static func start() async throws -> SandboxFixture {
        let folder = try TemporaryFolder()
        let server = SandboxServer(configuration: .demo(dataDirectory: folder.url.appendingPathComponent("data")))
        let baseURL = try await server.start()
        return SandboxFixture(server: server, baseURL: baseURL, folder: folder)
    }

    func stop() async {
        await server.stop()
        folder.remove()
    }

    /// A client of this sandbox.
    func client(
        token: String? = nil, attempts: Int = 4, overall: Duration = .seconds(20)
    ) throws -> HockeyAppClient {
        try HockeyAppClient(
            baseURL: baseURL, token: token ?? self.token,
            timeouts: .init(connect: .seconds(5), overall: overall),
            retryPolicy: .init(maxAttempts: attempts, initialDelay: .milliseconds(20), maximumDelay: .milliseconds(100)))
    }

    /// Writes a sample .ipa into the fixture's folder.
    func build(
        named name: String = "App.ipa", bundleVersion: String = "42", shortVersion: String = "1.2", padding: Int = 0
    ) throws -> URL {
        let url = folder.url.appendingPathComponent(name)
        try SampleBuild.write(to: url, bundleVersion: bundleVersion, shortVersion: shortVersion, padding: padding)
        return url
    }

    /// Writes a file with `size` deterministic bytes into the fixture's folder.
    func file(named name: String, size: Int) throws -> URL {
        let url = folder.url.appendingPathComponent(name)
        try Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: url)
        return url
    }

    /// The versions the sandbox has stored for the demo app.
    var storedVersions: [SandboxStoredVersion] {
        get async { await server.storedVersions(appID: appID) }
    }
}

/// Collects upload events from any thread.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [UploadEvent] = []

    var events: [UploadEvent] { lock.withLock { storage } }

    func record(_ event: UploadEvent) {
        lock.withLock { storage.append(event) }
    }

    var retries: Int {
        events.filter { if case .retrying = $0 { true } else { false } }.count
    }

    var checks: Int {
        events.filter { if case .checkingVersions = $0 { true } else { false } }.count
    }
}
