import ArgumentParser
import Foundation
import ShipNotes

/// Where a build's notes come from, for `upload` and `preview`: text, a file, a changelog release,
/// or git history (with every option of `shipnotes notes --git`).
struct NotesSourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The release notes, as text.", valueName: "text"))
    var notes: String?

    @Option(help: ArgumentHelp("A file holding the release notes (.md, .markdown or .textile).", valueName: "file"))
    var notesFile: String?

    @Option(help: ArgumentHelp("A changelog to take one release's notes from.", valueName: "file"))
    var changelog: String?

    @Option(name: .customLong("version"), help: ArgumentHelp("With --changelog: the release (1.2.3, v1.2.3).", valueName: "version"))
    var releaseVersion: String?

    @Flag(help: "With --changelog: the newest released version (the default).")
    var latest = false

    @Flag(help: "With --changelog: the unreleased section.")
    var unreleased = false

    @Option(help: ArgumentHelp("With --changelog: text before the version in release titles.", valueName: "prefix"))
    var versionPrefix: String?

    @OptionGroup(title: "Notes from git history")
    var git: GitSourceOptions

    /// Checks that exactly one source is given and that its options belong to it.
    func validate() throws {
        guard [notes != nil, notesFile != nil, changelog != nil, git.git].filter({ $0 }).count <= 1 else {
            throw ValidationError("Give the notes with one of --notes TEXT, --notes-file FILE, --changelog FILE or --git [RANGE].")
        }
        let changelogOptions = [releaseVersion != nil, latest, unreleased, versionPrefix != nil]
        if changelog == nil && changelogOptions.contains(true) {
            throw ValidationError("--version, --latest, --unreleased and --version-prefix choose a release of --changelog FILE.")
        }
        if [releaseVersion != nil, latest, unreleased].filter({ $0 }).count > 1 {
            throw ValidationError("Choose one of --version, --latest and --unreleased.")
        }
        if git.git {
            try git.validate(changelogSelections: [])
            if git.bumpedVersion { throw ValidationError("--bumped-version is read with shipnotes notes --git.") }
        } else {
            try git.validateUnused()
        }
    }

    /// The source the options name, or else the one the project config names. `declaredKind` is
    /// the kind of text and of files whose names say nothing (the notes type the user asked for).
    ///
    /// - Throws: a usage error when neither the flags nor the config name a source.
    func source(declaredKind: NotesKind?, config: ProjectConfig) throws -> NotesSource {
        if let notes { return .text(notes, kind: declaredKind ?? .markdown) }
        if let notesFile { return .file(path: notesFile, kind: declaredKind) }
        if let changelog {
            let selection: ReleaseSelection? = releaseVersion.map { .version($0) } ?? (unreleased ? .unreleased : latest ? .latest : nil)
            return .changelog(path: changelog, selection: selection, options: .init(versionPrefix: versionPrefix))
        }
        if git.git { return try git.source(config: config) }
        switch config.notesSource {
        case .git?:
            return try git.source(config: config)
        case .changelog?:
            let path = config.resolve(config.changelog ?? "CHANGELOG.md")
            return .changelog(path: path, selection: config.release, options: .init())
        case .file?:
            guard let file = config.notesFile else { break }
            return .file(path: config.resolve(file), kind: declaredKind)
        case nil:
            break
        }
        throw CLIError.missingSetting("no notes given: pass --notes TEXT, --notes-file FILE, --changelog FILE or --git [RANGE], "
            + "or set source in \(ProjectConfig.fileName).")
    }
}
