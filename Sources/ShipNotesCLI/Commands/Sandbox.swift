import ArgumentParser
import Dispatch
import Foundation
import Sandbox

extension ShipNotesCommand {
    /// `shipnotes sandbox`: a local server speaking the HockeyApp upload API, until SIGINT or SIGTERM.
    struct Sandbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sandbox",
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

        @Option(help: ArgumentHelp(
            "Close a connection that sends nothing for this many seconds, even mid-upload.", valueName: "seconds"))
        var idleTimeout: Int = 30

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port takes 0 to 65535.") }
            guard idleTimeout > 0 else { throw ValidationError("--idle-timeout takes a number of seconds above 0.") }
        }

        func run() async throws {
            let folder = URL(fileURLWithPath: data, isDirectory: true).standardizedFileURL
            var configuration = try SandboxConfiguration.load(dataDirectory: folder, port: port)
            configuration.requestIdleTimeout = .seconds(idleTimeout)
            let server = SandboxServer(configuration: configuration)
            let baseURL = try await server.start()
            StandardStreams.writeOutput(Self.banner(baseURL: baseURL, configuration: server.configuration))
            let signal = await Self.waitForStop(of: server)
            await Self.stop(server, within: Self.stopGracePeriod)
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

        /// How long a stop waits for uploads in flight to wind down before the command exits anyway.
        static let stopGracePeriod: Duration = .seconds(1)

        /// Waits for SIGINT/SIGTERM or for the server to stop by itself, whichever comes first.
        ///
        /// Both waits are unstructured tasks, so that neither can keep this one waiting once the other
        /// has ended (a task group would wait for both).
        /// - Returns: the signal's number, or nil when the server stopped by itself.
        static func waitForStop(of server: SandboxServer) async -> Int32? {
            let interrupts = InterruptSignals()
            let (endings, ending) = AsyncStream.makeStream(of: Int32?.self)
            let signalWait = Task {
                if let number = await interrupts.first() { ending.yield(number) }
            }
            let serverWait = Task {
                await server.waitUntilStopped()
                ending.yield(nil)
            }
            var first: Int32?
            for await received in endings {
                first = received
                break
            }
            interrupts.finish()
            signalWait.cancel()
            serverWait.cancel()
            return first
        }

        /// Stops the server, giving uploads in flight `gracePeriod` to wind down; after that the
        /// command goes on to exit, which closes whatever connections are still open.
        static func stop(_ server: SandboxServer, within gracePeriod: Duration) async {
            let (stops, stopped) = AsyncStream.makeStream(of: Void.self)
            Task {
                await server.stop()
                stopped.finish()
            }
            Task {
                try? await Task.sleep(for: gracePeriod)
                stopped.finish()
            }
            for await _ in stops {}
        }
    }
}
