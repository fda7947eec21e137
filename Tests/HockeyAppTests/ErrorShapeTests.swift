import Foundation
import HockeyApp
import Sandbox
import Testing

/// Every error shape the API (or a proxy in front of it) answers with, turned into one sentence.
@Suite struct ErrorShapeTests {
    @Test func aRejectedTokenSaysSo() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build()
        let client = try sandbox.client(token: "not-a-valid-token")
        await #expect {
            try await client.upload(UploadJob(appID: sandbox.appID, ipa: ipa, notes: "n"))
        } throws: { error in
            (error as? HockeyAppError)?.errorDescription == "the token was rejected (401): user not found or token invalid"
        }
        let versions = await sandbox.storedVersions
        await sandbox.stop()
        #expect(versions.isEmpty)
    }

    @Test func anUnknownAppSaysSo() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build()
        await #expect {
            try await sandbox.client().upload(UploadJob(appID: "0000000000000000000000000000dead", ipa: ipa, notes: "n"))
        } throws: { error in
            (error as? HockeyAppError)?.errorDescription == "app not found (422)"
        }
        await sandbox.stop()
    }

    @Test func anExistingBundleVersionSaysSoWithoutRetrying() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build(bundleVersion: "300")
        _ = try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: ipa, notes: "first"))
        let log = EventLog()
        await #expect {
            try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: ipa, notes: "again"), events: log.record)
        } throws: { error in
            (error as? HockeyAppError)?.errorDescription == "this bundle version already exists (422)"
        }
        let versions = await sandbox.storedVersions
        await sandbox.stop()
        #expect(log.retries == 0)
        #expect(versions.count == 1)
    }

    static let cannedAnswers: [(status: Int, reason: String, contentType: String, body: String, message: String)] = [
        (
            502, "Bad Gateway", "text/html",
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
            "the server failed (502): 502 Bad Gateway"
        ),
        (
            413, "Request Entity Too Large", "text/html",
            "<html><body><h1>Request Entity Too Large</h1><p>The upload exceeds the proxy&#39;s limit.</p></body></html>",
            "the server rejected the upload (413): Request Entity Too Large"
        ),
        (
            404, "Not Found", "application/json", #"{"status": "error", "message": "app not found"}"#,
            "app not found (404)"
        ),
        (
            422, "Unprocessable Entity", "application/json", #"{"errors": {"ipa": ["is invalid"], "notes_type": ["must be 0 or 1"]}}"#,
            "the server rejected the upload (422): ipa is invalid; notes_type must be 0 or 1"
        ),
        (
            403, "Forbidden", "application/json", #"{"status": "error", "message": "token has no upload rights"}"#,
            "the token may not do this (403): token has no upload rights"
        ),
        (
            400, "Bad Request", "text/plain", "", "the server rejected the upload (400): Bad Request"
        ),
        (
            201, "Created", "text/html", "<html><title>Welcome to nginx!</title></html>",
            "the server answered 201 but its body is not a version: Welcome to nginx!"
        ),
    ]

    @Test(arguments: cannedAnswers.indices)
    func anAnswerInAnyShapeBecomesOneSentence(index: Int) async throws {
        let answer = Self.cannedAnswers[index]
        let server = try CannedHTTPServer(
            status: answer.status, reason: answer.reason, contentType: answer.contentType, body: answer.body)
        defer { server.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ipa = folder.url.appendingPathComponent("App.ipa")
        try SampleBuild.write(to: ipa, bundleVersion: "1")
        // A 5xx leads to listing versions, which this server answers with the same page; allow one attempt.
        let client = try HockeyAppClient(
            baseURL: server.baseURL, token: "t", retryPolicy: .init(maxAttempts: 1, initialDelay: .milliseconds(1)))
        await #expect {
            try await client.upload(UploadJob(appID: "abc", ipa: ipa, notes: "n"))
        } throws: { error in
            let description = (error as? HockeyAppError)?.errorDescription ?? ""
            if answer.status >= 500 {
                // The outcome is unknown and the list is unavailable: the sentence says both.
                return description.hasPrefix("the upload may or may not have arrived: the server answered 502")
                    && description.contains("502 Bad Gateway")
            }
            return description == answer.message
        }
    }

    @Test func aMissingBuildFileIsAnErrorBeforeAnythingIsSent() async throws {
        let sandbox = try await SandboxFixture.start()
        let missing = sandbox.folder.url.appendingPathComponent("Missing.ipa")
        await #expect(throws: HockeyAppError.buildFileMissing(path: missing.path)) {
            try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: missing, notes: "n"))
        }
        let uploads = await sandbox.server.uploads
        await sandbox.stop()
        #expect(uploads.isEmpty)
        #expect(HockeyAppError.buildFileMissing(path: "/x/App.ipa").errorDescription == "the build file /x/App.ipa does not exist")
    }

    @Test func anUnreadableBuildFileIsAnErrorBeforeAnythingIsSent() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build()
        let dsym = try sandbox.file(named: "App.app.dSYM.zip", size: 10)
        let folderAsBuild = sandbox.folder.url.appendingPathComponent("Folder.ipa")
        try FileManager.default.createDirectory(at: folderAsBuild, withIntermediateDirectories: true)
        await #expect(throws: HockeyAppError.buildFileUnreadable(path: folderAsBuild.path, reason: "it is a folder, not a file")) {
            try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: folderAsBuild, notes: "n"))
        }
        // Root reads any file whatever its mode, so permissions are only checked for other users.
        if getuid() != 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: dsym.path)
            await #expect(throws: HockeyAppError.buildFileUnreadable(path: dsym.path, reason: "permission denied")) {
                try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: ipa, dsym: dsym, notes: "n"))
            }
        }
        let notABuild = try sandbox.file(named: "Broken.ipa", size: 100)
        await #expect {
            try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: notABuild, notes: "n"))
        } throws: { error in
            (error as? HockeyAppError)?.errorDescription
                == "\(notABuild.path) is not a valid build: it is not a zip archive (no end of central directory)"
        }
        let uploads = await sandbox.server.uploads
        await sandbox.stop()
        #expect(uploads.isEmpty)
    }

    @Test func symbolsWithANameTheServerIgnoresAreRefusedBeforeSending() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dsym = folder.url.appendingPathComponent("symbols.zip")
        try Data([1, 2, 3]).write(to: dsym)
        #expect(throws: HockeyAppError.self) {
            try UploadJob(appID: "abc", dsym: dsym).validate()
        }
    }
}
