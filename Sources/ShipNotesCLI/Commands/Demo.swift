import ArgumentParser
import CommonMark
import Foundation
import HockeyApp
import Sandbox
import ShipNotes
import Textile

extension ShipNotesCommand {
    /// `shipnotes demo`: the whole pipeline, end to end, against a sandbox started in-process.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Run the whole pipeline against an embedded sandbox server.",
            discussion: """
                Builds notes from this repository's git history (the commits since the newest version tag, \
                or all of them when there is none; the latest release of CHANGELOG.md when there is no \
                history), renders them as the server will show them, starts a sandbox on a free loopback \
                port, uploads a small generated build with the notes, prints the server's answer and checks \
                that the server shows the notes exactly as previewed. Nothing leaves this machine; the \
                sandbox's files are removed afterwards unless --keep is given.

                Examples:
                  shipnotes demo
                  shipnotes demo --notes-file notes.textile
                  shipnotes demo --keep /tmp/shipnotes-sandbox
                """
        )

        @Option(help: ArgumentHelp("Ship these notes instead of the notes built from history.", valueName: "file"))
        var notesFile: String?

        @Option(help: "How the server renders the notes: markdown or textile (default: as the notes are written).")
        var notesType: UploadFieldOptions.NotesType?

        @Option(help: ArgumentHelp("The repository to build notes from.", valueName: "dir"))
        var repo = "."

        @Option(help: ArgumentHelp("The project's changelog.", valueName: "file"))
        var changelog = "CHANGELOG.md"

        @Option(help: ArgumentHelp("Keep the sandbox's data (uploads, versions) in this folder.", valueName: "dir"))
        var keep: String?

        @Option(help: ArgumentHelp("Where to write the preview page.", valueName: "file"))
        var preview = ".build/shipnotes-demo-preview.html"

        func run() async throws {
            let declared = notesType.map { NotesKind(writtenFor: $0.value) }
            let (composed, report) = try await composeNotes(declaredKind: declared)
            let prepared = try NotesPipeline.prepare(composed, as: notesType?.value)
            // Nothing is written until the notes are known: a bad source is one error line.
            StandardStreams.writeOutput(report)
            let typeName = prepared.notesType == .markdown ? "Markdown (notes_type=1), rendered by cmark" : "Textile (notes_type=0), rendered the RedCloth 4.3 way"
            let preview = prepared.serverHTML
            heading("2. The notes as the server will show them: \(typeName)")
            StandardStreams.writeOutput(preview)
            let page = PreviewPage(notes: composed.text, notesKind: composed.kind, notesType: prepared.notesType,
                                   build: PreviewPage.Build(appName: "shipnotes demo", version: ShipNotesCommand.version),
                                   title: "shipnotes demo")
            let pagePath = URL(fileURLWithPath: self.preview).standardizedFileURL
            try? FileManager.default.createDirectory(at: pagePath.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Preview.write(page.html(), to: pagePath.path)
            StandardStreams.writeOutput("\nPreview page (open it in a browser): \(pagePath.path)\n")

            let workspace = try DemoWorkspace(keep: keep)
            defer { workspace.cleanUp() }
            let server = SandboxServer(configuration: .demo(dataDirectory: workspace.dataDirectory))
            let baseURL = try await server.start()
            do {
                try await ship(prepared, preview: preview, to: baseURL, workspace: workspace)
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }

        /// The notes to ship: the given file, or the commits since the newest tag; the changelog's
        /// latest release when the folder has no usable history (a source tarball, a shallow clone).
        private func composeNotes(declaredKind: NotesKind?) async throws -> (ComposedNotes, String) {
            if let notesFile {
                let notes = try await NotesPipeline.compose(.file(path: notesFile, kind: declaredKind))
                return (notes, "\n== 1. Notes from \(notesFile) (\(notes.kind.rawValue))\n")
            }
            var report = "\n== 1. Notes from git history and from \(changelog)\n"
            let fromChangelog = try? await NotesPipeline.compose(.changelog(path: changelog, selection: nil, options: .init()))
            if let fromChangelog {
                report += "\(fromChangelog.origin): \(fromChangelog.text.utf8.count) bytes of notes\n"
            }
            do {
                let history = try await NotesPipeline.compose(
                    .git(directory: repo, options: GitHistoryOptions(), template: try NotesTemplate.load()))
                let count = history.context?.releases.first?.commitCount ?? 0
                report += "\(history.origin): \(count) commit\(count == 1 ? "" : "s"); these notes are shipped\n"
                return (history, report)
            } catch let error as GitError {
                guard let fromChangelog else { throw error }
                report += "no git history to read (\(error.localizedDescription)); shipping \(fromChangelog.origin) instead\n"
                return (fromChangelog, report)
            }
        }

        private func ship(_ notes: PreparedNotes, preview: String, to baseURL: URL, workspace: DemoWorkspace) async throws {
            heading("3. Sandbox listening on \(baseURL.absoluteString); uploading a generated build")
            // A fresh bundle version each run, so a kept sandbox never sees a duplicate.
            let bundleVersion = String(Int(Date().timeIntervalSince1970))
            let build = workspace.buildFile
            try SampleBuild.write(to: build, bundleVersion: bundleVersion, shortVersion: ShipNotesCommand.version,
                                  bundleID: "net.shipnotes.demo", padding: 512 * 1024)
            let client = try HockeyAppClient(baseURL: baseURL, token: SandboxConfiguration.demoToken)
            let length = NotesClipper.length(of: notes.text)
            let text = length > NotesClipper.serverLimit ? NotesClipper.clip(notes.text) : notes.text
            if text != notes.text {
                StandardStreams.writeOutput("the notes have \(Upload.grouped(length)) characters; shipping what --clip-notes keeps, "
                    + "\(Upload.grouped(NotesClipper.length(of: text))) characters within the server's \(Upload.grouped(NotesClipper.serverLimit))\n")
            }
            let job = UploadJob(appID: SandboxConfiguration.demoAppID, ipa: build, notes: text, notesType: notes.notesType,
                                notify: UploadJob.Notify.none, status: .available, tags: ["demo"])
            let result = try await client.upload(job) { event in
                if case let .started(attempt, totalBytes) = event {
                    StandardStreams.writeOutput("POST /api/2/apps/\(SandboxConfiguration.demoAppID)/app_versions/upload: attempt \(attempt), \(totalBytes) bytes\n")
                }
            }

            heading("4. The server's answer: " + (result.status.map { "HTTP \($0)" } ?? "the version, confirmed from the app's version list"))
            StandardStreams.writeOutput(String(decoding: result.responseJSON, as: UTF8.self) + "\n")
            let listed = try await client.appVersions(appID: SandboxConfiguration.demoAppID)
            heading("5. Checks")
            let expected = text == notes.text ? preview : PreparedNotes.serverHTML(text, as: notes.notesType)
            let sameNotes = result.version.notes == expected
            StandardStreams.writeOutput("""
                version \(result.version.shortversion ?? "?") (\(result.version.version ?? "?")) stored; the app lists \(listed.count) version(s)
                checked: the notes HTML the sandbox stored against the preview (the sandbox renders with shipnotes' own renderers, cmark and the RedCloth-compatible one)
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
