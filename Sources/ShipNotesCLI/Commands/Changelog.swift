import ArgumentParser
import Foundation
import ShipNotes

extension ShipNotesCommand {
    /// `shipnotes changelog`: git's new commits written into the project's own changelog.
    struct Changelog: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the commits git has and the changelog lacks to its unreleased section.",
            discussion: """
                Reads the changelog, finds the commits after its newest release that is also a tag (or after \\
                the newest tag) that its unreleased section does not mention yet (by short id, pull request \\
                or subject), and adds them there, in the file's own style: its bullet, line endings, heading \\
                level and groups (Added/Fixed/Changed for Keep a Changelog files). An unreleased section is \\
                created above the releases when there is none. Every other byte of the file is kept; the file \\
                is replaced atomically, and not at all if it changed meanwhile. Running it twice changes \\
                nothing the second time.

                Examples:
                  shipnotes changelog
                  shipnotes changelog --file docs/CHANGELOG.md --dry-run
                  shipnotes changelog --check        # in CI: exit 1 when commits are missing
                """
        )

        @Option(help: ArgumentHelp("The changelog (default: the config's changelog, else CHANGELOG.md at the repository).",
                                   valueName: "file"))
        var file: String?

        @Option(help: ArgumentHelp("The repository (any folder inside it).", valueName: "dir"))
        var repo = "."

        @Option(help: ArgumentHelp("Only tags with this prefix count as releases (app/v for app/v1.2.3).", valueName: "prefix"))
        var tagPrefix: String?

        @Flag(help: "Print the change as a unified diff; write nothing.")
        var dryRun = false

        @Flag(help: "Write nothing; exit 1 when commits are missing from the changelog.")
        var check = false

        @OptionGroup(title: "Project config")
        var configOptions: ConfigOptions

        func validate() throws {
            if dryRun && check { throw ValidationError("--dry-run and --check do not go together.") }
        }

        func run() async throws {
            let config = try configOptions.load()
            let path = file ?? config.changelog.map(config.resolve) ?? (repo == "." ? "CHANGELOG.md" : "\(repo)/CHANGELOG.md")
            let updater = ChangelogUpdater(path: path, repository: repo, tagPrefix: tagPrefix ?? config.tagPrefix)
            let update = try await updater.plan()
            let count = update.added.count
            let entries = count == 1 ? "1 commit" : "\(count) commits"
            if check {
                guard update.changesFile else {
                    StandardStreams.writeOutput("\(path) lists every commit\n")
                    return
                }
                StandardStreams.writeError("\(path) is missing \(entries): "
                    + update.added.prefix(5).map { "\($0.shortId) \($0.subject)" }.joined(separator: "; ")
                    + (count > 5 ? "; …" : "") + " (run shipnotes changelog)\n")
                throw ExitCode(1)
            }
            if dryRun {
                StandardStreams.writeOutput(update.unifiedDiff)
                StandardStreams.writeError(update.changesFile ? "would add \(entries) to \(path)\n" : "\(path) lists every commit\n")
                return
            }
            guard update.changesFile else {
                StandardStreams.writeOutput("\(path) lists every commit; nothing to add\n")
                return
            }
            try update.write()
            StandardStreams.writeOutput("added \(entries) to \(path)\n")
        }
    }
}
