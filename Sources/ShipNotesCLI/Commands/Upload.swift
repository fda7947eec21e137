import ArgumentParser
import Foundation
import HockeyApp
import ShipNotes

extension ShipNotesCommand {
    /// `shipnotes upload`: sends a build and its notes to HockeyApp (or a server speaking its API).
    struct Upload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "upload",
            abstract: "Upload a build with its release notes to HockeyApp.",
            discussion: """
                The API token comes from the HOCKEYAPP_API_TOKEN environment variable or from --token-file; \
                it is never taken from a flag value and never printed. An upload whose outcome is unknown \
                (a timeout or a server error after the whole build was sent) is checked against the app's \
                versions before it is retried, so it never creates a duplicate version.

                Examples:
                  shipnotes upload --app-id APP --ipa App.ipa --notes-file notes.md
                  shipnotes upload --app-id APP --ipa App.ipa --dsym App.app.dSYM.zip --notes "Fixes" --notify
                  shipnotes upload --app-id APP --ipa App.ipa --notes-file notes.md --dry-run
                  shipnotes upload --app-id APP --ipa App.ipa --git --template tester
                  shipnotes upload --app-id APP --ipa App.ipa --changelog CHANGELOG.md --latest --notes-type textile

                The notes are sent as Markdown (notes_type=1) or Textile (0) as their source says (.textile \
                files and Textile templates are Textile, everything else Markdown) unless --notes-type says \
                otherwise; Markdown sent as Textile is converted so that the server shows what cmark would.
                """
        )

        @Option(name: .customLong("app-id"), help: ArgumentHelp("The app's public identifier (default: app-id in shipnotes.yml).", valueName: "id"))
        var appID: String?

        @OptionGroup(title: "Project config")
        var configOptions: ConfigOptions

        @Option(help: ArgumentHelp("The build: .ipa, .apk or .app.zip.", valueName: "file"))
        var ipa: String?

        @Option(help: ArgumentHelp("Debug symbols: NAME.dSYM.zip, or Android's mapping.txt.", valueName: "file"))
        var dsym: String?

        @OptionGroup(title: "Notes")
        var source: NotesSourceOptions

        @Flag(help: "Shorten notes over the server's 5,000 characters at a line or word boundary.")
        var clipNotes = false

        @OptionGroup(title: "API fields")
        var fields: UploadFieldOptions

        @OptionGroup(title: "Connection")
        var connection: UploadConnectionOptions

        @Flag(help: "Print the request that would be sent (token redacted) and send nothing.")
        var dryRun = false

        @Flag(help: "Print the server's answer as JSON.")
        var json = false

        func validate() throws {
            guard ipa != nil || dsym != nil else { throw ValidationError("Give --ipa FILE, --dsym FILE, or both.") }
        }

        func run() async throws {
            let config = try configOptions.load()
            let job = try await makeJob(config: config)
            // The build files are checked first: a missing or unreadable one is the error to report.
            try job.validate()
            let token = try connection.token(config: config)
            let base = connection.baseURL(config: config)
            guard let baseURL = URL(string: base), baseURL.host != nil else {
                throw HockeyAppError.invalidRequest("the base URL \(base) is not an http or https URL")
            }
            if dryRun {
                let client = try HockeyAppClient(baseURL: baseURL, token: token ?? "none", timeouts: connection.timeouts)
                let description = try client.describeUpload(job)
                StandardStreams.writeOutput(description.text)
                if token == nil {
                    StandardStreams.warn("no API token: set HOCKEYAPP_API_TOKEN or pass --token-file FILE before uploading.")
                }
                return
            }
            guard let token else {
                throw HockeyAppError.missingToken("no API token: set HOCKEYAPP_API_TOKEN or pass --token-file FILE")
            }
            let client = try HockeyAppClient(baseURL: baseURL, token: token, timeouts: connection.timeouts)
            let label = [job.ipa, job.dsym].compactMap { $0?.lastPathComponent }.joined(separator: " + ")
            let reporter = UploadProgressReporter(label: label, isTerminal: StandardStreams.errorIsTerminal)
            let result: UploadResult
            do {
                result = try await client.upload(job, events: reporter.handle)
                reporter.finish()
            } catch {
                reporter.finish()
                throw error
            }
            if json {
                StandardStreams.writeOutput(String(decoding: result.responseJSON, as: UTF8.self) + "\n")
            } else {
                StandardStreams.writeOutput(Self.summary(of: result) + "\n")
            }
        }

        /// The job the options describe, with the notes composed, fitted to their notes type and
        /// their length checked.
        func makeJob(config: ProjectConfig = ProjectConfig()) async throws -> UploadJob {
            guard let appID = appID ?? config.appId else {
                throw CLIError.missingSetting("no app given: pass --app-id ID, or set app-id in \(ProjectConfig.fileName).")
            }
            let notesType = fields.notesType?.value ?? config.notesType?.value
            let declared = notesType.map(NotesKind.init(writtenFor:))
            let composed = try await NotesPipeline.compose(try source.source(declaredKind: declared, config: config))
            let prepared = try NotesPipeline.prepare(composed, as: notesType)
            if prepared.isConverted {
                StandardStreams.warn("the Markdown notes from \(composed.origin) are sent as Textile, converted so that the server shows what cmark would.")
            }
            var text = prepared.text
            let length = NotesClipper.length(of: text)
            if length > NotesClipper.serverLimit {
                if clipNotes {
                    text = NotesClipper.clip(text)
                    StandardStreams.warn(
                        "the notes were shortened from \(Self.grouped(length)) to \(Self.grouped(NotesClipper.length(of: text))) characters.")
                } else {
                    StandardStreams.warn(
                        "the notes have \(Self.grouped(length)) characters; the server keeps only the first "
                            + "\(Self.grouped(NotesClipper.serverLimit)) (use --clip-notes to shorten them at a line or word boundary).")
                }
            }
            return UploadJob(
                appID: appID, ipa: ipa.map { URL(fileURLWithPath: $0) }, dsym: dsym.map { URL(fileURLWithPath: $0) },
                notes: text, notesType: prepared.notesType,
                notify: fields.notify || config.notify == true ? .testersWhoCanInstall : nil,
                status: fields.status?.value ?? config.status.map { $0 == .available ? .available : .unavailable },
                mandatory: fields.mandatory || config.mandatory == true ? true : nil,
                tags: fields.tags == nil ? config.tags ?? [] : UploadFieldOptions.list(fields.tags), commitSHA: fields.commitSHA,
                buildServerURL: fields.buildServerURL, repositoryURL: fields.repositoryURL,
                releaseType: fields.releaseType?.value, strategy: fields.strategy?.value,
                teams: UploadFieldOptions.list(fields.teams), users: UploadFieldOptions.list(fields.users))
        }

        /// `12,345`: a count with thousands separators, whatever the locale.
        static func grouped(_ count: Int) -> String {
            let digits = Array(String(count))
            var result = ""
            for (index, digit) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
                result.append(digit)
            }
            return result
        }

        /// One line for a person: what was created and where to see it.
        static func summary(of result: UploadResult) -> String {
            let version = result.version
            let name = version.title ?? "the app"
            var numbers = version.shortversion ?? ""
            if let build = version.version { numbers += numbers.isEmpty ? build : " (\(build))" }
            var line = "Uploaded \(name) \(numbers)"
            if let id = version.id { line += " as version \(id)" }
            if let url = version.configURL ?? version.publicURL { line += ": \(url)" }
            if result.confirmedByListing {
                line += " (confirmed from the app's version list after an interrupted attempt)"
            }
            return line
        }
    }
}
