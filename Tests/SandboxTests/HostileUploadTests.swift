import ConformanceSupport
import Foundation
import HockeyApp
import Testing
import Sandbox

/// Uploads made to wear the sandbox down: crafted builds, clients that stop mid-body. The sandbox
/// must answer them, keep answering everyone else, and stop when asked. The deadlines are safety
/// nets for a sandbox that hangs, not measurements.
@Suite(.timeLimit(.minutes(2))) struct HostileUploadTests {
    @Test func threeCraftedBuildsAtOnceAreRefusedAndTheSandboxKeepsAnswering() async throws {
        try await SandboxHarness.run { sandbox async throws in
            let build = sandbox.scratch.appendingPathComponent("Hostile.ipa")
            try SampleBuild.writeHostile(.neverEndingStoredBlock, to: build)
            var form = MultipartForm()
            form.addFile("ipa", build)
            form.add("notes", "Crafted")
            let hostile = form
            let answers = try await withThrowingTaskGroup(of: HTTPAnswer.self) { group in
                for _ in 0..<3 {
                    group.addTask { try await sandbox.upload(hostile, timeout: 30) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.count == 3)
            for answer in answers {
                #expect(answer.status == 422)
                #expect(String(decoding: answer.body, as: UTF8.self) == #"{"errors":{"ipa":["is invalid"]}}"#)
            }
            let listing = try await sandbox.listVersions()
            #expect(listing.status == 200)
            #expect(await sandbox.server.storedVersions(appID: sandbox.appID).isEmpty)
        }
    }

    @Test func aClientThatStopsMidBodyIsDisconnectedAfterTheIdleTimeout() async throws {
        try await SandboxHarness.run(configure: Self.withShortIdleTimeout) { sandbox async throws in
            let connection = try RawConnection(port: try #require(sandbox.baseURL.port))
            connection.write(Self.stalledUploadHead(appID: sandbox.appID, token: sandbox.token))
            #expect(await connection.waitUntilClosed(within: 20), "the sandbox kept a stalled upload open")
            // The sandbox still answers, and stored nothing for the abandoned upload.
            #expect(try await sandbox.listVersions().status == 200)
            #expect(await sandbox.server.storedVersions(appID: sandbox.appID).isEmpty)
        }
    }

    @Test func stopReturnsWhileAnUploadIsStalledMidBody() async throws {
        try await SandboxHarness.run { sandbox async throws in
            let connection = try RawConnection(port: try #require(sandbox.baseURL.port))
            connection.write(Self.stalledUploadHead(appID: sandbox.appID, token: sandbox.token))
            // A listing answered after the stalled head was sent: the upload is in the sandbox's hands.
            #expect(try await sandbox.listVersions().status == 200)
            let stopped = await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    await sandbox.server.stop()
                    return true
                }
                group.addTask {
                    try? await Task.sleep(for: .seconds(20))
                    return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            #expect(stopped, "stop() waited for a client that had stopped sending")
            #expect(await connection.waitUntilClosed(within: 20))
        }
    }

    static func withShortIdleTimeout(_ folder: URL) -> SandboxConfiguration {
        var configuration = SandboxConfiguration.demo(dataDirectory: folder)
        configuration.requestIdleTimeout = .seconds(1)
        return configuration
    }

    /// A request head and the start of a multipart body that announces far more than it sends.
    static func stalledUploadHead(appID: String, token: String) -> String {
        "POST /api/2/apps/\(appID)/app_versions/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "X-HockeyAppToken: \(token)\r\nContent-Type: multipart/form-data; boundary=stall\r\n"
            + "Content-Length: 1000000\r\n\r\n"
            + "--stall\r\nContent-Disposition: form-data; name=\"notes\"\r\n\r\nStarted, then"
    }
}
