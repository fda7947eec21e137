import ArgumentParser
import Dispatch
import Foundation
import Sandbox

extension ShipNotesCommand {
    /// `shipnotes sandbox`: a local server speaking the HockeyApp upload API, until SIGINT or SIGTERM.
    struct Sandbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a local server that speaks the HockeyApp upload API, for trying uploads offline.",
            discussion: """
                The sandbox listens on 127.0.0.1, accepts `POST /api/2/apps/ID/app_versions/upload` and \
                `GET /api/2/apps/ID/app_versions`, renders notes as the service does and stores uploads under \
                the data folder. Apps and tokens come from sandbox.json in that folder, or else one demo app \
                and one demo token, which it prints. It runs until interrupted (Ctrl-C) or terminated.

                Examples:
                  shipnotes sandbox --port 8080
                  shipnotes upload --base-url http://127.0.0.1:8080 --app-id ID --ipa App.ipa --notes-file notes.md
                """
        )

        @Option(help: "The port to listen on; 0 picks a free one.")
        var port: Int = 0

        @Option(help: ArgumentHelp("The folder uploads and sandbox.json live in.", valueName: "dir"))
        var data: String = ".shipnotes-sandbox"

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port takes 0 to 65535.") }
        }

        func run() async throws {
            let folder = URL(fileURLWithPath: data, isDirectory: true).standardizedFileURL
            let server = SandboxServer(configuration: try SandboxConfiguration.load(dataDirectory: folder, port: port))
            let baseURL = try await server.start()
            StandardStreams.writeOutput(Self.banner(baseURL: baseURL, configuration: server.configuration))
            let signal = await Self.waitForStop(of: server)
            await server.stop()
            StandardStreams.writeError(signal.map { "Sandbox stopped (signal \($0)).\n" } ?? "Sandbox stopped.\n")
        }

        /// What to point a client at: the URL, each app id and the token.
        static func banner(baseURL: URL, configuration: SandboxConfiguration) -> String {
            var lines = ["Sandbox listening on \(baseURL.absoluteString)", "Data folder: \(configuration.dataDirectory.path)"]
            for app in configuration.apps {
                lines.append("App: \(app.id) (\(app.title), \(app.platform))")
            }
            if let token = configuration.tokens.first {
                lines.append("Token: export HOCKEYAPP_API_TOKEN=\(token)")
            }
            lines.append("Upload with: shipnotes upload --base-url \(baseURL.absoluteString) --app-id "
                + (configuration.apps.first?.id ?? "ID") + " …")
            return lines.joined(separator: "\n") + "\n"
        }

        /// Waits for SIGINT/SIGTERM (then stops the server) or for the server to stop by itself.
        /// - Returns: the signal's number, or nil when the server stopped by itself.
        static func waitForStop(of server: SandboxServer) async -> Int32? {
            let interrupts = InterruptSignals()
            return await withTaskGroup(of: Int32?.self) { group in
                group.addTask {
                    guard let number = await interrupts.first() else { return nil }
                    await server.stop()
                    return number
                }
                group.addTask {
                    await server.waitUntilStopped()
                    return nil
                }
                // Whichever ends first, the other follows: a stopped server ends the signal wait.
                var received: Int32?
                while let result = await group.next() {
                    received = received ?? result
                    interrupts.finish()
                }
                return received
            }
        }
    }
}
