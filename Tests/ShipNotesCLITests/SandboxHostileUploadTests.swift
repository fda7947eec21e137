import ConformanceSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HockeyApp
import Testing

/// `shipnotes sandbox` under hostile uploads, as reported from outside: three crafted builds at once
/// on a two-core machine used to pin both cores, leave every other client unanswered and make the
/// sandbox ignore SIGTERM. The deadlines are safety nets for a sandbox that hangs, not measurements.
@Suite(.timeLimit(.minutes(3))) struct SandboxHostileUploadTests {
    @Test func craftedBuildsAndAStalledClientNeitherFreezeNorOutliveTheSandbox() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-cli-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sandbox = try RunningShipNotes(["sandbox", "--port", "0", "--data", folder.appendingPathComponent("data").path])
        defer { sandbox.cleanUp() }
        let (baseURL, appID, token) = try await Self.address(of: sandbox)

        // A client that sends a request head and a little of its body, then nothing.
        let stalled = try RawConnection(port: try #require(baseURL.port))
        stalled.write(
            "POST /api/2/apps/\(appID)/app_versions/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nX-HockeyAppToken: \(token)\r\n"
                + "Content-Type: multipart/form-data; boundary=stall\r\nContent-Length: 1000000\r\n\r\n--stall\r\n")

        let build = folder.appendingPathComponent("Hostile.ipa")
        try SampleBuild.writeHostile(.neverEndingStoredBlock, to: build)
        let upload = baseURL.appendingPathComponent("api/2/apps/\(appID)/app_versions/upload")
        let statuses = await withTaskGroup(of: Int?.self) { group in
            for _ in 0..<3 { group.addTask { try? await Self.post(build: build, to: upload, token: token) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == [422, 422, 422], "the crafted uploads were not all answered")

        let listing = baseURL.appendingPathComponent("api/2/apps/\(appID)/app_versions")
        let listed = try? await Self.get(listing, token: token)
        #expect(listed == 200, "the sandbox did not answer a listing")

        let ending = await Self.stop(sandbox, with: SIGTERM)
        #expect(ending?.reason == .exit, "the sandbox did not end on SIGTERM")
        #expect(ending?.status == 0)
        #expect(ending?.error == "Sandbox stopped (signal \(SIGTERM)).\n")
        // The stalled client stays connected until the sandbox has ended.
        withExtendedLifetime(stalled) {}
    }

    /// A part header whose name is not ASCII (found by the multipart fuzz target): the multipart
    /// parser the sandbox used indexed a 128-entry table with the byte and stopped the process, so
    /// one request ended the server for everyone. It must be refused as malformed, and the sandbox
    /// must go on answering.
    @Test(arguments: ["N\u{E4}me: x", "Content-Disposition\u{80}: form-data; name=\"notes\"", "\u{FF}"])
    func aPartHeaderNameThatIsNotASCIIIsRefused(headerLine: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-cli-header-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sandbox = try RunningShipNotes(["sandbox", "--port", "0", "--data", folder.appendingPathComponent("data").path])
        defer { sandbox.cleanUp() }
        let (baseURL, appID, token) = try await Self.address(of: sandbox)

        let boundary = "header-\(UUID().uuidString)"
        let body = Data("--\(boundary)\r\n\(headerLine)\r\n\r\nnotes\r\n--\(boundary)--\r\n".utf8)
        let upload = baseURL.appendingPathComponent("api/2/apps/\(appID)/app_versions/upload")
        let status = try? await Self.post(body: body, boundary: boundary, to: upload, token: token)
        #expect(status == 400, "the sandbox answered \(status.map(String.init) ?? "nothing") to a malformed part header")
        let listed = try? await Self.get(baseURL.appendingPathComponent("api/2/apps/\(appID)/app_versions"), token: token)
        #expect(listed == 200, "the sandbox did not answer a listing afterwards")
        let ending = await Self.stop(sandbox, with: SIGTERM)
        #expect(ending?.status == 0, "the sandbox did not end normally: \(ending.map { "\($0.reason) \($0.status)" } ?? "still running")")
    }

    /// Sends `signal` and waits for the process to end; nil when it has not ended within 20 seconds.
    private static func stop(_ sandbox: RunningShipNotes, with signal: Int32) async -> RunningShipNotes.Ending? {
        await withTaskGroup(of: RunningShipNotes.Ending?.self) { group in
            group.addTask { try? await sandbox.stop(with: signal) }
            group.addTask {
                try? await Task.sleep(for: .seconds(20))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// The base URL, app id and token the sandbox's banner prints.
    private static func address(of sandbox: RunningShipNotes) async throws -> (URL, String, String) {
        let banner = await sandbox.readOutput(through: "Upload with:")
        let baseURL = try #require(Self.value(in: banner, after: "Sandbox listening on ").flatMap(URL.init(string:)))
        let appID = try #require(Self.value(in: banner, after: "App: ")?.prefix { $0 != " " }).description
        let token = try #require(Self.value(in: banner, after: "Token: export HOCKEYAPP_API_TOKEN="))
        return (baseURL, appID, token)
    }

    private static func value(in banner: String, after prefix: String) -> String? {
        banner.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    private static func post(build: URL, to url: URL, token: String) async throws -> Int {
        let boundary = "hostile-\(UUID().uuidString)"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"ipa\"; filename=\"Hostile.ipa\"\r\n".utf8)
        body.append(Data("Content-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(try Data(contentsOf: build))
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return try await post(body: body, boundary: boundary, to: url, token: token)
    }

    private static func post(body: Data, boundary: String, to url: URL, token: String) async throws -> Int {
        var request = URLRequest(url: url, timeoutInterval: 20)
        request.httpMethod = "POST"
        request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
        request.setValue(token, forHTTPHeaderField: "X-HockeyAppToken")
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (_, response) = try await session.upload(for: request, from: body)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    private static func get(_ url: URL, token: String) async throws -> Int {
        var request = URLRequest(url: url, timeoutInterval: 20)
        request.setValue(token, forHTTPHeaderField: "X-HockeyAppToken")
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (_, response) = try await session.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
