import ArgumentParser
import CommonMark
import Foundation
import HockeyApp
import Sandbox
import Textile

extension ShipNotesCommand {
    /// `shipnotes demo`: the whole pipeline, end to end, against a sandbox started in-process.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the whole pipeline against an embedded sandbox server.",
            discussion: """
                Renders the notes as the server will show them, starts a sandbox on a free loopback port, \
                uploads a small generated build with the notes, prints the server's answer and checks that \
                the server shows the notes exactly as previewed. Nothing leaves this machine; the sandbox's \
                files are removed afterwards unless --keep is given.

                Examples:
                  shipnotes demo
                  shipnotes demo --notes-file notes.textile --notes-type textile
                  shipnotes demo --keep /tmp/shipnotes-sandbox
                """
        )

        @Option(help: ArgumentHelp("The notes to ship.", valueName: "file"))
        var notesFile = "templates/notes/sample.md"

        @Option(help: "How the server renders the notes: markdown or textile.")
        var notesType: UploadFieldOptions.NotesType = .markdown

        @Option(help: ArgumentHelp("Keep the sandbox's data (uploads, versions) in this folder.", valueName: "dir"))
        var keep: String?

        func run() async throws {
            let notes = String(decoding: try InputFile(notesFile).readUTF8(), as: UTF8.self)
            let type: UploadJob.NotesType = notesType == .markdown ? .markdown : .textile
            let preview = type == .markdown ? MarkdownDocument(notes).html() : TextileDocument(notes).html()
            heading("1. \(notesFile), rendered as the server will show it (\(type == .markdown ? "Markdown, cmark" : "Textile, RedCloth 4.3 rules"))")
            StandardStreams.writeOutput(preview)

            let workspace = try DemoWorkspace(keep: keep)
            defer { workspace.cleanUp() }
            let server = SandboxServer(configuration: .demo(dataDirectory: workspace.dataDirectory))
            let baseURL = try await server.start()
            do {
                try await ship(notes: notes, type: type, preview: preview, to: baseURL, workspace: workspace)
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }

        private func ship(notes: String, type: UploadJob.NotesType, preview: String, to baseURL: URL, workspace: DemoWorkspace) async throws {
            heading("2. Sandbox listening on \(baseURL.absoluteString); uploading a generated build")
            // A fresh bundle version each run, so a kept sandbox never sees a duplicate.
            let bundleVersion = String(Int(Date().timeIntervalSince1970))
            let build = workspace.buildFile
            try SampleBuild.write(to: build, bundleVersion: bundleVersion, shortVersion: "2.4.0",
                                  bundleID: "net.shipnotes.demo", padding: 512 * 1024)
            let client = try HockeyAppClient(baseURL: baseURL, token: SandboxConfiguration.demoToken)
            let job = UploadJob(appID: SandboxConfiguration.demoAppID, ipa: build, notes: notes, notesType: type,
                                notify: UploadJob.Notify.none, status: .available, tags: ["demo"])
            let result = try await client.upload(job) { event in
                if case let .started(attempt, totalBytes) = event {
                    StandardStreams.writeOutput("POST /api/2/apps/\(SandboxConfiguration.demoAppID)/app_versions/upload: attempt \(attempt), \(totalBytes) bytes\n")
                }
            }

            heading("3. The server's answer")
            StandardStreams.writeOutput(String(decoding: result.responseJSON, as: UTF8.self) + "\n")
            let listed = try await client.appVersions(appID: SandboxConfiguration.demoAppID)
            heading("4. Checks")
            let sameNotes = result.version.notes == preview
            StandardStreams.writeOutput("""
                version \(result.version.shortversion ?? "?") (\(result.version.version ?? "?")) stored; the app lists \(listed.count) version(s)
                the server shows the notes exactly as previewed: \(sameNotes ? "yes" : "NO")

                """)
            if !sameNotes {
                throw DemoError.notesDiffer
            }
        }

        private func heading(_ text: String) {
            StandardStreams.writeOutput("\n== \(text)\n")
        }
    }
}

/// Why the demo failed after a successful upload.
enum DemoError: Error, Equatable, LocalizedError {
    case notesDiffer

    var errorDescription: String? {
        "the sandbox rendered the notes differently from the local preview."
    }
}

/// The folders the demo works in: a temporary one removed afterwards, or one the user keeps.
struct DemoWorkspace {
    let root: URL
    let removeWhenDone: Bool

    var dataDirectory: URL { root.appendingPathComponent("sandbox", isDirectory: true) }
    var buildFile: URL { root.appendingPathComponent("ShipNotesDemo.ipa") }

    init(keep: String?) throws {
        if let keep {
            root = URL(fileURLWithPath: keep, isDirectory: true)
            removeWhenDone = false
        } else {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-demo-\(UUID().uuidString)", isDirectory: true)
            removeWhenDone = true
        }
        do {
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw CLIError.unwritable(path: root.path, reason: (error as NSError).localizedDescription)
        }
    }

    func cleanUp() {
        if removeWhenDone { try? FileManager.default.removeItem(at: root) }
    }
}
