import Foundation
import HockeyApp
import Testing
import Sandbox

@Suite struct FaultInjectionTests {
    /// An upload of build `bundleVersion`, about `padding` bytes large.
    static func form(_ sandbox: SandboxHarness, bundleVersion: String, padding: Int = 0) throws -> MultipartForm {
        var form = MultipartForm()
        form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: bundleVersion, padding: padding))
        form.add("notes", "notes")
        return form
    }

    @Test func dropsTheConnectionAfterTheGivenBodyBytes() async throws {
        try await SandboxHarness.run { sandbox async throws in
            await sandbox.server.inject(.dropConnection(afterBodyBytes: 100_000))
            let form = try Self.form(sandbox, bundleVersion: "1", padding: 2_000_000)
            await #expect(throws: (any Error).self) { try await sandbox.upload(form) }

            let record = try #require(await sandbox.server.uploads.last)
            #expect(record.responseStatus == nil)
            #expect(record.bodyBytesReceived >= 100_000)
            #expect(record.bodyBytesReceived < 2_000_000)
            #expect(await sandbox.server.storedVersions(appID: sandbox.appID).isEmpty)
            // The fault was for one request only.
            #expect(try await sandbox.upload(form).status == 201)
        }
    }

    @Test func dropsAShorterBodyOnceItHasArrived() async throws {
        try await SandboxHarness.run { sandbox async throws in
            await sandbox.server.inject(.dropConnection(afterBodyBytes: 50_000_000))
            let form = try Self.form(sandbox, bundleVersion: "1")
            await #expect(throws: (any Error).self) { try await sandbox.upload(form) }
            let record = try #require(await sandbox.server.uploads.last)
            #expect(record.responseStatus == nil)
            #expect(record.file("ipa") != nil)
            #expect(await sandbox.server.storedVersions(appID: sandbox.appID).isEmpty)
        }
    }

    @Test func keepsTheRejectionOfARequestThatStoresNothing() async throws {
        try await SandboxHarness.run { sandbox async throws in
            await sandbox.server.inject(.failAfterStoring(status: 503))
            let answer = try await sandbox.upload(try Self.form(sandbox, bundleVersion: "2"), token: .missing)
            #expect(answer.status == 401)
        }
    }

    @Test(arguments: [500, 502, 503])
    func failsAfterStoringTheVersion(status: Int) async throws {
        try await SandboxHarness.run { sandbox async throws in
            await sandbox.server.inject(.failAfterStoring(status: status))
            let form = try Self.form(sandbox, bundleVersion: "2")
            let answer = try await sandbox.upload(form)
            #expect(answer.status == status)
            #expect(await sandbox.server.storedVersions(appID: sandbox.appID).map(\.version.version) == ["2"])
            let list = try await sandbox.listVersions().decode(AppVersionList.self)
            #expect(list.appVersions.map(\.version) == ["2"])
            // A client that retries blindly now meets the duplicate.
            #expect(try await sandbox.upload(form).status == 422)
        }
    }

    @Test func failsBeforeStoringForTheNextNRequests() async throws {
        try await SandboxHarness.run { sandbox async throws in
            await sandbox.server.inject(.failBeforeStoring(status: 503), count: 2)
            let form = try Self.form(sandbox, bundleVersion: "3")
            #expect(try await sandbox.upload(form).status == 503)
            #expect(try await sandbox.upload(form).status == 503)
            #expect(await sandbox.server.storedVersions(appID: sandbox.appID).isEmpty)
            #expect(try await sandbox.upload(form).status == 201)
            let records = await sandbox.server.uploads
            #expect(records.map(\.responseStatus) == [503, 503, 201])
            // The failing requests were still read to their end.
            #expect(records[0].file("ipa")?.byteCount == records[2].file("ipa")?.byteCount)
        }
    }

    @Test func holdsTheAnswerBackAfterStoring() async throws {
        try await SandboxHarness.run { sandbox async throws in
            await sandbox.server.inject(.delay(.seconds(600)))
            let form = try Self.form(sandbox, bundleVersion: "4")
            let answered = AnswerFlag()
            let client = Task {
                let answer = try? await sandbox.upload(form)
                await answered.set()
                return answer
            }
            // The server decides and stores, then holds the answer back.
            var polls = 0
            while await sandbox.server.uploads.isEmpty, polls < 6_000 {
                try await Task.sleep(for: .milliseconds(10))
                polls += 1
            }
            #expect(await sandbox.server.uploads.map(\.responseStatus) == [201])
            #expect(await sandbox.server.storedVersions(appID: sandbox.appID).map(\.version.version) == ["4"])
            #expect(await answered.value == false)
            // Stopping the server ends the wait; the client never got its 201.
            await sandbox.server.stop()
            #expect(await client.value?.status != 201)
        }
    }

    @Test func answersNormallyAfterAShortDelay() async throws {
        try await SandboxHarness.run { sandbox async throws in
            await sandbox.server.inject(.delay(.milliseconds(200)), count: 2)
            #expect(try await sandbox.upload(try Self.form(sandbox, bundleVersion: "5")).status == 201)
            #expect(try await sandbox.upload(try Self.form(sandbox, bundleVersion: "5")).status == 422)
        }
    }

    @Test func aimsFaultsAtTheListEndpoint() async throws {
        try await SandboxHarness.run { sandbox async throws in
            await sandbox.server.inject(.failBeforeStoring(status: 500), on: .listVersions)
            #expect(try await sandbox.listVersions().status == 500)
            #expect(try await sandbox.listVersions().status == 200)
            await sandbox.server.inject(.dropConnection(afterBodyBytes: 0), on: .listVersions)
            await #expect(throws: (any Error).self) { try await sandbox.listVersions() }
            // Upload faults don't touch listings and the other way round.
            #expect(try await sandbox.upload(try Self.form(sandbox, bundleVersion: "6")).status == 201)
        }
    }

    @Test func removesArmedFaults() async throws {
        try await SandboxHarness.run { sandbox async throws in
            await sandbox.server.inject(.failBeforeStoring(status: 500), count: 5)
            await sandbox.server.removeAllFaults()
            #expect(try await sandbox.upload(try Self.form(sandbox, bundleVersion: "7")).status == 201)
        }
    }
}

/// Whether a background client has got its answer.
actor AnswerFlag {
    private(set) var value = false
    func set() { value = true }
}
