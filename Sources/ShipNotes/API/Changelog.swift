/// A changelog: its releases in file order (usually newest first).
public struct Changelog: Sendable, Hashable, Codable {
    /// The file the changelog was read from, as given to the reader.
    public var path: String?
    /// The heading level of the releases (2 for `## 1.2.3`; 1 for setext `===` titles).
    public var releaseLevel: Int
    public var releases: [Release]

    public init(path: String?, releaseLevel: Int, releases: [Release]) {
        self.path = path
        self.releaseLevel = releaseLevel
        self.releases = releases
    }
}

/// A 1-based, inclusive range of source lines.
public struct LineRange: Sendable, Hashable, Codable, CustomStringConvertible {
    public var first: Int
    public var last: Int

    public init(first: Int, last: Int) {
        self.first = first
        self.last = last
    }

    public var description: String { first == last ? "line \(first)" : "lines \(first)–\(last)" }
}

/// What a release heading says: found for every release when a changelog is outlined, before any
/// body is read.
public struct ReleaseHeading: Sendable, Hashable, Codable {
    /// The version; nil for an unreleased section with no number (`## Unreleased`).
    public var version: ReleaseVersion?
    /// The release date, from the heading or from the body's first line (`_2026-06-08_`).
    public var date: ReleaseDate?
    /// The heading's text as written, without its `#` marks: `[1.2.3] - 2024-01-01`.
    public var title: String
    public var level: Int
    /// The line the heading starts on.
    public var line: Int
    public var isUnreleased: Bool
    public var isYanked: Bool
    public var isPrerelease: Bool

    public init(
        version: ReleaseVersion?, date: ReleaseDate?, title: String, level: Int, line: Int, isUnreleased: Bool,
        isYanked: Bool, isPrerelease: Bool
    ) {
        self.version = version
        self.date = date
        self.title = title
        self.level = level
        self.line = line
        self.isUnreleased = isUnreleased
        self.isYanked = isYanked
        self.isPrerelease = isPrerelease
    }

    /// The name a message or a listing uses: the version as written, or else the title's words.
    public var displayName: String { version?.written ?? ReleaseTitleParser.plainText(title) }
}

/// One release of a changelog: its heading, its notes and where they came from.
public struct Release: Sendable, Hashable, Codable {
    public var version: ReleaseVersion?
    public var date: ReleaseDate?
    public var title: String
    public var level: Int
    public var isUnreleased: Bool
    public var isYanked: Bool
    public var isPrerelease: Bool
    /// The release's Markdown between its heading and the next release, with the file's link
    /// reference definitions taken out, line endings as `\n`, blank lines at either end trimmed.
    public var body: String
    /// The headings inside the release, in order, each with the Markdown under it.
    public var sections: [ReleaseSection]
    /// From the heading to the last line of the body.
    public var lines: LineRange
    /// The link reference definitions (from anywhere in the file) that the body uses.
    public var linkDefinitions: [LinkReferenceDefinition]

    public init(
        heading: ReleaseHeading, body: String, sections: [ReleaseSection], lines: LineRange,
        linkDefinitions: [LinkReferenceDefinition]
    ) {
        version = heading.version
        date = heading.date
        title = heading.title
        level = heading.level
        isUnreleased = heading.isUnreleased
        isYanked = heading.isYanked
        isPrerelease = heading.isPrerelease
        self.body = body
        self.sections = sections
        self.lines = lines
        self.linkDefinitions = linkDefinitions
    }

    /// The release's notes as Markdown that renders the same on its own: the body, then the link
    /// reference definitions it uses.
    public var notes: String {
        guard !linkDefinitions.isEmpty else { return body.isEmpty ? "" : body + "\n" }
        let definitions = linkDefinitions.map(\.text).joined(separator: "\n")
        return body.isEmpty ? definitions + "\n" : body + "\n\n" + definitions + "\n"
    }

    /// The name a message or a listing uses: the version as written, or else the title's words.
    public var displayName: String { version?.written ?? ReleaseTitleParser.plainText(title) }
}

/// A heading inside a release (`### Fixed`) and the Markdown under it, up to the next heading of
/// the same or a higher level.
public struct ReleaseSection: Sendable, Hashable, Codable {
    public var level: Int
    public var title: String
    public var markdown: String
    public var lines: LineRange

    public init(level: Int, title: String, markdown: String, lines: LineRange) {
        self.level = level
        self.title = title
        self.markdown = markdown
        self.lines = lines
    }
}

/// A link reference definition: `[label]: destination "title"`.
public struct LinkReferenceDefinition: Sendable, Hashable, Codable {
    /// The label as written, without brackets.
    public var label: String
    public var destination: String
    public var title: String?
    /// The line the definition is on.
    public var line: Int
    /// The definition as written.
    public var text: String

    public init(label: String, destination: String, title: String?, line: Int, text: String) {
        self.label = label
        self.destination = destination
        self.title = title
        self.line = line
        self.text = text
    }
}
