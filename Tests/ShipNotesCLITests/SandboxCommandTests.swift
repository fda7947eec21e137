import Foundation
import HockeyApp
import Testing

/// `shipnotes sandbox` as a user runs it: started in the background, used by `shipnotes upload`,
/// and stopped with SIGTERM. The time limit is a safety net, not a measurement: a sandbox that ignored
/// the signal would otherwise keep the test run waiting forever.
@Suite(.timeLimit(.minutes(2))) struct SandboxCommandTests {
    /// What the banner tells a user to point a client at.
    private struct Banner {
        var baseURL: URL
        var appID: String
        var token: String

        init(_ text: String) throws {
            let lines = text.split(separator: "\n").map(String.init)
            func value(after prefix: String) throws -> String {
                let line = try #require(lines.first { $0.hasPrefix(prefix) }, "no line starting with \(prefix) in \(text)")
                return String(line.dropFirst(prefix.count))
            }
            baseURL = try #require(URL(string: try value(after: "Sandbox listening on ")))
            appID = String(try value(after: "App: ").prefix { $0 != " " })
            token = try value(after: "Token: export HOCKEYAPP_API_TOKEN=")
        }
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-cli-sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func servesUploadsAndStopsCleanlyOnSIGTERM() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        let sandbox = try RunningShipNotes(["sandbox", "--port", "0", "--data", data.path])
        defer { sandbox.cleanUp() }

        let bannerText = await sandbox.readOutput(through: "Upload with:")
        let banner = try Banner(bannerText)
        #expect(banner.baseURL.host == "127.0.0.1")
        #expect((banner.baseURL.port ?? 0) > 0)
        #expect(bannerText.contains("Data folder: \(data.path)\n"))
        #expect(bannerText.contains("Upload with: shipnotes upload --base-url \(banner.baseURL.absoluteString) --app-id \(banner.appID) "))

        // An empty app answers an empty listing.
        let client = try HockeyAppClient(baseURL: banner.baseURL, token: banner.token)
        #expect(try await client.appVersions(appID: banner.appID).isEmpty)

        // The upload command, pointed where the banner says, creates a version the listing then shows.
        let build = folder.appendingPathComponent("Demo.ipa")
        try SampleBuild.write(to: build, bundleVersion: "7", shortVersion: "1.2.0")
        let upload = try await ShipNotesProcess.execute(
            ["upload", "--base-url", banner.baseURL.absoluteString, "--app-id", banner.appID, "--ipa", build.path,
             "--notes", "* First *sandbox* build\n"],
            environment: ["HOCKEYAPP_API_TOKEN": banner.token])
        #expect(upload.status == 0, "stderr: \(upload.error)")
        #expect(!upload.reveals(banner.token))
        let listed = try await client.appVersions(appID: banner.appID)
        #expect(listed.count == 1)
        #expect(listed.first?.version == "7")
        #expect(listed.first?.shortversion == "1.2.0")
        #expect(listed.first?.notes == "<ul>\n<li>First <em>sandbox</em> build</li>\n</ul>\n")

        let ending = try await sandbox.stop(with: SIGTERM)
        #expect(ending.reason == .exit)
        #expect(ending.status == 0)
        #expect(ending.error == "Sandbox stopped (signal \(SIGTERM)).\n")
        // The upload stays in the data folder for the next run.
        let stored = FileManager.default.enumerator(atPath: data.path)?.compactMap { $0 as? String } ?? []
        #expect(stored.contains { $0.hasSuffix("Demo.ipa") })
    }

    @Test func appsAndTokensComeFromSandboxJSON() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = #"{ "apps": [{ "id": "c0ffee00c0ffee00", "title": "Configured", "platform": "Android" }], "tokens": ["configured-token"] }"#
        try Data(config.utf8).write(to: folder.appendingPathComponent("sandbox.json"))
        let sandbox = try RunningShipNotes(["sandbox", "--data", folder.path])
        defer { sandbox.cleanUp() }

        let banner = try Banner(await sandbox.readOutput(through: "Upload with:"))
        #expect(banner.appID == "c0ffee00c0ffee00")
        #expect(banner.token == "configured-token")
        let client = try HockeyAppClient(baseURL: banner.baseURL, token: "configured-token")
        #expect(try await client.appVersions(appID: "c0ffee00c0ffee00").isEmpty)
        let ending = try await sandbox.stop(with: SIGINT)
        #expect(ending.reason == .exit)
        #expect(ending.status == 0)
        #expect(ending.error == "Sandbox stopped (signal \(SIGINT)).\n")
    }

    /// Runs a sandbox that is expected to fail at start; one that started anyway would print its
    /// banner and then be stopped, so the test fails instead of waiting.
    private static func runUntilItEnds(_ arguments: [String]) async throws -> ShipNotesProcess.Result {
        let sandbox = try RunningShipNotes(arguments)
        defer { sandbox.cleanUp() }
        let output = await sandbox.readOutput(through: "Upload with:")
        let ending = try await sandbox.stop(with: SIGTERM)
        #expect(ending.reason == .exit)
        return ShipNotesProcess.Result(status: ending.status, output: Data(output.utf8), error: ending.error)
    }

    @Test func anInvalidConfigFileIsOneErrorLine() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("sandbox.json")
        try Data("{ not json".utf8).write(to: config)
        let result = try await Self.runUntilItEnds(["sandbox", "--data", folder.path])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error == "Error: The sandbox configuration \(config.path) is invalid: it is not valid JSON.\n")
    }

    @Test func aDataFolderThatIsAFileIsOneErrorLine() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data")
        try Data("not a folder".utf8).write(to: file)
        let result = try await Self.runUntilItEnds(["sandbox", "--port", "0", "--data", file.path])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error.hasPrefix("Error: "))
        #expect(result.error.contains(file.path))
        #expect(result.error.split(separator: "\n").count == 1)
        // The reason is the system's own, ending the sentence once.
        #expect(result.error.hasSuffix(": a file is in the way of a folder.\n"))
    }

    @Test func aPortInUseIsOneErrorLine() async throws {
        try await InProcessSandbox.with { occupant in
            let port = try #require(occupant.baseURL.port)
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try await Self.runUntilItEnds(["sandbox", "--port", String(port), "--data", folder.path])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(result.error.hasPrefix("Error: The sandbox could not listen on 127.0.0.1:\(port): "))
            #expect(result.error.hasSuffix(": address already in use.\n"))
            #expect(result.error.split(separator: "\n").count == 1)
        }
    }

    @Test(arguments: [
        ["sandbox", "--port", "70000"], ["sandbox", "--port", "-1"], ["sandbox", "--bogus"], ["sandbox", "--idle-timeout", "0"],
    ])
    func badUsageExitsWithStatus2(arguments: [String]) async throws {
        let result = try await ShipNotesProcess.execute(arguments)
        #expect(result.status == 2)
        #expect(result.error.hasPrefix("Error: "))
    }
}
