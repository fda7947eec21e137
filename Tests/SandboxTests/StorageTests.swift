import Foundation
import HockeyApp
import Testing
import Sandbox

@Suite struct StorageTests {
    @Test func storesFilesUnderTheirUploadedNames() async throws {
        try await SandboxHarness.run { sandbox async throws in
            let build = try sandbox.sampleBuild(bundleVersion: "3", padding: 50_000, name: "Weather App.ipa")
            let symbols = build.deletingLastPathComponent().appendingPathComponent("Weather App.app.dSYM.zip")
            try Data(repeating: 7, count: 12_345).write(to: symbols)
            var form = MultipartForm()
            form.addFile("ipa", build)
            form.addFile("dsym", symbols)
            #expect(try await sandbox.upload(form).status == 201)

            let version = try #require(await sandbox.server.storedVersions(appID: sandbox.appID).first)
            #expect(version.directory.path.hasSuffix("apps/\(sandbox.appID)/versions/1"))
            #expect(version.files.map(\.fileName) == ["Weather App.ipa", "Weather App.app.dSYM.zip"])
            #expect(version.files.map(\.kind) == [.build, .dsym])
            let storedBuild = try #require(version.file(.build))
            #expect(try Data(contentsOf: storedBuild.url) == Data(contentsOf: build))
            let storedSymbols = try #require(version.file(.dsym))
            #expect(try Data(contentsOf: storedSymbols.url) == Data(repeating: 7, count: 12_345))
            #expect(storedSymbols.byteCount == 12_345)
            let staging = sandbox.dataDirectory.appendingPathComponent("staging")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []).isEmpty)
        }
    }

    @Test func recognisesSymbolsByFileName() async throws {
        try await SandboxHarness.run { sandbox async throws in
            let folder = sandbox.scratch
            let mapping = folder.appendingPathComponent("mapping.txt")
            try Data("a -> b\n".utf8).write(to: mapping)
            var form = MultipartForm()
            form.addFile("dsym", mapping)
            form.add("bundle_version", "77")
            form.add("bundle_short_version", "7.7")
            let version = try await sandbox.upload(form).decode(AppVersion.self)
            #expect(version.version == "77")
            #expect(version.shortversion == "7.7")
            let stored = try #require(await sandbox.server.storedVersions(appID: sandbox.appID).first)
            #expect(stored.files.map(\.kind) == [.mapping])
        }
    }

    @Test func keepsNonLatinFileNamesIntact() async throws {
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "8", name: "Погода 天気.ipa"))
            #expect(try await sandbox.upload(form).status == 201)
            let stored = try #require(await sandbox.server.storedVersions(appID: sandbox.appID).first)
            #expect(stored.files.first?.fileName == "Погода 天気.ipa")
            #expect(FileManager.default.fileExists(atPath: stored.directory.appendingPathComponent("Погода 天気.ipa").path))
        }
    }

    @Test func neverWritesOutsideTheVersionFolder() async throws {
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "4"), fileName: "../../../escape.ipa")
            #expect(try await sandbox.upload(form).status == 201)
            let stored = try #require(await sandbox.server.storedVersions(appID: sandbox.appID).first)
            #expect(stored.files.map(\.fileName) == ["escape.ipa"])
            #expect(stored.files.first?.url.deletingLastPathComponent().lastPathComponent == "1")
        }
    }

    @Test func streamsALargeUploadToDisk() async throws {
        try await SandboxHarness.run { sandbox async throws in
            let build = try sandbox.sampleBuild(bundleVersion: "1000", padding: 16 << 20)
            var form = MultipartForm()
            form.addFile("ipa", build)
            let answer = try await sandbox.upload(form)
            #expect(answer.status == 201)
            let size = try #require(try FileManager.default.attributesOfItem(atPath: build.path)[.size] as? Int)
            #expect(try answer.decode(AppVersion.self).appsize == size)
            let stored = try #require(await sandbox.server.storedVersions(appID: sandbox.appID).first?.file(.build))
            let storedSize = try FileManager.default.attributesOfItem(atPath: stored.url.path)[.size] as? Int
            #expect(storedSize == size)
            #expect(try BuildInfo.read(from: stored.url).bundleVersion == "1000")
        }
    }

    @Test func listsWhatAnEarlierRunStored() async throws {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await SandboxHarness.run(configure: { _ in .demo(dataDirectory: folder) }) { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "11"))
            #expect(try await sandbox.upload(form).status == 201)
        }
        // A run killed mid-upload leaves a partial file behind.
        let leftover = folder.appendingPathComponent("staging/killed-run")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        try Data("partial".utf8).write(to: leftover.appendingPathComponent("part-0"))
        try await SandboxHarness.run(configure: { _ in .demo(dataDirectory: folder) }) { sandbox async throws in
            #expect(!FileManager.default.fileExists(atPath: leftover.path))
            let list = try await sandbox.listVersions().decode(AppVersionList.self)
            #expect(list.appVersions.map(\.version) == ["11"])
            #expect(list.appVersions.first?.configURL?.hasPrefix(sandbox.baseURL.absoluteString) == true)
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "11"))
            #expect(try await sandbox.upload(form).status == 422)
        }
    }
}
