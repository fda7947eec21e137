import ArgumentParser
import Foundation
import HockeyApp
import ShipNotes

extension ShipNotesCommand {
    /// `shipnotes preview`: the notes as the server will show them, on one self-contained page.
    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preview",
            abstract: "Write a page that shows the notes exactly as the server will.",
            discussion: """
                The page is laid out like the server's version page (app, version and build, date, size and \\
                minimum OS when --ipa gives a build) and shows the notes as the server renders them for the \\
                notes type, with Markdown's two renderings side by side (cmark, and RedCloth's rules on the \\
                Textile they are converted to), the first place where those differ, and the notes' length \\
                against the server's 5,000 characters. The notes are shown in sandboxed frames under a \\
                Content-Security-Policy: no script in them runs. The page loads nothing from the network.

                Examples:
                  shipnotes preview --git --output preview.html
                  shipnotes preview --changelog CHANGELOG.md --latest --ipa App.ipa --output preview.html
                  shipnotes preview --notes-file notes.md --notes-type textile > preview.html
                  shipnotes preview --git --serve
                """
        )

        @OptionGroup(title: "Notes")
        var source: NotesSourceOptions

        @Option(help: "How the server renders the notes: markdown or textile (default: as the notes are written).")
        var notesType: UploadFieldOptions.NotesType?

        @Option(help: ArgumentHelp("The build, for the page's header (app name, version, size, minimum OS).", valueName: "file"))
        var ipa: String?

        @Option(help: ArgumentHelp("Write the page to this file (default: standard output).", valueName: "file"))
        var output: String?

        @Flag(help: "Serve the page on loopback and reload it when the notes source changes (Ctrl-C stops).")
        var serve = false

        @Option(help: ArgumentHelp("With --serve: the port (default: a free one).", valueName: "port"))
        var port = 0

        @OptionGroup(title: "Project config")
        var configOptions: ConfigOptions

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port takes 0 to 65535.") }
            if port != 0 && !serve { throw ValidationError("--port is read with --serve.") }
        }

        func run() async throws {
            let config = try configOptions.load()
            let build = try ipa.map(Self.buildFacts)
            var page = try await makePage(config: config, build: build)
            if let output {
                try Self.write(page.html(), to: output)
                StandardStreams.writeError("Preview written to \(URL(fileURLWithPath: output).standardizedFileURL.path)\n")
            } else if !serve {
                StandardStreams.writeOutput(page.html())
            }
            guard serve else { return }

            let state = PreviewState(page: page.html(reloadScriptURL: PreviewServer.reloadScriptPath))
            let server = try await PreviewServer.start(state: state, port: port)
            StandardStreams.writeOutput("Preview served at \(server.url.absoluteString) (reloads when the notes change; Ctrl-C stops)\n")
            let watcher = Task {
                // The source is read again twice a second; the page reloads only when it changed.
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(500))
                    guard let next = try? await makePage(config: config, build: build) else { continue }
                    if await state.update(next.html(reloadScriptURL: PreviewServer.reloadScriptPath)) {
                        page = next
                        if let output { try? Self.write(page.html(), to: output) }
                        StandardStreams.writeError("The notes changed; the page reloads.\n")
                    }
                }
            }
            let signal = await Self.waitForInterrupt()
            watcher.cancel()
            await server.stop()
            StandardStreams.writeError("Preview server stopped (signal \(signal)).\n")
        }

        private func makePage(config: ProjectConfig, build: PreviewPage.Build?) async throws -> PreviewPage {
            let type = notesType?.value ?? config.notesType?.value
            let declared = type.map(NotesKind.init(writtenFor:))
            let composed = try await NotesPipeline.compose(try source.source(declaredKind: declared, config: config))
            let prepared = try NotesPipeline.prepare(composed, as: type)
            return PreviewPage(notes: composed.text, notesKind: composed.kind, notesType: prepared.notesType,
                               build: build, title: composed.origin)
        }

        /// What the page's header shows of a build: its Info.plist, size and date.
        static func buildFacts(_ path: String) throws -> PreviewPage.Build {
            let url = URL(fileURLWithPath: path)
            let info = try BuildInfo.read(from: url)
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let date = (attributes?[.modificationDate] as? Date).map { ISO8601DateFormatter.string(from: $0, timeZone: .gmt, formatOptions: [.withFullDate]) }
            return PreviewPage.Build(
                appName: info.displayName, version: info.shortVersion, buildNumber: info.bundleVersion, date: date,
                sizeBytes: (attributes?[.size] as? NSNumber)?.int64Value, minimumOS: info.minimumOSVersion)
        }

        /// Writes `text` whole or not at all: a temporary file beside `path`, then a rename.
        static func write(_ text: String, to path: String) throws {
            let url = URL(fileURLWithPath: path)
            do {
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw CLIError.unwritable(path: path, reason: (error as NSError).localizedDescription)
            }
        }

        /// Waits for SIGINT or SIGTERM. - Returns: the signal's number.
        static func waitForInterrupt() async -> Int32 {
            let interrupts = InterruptSignals()
            return await interrupts.first() ?? SIGTERM
        }
    }
}
