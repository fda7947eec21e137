import Foundation
import HockeyApp
import Testing
import Sandbox

@Suite struct ConfigurationTests {
    @Test func fallsBackToTheEmbeddedDemo() throws {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = try SandboxConfiguration.load(dataDirectory: folder, port: 8123)
        #expect(configuration == SandboxConfiguration(
            host: "127.0.0.1", port: 8123, dataDirectory: folder,
            apps: [SandboxConfiguration.demoApp], tokens: [SandboxConfiguration.demoToken]))
    }

    @Test func readsAppsAndTokensFromTheDataFolder() async throws {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"apps":[{"id":"app-one","title":"One","platform":"Android"}],"tokens":["t1","t2"]}"#.utf8)
            .write(to: folder.appendingPathComponent(SandboxConfiguration.configFileName))
        let configuration = try SandboxConfiguration.load(dataDirectory: folder)
        #expect(configuration.apps == [SandboxApp(id: "app-one", title: "One", platform: "Android")])
        #expect(configuration.tokens == ["t1", "t2"])

        try await SandboxHarness.run(configure: { _ in configuration }) { sandbox async throws in
            let url = sandbox.baseURL.appendingPathComponent("api/2/apps/app-one/app_versions")
            #expect(try await HTTPAnswer.get(url, token: "t2").status == 200)
            #expect(try await HTTPAnswer.get(url, token: SandboxConfiguration.demoToken).status == 401)
        }
    }

    @Test func writesAConfigFileItReadsBack() throws {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = SandboxConfiguration(
            dataDirectory: folder.appendingPathComponent("nested"),
            apps: [SandboxApp(id: "a_1", title: "Ünïcode", platform: "iOS")], tokens: ["x"])
        try configuration.writeConfigFile()
        #expect(try SandboxConfiguration.load(dataDirectory: configuration.dataDirectory) == configuration)
    }

    @Test(arguments: [
        ("{", "it is not valid JSON"),
        (#"{"apps":[]}"#, #"the key "tokens" is missing"#),
        (#"{"apps":[{"id":"../x","title":"t","platform":"iOS"}],"tokens":["a"]}"#,
         #"the app id "../x" must be letters, digits, - or _"#),
    ])
    func rejectsAnUnusableConfigFile(contents: String, reason: String) throws {
        let folder = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(SandboxConfiguration.configFileName)
        try Data(contents.utf8).write(to: file)
        #expect(throws: SandboxError.invalidConfiguration(path: file.path, reason: reason)) {
            try SandboxConfiguration.load(dataDirectory: folder)
        }
    }

    @Test func reportsAPortThatIsTaken() async throws {
        try await SandboxHarness.run { sandbox async throws in
            let port = try #require(await sandbox.server.port)
            var configuration = SandboxConfiguration.demo(dataDirectory: sandbox.scratch.appendingPathComponent("other"))
            configuration.port = port
            let second = SandboxServer(configuration: configuration)
            await #expect {
                try await second.start()
            } throws: { error in
                guard case SandboxError.bindFailed(let host, let failedPort, _) = error else { return false }
                return host == "127.0.0.1" && failedPort == port
            }
        }
    }
}
