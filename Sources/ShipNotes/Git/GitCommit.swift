/// One commit as `git log` reports it: the raw facts, before any reading of its message.
public struct GitCommit: Sendable, Hashable, Codable {
    /// The full object id.
    public let id: String
    /// The parents' ids, first parent first; two or more for a merge.
    public let parents: [String]
    /// The author, after the repository's `.mailmap`.
    public let authorName: String
    public let authorEmail: String
    /// The author date in strict ISO 8601 with its offset, as git prints it (`2024-05-01T12:00:00+02:00`).
    public let date: String
    /// The first paragraph of the message, lines joined with spaces (git's `%s`).
    public let subject: String
    /// The message after the subject (git's `%b`), with its trailers.
    public let body: String
    /// The message's trailers as git parses them (`Co-authored-by`, `Refs`, `Closes`, …), unfolded.
    public let trailers: [GitTrailer]

    public init(id: String, parents: [String], authorName: String, authorEmail: String, date: String,
                subject: String, body: String, trailers: [GitTrailer]) {
        self.id = id
        self.parents = parents
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.date = date
        self.subject = subject
        self.body = body
        self.trailers = trailers
    }

    public var isMerge: Bool { parents.count > 1 }

    /// The id shortened to 7 characters, as commit links and changelogs show it.
    public var shortId: String { String(id.prefix(7)) }

    /// The day of the author date as written (`2024-05-01`), in the author's own time zone.
    public var day: String { String(date.prefix(10)) }
}

/// One `Key: value` trailer of a commit message.
public struct GitTrailer: Sendable, Hashable, Codable {
    public let key: String
    public let value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
