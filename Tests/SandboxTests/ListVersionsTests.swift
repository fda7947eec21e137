import Foundation
import HockeyApp
import Testing
import Sandbox

@Suite struct ListVersionsTests {
    @Test func listsVersionsNewestFirst() async throws {
        try await SandboxHarness.run { sandbox async throws in
            for build in ["10", "11", "12"] {
                var form = MultipartForm()
                form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: build, shortVersion: "1.\(build)"))
                form.add("notes", "Build \(build)")
                form.add("notes_type", "1")
                #expect(try await sandbox.upload(form).status == 201)
            }
            let answer = try await sandbox.listVersions()
            #expect(answer.status == 200)
            let list = try answer.decode(AppVersionList.self)
            #expect(list.status == "success")
            #expect(list.appVersions.map(\.version) == ["12", "11", "10"])
            #expect(list.appVersions.map(\.id) == [3, 2, 1])
            #expect(list.appVersions.map(\.notes) == ["<p>Build 12</p>\n", "<p>Build 11</p>\n", "<p>Build 10</p>\n"])
        }
    }

    @Test func answersAnEmptyListForAnAppWithoutVersions() async throws {
        try await SandboxHarness.run { sandbox async throws in
            let answer = try await sandbox.listVersions()
            #expect(answer.status == 200)
            #expect(try answer.decode(AppVersionList.self).appVersions.isEmpty)
        }
    }

    @Test func checksTheTokenAndTheApp() async throws {
        try await SandboxHarness.run { sandbox async throws in
            #expect(try await sandbox.listVersions(token: nil).status == 401)
            #expect(try await sandbox.listVersions(token: "wrong").status == 401)
            let unknown = try await sandbox.listVersions(appID: "ffffffffffffffffffffffffffffffff")
            #expect(unknown.status == 422)
            #expect(try unknown.decode(APIErrorBody.self) == .fields(["app": ["not found"]]))
        }
    }
}
