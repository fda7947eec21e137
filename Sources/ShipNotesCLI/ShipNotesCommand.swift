import ArgumentParser
import CommonMark

/// The `shipnotes` command: release notes from history, rendered as the server shows them, shipped
/// with the build.
public struct ShipNotesCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "shipnotes",
            abstract: "Build release notes, preview them as the server renders them, and upload builds with them.",
            discussion: """
                Examples:
                  shipnotes render CHANGELOG.md > notes.html
                  shipnotes notes --changelog CHANGELOG.md --latest
                  shipnotes render notes.textile --from textile
                  shipnotes upload --app-id APP --ipa App.ipa --notes-file notes.md
                  shipnotes sandbox --port 8080
                """,
            version: "shipnotes \(version) (cmark \(MarkdownDocument.cmarkVersion))",
            subcommands: [Render.self, Notes.self, Changelog.self, Preview.self, Upload.self, Sandbox.self, Demo.self]
        )
    }

    public init() {}

    /// Parses `arguments`, runs the chosen command and turns every failure into the exit status the
    /// tool documents: 0 success, 1 a user-facing error (one `Error: …` line), 2 bad usage.
    ///
    /// - Parameter arguments: the arguments without the executable name; nil reads the process's.
    /// - Returns: the exit status.
    ///
    /// Runs on the main actor so that synchronous commands (`render`) do their work on the main
    /// thread: glibc's allocator grows a secondary thread's heap one `mprotect` at a time, which
    /// cost `render` a third of its time on large inputs.
    @MainActor
    public static func run(arguments: [String]? = nil) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                StandardStreams.writeOutput(message + "\n")
                return 0
            }
            if !message.isEmpty { StandardStreams.writeError(message + "\n") }
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}
