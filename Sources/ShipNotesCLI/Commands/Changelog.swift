import ArgumentParser
import Foundation
import ShipNotes

extension ShipNotesCommand {
    /// `shipnotes changelog`: git's new commits written into the project's own changelog.
    struct Changelog: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "changelog",
            abstract: "Add the commits git has and the changelog lacks to its unreleased section.",
            discussion: """
                Reads the changelog, finds the commits after its newest release that is also a tag (or after \
                the newest tag) that its unreleased section does not mention yet (by short id, pull request \
                or subject), and adds them there, in the file's own style: its bullet, line endings, heading \
                level and groups (Added/Fixed/Changed for Keep a Changelog files). An unreleased section is \
                created above the releases when there is none. Every other byte of the file is kept; the file \
                is replaced atomically, and not at all if it changed meanwhile. Running it twice changes \
                nothing the second time.

                --release VERSION (or auto, the next version by Conventional Commits) then turns the \
                unreleased section into that release, dated today (or --date), heads it like the file's \
                newest release, opens an empty unreleased section above it, and moves Keep a Changelog's \
                compare links at the bottom on ([unreleased]: …/compare/v1.3.0...HEAD). A version the file \
                already has is refused.

                Examples:
                  shipnotes changelog
                  shipnotes changelog --file docs/CHANGELOG.md --dry-run
                  shipnotes changelog --check        # in CI: exit 1 when commits are missing
                  shipnotes changelog --release 1.4.0
                  shipnotes changelog --release auto --date 2026-12-24
                  shipnotes changelog --all-releases  # no CHANGELOG.md yet: write one from the history
                """
        )

        @Option(help: ArgumentHelp("The changelog (default: the config's changelog, else CHANGELOG.md at the repository).",
                                   valueName: "file"))
        var file: String?

        @Option(help: ArgumentHelp("The repository (any folder inside it).", valueName: "dir"))
        var repo = "."

        @Option(help: ArgumentHelp("Only tags with this prefix count as releases (app/v for app/v1.2.3).", valueName: "prefix"))
        var tagPrefix: String?

        @Option(help: ArgumentHelp("Release the unreleased section as this version (auto: the next by Conventional Commits).",
                                   valueName: "version"))
        var release: String?

        @Option(help: ArgumentHelp("With --release: the release date, YYYY-MM-DD (default: today).", valueName: "date"))
        var date: String?

        @Flag(help: "Create a missing changelog from the whole history, every release in it.")
        var allReleases = false

        @Flag(help: "Print the change as a unified diff; write nothing.")
        var dryRun = false

        @Flag(help: "Write nothing; exit 1 when commits are missing from the changelog.")
        var check = false

        @OptionGroup(title: "Project config")
        var configOptions: ConfigOptions

        func validate() throws {
            if dryRun && check { throw ValidationError("--dry-run and --check do not go together.") }
            if release != nil && check { throw ValidationError("--release and --check do not go together.") }
            if allReleases && release != nil { throw ValidationError("--all-releases and --release do not go together.") }
            if date != nil && release == nil { throw ValidationError("--date is read with --release.") }
            if let date, ReleaseDate(iso: date) == nil { throw ValidationError("--date takes a date as YYYY-MM-DD; got \(date).") }
            if let release, release != "auto", ReleaseVersion(release) == nil {
                throw ValidationError("--release takes a version (1.4.0) or auto; got \(release).")
            }
        }

        func run() async throws {
            let config = try configOptions.load()
            let path = file ?? config.changelog.map(config.resolve) ?? (repo == "." ? "CHANGELOG.md" : "\(repo)/CHANGELOG.md")
            let updater = ChangelogUpdater(path: path, repository: repo, tagPrefix: tagPrefix ?? config.tagPrefix)
            let releaseDate = date.flatMap(ReleaseDate.init(iso:)) ?? Self.today()
            let missing = !FileManager.default.fileExists(atPath: path)
            if missing && !allReleases {
                throw CLIError.missingChangelog(path: path)
            }
            let update = missing ? try await updater.planCreation()
                : try await updater.plan(release: release.map { ($0 == "auto" ? nil : $0, releaseDate) })
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
                let action = update.releasedVersion.map { "would release \($0) with \(entries) added" } ?? "would add \(entries)"
                StandardStreams.writeError(update.changesFile ? "\(action) to \(path)\n" : "\(path) lists every commit\n")
                return
            }
            guard update.changesFile else {
                StandardStreams.writeOutput("\(path) lists every commit; nothing to add\n")
                return
            }
            try update.write()
            if update.creates {
                StandardStreams.writeOutput("created \(path) with \(entries)\n")
            } else if let version = update.releasedVersion {
                StandardStreams.writeOutput("released \(version) (\(releaseDate)) in \(path)" + (count > 0 ? ", with \(entries) added\n" : "\n"))
            } else {
                StandardStreams.writeOutput("added \(entries) to \(path)\n")
            }
        }

        /// Today's date where the command runs.
        static func today() -> ReleaseDate {
            let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
            return ReleaseDate(year: parts.year!, month: parts.month!, day: parts.day!)!
        }
    }
}
