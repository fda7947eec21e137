import Foundation
import HockeyApp
import Testing

/// Answers a real server, a broken proxy or a hostile one may give after the build was sent: bytes
/// that are not HTTP, redirects to the same or another origin, 2xx answers that are not a version.
@Suite(.timeLimit(.minutes(2))) struct UploadHostileAnswerTests {
    /// Writes the sample build (bundle version 42, 1.2) into `folder`.
    private func build(in folder: TemporaryFolder) throws -> URL {
        let ipa = folder.url.appendingPathComponent("App.ipa")
        try SampleBuild.write(to: ipa, bundleVersion: "42", shortVersion: "1.2")
        return ipa
    }

    private func client(_ server: FaultyAPIServer, attempts: Int = 4) throws -> HockeyAppClient {
        try HockeyAppClient(
            baseURL: server.baseURL, token: "hostile-test-token",
            timeouts: .init(connect: .seconds(5), overall: .seconds(8)),
            retryPolicy: .init(maxAttempts: attempts, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(50)))
    }

    private func upload(_ client: HockeyAppClient, _ ipa: URL) async -> Result<UploadResult, HockeyAppError> {
        do {
            return .success(try await client.upload(UploadJob(appID: "abc", ipa: ipa, notes: "n")))
        } catch {
            return .failure(error)
        }
    }

    static let notHTTP: [(name: String, bytes: [UInt8])] = [
        ("binary garbage", (0..<1024).map { UInt8(truncatingIfNeeded: $0 &* 37) }),
        ("a bad status line", Array("HTTP/1.1 abc\r\n\r\n".utf8)),
        ("a bare OK", Array("OK".utf8)),
    ]

    /// The server stored the build, then answered with something that is not HTTP: the outcome is
    /// unknown, so the version list settles it instead of a second upload.
    @Test(arguments: notHTTP.indices)
    func anAnswerThatIsNotHTTPAfterTheWholeBodyIsSettledByTheVersionList(answer: Int) async throws {
        let garbage = Self.notHTTP[answer].bytes
        let server = try FaultyAPIServer { request, stored, _ in
            if request.method == "GET" { return .init(bytes: FaultyAPIServer.versionList(stored: stored)) }
            return .init(bytes: garbage, stores: request.bodyComplete)
        }
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = await upload(try client(server), try build(in: folder))

        #expect(server.stored == 1, "\(Self.notHTTP[answer].name): the build was stored \(server.stored) times")
        #expect(server.requests.map(\.method) == ["POST", "GET"])
        let result = try outcome.get()
        #expect(result.confirmedByListing)
        #expect(result.attempts == 1)
        #expect(result.version.version == "42")
    }

    /// A redirect of the upload to another origin is refused: the other listener sees nothing (so
    /// never the token), and the error names where the redirect pointed.
    @Test(arguments: [301, 302, 303, 307, 308])
    func aRedirectToAnotherOriginIsNeverFollowed(status: Int) async throws {
        let other = try FaultyAPIServer { _, _, _ in
            .init(bytes: FaultyAPIServer.answer(201, "Created", json: #"{"id": 1, "version": "42"}"#), stores: true)
        }
        defer { other.stop() }
        let target = "http://127.0.0.1:\(other.port)/api/2/apps/abc/app_versions/upload"
        let server = try FaultyAPIServer { _, _, _ in
            .init(bytes: FaultyAPIServer.answer(status, "Moved", headers: ["Location: \(target)"]))
        }
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = await upload(try client(server), try build(in: folder))

        #expect(other.connections == 0)
        #expect(other.requests.isEmpty)
        #expect(server.requests.count == 1)
        #expect(throws: HockeyAppError.redirected(status: status, location: target, upload: true)) { try outcome.get() }
        if case .failure(let error) = outcome {
            #expect(error.errorDescription?.contains(target) == true)
            #expect(error.errorDescription?.contains("use http://127.0.0.1:\(other.port) as --base-url") == true)
        }
    }

    /// A 307 to the same origin would re-send the POST with its Content-Length and no body, and the
    /// server would wait for it: the client refuses it at once instead.
    @Test func aRedirectOfTheUploadToTheSameOriginIsRefusedAtOnce() async throws {
        let server = try FaultyAPIServer { request, stored, port in
            if request.method == "GET" { return .init(bytes: FaultyAPIServer.versionList(stored: stored)) }
            let target = "http://127.0.0.1:\(port)/api/2/apps/abc/app_versions/upload?moved=1"
            return .init(bytes: FaultyAPIServer.answer(307, "Temporary Redirect", headers: ["Location: \(target)"]))
        }
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = await upload(try client(server), try build(in: folder))

        let target = "http://127.0.0.1:\(server.port)/api/2/apps/abc/app_versions/upload?moved=1"
        #expect(server.requests.map(\.path) == ["/api/2/apps/abc/app_versions/upload"])
        #expect(throws: HockeyAppError.redirected(status: 307, location: target, upload: true)) { try outcome.get() }
        if case .failure(let error) = outcome {
            #expect(error.errorDescription?.contains("does not follow redirects for uploads") == true)
        }
    }

    /// The version list follows a redirect on its own origin, but not one to another origin.
    @Test func theVersionListFollowsARedirectOnlyOnItsOwnOrigin() async throws {
        let other = try FaultyAPIServer { _, _, _ in .init(bytes: FaultyAPIServer.versionList(stored: 1)) }
        defer { other.stop() }
        let elsewhere = "http://127.0.0.1:\(other.port)/api/2/apps/abc/app_versions"
        let server = try FaultyAPIServer { request, _, _ in
            switch request.path {
            case "/api/2/apps/abc/app_versions":
                return .init(bytes: FaultyAPIServer.answer(302, "Found", headers: ["Location: /api/2/apps/abc/app_versions?page=1"]))
            case "/api/2/apps/abc/app_versions?page=1":
                return .init(bytes: FaultyAPIServer.versionList(stored: 2))
            default:
                return .init(bytes: FaultyAPIServer.answer(302, "Found", headers: ["Location: \(elsewhere)"]))
            }
        }
        defer { server.stop() }

        let versions = try await client(server).appVersions(appID: "abc")
        #expect(versions.count == 2)
        await #expect(throws: HockeyAppError.redirected(status: 302, location: elsewhere, upload: false)) {
            try await client(server, attempts: 1).appVersions(appID: "other")
        }
        #expect(other.connections == 0)
    }

    /// Success is a 201 (or 200) whose body is a version; a 2xx whose JSON names no version is not.
    @Test(arguments: [
        (201, #"{"title": "Welcome to nginx"}"#),
        (200, #"{"app_versions": []}"#),
        (202, #"{"id": 7, "version": "42"}"#),
        (204, ""),
    ])
    func a2xxThatIsNotAVersionIsNoSuccess(status: Int, body: String) async throws {
        let server = try FaultyAPIServer { _, _, _ in .init(bytes: FaultyAPIServer.answer(status, "Fine", json: body)) }
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outcome = await upload(try client(server), try build(in: folder))

        #expect(throws: HockeyAppError.self) { try outcome.get() }
        if case .failure(let error) = outcome {
            guard case .unexpectedResponse(status, _) = error else {
                Issue.record("expected an unexpected-response error, got \(error)")
                return
            }
        }
        #expect(server.requests.count == 1)
    }
}
