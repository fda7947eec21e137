/// What a notes template is rendered with: the releases read from git, newest first, and the
/// repository they come from. `shipnotes notes --git --format json` prints it; the README lists
/// every field.
public struct NotesContext: Sendable, Codable {
    public var releases: [NotesRelease]
    /// The hosted repository behind `origin`, when its URL names one.
    public var remote: NotesRemote?
    /// The next version for the unreleased commits (Conventional Commits rules), when there are any.
    public var nextVersion: String?
    /// The body of the commits section its commits' `renderedLine`s were rendered from
    /// (`CommitLineTemplate.body`), or nil when they hold none.
    var renderedCommitBody: String?

    public init(releases: [NotesRelease], remote: NotesRemote?, nextVersion: String?) {
        self.releases = releases
        self.remote = remote
        self.nextVersion = nextVersion
    }

    private enum CodingKeys: String, CodingKey {
        case releases, remote, nextVersion
    }
}

public struct NotesRemote: Sendable, Codable {
    /// `github`, `gitlab`, `bitbucket` or `gitea`.
    public var host: String
    public var url: String
    public var path: String
}

/// One release: a version tag and the commits it brought, or the unreleased commits.
public struct NotesRelease: Sendable, Codable {
    /// The version (`1.2.3`), or nil for unreleased commits.
    public var version: String?
    /// The tag (`v1.2.3`), or nil for unreleased commits.
    public var tag: String?
    /// The version, or "Unreleased".
    public var title: String
    /// The tag's day (`2024-05-01`): an annotated tag's tagger date, a light tag's commit date.
    public var date: String?
    public var isUnreleased: Bool
    public var isPrerelease: Bool
    public var previousVersion: String?
    public var previousTag: String?
    /// The changes since the previous release on the remote's web site.
    public var compareURL: String?
    /// An annotated tag's message.
    public var tagMessage: String?
    /// For unreleased commits: the version they would make by Conventional Commits rules.
    public var nextVersion: String?
    /// The groups that have commits, in the configured order.
    public var groups: [NotesGroup]
    /// Every breaking commit of the release, also listed in its group.
    public var breakingChanges: [NotesCommit]
    /// Authors and co-authors, each once, in the order they first appear.
    public var contributors: [NotesPerson]
    public var commitCount: Int
}

public struct NotesGroup: Sendable, Codable {
    public var title: String
    /// The commit types that make the group (empty for the group of other commits).
    public var types: [String]
    public var commits: [NotesCommit]
}

public struct NotesPerson: Sendable, Codable, Hashable {
    public var name: String
    public var email: String
}

/// One commit as the notes show it.
public struct NotesCommit: Sendable, Codable {
    public var id: String
    public var shortId: String
    /// The title: the subject, or for a merge of a pull request the pull request's title.
    public var subject: String
    /// The conventional description (the title without `type(scope)!: `), or the title.
    public var description: String
    public var body: String
    /// The conventional type (`feat`), `revert` for a `Revert "…"` commit, or nil.
    public var type: String?
    public var scope: String?
    public var isBreaking: Bool
    public var breakingDescription: String?
    public var isMerge: Bool
    /// The pull request: from a merge commit's subject, a squash merge's `(#123)`, or GitLab's
    /// `See merge request group/name!12`.
    public var pullRequest: Int?
    /// Issue numbers from `Refs`, `Closes`, `Fixes` and `Resolves` trailers.
    public var issues: [Int]
    public var author: NotesPerson
    /// The `Co-authored-by` people, each once, without the author.
    public var coAuthors: [NotesPerson]
    /// The author followed by the co-authors.
    public var authors: [NotesPerson]
    /// The author date's day (`2024-05-01`).
    public var date: String
    public var links: NotesCommitLinks
    /// The commit's part of the notes, rendered as the commit was read (`CommitLineTemplate`).
    var renderedLine: String?

    private enum CodingKeys: String, CodingKey {
        case id, shortId, subject, description, body, type, scope, isBreaking, breakingDescription, isMerge
        case pullRequest, issues, author, coAuthors, authors, date, links
    }
}

public struct NotesCommitLinks: Sendable, Codable {
    public var commit: String?
    public var pullRequest: String?
    /// One link per entry of `issues`.
    public var issues: [String]
}
