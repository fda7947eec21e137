import Foundation
import HockeyApp
import Sandbox
import Testing

/// The retry rule under every fault the sandbox injects: never a duplicate version, never a
/// misleading message.
@Suite struct UploadFaultTests {
    @Test(arguments: [0, 100_000])
    func aConnectionDroppedBeforeTheEndOfTheBodyIsRetriedAndStoredOnce(afterBytes: Int) async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build(padding: 8_000_000)
        await sandbox.server.inject(.dropConnection(afterBodyBytes: afterBytes))
        let log = EventLog()
        let result = try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: ipa, notes: "n"), events: log.record)
        let uploads = await sandbox.server.uploads
        let versions = await sandbox.storedVersions
        await sandbox.stop()

        #expect(result.attempts == 2)
        #expect(result.confirmedByListing == false)
        #expect(log.retries == 1)
        // Whether the client looks at the version list first depends on how much of the body libcurl
        // and the socket buffers had taken when the connection dropped (all of it counts as possibly
        // delivered); if it looks, the list shows nothing and it sends again.
        #expect(log.checks <= 1)
        #expect(uploads.map(\.responseStatus) == [nil, 201])
        #expect(versions.count == 1)
    }

    @Test func a5xxAfterStoringIsConfirmedByTheVersionListWithoutUploadingAgain() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build(bundleVersion: "55")
        await sandbox.server.inject(.failAfterStoring(status: 503))
        let log = EventLog()
        let result = try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: ipa, notes: "n"), events: log.record)
        let uploads = await sandbox.server.uploads
        let versions = await sandbox.storedVersions
        await sandbox.stop()

        #expect(result.confirmedByListing)
        #expect(result.attempts == 1)
        #expect(result.version.version == "55")
        #expect(log.checks == 1)
        #expect(uploads.count == 1)
        #expect(versions.count == 1)
    }

    @Test func a5xxBeforeStoringIsRetriedOnceTheListShowsNothing() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build()
        await sandbox.server.inject(.failBeforeStoring(status: 500))
        let log = EventLog()
        let result = try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: ipa, notes: "n"), events: log.record)
        let versions = await sandbox.storedVersions
        await sandbox.stop()

        #expect(result.attempts == 2)
        #expect(result.confirmedByListing == false)
        #expect(log.checks == 1)
        #expect(log.retries == 1)
        #expect(versions.count == 1)
    }

    @Test func aTimeoutAfterTheBodyIsSettledByTheVersionList() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build(bundleVersion: "77")
        // The sandbox stores the version, then waits longer than the client's overall timeout.
        await sandbox.server.inject(.delay(.seconds(3)))
        let result = try await sandbox.client(overall: .milliseconds(800))
            .upload(UploadJob(appID: sandbox.appID, ipa: ipa, notes: "n"))
        let versions = await sandbox.storedVersions
        let uploads = await sandbox.server.uploads
        await sandbox.stop()

        #expect(result.confirmedByListing)
        #expect(result.version.version == "77")
        #expect(uploads.count == 1)
        #expect(versions.count == 1)
    }

    @Test func anUnknownOutcomeThatCannotBeCheckedIsReportedAsSuchAndNeverRetried() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build()
        await sandbox.server.inject(.failAfterStoring(status: 502))
        await sandbox.server.inject(.failBeforeStoring(status: 503), on: .listVersions, count: 100)
        let client = try sandbox.client(attempts: 3)
        await #expect {
            try await client.upload(UploadJob(appID: sandbox.appID, ipa: ipa, notes: "n"))
        } throws: { error in
            guard case .outcomeUnknown(let reason) = error as? HockeyAppError else { return false }
            return reason.contains("the server answered 502 after receiving the whole build")
                && reason.contains("could not be listed")
        }
        let uploads = await sandbox.server.uploads
        let versions = await sandbox.storedVersions
        await sandbox.stop()

        #expect(uploads.count == 1)
        #expect(versions.count == 1)
    }

    @Test func aServerThatKeepsFailingEndsWithItsStatusAndMessage() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build()
        await sandbox.server.inject(.failBeforeStoring(status: 503), count: 100)
        let client = try sandbox.client(attempts: 3)
        await #expect {
            try await client.upload(UploadJob(appID: sandbox.appID, ipa: ipa, notes: "n"))
        } throws: { error in
            guard case .serverFailed(503, let message) = error as? HockeyAppError else { return false }
            return message.contains("fault was injected")
        }
        let uploads = await sandbox.server.uploads
        let versions = await sandbox.storedVersions
        await sandbox.stop()

        #expect(uploads.count == 3)
        #expect(versions.isEmpty)
    }

    @Test func aDuplicateRefusalAfterAnUnknownOutcomeIsRecognisedAsTheEarlierAttempt() async throws {
        // A server that stores the version but answers 500, lists it only later (as a service that
        // stores asynchronously might), then refuses the retry as a duplicate.
        let json = "application/json"
        let server = try CannedHTTPServer(answers: [
            .init(status: 500, reason: "Internal Server Error", contentType: "text/html", body: "<h1>Oops</h1>"),
            .init(status: 200, reason: "OK", contentType: json, body: #"{"app_versions": [], "status": "success"}"#),
            .init(status: 422, reason: "Unprocessable Entity", contentType: json,
                  body: #"{"errors": {"bundle_version": ["has already been taken"]}}"#),
            .init(status: 200, reason: "OK", contentType: json,
                  body: #"{"app_versions": [{"id": 9, "version": "5", "shortversion": "1.0"}], "status": "success"}"#),
        ])
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ipa = folder.url.appendingPathComponent("App.ipa")
        try SampleBuild.write(to: ipa, bundleVersion: "5", shortVersion: "1.0")
        let result = try await HockeyAppClient(
            baseURL: server.baseURL, token: "t", retryPolicy: .init(maxAttempts: 3, initialDelay: .milliseconds(10))
        ).upload(UploadJob(appID: "abc", ipa: ipa, notes: "n"))

        #expect(result.confirmedByListing)
        #expect(result.attempts == 2)
        #expect(result.version.id == 9)
        #expect(server.requests == 4)
    }

    @Test func aDuplicateRefusalWithoutAnUnknownOutcomeIsReportedAsIs() async throws {
        let server = try CannedHTTPServer(
            status: 422, reason: "Unprocessable Entity", contentType: "application/json",
            body: #"{"errors": {"bundle_version": ["has already been taken"]}}"#)
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ipa = folder.url.appendingPathComponent("App.ipa")
        try SampleBuild.write(to: ipa, bundleVersion: "5")
        await #expect(throws: HockeyAppError.versionExists(status: 422)) {
            try await HockeyAppClient(baseURL: server.baseURL, token: "t").upload(UploadJob(appID: "abc", ipa: ipa, notes: "n"))
        }
        #expect(server.requests == 1)
    }

    @Test func connectionRefusedIsRetriedThenReportedWithTheAttempts() async throws {
        let port = try ClosedPort.make()
        let client = try HockeyAppClient(
            baseURL: URL(string: "http://127.0.0.1:\(port)")!, token: "t",
            retryPolicy: .init(maxAttempts: 3, initialDelay: .milliseconds(10)))
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ipa = folder.url.appendingPathComponent("App.ipa")
        try SampleBuild.write(to: ipa, bundleVersion: "1")
        let log = EventLog()
        await #expect(throws: HockeyAppError.unreachable(host: "127.0.0.1:\(port)", reason: "connection refused", attempts: 3)) {
            try await client.upload(UploadJob(appID: "abc", ipa: ipa, notes: "n"), events: log.record)
        }
        #expect(log.retries == 2)
        #expect(log.checks == 0)
    }

    @Test func aServerThatNeverCompletesTheConnectionTimesOutAndIsRetried() async throws {
        let listener = try FullListener()
        defer { listener.close() }
        try await expectUnreachable(
            baseURL: "http://127.0.0.1:\(listener.port)", connectTimeout: .milliseconds(300),
            host: "127.0.0.1:\(listener.port)", reason: "no connection within 300 ms")
    }

    @Test func anUnresolvableHostIsReportedAsSuch() async throws {
        try await expectUnreachable(
            baseURL: "http://shipnotes-test.invalid", connectTimeout: .seconds(10),
            host: "shipnotes-test.invalid", reason: "the host name could not be resolved")
    }

    /// Uploads a sample build to `baseURL` with two attempts and expects the "could not reach" error.
    private func expectUnreachable(baseURL: String, connectTimeout: Duration, host: String, reason: String) async throws {
        let client = try HockeyAppClient(
            baseURL: URL(string: baseURL)!, token: "t",
            timeouts: .init(connect: connectTimeout, overall: .seconds(20)),
            retryPolicy: .init(maxAttempts: 2, initialDelay: .milliseconds(10)))
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ipa = folder.url.appendingPathComponent("App.ipa")
        try SampleBuild.write(to: ipa, bundleVersion: "1")
        await #expect(throws: HockeyAppError.unreachable(host: host, reason: reason, attempts: 2)) {
            try await client.upload(UploadJob(appID: "abc", ipa: ipa, notes: "n"))
        }
    }
}
