import Foundation

/// A project's `shipnotes.yml`: defaults for the commands, read from the repository's root.
///
/// Every field is optional; a field the file leaves out is nil. Command-line flags override the
/// file, so a command reads each setting as `flag ?? config.field ?? default`. Paths in the file
/// (`changelog`, `notes-file`, `token-file`, a `template` path) are relative to the folder holding
/// it: pass them through ``resolve(_:)``.
///
/// ```swift
/// if let path = ProjectConfig.find(startingAt: repo) {
///     let config = try ProjectConfig.load(path: path)
///     let notesType = options.notesType ?? config.notesType ?? .markdown
/// }
/// ```
///
/// The API token is never part of the config: it comes from `HOCKEYAPP_API_TOKEN` or the file
/// named by `token-file`, and a key that would hold it is an error.
public struct ProjectConfig: Sendable, Equatable {
    /// Where the notes come from.
    public enum NotesSource: String, Sendable, CaseIterable {
        /// Git history (`notes --git`).
        case git
        /// A Markdown changelog (`notes --changelog`).
        case changelog
        /// A file holding the notes as they are (`upload --notes-file`).
        case file
    }

    /// How the server renders the notes.
    public enum NotesType: String, Sendable, CaseIterable {
        case markdown, textile
    }

    /// Whether testers may download the version.
    public enum Status: String, Sendable, CaseIterable {
        case available, unavailable
    }

    /// The file's name at the repository root.
    public static let fileName = "shipnotes.yml"

    /// The keys the file may hold, in the order the README lists them.
    public static let keys = [
        "app-id", "base-url", "token-file", "source", "range", "tag-prefix", "merges", "paths", "template",
        "changelog", "release", "notes-file", "notes-type", "tags", "notify", "status", "mandatory",
    ]

    /// `app-id`: the app's id on the server.
    public var appId: String?
    /// `base-url`: the server's root URL, `http://` or `https://`.
    public var baseURL: String?
    /// `token-file`: a file holding the API token (instead of `HOCKEYAPP_API_TOKEN`).
    public var tokenFile: String?
    /// `source`: where the notes come from. See ``notesSource`` for the source the other keys imply.
    public var source: NotesSource?
    /// `range`: for git, the commits to read (`v1.2.0..v1.3.0`, or a revision).
    public var range: String?
    /// `tag-prefix`: for git, only tags that start with this (`app/v`).
    public var tagPrefix: String?
    /// `merges`: for git, which merge commits the notes list.
    public var merges: MergeMode?
    /// `paths`: for git, only commits that touch these paths (git pathspecs).
    public var paths: [String]?
    /// `template`: for git, a built-in template's name or a template file's path.
    public var template: String?
    /// `changelog`: for changelog, the changelog's path.
    public var changelog: String?
    /// `release`: for changelog, the release whose notes to take: `.version`, `.latest` or `.unreleased`.
    public var release: ReleaseSelection?
    /// `notes-file`: for file, the file holding the notes.
    public var notesFile: String?
    /// `notes-type`: how the server renders the notes.
    public var notesType: NotesType?
    /// `tags`: only testers with these tags may download the version.
    public var tags: [String]?
    /// `notify`: email the testers who can install the version.
    public var notify: Bool?
    /// `status`: whether testers may download the version.
    public var status: Status?
    /// `mandatory`: installing the version is mandatory.
    public var mandatory: Bool?
    /// The folder holding the file, which relative paths in it are read from; nil for a config
    /// made in code.
    public var directory: String?

    /// An empty config: every setting left to the flags and the defaults.
    public init(directory: String? = nil) {
        self.directory = directory
    }

    /// The notes source: `source` when given, else the source whose keys the file sets (`range`
    /// implies git, `changelog` a changelog, `notes-file` a file), else nil.
    public var notesSource: NotesSource? {
        if let source { return source }
        if range != nil || tagPrefix != nil || merges != nil || paths != nil || template != nil { return .git }
        if changelog != nil || release != nil { return .changelog }
        return notesFile != nil ? .file : nil
    }

    /// `path` read from the config's folder: absolute paths stay, `~/` is the home folder, others
    /// are joined to ``directory`` (kept as they are when there is none).
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path == "~" || path.hasPrefix("~/") { return NSString(string: path).expandingTildeInPath }
        guard let directory else { return path }
        return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
    }

    /// Reads the config at `path`.
    ///
    /// - Parameter path: the file, usually what ``find(startingAt:)`` returned.
    /// - Returns: the config, with ``directory`` set to the file's folder.
    /// - Throws: `FileReadError` when the file cannot be read, `ProjectConfigError` when it is not a
    ///   valid config (naming the file, the key and the line).
    public static func load(path: String) throws -> ProjectConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FileReadError.fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw FileReadError.isDirectory(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FileReadError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ProjectConfigError.notUTF8(path: path) }
        return try parse(yaml: text, path: path)
    }

    /// Reads a config from its text.
    ///
    /// An empty file, or one holding only comments, is an empty config.
    ///
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - path: the file's path, for messages and for ``directory``.
    /// - Throws: `ProjectConfigError` for text that is not YAML, a top level that is not a mapping,
    ///   a duplicate, unknown or secret key, a value of the wrong type or outside the allowed ones,
    ///   and keys of two notes sources.
    public static func parse(yaml: String, path: String) throws -> ProjectConfig {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        return try ProjectConfigReader(path: path).read(yaml: yaml, directory: directory)
    }

    /// The `shipnotes.yml` at the root of the git repository holding `directory`.
    ///
    /// Walks up from `directory` to the first folder holding `.git` (a folder, or the file a
    /// worktree or submodule has), so a command run anywhere in the work tree finds the root's config.
    ///
    /// - Parameter directory: a folder inside the repository (relative to the current folder, or absolute).
    /// - Returns: the config's path, or nil when the folder is in no repository or the root has no
    ///   `shipnotes.yml`.
    public static func find(startingAt directory: String) -> String? {
        let files = FileManager.default
        var folder = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            if files.fileExists(atPath: folder.appendingPathComponent(".git").path) {
                let candidate = folder.appendingPathComponent(fileName).path
                var isDirectory: ObjCBool = false
                return files.fileExists(atPath: candidate, isDirectory: &isDirectory) && !isDirectory.boolValue
                    ? candidate : nil
            }
            let parent = folder.deletingLastPathComponent().standardizedFileURL
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}
