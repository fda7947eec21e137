import ArgumentParser
import Foundation
import HockeyApp
import ShipNotes

/// The optional API fields of `shipnotes upload`, as command-line options.
struct UploadFieldOptions: ParsableArguments {
    enum NotesType: String, ExpressibleByArgument, CaseIterable {
        case markdown, textile
        var value: UploadJob.NotesType { self == .markdown ? .markdown : .textile }
    }

    enum Status: String, ExpressibleByArgument, CaseIterable {
        case available, unavailable
        var value: UploadJob.DownloadStatus { self == .available ? .available : .unavailable }
    }

    enum ReleaseType: String, ExpressibleByArgument, CaseIterable {
        case beta, store, alpha, enterprise
        var value: UploadJob.ReleaseType {
            switch self {
            case .beta: .beta
            case .store: .store
            case .alpha: .alpha
            case .enterprise: .enterprise
            }
        }
    }

    enum Strategy: String, ExpressibleByArgument, CaseIterable {
        case add, replace
        var value: UploadJob.Strategy { self == .add ? .add : .replace }
    }

    @Option(help: "How the server renders the notes: markdown or textile (default: as the notes are written).")
    var notesType: NotesType?

    @Flag(help: "Email the testers who can install this version.")
    var notify = false

    @Option(help: "Whether testers may download the version: available or unavailable (server default: unavailable).")
    var status: Status?

    @Flag(help: "Make installing this version mandatory.")
    var mandatory = false

    @Option(help: ArgumentHelp("Restrict downloads to testers with these tags.", valueName: "a,b"))
    var tags: String?

    @Option(name: .customLong("commit-sha"), help: "The commit the build was made from.")
    var commitSHA: String?

    @Option(name: .customLong("build-server-url"), help: "The CI build's page.")
    var buildServerURL: String?

    @Option(name: .customLong("repository-url"), help: "The source repository's page.")
    var repositoryURL: String?

    @Option(help: "The release type: beta, store, alpha or enterprise.")
    var releaseType: ReleaseType?

    @Option(help: "When the bundle version exists: add (refused as a duplicate) or replace.")
    var strategy: Strategy?

    @Option(help: ArgumentHelp("Restrict downloads to these team ids.", valueName: "id,id"))
    var teams: String?

    @Option(help: ArgumentHelp("Restrict downloads to these user ids.", valueName: "id,id"))
    var users: String?

    /// Splits a comma-separated option into its non-empty, trimmed items.
    static func list(_ value: String?) -> [String] {
        (value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// Where and how `shipnotes upload` connects.
struct UploadConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The server's root URL (default: base-url in shipnotes.yml, else \(HockeyAppClient.defaultBaseURL.absoluteString)).",
                               valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp(
        "A file holding the API token (instead of the HOCKEYAPP_API_TOKEN environment variable).", valueName: "file"))
    var tokenFile: String?

    @Option(help: ArgumentHelp("Seconds to wait for a connection.", valueName: "seconds"))
    var connectTimeout: Double = 30

    @Option(help: ArgumentHelp("Seconds one upload attempt may take in all.", valueName: "seconds"))
    var timeout: Double = 3600

    /// The longest timeout the flags take, in seconds: a day. An upload that needs longer is stuck.
    static let longestTimeout: Double = 86_400

    func validate() throws {
        if let baseURL, URL(string: baseURL)?.host == nil { throw ValidationError("--base-url must be an http or https URL.") }
        try Self.checkSeconds(connectTimeout, flag: "--connect-timeout")
        try Self.checkSeconds(timeout, flag: "--timeout")
    }

    /// Refuses a timeout that is not a finite number of seconds above 0 and at most a day: infinity,
    /// NaN and huge numbers cannot be turned into a wait, and 0 or less would fail every attempt.
    static func checkSeconds(_ value: Double, flag: String) throws {
        guard value.isFinite, value > 0, value <= longestTimeout else {
            let shown = value.isNaN ? "nan" : String(format: "%g", value)
            throw ValidationError(
                "\(flag) takes a number of seconds above 0 and at most \(Int(longestTimeout)) (a day); got \(shown).")
        }
    }

    /// The server's root URL: the flag, else the config's, else HockeyApp's.
    func baseURL(config: ProjectConfig) -> String {
        baseURL ?? config.baseURL ?? HockeyAppClient.defaultBaseURL.absoluteString
    }

    /// The token from `--token-file` (or the config's `token-file`), else from `HOCKEYAPP_API_TOKEN`;
    /// nil when neither is there.
    /// - Throws: ``HockeyAppError/missingToken(_:)`` when the token file cannot be read or is empty.
    func token(config: ProjectConfig = ProjectConfig()) throws -> String? {
        if let tokenFile = tokenFile ?? config.tokenFile.map(config.resolve) {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: tokenFile))
            } catch {
                throw HockeyAppError.missingToken("the token file \(tokenFile) cannot be read")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw HockeyAppError.missingToken("the token file \(tokenFile) is empty") }
            return token
        }
        let token = ProcessInfo.processInfo.environment["HOCKEYAPP_API_TOKEN"]?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return token?.isEmpty == false ? token : nil
    }

    var timeouts: HockeyAppClient.Timeouts {
        HockeyAppClient.Timeouts(connectSeconds: connectTimeout, overallSeconds: timeout)
    }
}

extension ProjectConfig.NotesType {
    /// The API's value for the config's `notes-type`.
    var value: UploadJob.NotesType { self == .markdown ? .markdown : .textile }
}
