import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HockeyApp
import Testing
import Sandbox

@Suite struct UploadEndpointTests {
    @Test(arguments: [TokenChoice.missing, .wrong("not-a-token"), .wrong("sandbox-demo-token")])
    func rejectsUploadsWithoutAValidToken(_ token: TokenChoice) async throws {
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "1"))
            let answer = try await sandbox.upload(form, token: token)
            #expect(answer.status == 401)
            #expect(try answer.decode(APIErrorBody.self) == .message(
                "Unauthorized: the X-HockeyAppToken header is missing or not a valid API token"))
            #expect(await sandbox.server.storedVersions(appID: sandbox.appID).isEmpty)
            let record = try #require(await sandbox.server.uploads.last)
            #expect(record.hadToken == (token.value != nil))
            #expect(record.responseStatus == 401)
        }
    }

    @Test func answers422ForAnUnknownApp() async throws {
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "1"))
            let answer = try await sandbox.upload(form, appID: "0123456789abcdef0123456789abcdef")
            #expect(answer.status == 422)
            #expect(String(decoding: answer.body, as: UTF8.self) == #"{"errors":{"app":["not found"]}}"#)
        }
    }

    @Test func storesAVersionAndAnswersItsJSON() async throws {
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "42", shortVersion: "1.4.2"))
            form.add("notes", "Fixed the crash.")
            form.add("notes_type", "1")
            form.add("status", "2")
            form.add("mandatory", "1")
            form.add("tags", "beta,qa")
            let answer = try await sandbox.upload(form)
            #expect(answer.status == 201)
            let version = try answer.decode(AppVersion.self)
            #expect(version.id == 1)
            #expect(version.version == "42")
            #expect(version.shortversion == "1.4.2")
            #expect(version.title == SandboxConfiguration.demoApp.title)
            #expect(version.minimumOSVersion == "15.0")
            #expect(version.notes == "<p>Fixed the crash.</p>\n")
            #expect(version.status == 2)
            #expect(version.mandatory == true)
            #expect(version.restrictedToTags == true)
            #expect(version.configURL == "\(sandbox.baseURL.absoluteString)/manage/apps/\(sandbox.appID)/app_versions/1")
            #expect(version.publicURL == "\(sandbox.baseURL.absoluteString)/apps/\(sandbox.appID)")
            let build = try sandbox.sampleBuild(bundleVersion: "42", shortVersion: "1.4.2")
            let buildSize = try #require(try FileManager.default.attributesOfItem(atPath: build.path)[.size] as? Int)
            #expect(version.appsize == buildSize)
            #expect((version.timestamp ?? 0) > 0)
            #expect(await sandbox.server.storedVersions(appID: sandbox.appID).map(\.version) == [version])
        }
    }

    @Test func appliesTheDocumentedDefaults() async throws {
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "7"))
            let version = try await sandbox.upload(form).decode(AppVersion.self)
            #expect(version.status == 1)
            #expect(version.mandatory == false)
            #expect(version.restrictedToTags == false)
            #expect(version.notes == "")
        }
    }

    @Test func refusesADuplicateBundleVersionUnlessReplacing() async throws {
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "100"))
            form.add("notes", "first")
            #expect(try await sandbox.upload(form).status == 201)

            let duplicate = try await sandbox.upload(form)
            #expect(duplicate.status == 422)
            #expect(String(decoding: duplicate.body, as: UTF8.self)
                == #"{"errors":{"bundle_version":["has already been taken"]}}"#)

            var replacement = MultipartForm()
            replacement.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "100"))
            replacement.add("notes", "second")
            replacement.add("strategy", "replace")
            let replaced = try await sandbox.upload(replacement)
            #expect(replaced.status == 201)
            #expect(try replaced.decode(AppVersion.self).id == 1)
            let stored = await sandbox.server.storedVersions(appID: sandbox.appID)
            #expect(stored.map(\.notesSource) == ["second"])
        }
    }

    @Test(arguments: [
        ("notes_type", "2"), ("status", "3"), ("mandatory", "maybe"), ("strategy", "merge"), ("notify", "9"),
    ])
    func rejectsValuesOutsideTheAPIsLists(field: String, value: String) async throws {
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "5"))
            form.add(field, value)
            let answer = try await sandbox.upload(form)
            #expect(answer.status == 422)
            #expect(try answer.decode(APIErrorBody.self) == .fields([field: ["is not included in the list"]]))
        }
    }

    @Test func requiresABuildOrSymbols() async throws {
        try await SandboxHarness.run { sandbox async throws in
            let answer = try await sandbox.upload(MultipartForm([.field(name: "notes", value: "no build")]))
            #expect(answer.status == 422)
            #expect(try answer.decode(APIErrorBody.self) == .fields(["ipa": ["can't be blank"]]))
        }
    }

    @Test func rejectsABuildThatIsNotAnIPA() async throws {
        try await SandboxHarness.run { sandbox async throws in
            let bogus = sandbox.scratch.appendingPathComponent("Bogus.ipa")
            try Data("not a zip".utf8).write(to: bogus)
            var form = MultipartForm()
            form.addFile("ipa", bogus)
            let answer = try await sandbox.upload(form)
            #expect(answer.status == 422)
            #expect(try answer.decode(APIErrorBody.self) == .fields(["ipa": ["is invalid"]]))
        }
    }

    @Test func recordsWhatTheClientSent() async throws {
        try await SandboxHarness.run { sandbox async throws in
            let build = try sandbox.sampleBuild(bundleVersion: "9", padding: 10_000)
            var form = MultipartForm()
            form.addFile("ipa", build)
            form.add("notes", "Notes")
            form.add("notes_type", "0")
            form.add("commit_sha", "0123abc")
            form.add("teams", "12,23")
            #expect(try await sandbox.upload(form).status == 201)

            let record = try #require(await sandbox.server.uploads.first)
            #expect(record.appID == sandbox.appID)
            #expect(record.hadToken)
            #expect(record.header("X-HockeyAppToken") == "<redacted>")
            #expect(record.header("content-type") == "multipart/form-data; boundary=\(form.boundary)")
            #expect(record.fields.map(\.name) == ["notes", "notes_type", "commit_sha", "teams"])
            #expect(record.field("commit_sha") == "0123abc")
            #expect(record.field("teams") == "12,23")
            let file = try #require(record.file("ipa"))
            #expect(file.fileName == "Demo.ipa")
            #expect(file.contentType == "application/octet-stream")
            let size = try #require(try FileManager.default.attributesOfItem(atPath: build.path)[.size] as? Int)
            #expect(file.byteCount == size)
            if let length = record.contentLength { #expect(length == record.bodyBytesReceived) }
            #expect(record.responseStatus == 201)
        }
    }

    @Test func answers400ForAMalformedMultipartBody() async throws {
        try await SandboxHarness.run { sandbox async throws in
            var request = URLRequest(url: sandbox.uploadURL)
            request.httpMethod = "POST"
            request.setValue("multipart/form-data; boundary=XYZ", forHTTPHeaderField: "Content-Type")
            request.setValue(sandbox.token, forHTTPHeaderField: "X-HockeyAppToken")
            request.httpBody = Data("--XYZ\r\nBad Header Line\r\n\r\nvalue\r\n--XYZ--\r\n".utf8)
            let (data, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 400)
            #expect(try JSONDecoder().decode(APIErrorBody.self, from: data) == .message("The multipart body is malformed"))
        }
    }

    @Test func answers400ForABodyThatIsNotMultipart() async throws {
        try await SandboxHarness.run { sandbox async throws in
            var request = URLRequest(url: sandbox.uploadURL)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue(sandbox.token, forHTTPHeaderField: "X-HockeyAppToken")
            request.httpBody = Data("{}".utf8)
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 400)
        }
    }

    @Test func letsOnlyOneOfTwoConcurrentUploadsOfABuildThrough() async throws {
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "55", padding: 200_000))
            let upload = form
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2 { group.addTask { try await sandbox.upload(upload).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted() == [201, 422])
            #expect(await sandbox.server.storedVersions(appID: sandbox.appID).count == 1)
        }
    }

    @Test func refusesMoreTextThanItKeepsInMemory() async throws {
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "56"))
            form.add("notes", String(repeating: "a", count: 3 << 20))
            form.add("tags", String(repeating: "b", count: 2 << 20))
            let answer = try await sandbox.upload(form)
            #expect(answer.status == 422)
            #expect(try answer.decode(APIErrorBody.self) == .fields(["tags": ["is too long"]]))
            #expect(await sandbox.server.storedVersions(appID: sandbox.appID).isEmpty)
        }
    }
}
