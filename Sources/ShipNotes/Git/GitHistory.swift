import Foundation

/// Release notes from a repository's history, read with the `git` command-line tool.
///
/// One `git log` pass lists the commits of the range with their parents, authors, trailers and
/// messages; `git for-each-ref` lists the tags. Releases, groups, reverts and links are then worked
/// out in process, so the cost is git's own listing plus a linear pass.
public struct GitHistory: Sendable {
    /// The repository's folder (or any folder inside its work tree).
    public let directory: String

    public init(directory: String = ".") {
        self.directory = directory
    }

    private var git: GitCommand { GitCommand(directory: directory) }

    /// Keys that git's trailer parser is told are trailers, so that a footer block holding one of
    /// them is read as trailers even when it also holds a line git does not know.
    private static let trailerKeys = ["Co-authored-by", "BREAKING-CHANGE", "Refs", "Closes", "Fixes", "Resolves", "Reviewed-by"]
    private static var trailerConfiguration: [String] {
        trailerKeys.enumerated().flatMap { ["-c", "trailer.shipnotes\($0.offset).key=\($0.element)"] }
    }

    /// Reads the commits and tags `options` asks for and assembles them into releases.
    public func notes(_ options: GitHistoryOptions = GitHistoryOptions()) async throws -> NotesContext {
        // The checks, the tags and the remote are independent: three git processes at once.
        async let resolved = resolve(options.range)
        async let tagList = tags(prefix: options.tagPrefix)
        // The remote comes before the log, which makes commit links as it reads commits. The log
        // of every release or of a given range needs no tag, so it starts now, beside the listing.
        let reader = CommitReader(remote: await remoteURL().flatMap(GitRemote.init(url:)), lines: options.template?.commitLines)
        let fixedRevisions = options.range.map { [$0] } ?? (options.allReleases ? ["HEAD"] : nil)
        async let fixedLog = logIfKnown(revisions: fixedRevisions, reader: reader)
        let revisions = try await resolved
        var tags = try await tagList
        if options.foldsPrereleases { tags.removeAll { $0.version?.isPrerelease ?? false } }
        tags.sort { ($0.version!, $0.name) < ($1.version!, $1.name) }

        // The log's revisions: the range as given, or the commits since the newest tag in HEAD.
        var logRevisions: [String]
        var single: (tag: GitTag?, previous: GitTag?) = (nil, nil)
        var commits: Log?
        if let fixedRevisions {
            logRevisions = fixedRevisions
            if let range = options.range, !options.allReleases { single = singleRelease(range: range, revisions: revisions, tags: tags) }
            commits = try await fixedLog
        } else {
            let (base, listed) = try await commitsSinceNewestTag(tags, reader: reader)
            single = (nil, base)
            logRevisions = base.map { ["\($0.commit)..HEAD"] } ?? ["HEAD"]
            commits = listed
        }

        async let pathCommits = self.pathCommits(revisions: logRevisions, paths: options.paths)
        let listed: Log
        if let commits { listed = commits } else { listed = try await log(revisions: logRevisions, reader: reader) }
        let assembler = ReleaseAssembler(
            read: listed.read, index: listed.index, tags: tags, options: options, remote: reader.remote,
            tips: revisions.positive, pathCommits: try await pathCommits, singleRelease: single,
            renderedCommitBody: reader.lines?.body)
        return assembler.context()
    }

    /// The newest version tag in HEAD's history and the commits after it (nil when the log is
    /// still to be read). Tags are tried highest version first, each with
    /// `git merge-base --is-ancestor`, which walks only the history between HEAD and the tag; the
    /// log after the highest tag is read while that check runs, since it is nearly always the one.
    private func commitsSinceNewestTag(_ tags: [GitTag], reader: CommitReader) async throws -> (GitTag?, Log?) {
        for (position, candidate) in tags.reversed().enumerated() {
            if position == 0 {
                async let speculative = log(revisions: ["\(candidate.commit)..HEAD"], reader: reader)
                if try await isAncestor(candidate.commit, of: "HEAD") { return (candidate, try await speculative) }
                _ = try? await speculative
            } else if try await isAncestor(candidate.commit, of: "HEAD") {
                return (candidate, nil)
            }
        }
        return (nil, nil)
    }

    /// Whether `commit` is in `revision`'s history.
    private func isAncestor(_ commit: String, of revision: String) async throws -> Bool {
        let output = try await git.collect(["merge-base", "--is-ancestor", commit, revision])
        switch output.status {
        case 0: return true
        case 1: return false
        default: throw failure("git merge-base", output.standardError)
        }
    }

    /// The URL of `origin` as the repository's configuration writes it, or nil when there is none.
    ///
    /// Read with `git config` rather than `git remote get-url`: get-url applies `url.*.insteadOf`
    /// rewrites, which point fetches at mirrors and local copies, and the links must go to the
    /// hosted repository itself.
    public func remoteURL() async -> String? {
        guard let output = try? await git.collect(["config", "--get", "remote.origin.url"]), output.status == 0 else { return nil }
        let url = String(decoding: output.standardOutput, as: UTF8.self).trimmingSpaces
        return url.isEmpty ? nil : url
    }

    /// The repository's tags that point at commits and whose names hold a version after `prefix`.
    ///
    /// - Throws: `GitError.tagPrefixMatchesNothing` when a prefix is given and no tag has it.
    public func tags(prefix: String?) async throws -> [GitTag] {
        let output = try await git.collect(["for-each-ref", "--format=\(TagListParser.format)", "refs/tags"])
        guard output.status == 0 else { throw failure("git for-each-ref", output.standardError) }
        let all = TagListParser.parse(output.standardOutput, prefix: prefix)
        let versioned = all.filter { $0.version != nil }
        if let prefix, versioned.isEmpty {
            throw GitError.tagPrefixMatchesNothing(prefix: prefix, examples: Array(all.map(\.name).sorted().prefix(5)))
        }
        return versioned
    }

    /// The commits of a range, newest first, and what each says.
    struct Log: Sendable {
        var read: [ReadCommit]
        var index: CommitIndex
    }

    /// The log of `revisions`, or nil when there are none to read yet.
    private func logIfKnown(revisions: [String]?, reader: CommitReader) async throws -> Log? {
        guard let revisions else { return nil }
        return try await log(revisions: revisions, reader: reader)
    }

    /// Lists the commits of `revisions` in one streamed `git log -z` pass, newest first, each
    /// read by `reader` as soon as its record is in.
    func log(revisions: [String], reader: CommitReader) async throws -> Log {
        var parser = GitLogParser()
        var read: [ReadCommit] = []
        var index = CommitIndex()
        let arguments = Self.trailerConfiguration + ["log", "-z", "--no-color", "--no-show-signature",
                                                     "--format=\(GitLogParser.format)"] + revisions + ["--"]
        let (status, standardError) = try await git.stream(arguments) { chunk in
            try parser.consume(chunk)
            // Each commit is read and let go at once: what the notes need of it is in `read`.
            for commit in parser.takeCommits() {
                index.add(commit.id, parents: commit.parents)
                read.append(reader.read(commit))
            }
        }
        guard status == 0 else { throw failure("git log", standardError) }
        try parser.finish()
        return Log(read: read, index: index)
    }

    /// The positive and negative commits of a range, after checking that the folder is a complete
    /// repository and that every revision exists.
    private func resolve(_ range: String?) async throws -> (positive: [String], negative: [String]) {
        let output = try await git.collect(["rev-parse", "--is-shallow-repository", "--absolute-git-dir", range ?? "HEAD", "--"])
        let lines = String(decoding: output.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init)
        guard output.status == 0 else {
            let message = output.standardError
            if message.contains("not a git repository") || message.contains("cannot change to") {
                throw GitError.notARepository(path: displayPath)
            }
            if message.contains("bad revision") || message.contains("unknown revision") {
                if range == nil, lines.count >= 2 { throw GitError.noCommits(path: displayPath) }
                throw GitError.unknownRevision(await unknownSide(of: Self.quoted(in: message) ?? range ?? "HEAD"))
            }
            throw failure("git rev-parse", message)
        }
        if lines.first == "true" { throw GitError.shallowClone(path: displayPath) }
        let revisions = lines.dropFirst(2).filter { $0 != "--" }
        var positive = revisions.filter { !$0.hasPrefix("^") }
        let negative = revisions.filter { $0.hasPrefix("^") }.map { String($0.dropFirst()) }
        // An annotated tag resolves to the tag object; the first-parent walk starts at its commit.
        if range != nil {
            let peeled = try await git.collect(["rev-parse"] + positive.map { $0 + "^{commit}" })
            if peeled.status == 0 {
                positive = String(decoding: peeled.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init)
            }
        }
        return (positive, negative)
    }

    /// The folder as an absolute path, for messages (`.` says little).
    private var displayPath: String { URL(fileURLWithPath: directory).standardizedFileURL.path }

    /// For `A..B` or `A...B` that git refused as a whole: the side that names nothing.
    private func unknownSide(of range: String) async -> String {
        let sides = range.components(separatedBy: range.contains("...") ? "..." : "..").filter { !$0.isEmpty }
        guard sides.count > 1 else { return range }
        for side in sides {
            let check = try? await git.collect(["rev-parse", "--verify", "--quiet", side + "^{commit}"])
            if check?.status != 0 { return side }
        }
        return range
    }

    /// For `--path`: the commits of the range that touch the paths, by git's own pathspec rules.
    private func pathCommits(revisions: [String], paths: [String]) async throws -> Set<String>? {
        guard !paths.isEmpty else { return nil }
        let output = try await git.collect(["log", "--format=%H"] + revisions + ["--"] + paths)
        guard output.status == 0 else { throw failure("git log -- \(paths.joined(separator: " "))", output.standardError) }
        return Set(String(decoding: output.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    /// An explicit range makes one release: its end's tag when the end is one, after the start's.
    private func singleRelease(range: String, revisions: (positive: [String], negative: [String]), tags: [GitTag])
        -> (tag: GitTag?, previous: GitTag?)
    {
        let parts = range.components(separatedBy: "..")
        let end = parts.count > 1 ? parts.last! : range
        let start = parts.count > 1 ? parts.first! : nil
        func tag(named name: String?, commit: String?) -> GitTag? {
            if let name, let tag = tags.last(where: { $0.name == name }) { return tag }
            guard let commit else { return nil }
            return tags.last { $0.commit == commit }
        }
        let endTag = end.isEmpty || end == "HEAD" ? nil : tag(named: end, commit: revisions.positive.first)
        let startTag = start.flatMap { tag(named: $0, commit: revisions.negative.first) }
        return (endTag, startTag)
    }

    private func failure(_ command: String, _ standardError: String) -> GitError {
        let message = standardError.split(separator: "\n").first.map { $0.trimmingSpaces } ?? ""
        let text = message.hasPrefix("fatal: ") ? String(message.dropFirst(7)) : message
        return .commandFailed(command: command, message: text.isEmpty ? "no message" : text)
    }

    private static func quoted(in message: String) -> String? {
        guard let open = message.firstIndex(of: "'"), let close = message[message.index(after: open)...].firstIndex(of: "'") else { return nil }
        return String(message[message.index(after: open)..<close])
    }
}

/// What `GitHistory.notes` reads.
public struct GitHistoryOptions: Sendable {
    /// `A..B`, `B`, or nil for the commits since the newest version tag in HEAD's history.
    public var range: String?
    /// Every commit under the release of the oldest tag that contains it.
    public var allReleases: Bool
    /// Only tags starting with this count, their versions read after it (`app/v`, `app-v`).
    public var tagPrefix: String?
    /// Only commits touching these paths (git pathspecs).
    public var paths: [String]
    /// Pre-release tags do not make releases; their commits go to the next final release.
    public var foldsPrereleases: Bool
    public var merges: MergeMode
    public var grouping: CommitGrouping
    /// The template the notes are to be rendered with, when it is known: each commit's part of it
    /// is then rendered as the commit is read, while git is still listing the others.
    public var template: NotesTemplate?

    public init(range: String? = nil, allReleases: Bool = false, tagPrefix: String? = nil, paths: [String] = [],
                foldsPrereleases: Bool = false, merges: MergeMode = .include, grouping: CommitGrouping = CommitGrouping()) {
        self.range = range
        self.allReleases = allReleases
        self.tagPrefix = tagPrefix
        self.paths = paths
        self.foldsPrereleases = foldsPrereleases
        self.merges = merges
        self.grouping = grouping
    }
}

/// Which merge commits the notes list.
public enum MergeMode: String, Sendable, Codable, CaseIterable {
    /// Merge commits and the commits they merge.
    case include
    /// The commits, without the merge commits.
    case exclude
    /// The merge commits alone (one entry per merged pull request).
    case only
    /// The first-parent line: merge commits and commits made on the branch itself.
    case firstParent = "first-parent"
}
