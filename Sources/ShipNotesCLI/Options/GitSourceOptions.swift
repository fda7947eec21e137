import ArgumentParser
import Foundation
import ShipNotes

/// The options that read notes from git history (`--git [RANGE]` and what shapes it).
struct GitSourceOptions: ParsableArguments {
    @Flag(help: "Read the notes from git history: the commits of RANGE, or those since the newest version tag.")
    var git = false

    @Argument(help: ArgumentHelp("With --git: the commits to read, A..B or a revision (default: since the newest version tag).",
                                 valueName: "range"))
    var range: String?

    @Option(help: ArgumentHelp("The repository (any folder inside it).", valueName: "dir"))
    var repo = "."

    @Flag(help: "Every release: each commit under the oldest version tag that contains it.")
    var allReleases = false

    @Option(help: ArgumentHelp("Only tags that start with this, their versions read after it (app/v, app-v).", valueName: "prefix"))
    var tagPrefix: String?

    @Option(name: .customLong("path"), help: ArgumentHelp("Only commits that touch this path (a git pathspec; repeatable).",
                                                         valueName: "path"))
    var paths: [String] = []

    @Flag(help: "Pre-release tags (v2.0.0-rc.1) make no release; their commits go to the next final release.")
    var foldPrereleases = false

    @Option(help: "Merge commits: include (the default), exclude, only (one entry per merged pull request), or first-parent.")
    var merges: MergeMode?

    @Option(name: .customLong("group"), help: ArgumentHelp(
        "A group and the types it holds, in the order given (repeatable): fix,bugfix=Bug Fixes.", valueName: "types=title"))
    var groups: [String] = []

    @Option(help: "Commits whose titles are not Conventional Commits: keep (under Other Changes) or drop.")
    var nonConventional: NonConventional = .keep

    @Option(help: ArgumentHelp("The notes template: a built-in name (grouped, keep-a-changelog, tester) or a file.",
                               valueName: "name|path"))
    var template: String?

    @Flag(help: "Print only the next version the unreleased commits make (Conventional Commits rules).")
    var bumpedVersion = false

    enum NonConventional: String, ExpressibleByArgument, CaseIterable {
        case keep, drop
    }

    /// Checks the options for a `--git` run; `changelogSelections` are the changelog-only options set.
    func validate(changelogSelections: [Bool]) throws {
        if changelogSelections.contains(true) {
            throw ValidationError("--version, --latest, --unreleased, --since, --version-prefix and --version-pattern read a changelog; with --git, give a RANGE.")
        }
        if !groups.isEmpty, CommitGrouping.groups(parsing: groups) == nil {
            throw ValidationError("--group takes types=title, such as feat=Features or fix,bugfix=Bug Fixes.")
        }
        if bumpedVersion && (allReleases || range != nil) {
            throw ValidationError("--bumped-version reads the commits since the newest version tag; leave out --all-releases and RANGE.")
        }
    }

    /// Checks that no git option was given without `--git`.
    func validateUnused() throws {
        // The argument is not echoed: it may be a secret given after an option that does not exist.
        if range != nil { throw ValidationError("A RANGE argument is read with --git; without --git, nothing takes an argument.") }
        let used = [repo != ".", allReleases, tagPrefix != nil, !paths.isEmpty, foldPrereleases, merges != nil,
                    !groups.isEmpty, nonConventional != .keep, template != nil, bumpedVersion]
        if used.contains(true) { throw ValidationError("That option reads git history; add --git.") }
    }

    /// The template and the history options the flags describe, the project config filling in
    /// what the flags leave at their defaults; the template is read first, so that one that does
    /// not parse fails before git runs.
    func historySource(config: ProjectConfig = ProjectConfig()) throws -> (template: NotesTemplate, options: GitHistoryOptions) {
        let templateName = template ?? config.template.map(config.resolveTemplate) ?? NotesTemplate.defaultName
        let notesTemplate = try NotesTemplate.load(templateName)
        var grouping = notesTemplate.grouping ?? CommitGrouping()
        if let given = CommitGrouping.groups(parsing: groups), !given.isEmpty { grouping.groups = given }
        if nonConventional == .drop { grouping.keepsNonConventional = false }
        let options = GitHistoryOptions(
            range: range ?? config.range, allReleases: allReleases, tagPrefix: tagPrefix ?? config.tagPrefix,
            paths: paths.isEmpty ? config.paths ?? [] : paths, foldsPrereleases: foldPrereleases,
            merges: merges ?? config.merges ?? .include, grouping: grouping)
        return (notesTemplate, options)
    }

    /// The notes source for the pipeline.
    func source(config: ProjectConfig = ProjectConfig()) throws -> NotesSource {
        let (template, options) = try historySource(config: config)
        return .git(directory: repo, options: options, template: template)
    }

    /// Reads the history and renders what `format` asks for.
    func notes(format: ShipNotesCommand.Notes.Format, notesType: UploadFieldOptions.NotesType, list: Bool,
               config: ProjectConfig = ProjectConfig()) async throws -> String {
        var (notesTemplate, options) = try historySource(config: config)
        // The commits' lines are rendered as they are read only when the notes are to be rendered.
        if format != .json, !list, !bumpedVersion { options.template = notesTemplate }
        let context = try await GitHistory(directory: repo).notes(options)
        // Freeing the commits of a long history takes longer than the rest after the output.
        KeptUntilExit.keep(context)
        if bumpedVersion {
            guard let next = context.nextVersion else {
                let base = context.releases.first?.previousVersion
                StandardStreams.writeError("note: no commits since \(base.map { "version \($0)" } ?? "the start"); the version stays.\n")
                return (base ?? "0.0.0") + "\n"
            }
            return next + "\n"
        }
        if list { return format == .json ? try ShipNotesCommand.Notes.json(context.releases) : Self.listing(context.releases) }
        if format == .json { return try ShipNotesCommand.Notes.json(context) }
        let notes = ComposedNotes(text: notesTemplate.render(context), kind: notesTemplate.kind,
                                  origin: notesTemplate.path, context: context)
        switch format {
        case .markdown, .json:
            guard notes.kind == .markdown else {
                throw CLIError.unsupportedConversion(from: "Textile (\(notesTemplate.path))", to: "Markdown; use --format textile or html")
            }
            return notes.text
        case .textile:
            return try NotesPipeline.prepare(notes, as: .textile).text
        case .html:
            // Textile notes are shown as Textile whatever --notes-type says: they are never sent as Markdown.
            return try NotesPipeline.prepare(notes, as: notes.kind == .textile ? .textile : notesType.value).serverHTML
        }
    }

    /// One line per release: title, date, number of commits.
    static func listing(_ releases: [NotesRelease]) -> String {
        let width = min(releases.map(\.title.count).max() ?? 0, 40)
        return releases.map { release in
            let title = release.title.padding(toLength: max(width, release.title.count), withPad: " ", startingAt: 0)
            let date = (release.date ?? "-").padding(toLength: 10, withPad: " ", startingAt: 0)
            return "\(title)  \(date)  \(release.commitCount) commit\(release.commitCount == 1 ? "" : "s")\n"
        }.joined()
    }
}

extension MergeMode: ExpressibleByArgument {}

extension ProjectConfig {
    /// A template named in the config: a built-in name as it is, a path read from the config's folder.
    func resolveTemplate(_ name: String) -> String {
        name.contains("/") || name.hasSuffix(".mustache") ? resolve(name) : name
    }
}
