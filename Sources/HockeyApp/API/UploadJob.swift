import Foundation

/// Everything one call of the upload API sends: the build files and every field the API accepts.
///
/// Optional fields left nil are not sent, so the server applies its own defaults.
public struct UploadJob: Hashable, Sendable {
    /// How the server renders the notes.
    public enum NotesType: Int, Hashable, Sendable, CaseIterable {
        case textile = 0
        case markdown = 1
    }

    /// Whom the server emails about the new version.
    public enum Notify: Int, Hashable, Sendable {
        /// Nobody.
        case none = 0
        /// Testers who can install this version.
        case testersWhoCanInstall = 1
        /// Every tester of the app.
        case allTesters = 2
    }

    /// Whether testers may download the version.
    public enum DownloadStatus: Int, Hashable, Sendable {
        case unavailable = 1
        case available = 2
    }

    /// The release type the server files the version under.
    public enum ReleaseType: Int, Hashable, Sendable {
        case beta = 0
        case store = 1
        case alpha = 2
        case enterprise = 3
    }

    /// What the server does when the bundle version exists already.
    public enum Strategy: String, Hashable, Sendable {
        /// Create a new version (the server refuses a duplicate bundle version).
        case add
        /// Replace the existing version's build.
        case replace
    }

    /// The app's public identifier (`APP_ID` in `/api/2/apps/APP_ID/…`).
    public var appID: String
    /// The build: `.ipa`, `.apk` or `.app.zip` (`ipa`).
    public var ipa: URL?
    /// Debug symbols: a zipped `NAME.dSYM` named `….dSYM.zip`, or Android's `mapping.txt` (`dsym`).
    public var dsym: URL?
    /// The release notes (`notes`).
    public var notes: String?
    /// How the server renders ``notes`` (`notes_type`).
    public var notesType: NotesType
    /// `notify`.
    public var notify: Notify?
    /// `status`.
    public var status: DownloadStatus?
    /// `mandatory`.
    public var mandatory: Bool?
    /// Tags that restrict downloads (`tags`, sent comma-separated).
    public var tags: [String]
    /// `commit_sha`.
    public var commitSHA: String?
    /// `build_server_url`.
    public var buildServerURL: String?
    /// `repository_url`.
    public var repositoryURL: String?
    /// `release_type`.
    public var releaseType: ReleaseType?
    /// `strategy`.
    public var strategy: Strategy?
    /// Team ids that may download (`teams`, sent comma-separated).
    public var teams: [String]
    /// User ids that may download (`users`, sent comma-separated).
    public var users: [String]

    /// Creates a job; only the app id is required, though the server wants a build or symbols.
    public init(
        appID: String, ipa: URL? = nil, dsym: URL? = nil, notes: String? = nil,
        notesType: NotesType = .markdown, notify: Notify? = nil, status: DownloadStatus? = nil,
        mandatory: Bool? = nil, tags: [String] = [], commitSHA: String? = nil,
        buildServerURL: String? = nil, repositoryURL: String? = nil, releaseType: ReleaseType? = nil,
        strategy: Strategy? = nil, teams: [String] = [], users: [String] = []
    ) {
        self.appID = appID
        self.ipa = ipa
        self.dsym = dsym
        self.notes = notes
        self.notesType = notesType
        self.notify = notify
        self.status = status
        self.mandatory = mandatory
        self.tags = tags
        self.commitSHA = commitSHA
        self.buildServerURL = buildServerURL
        self.repositoryURL = repositoryURL
        self.releaseType = releaseType
        self.strategy = strategy
        self.teams = teams
        self.users = users
    }

    /// The text fields in the order they are sent, with the API's names and encodings.
    public var formFields: [(name: String, value: String)] {
        var fields: [(String, String)] = []
        if let notes {
            fields.append(("notes", notes))
            fields.append(("notes_type", String(notesType.rawValue)))
        }
        if let notify { fields.append(("notify", String(notify.rawValue))) }
        if let status { fields.append(("status", String(status.rawValue))) }
        if let mandatory { fields.append(("mandatory", mandatory ? "1" : "0")) }
        if !tags.isEmpty { fields.append(("tags", tags.joined(separator: ","))) }
        if let commitSHA { fields.append(("commit_sha", commitSHA)) }
        if let buildServerURL { fields.append(("build_server_url", buildServerURL)) }
        if let repositoryURL { fields.append(("repository_url", repositoryURL)) }
        if let releaseType { fields.append(("release_type", String(releaseType.rawValue))) }
        if let strategy { fields.append(("strategy", strategy.rawValue)) }
        if !teams.isEmpty { fields.append(("teams", teams.joined(separator: ","))) }
        if !users.isEmpty { fields.append(("users", users.joined(separator: ","))) }
        return fields
    }

    /// The file parts in the order they are sent: the build first, then the symbols.
    public var files: [(field: String, url: URL)] {
        var files: [(String, URL)] = []
        if let ipa { files.append(("ipa", ipa)) }
        if let dsym { files.append(("dsym", dsym)) }
        return files
    }

    /// Checks what can be checked before anything is sent: an app id, at least one file, every file
    /// present and readable, and a symbols file the server will recognise by its name.
    /// - Throws: ``HockeyAppError`` naming the first problem.
    public func validate() throws(HockeyAppError) {
        guard !appID.isEmpty, appID.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw .invalidRequest("the app id \"\(appID)\" is not a HockeyApp app identifier")
        }
        guard !files.isEmpty else { throw .invalidRequest("nothing to upload: give a build (ipa) or symbols (dsym)") }
        for (_, url) in files {
            try Self.checkReadable(url)
        }
        if let dsym {
            let name = dsym.lastPathComponent
            guard name.lowercased().hasSuffix(".dsym.zip") || name == "mapping.txt" else {
                throw .invalidRequest(
                    "the server recognises symbols only by name: zip the .dSYM folder as NAME.dSYM.zip, "
                        + "or give Android's mapping.txt (got \(name))")
            }
        }
    }

    /// Tells a missing file, a folder, something that is not a regular file, or an unreadable file
    /// from a good one, and opens a good one once.
    ///
    /// Only a regular file is a build: opening a named pipe waits for a writer that may never come,
    /// and a device or a socket has no size to announce. Its kind is checked with `stat` (which
    /// follows symbolic links) before anything opens it, and again on the opened descriptor, which
    /// is opened without waiting in case the path changed in between.
    static func checkReadable(_ url: URL) throws(HockeyAppError) {
        let path = url.path
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .buildFileMissing(path: path) }
            throw .buildFileUnreadable(path: path, reason: Self.lastError())
        }
        try checkKind(status.st_mode, path: path)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .buildFileUnreadable(path: path, reason: Self.lastError()) }
        defer { close(descriptor) }
        guard fstat(descriptor, &status) == 0 else { throw .buildFileUnreadable(path: path, reason: Self.lastError()) }
        try checkKind(status.st_mode, path: path)
    }

    private static func checkKind(_ mode: mode_t, path: String) throws(HockeyAppError) {
        switch mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw .buildFileUnreadable(path: path, reason: "it is a folder, not a file")
        case S_IFIFO: throw .buildFileUnreadable(path: path, reason: "it is a named pipe (FIFO), not a regular file")
        case S_IFSOCK: throw .buildFileUnreadable(path: path, reason: "it is a socket, not a regular file")
        case S_IFCHR, S_IFBLK: throw .buildFileUnreadable(path: path, reason: "it is a device, not a regular file")
        default: throw .buildFileUnreadable(path: path, reason: "it is not a regular file")
        }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}
