/// A tag, light or annotated, with the commit it points at.
public struct GitTag: Sendable, Hashable, Codable {
    /// The name without `refs/tags/` (`v1.2.3`, `app/v1.2.3`).
    public let name: String
    /// The version the name holds after the tag prefix, or nil when it holds none.
    public let version: ReleaseVersion?
    /// The commit the tag points at (an annotated tag's target).
    public let commit: String
    public let isAnnotated: Bool
    /// An annotated tag's tagger date, a light tag's commit date, in strict ISO 8601.
    public let date: String
    /// An annotated tag's message; empty for a light tag.
    public let message: String

    public init(name: String, version: ReleaseVersion?, commit: String, isAnnotated: Bool, date: String, message: String) {
        self.name = name
        self.version = version
        self.commit = commit
        self.isAnnotated = isAnnotated
        self.date = date
        self.message = message
    }

    /// The day of `date` as written (`2024-05-01`).
    public var day: String { String(date.prefix(10)) }
}

/// Reads `git for-each-ref refs/tags` output in `TagListParser.format`.
enum TagListParser {
    /// One record per tag, fields separated by 0x1F and ended by NUL (for-each-ref adds a newline).
    static let format =
        "%(refname)%1f%(objecttype)%1f%(objectname)%1f%(*objecttype)%1f%(*objectname)%1f%(creatordate:iso-strict)%1f%(contents:subject)%1f%(contents:body)%00"

    /// The tags that point at commits, their versions read after `prefix` when one is given.
    static func parse(_ output: [UInt8], prefix: String?) -> [GitTag] {
        var tags: [GitTag] = []
        for var record in output.split(separator: 0) {
            while record.first == 0x0A { record = record.dropFirst() }
            let fields = record.split(separator: 0x1F, maxSplits: 7, omittingEmptySubsequences: false)
            guard fields.count == 8 else { continue }
            func text(_ index: Int) -> String { String(decoding: fields[index], as: UTF8.self) }
            var name = text(0)
            if name.hasPrefix("refs/tags/") { name.removeFirst("refs/tags/".count) }
            let annotated = text(1) == "tag"
            let commit: String
            if annotated {
                guard text(3) == "commit" else { continue }
                commit = text(4)
            } else {
                guard text(1) == "commit" else { continue }
                commit = text(2)
            }
            var message = text(6)
            let body = text(7).trimmingSpaces
            if !body.isEmpty { message += "\n\n" + body }
            tags.append(GitTag(name: name, version: version(of: name, prefix: prefix), commit: commit,
                               isAnnotated: annotated, date: text(5), message: annotated ? message : ""))
        }
        return tags
    }

    /// The version in a tag name: what follows `prefix` (when given) read as a version.
    static func version(of name: String, prefix: String?) -> ReleaseVersion? {
        guard let prefix else { return ReleaseVersion(name) }
        guard name.hasPrefix(prefix) else { return nil }
        return ReleaseVersion(String(name.dropFirst(prefix.count)))
    }
}
