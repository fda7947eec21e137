import Foundation
import HockeyApp
import Testing
import Sandbox

/// A running sandbox in a temporary data folder, removed when the test body returns.
struct SandboxHarness: Sendable {
    let server: SandboxServer
    let baseURL: URL
    let dataDirectory: URL
    /// A temporary folder for the test's own files (builds, request bodies), removed afterwards.
    let scratch: URL
    let appID = SandboxConfiguration.demoAppID
    let token = SandboxConfiguration.demoToken

    /// Starts a demo sandbox (or one built by `configure`) on an ephemeral loopback port, runs
    /// `body`, then stops the server and deletes its folder.
    static func run<T>(
        configure: (URL) -> SandboxConfiguration = { SandboxConfiguration.demo(dataDirectory: $0) },
        _ body: (SandboxHarness) async throws -> T
    ) async throws -> T {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = configure(folder.appendingPathComponent("data"))
        let server = SandboxServer(configuration: configuration)
        let baseURL = try await server.start()
        do {
            let result = try await body(SandboxHarness(
                server: server, baseURL: baseURL, dataDirectory: configuration.dataDirectory, scratch: folder))
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    var uploadURL: URL { baseURL.appendingPathComponent("api/2/apps/\(appID)/app_versions/upload") }
    var listURL: URL { baseURL.appendingPathComponent("api/2/apps/\(appID)/app_versions") }

    /// Writes a sample .ipa with the given bundle version into a fresh temporary file.
    func sampleBuild(bundleVersion: String, shortVersion: String = "1.0", padding: Int = 0, name: String = "Demo.ipa") throws -> URL {
        let folder = scratch.appendingPathComponent("builds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try SampleBuild.write(to: url, bundleVersion: bundleVersion, shortVersion: shortVersion, padding: padding)
        return url
    }

    /// Uploads to the demo app (or `appID`) with the demo token unless told otherwise.
    func upload(
        _ form: MultipartForm, appID: String? = nil, token: TokenChoice = .demo, timeout: TimeInterval = 60
    ) async throws -> HTTPAnswer {
        let target = baseURL.appendingPathComponent("api/2/apps/\(appID ?? self.appID)/app_versions/upload")
        return try await HTTPAnswer.post(form, to: target, token: token.value, timeout: timeout)
    }

    /// Lists the demo app's versions.
    func listVersions(token: String? = SandboxConfiguration.demoToken, appID: String? = nil) async throws -> HTTPAnswer {
        let target = baseURL.appendingPathComponent("api/2/apps/\(appID ?? self.appID)/app_versions")
        return try await HTTPAnswer.get(target, token: token)
    }
}

/// Which `X-HockeyAppToken` a test request carries.
enum TokenChoice: Sendable, CustomTestStringConvertible {
    case demo
    case missing
    case wrong(String)

    var value: String? {
        switch self {
        case .demo: SandboxConfiguration.demoToken
        case .missing: nil
        case .wrong(let token): token
        }
    }

    var testDescription: String {
        switch self {
        case .demo: "demo token"
        case .missing: "no token"
        case .wrong(let token): "token \"\(token)\""
        }
    }
}

/// Temporary folders for tests.
enum TemporaryFolder {
    static func make() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
