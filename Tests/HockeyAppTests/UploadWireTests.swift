import Foundation
@testable import HockeyApp
import Sandbox
import Testing

/// What reaches the server, byte for byte, as the sandbox records it off a real loopback socket.
@Suite struct UploadWireTests {
    @Test func sendsEveryFieldTheFileNamesAndAnExactContentLength() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build(bundleVersion: "101", shortVersion: "2.0", padding: 300_000)
        let dsym = try sandbox.file(named: "App.app.dSYM.zip", size: 70_001)
        let job = UploadJob(
            appID: sandbox.appID, ipa: ipa, dsym: dsym, notes: "* Fixed the login", notesType: .markdown,
            notify: .testersWhoCanInstall, status: .available, mandatory: true, tags: ["qa", "beta"],
            commitSHA: "0123abcd", buildServerURL: "https://ci.example.com/build/7",
            repositoryURL: "https://git.example.com/app", releaseType: .alpha, strategy: .add,
            teams: ["12", "34"], users: ["56"])
        let expectedLength = try sandbox.client().describeUpload(job).contentLength
        let ipaSize = try #require(try FileManager.default.attributesOfItem(atPath: ipa.path)[.size] as? Int)
        let result = try await sandbox.client().upload(job)
        let uploads = await sandbox.server.uploads
        await sandbox.stop()

        #expect(result.attempts == 1)
        #expect(result.confirmedByListing == false)
        #expect(result.version.version == "101")
        #expect(result.version.shortversion == "2.0")
        let record = try #require(uploads.first)
        #expect(uploads.count == 1)
        #expect(record.hadToken)
        #expect(record.header("transfer-encoding") == nil)
        #expect(record.contentLength == record.bodyBytesReceived)
        #expect(record.contentLength == expectedLength)
        #expect(record.header("content-type")?.hasPrefix("multipart/form-data; boundary=") == true)
        let fields = Dictionary(record.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(fields == [
            "notes": "* Fixed the login", "notes_type": "1", "notify": "1", "status": "2", "mandatory": "1",
            "tags": "qa,beta", "commit_sha": "0123abcd", "build_server_url": "https://ci.example.com/build/7",
            "repository_url": "https://git.example.com/app", "release_type": "2", "strategy": "add",
            "teams": "12,34", "users": "56",
        ])
        #expect(record.file("ipa")?.fileName == "App.ipa")
        #expect(record.file("ipa")?.byteCount == ipaSize)
        #expect(record.file("dsym")?.fileName == "App.app.dSYM.zip")
        #expect(record.file("dsym")?.byteCount == 70_001)
    }

    @Test func theServerRecognisesSymbolsByTheFileNamesSent() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build(bundleVersion: "7")
        let dsym = try sandbox.file(named: "App.app.dSYM.zip", size: 1_000)
        _ = try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: ipa, dsym: dsym, notes: "n"))
        let android = try sandbox.build(named: "Other.ipa", bundleVersion: "8")
        let mapping = try sandbox.file(named: "mapping.txt", size: 500)
        _ = try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: android, dsym: mapping, notes: "n"))
        let versions = await sandbox.storedVersions
        await sandbox.stop()

        #expect(versions.map(\.version.version) == ["7", "8"])
        #expect(versions[0].file(.dsym)?.fileName == "App.app.dSYM.zip")
        #expect(versions[1].file(.mapping)?.fileName == "mapping.txt")
        #expect(versions.allSatisfy { $0.file(.build) != nil })
    }

    static let nonLatinNotes = [
        "Исправлена ошибка входа; ускорена синхронизация",
        "修复了登录错误。\n- 同步更快\n- 新图标 🚀",
        "إصلاح خطأ تسجيل الدخول — المزامنة أسرع",
        "ログインの不具合を修正しました（テスト）",
        "नोट्स: लॉगिन ठीक किया 👩🏽‍💻 e\u{301}",
    ]

    @Test(arguments: nonLatinNotes)
    func notesInAnyScriptArriveIntact(notes: String) async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build()
        _ = try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: ipa, notes: notes))
        let uploads = await sandbox.server.uploads
        let versions = await sandbox.storedVersions
        await sandbox.stop()

        #expect(uploads.first?.field("notes") == notes)
        #expect(versions.first?.notesSource == notes)
    }

    @Test func reportsProgressUpToTheWholeBody() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build(padding: 4_000_000)
        let log = EventLog()
        _ = try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: ipa, notes: "n"), events: log.record)
        await sandbox.stop()

        let progress = log.events.compactMap { event -> (Int, Int)? in
            if case .progress(let sent, let total) = event { (sent, total) } else { nil }
        }
        // One report per read of the body stream: at least one per libcurl upload buffer.
        #expect(progress.count >= 4_000_000 / max(HTTPTransport.curlUploadBufferSize, 64 << 10))
        #expect(zip(progress, progress.dropFirst()).allSatisfy { $0.0 < $1.0 })
        #expect(progress.last.map { $0.0 == $0.1 } == true)
    }

    @Test func aDryRunDescriptionNeverContainsTheToken() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ipa = folder.url.appendingPathComponent("App.ipa")
        try SampleBuild.write(to: ipa, bundleVersion: "1")
        let client = try HockeyAppClient(token: "secret-token-value")
        let description = try client.describeUpload(UploadJob(appID: "abc123", ipa: ipa, notes: "Notes"))
        #expect(!description.text.contains("secret-token-value"))
        #expect(description.text.contains("X-HockeyAppToken: <redacted>"))
        #expect(description.text.hasPrefix("POST https://rink.hockeyapp.net/api/2/apps/abc123/app_versions/upload\n"))
        #expect(description.parts.contains { $0.hasPrefix("file ipa = App.ipa (") })
    }

    /// On Linux URLSession runs on libcurl, whose 64 KiB upload buffer costs several thread hand-offs
    /// per 64 KiB; `CCurlUploadBuffer` raises it. The body stream must then be asked for more than
    /// 64 KiB at a time, and the server must still get exactly the announced bytes.
    @Test(.enabled(if: HTTPTransport.curlUploadBufferSize > 0, "URLSession does not run on libcurl here"))
    func libcurlSendsTheBodyFromTheLargerBuffer() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build(padding: 3_000_000)
        let log = EventLog()
        let before = HTTPTransport.curlUploadBuffersSet
        _ = try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: ipa, notes: "n"), events: log.record)
        let uploads = await sandbox.server.uploads
        await sandbox.stop()

        #expect(HTTPTransport.curlUploadBufferSize > 64 << 10)
        #expect(HTTPTransport.curlUploadBuffersSet > before)
        // Progress is reported at each read of the body stream (every 64 KiB or more, for this size).
        let sent = log.events.compactMap { event -> Int? in
            if case .progress(let sent, _) = event { sent } else { nil }
        }
        let largestRead = zip(sent, sent.dropFirst()).map { $1 - $0 }.max() ?? 0
        #expect(largestRead > 64 << 10)
        #expect(largestRead <= HTTPTransport.curlUploadBufferSize)
        let record = try #require(uploads.first)
        #expect(record.contentLength == record.bodyBytesReceived)
    }

    /// Once the body is out libcurl wants only to read the socket; URLSession must then stop watching
    /// it for writability (an idle connected socket is always writable, and watching it spins a core
    /// until the answer comes). The relay in `CCurlUploadBuffer` rebuilds the watch in this process too.
    @Test(.enabled(if: HTTPTransport.curlUploadBufferSize > 0, "URLSession does not run on libcurl here"))
    func afterTheBodyTheSocketIsWatchedForReadingOnly() async throws {
        let sandbox = try await SandboxFixture.start()
        let ipa = try sandbox.build()
        await sandbox.server.inject(.delay(.milliseconds(300)))
        let before = HTTPTransport.curlSocketInterestNarrowings
        _ = try await sandbox.client().upload(UploadJob(appID: sandbox.appID, ipa: ipa, notes: "n"))
        await sandbox.stop()

        #expect(HTTPTransport.curlSocketInterestNarrowings > before)
    }
}
