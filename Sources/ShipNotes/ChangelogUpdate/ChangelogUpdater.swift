import Foundation

/// Writes git's new commits into a project's own changelog, in the file's dialect, touching nothing
/// else: the commits after the newest release of the file that is also a tag (or after the newest
/// tag) that the unreleased section does not mention yet go into it, each under its group's
/// heading, and an unreleased section is created above the releases when there is none.
///
/// The update is a list of insertions into the original bytes, each at a line boundary, so every
/// byte of the file is kept, in order, around the inserted lines; running it again finds every
/// commit mentioned and inserts nothing.
public struct ChangelogUpdater: Sendable {
    /// The changelog's path.
    public var path: String
    /// The repository whose history is read.
    public var repository: String
    /// The tag prefix of a monorepo's component (`app/v`), as for `notes --git`.
    public var tagPrefix: String?

    public init(path: String, repository: String = ".", tagPrefix: String? = nil) {
        self.path = path
        self.repository = repository
        self.tagPrefix = tagPrefix
    }

    /// Reads the changelog and the history and works out the update, writing nothing.
    ///
    /// - Throws: ``ChangelogError`` or ``FileReadError`` for a changelog that cannot be read,
    ///   ``GitError`` for a repository that cannot be.
    public func plan() async throws -> ChangelogUpdate {
        try await plan(release: nil)
    }

    /// Works out the update and, with `release`, the release of the unreleased section, writing
    /// nothing.
    ///
    /// - Parameter release: the version (nil for the next version by Conventional Commits, as
    ///   `notes --git --bumped-version` prints it) and the date to release the section as.
    /// - Throws: as ``plan()``, and ``ChangelogUpdateError`` for a version the file already has.
    public func plan(release: (version: String?, date: ReleaseDate)?) async throws -> ChangelogUpdate {
        let bytes = try Self.readFile(path)
        let outline = try ChangelogReader().outline(bytes: bytes, path: path)
        let style = bytes.withUnsafeBufferPointer { ChangelogStyle(bytes: $0, outline: outline) }
        let history = GitHistory(directory: repository)
        let range = try await rangeAfterNewestTaggedRelease(outline, history: history)
        let grouping = style.isKeepAChangelog ? ChangelogEntries.keepAChangelogGrouping : CommitGrouping()
        let notes = try await history.notes(GitHistoryOptions(range: range, tagPrefix: tagPrefix, grouping: grouping))
        let commits = notes.releases.first.map(ChangelogEntries.grouped) ?? []
        var placement = ChangelogPlacement(bytes: bytes, outline: outline, style: style)
        let mentions = ChangelogEntries.SectionMentions(placement.unreleasedText)
        let missing = commits.map { group in
            (title: group.title, commits: group.commits.filter { !ChangelogEntries.section(mentions, mentions: $0) })
        }.filter { !$0.commits.isEmpty }
        var released: String?
        var releaseEdits: [ChangelogInsertion] = []
        if let release {
            guard let version = release.version ?? notes.releases.first?.nextVersion ?? notes.nextVersion else {
                throw ChangelogUpdateError.noNextVersion(path: path)
            }
            let step = ChangelogRelease(version: version, date: release.date)
            do {
                if placement.hasUnreleasedSection {
                    releaseEdits = try step.edits(bytes: bytes, outline: outline, style: style)
                } else if !missing.isEmpty {
                    if outline.headings.contains(where: { $0.version?.normalized == ReleaseVersion(version)?.normalized }) {
                        throw ChangelogRelease.Failure.versionExists(version)
                    }
                    placement.newSectionHeading = step.releaseHeading(bytes: bytes, outline: outline, style: style)
                    releaseEdits = step.compareLinkEdits(bytes: bytes, outline: outline, eol: Array(style.lineEnding.utf8))
                } else {
                    throw ChangelogRelease.Failure.noUnreleasedSection
                }
            } catch ChangelogRelease.Failure.versionExists(let version) {
                throw ChangelogUpdateError.versionExists(path: path, version: version)
            } catch {
                throw ChangelogUpdateError.nothingToRelease(path: path)
            }
            released = version
        }
        for group in missing {
            placement.add(group.commits.map(ChangelogEntries.text(for:)), under: group.title)
        }
        var update = ChangelogUpdate(
            path: path, original: bytes, insertions: (placement.insertions + releaseEdits).sorted { $0.offset < $1.offset },
            added: missing.flatMap(\.commits))
        update.releasedVersion = released
        return update
    }

    /// `TAG..HEAD` for the newest release in the file whose version is a tag's, or nil (then the
    /// history's own default: the commits since the newest tag reachable from HEAD).
    func rangeAfterNewestTaggedRelease(_ outline: ChangelogOutline, history: GitHistory) async throws -> String? {
        let tags = try await history.tags(prefix: tagPrefix)
        for heading in outline.headings where !heading.isUnreleased {
            guard let version = heading.version else { continue }
            if let tag = tags.first(where: { $0.version == version }) { return "\(tag.name)..HEAD" }
        }
        return nil
    }

    /// The file's bytes, refusing what is not a regular file.
    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw FileReadError.unreadable(path: path, reason: exists ? "it cannot be read" : "no such file")
        }
        return Array(data)
    }
}

/// Why a changelog update cannot be planned.
public enum ChangelogUpdateError: Error, Equatable, Sendable, LocalizedError {
    case versionExists(path: String, version: String)
    case nothingToRelease(path: String)
    case noNextVersion(path: String)

    public var errorDescription: String? {
        switch self {
        case .versionExists(let path, let version):
            "\(path) already has a release \(version); nothing was written"
        case .nothingToRelease(path: let path):
            "\(path) has no unreleased section and git has no new commits: there is nothing to release"
        case .noNextVersion(let path):
            "no next version can be worked out for \(path) (no commits since the last tag); give --release a version"
        }
    }
}

/// What ``ChangelogUpdater/plan()`` found: the lines to insert (and, for a release, the lines to
/// replace), and the commits they add.
public struct ChangelogUpdate: Sendable {
    public let path: String
    /// The file as it was read.
    public let original: [UInt8]
    /// Where lines go or which lines are replaced (byte offsets into `original`, at line starts)
    /// and what goes there.
    public let insertions: [ChangelogInsertion]
    /// The commits the update adds, in the order they appear.
    public let added: [NotesCommit]

    /// Whether the file does not exist yet and the update creates it.
    public var creates = false

    /// The version a `--release` made of the unreleased section, nil without one.
    public var releasedVersion: String? = nil

    /// Whether the file changes.
    public var changesFile: Bool { !insertions.isEmpty }

    /// The file after the update.
    public var updated: [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(original.count + insertions.reduce(0) { $0 + $1.bytes.count })
        var copied = 0
        for insertion in insertions.sorted(by: { $0.offset < $1.offset }) {
            result += original[copied..<insertion.offset]
            result += insertion.bytes
            copied = insertion.offset + insertion.replacedCount
        }
        result += original[copied...]
        return result
    }
}

/// Bytes inserted at an offset of the original file, in place of the `replacedCount` bytes there
/// (0 for a plain insertion; whole lines otherwise).
public struct ChangelogInsertion: Sendable, Hashable {
    public let offset: Int
    public let bytes: [UInt8]
    public var replacedCount: Int = 0
}
