import Foundation

/// Splits the commits of one `git log` pass into releases and builds the notes context.
///
/// Releases are found by reachability, never by date: with `allReleases`, tags are taken oldest
/// version first and each claims every commit it contains that no older tag contains. One walk of
/// the parent graph does it, since a commit's ancestors are contained by every tag that contains it:
/// a walk stops at a commit already claimed.
struct ReleaseAssembler: Sendable {
    /// The commits of the log, newest first, as they were read.
    let read: [ReadCommit]
    /// Where each commit is, and its parents.
    let index: CommitIndex
    /// Tags whose version counts, oldest version first.
    let tags: [GitTag]
    let options: GitHistoryOptions
    let remote: GitRemote?
    /// The first commit of each first-parent chain (the range's positive revisions).
    let tips: [String]
    /// The commits `--path` keeps, when it is given.
    let pathCommits: Set<String>?
    /// For one release: the tag it is (its version and date) and the one before it.
    let singleRelease: (tag: GitTag?, previous: GitTag?)
    /// The commits section body the commits' lines were rendered from, if they were.
    let renderedCommitBody: String?

    func context() -> NotesContext {
        // With every release, a release is a tag on a listed commit; of tags on one commit (a
        // release candidate promoted as it is), the highest version is the release.
        var tags = self.tags
        if options.allReleases {
            var highest: [String: Int] = [:]
            for (position, tag) in tags.enumerated() where index[tag.commit] != nil { highest[tag.commit] = position }
            tags = tags.enumerated().filter { highest[$0.element.commit] == $0.offset }.map(\.element)
        }

        // release[i]: the position in `tags` of the release commit i belongs to; tags.count = unreleased.
        var release = [Int](repeating: -1, count: read.count)
        if options.allReleases {
            var stack: [Int] = []
            for (tagPosition, tag) in tags.enumerated() {
                guard let start = index[tag.commit], release[start] < 0 else { continue }
                release[start] = tagPosition
                stack.append(start)
                while let current = stack.popLast() {
                    for next in index.parents[current] where next >= 0 {
                        if release[next] < 0 {
                            release[next] = tagPosition
                            stack.append(next)
                        }
                    }
                }
            }
        }
        let unreleased = options.allReleases ? tags.count : 0
        for position in release.indices where release[position] < 0 { release[position] = unreleased }

        let shown = shownCommits()
        var members = [[Int]](repeating: [], count: (options.allReleases ? tags.count : 0) + 1)
        for position in read.indices { members[release[position]].append(position) }

        // Each release is read on its own: all at once, on every core.
        var work: [(positions: [Int], tag: GitTag?, previous: GitTag?)] = []
        for slot in stride(from: members.count - 1, through: 0, by: -1) where !members[slot].isEmpty || !options.allReleases {
            let kept = cancelReverts(members[slot]).filter { shown[$0] }
            if options.allReleases {
                work.append((kept, slot < tags.count ? tags[slot] : nil, slot > 0 ? tags[slot - 1] : nil))
            } else {
                work.append((kept, singleRelease.tag, singleRelease.previous))
            }
        }
        let jobs = work
        let built = ParallelSlots<NotesRelease?>(count: jobs.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { job in
            built.store(buildRelease(jobs[job].positions, tag: jobs[job].tag, previous: jobs[job].previous), at: job)
        }
        var releases: [NotesRelease] = []
        var nextVersion: String?
        for case let release? in built.values {
            if release.isUnreleased, release.commitCount > 0 { nextVersion = release.nextVersion }
            if options.allReleases && release.isUnreleased && release.commitCount == 0 { continue }
            releases.append(release)
        }
        var context = NotesContext(releases: releases, remote: remote.map {
            NotesRemote(host: $0.host.rawValue, url: $0.webURL, path: $0.path)
        }, nextVersion: nextVersion)
        context.renderedCommitBody = renderedCommitBody
        return context
    }

    /// Which commits the merge mode and `--path` keep.
    private func shownCommits() -> [Bool] {
        var shown = [Bool](repeating: true, count: read.count)
        switch options.merges {
        case .include: break
        case .exclude: for (position, commit) in read.enumerated() where commit.notes.isMerge { shown[position] = false }
        case .only: for (position, commit) in read.enumerated() where !commit.notes.isMerge { shown[position] = false }
        case .firstParent:
            var chain = [Bool](repeating: false, count: read.count)
            for tip in tips {
                var current = index[tip]
                while let position = current, !chain[position] {
                    chain[position] = true
                    current = index.parents[position].first.flatMap { $0 >= 0 ? $0 : nil }
                }
            }
            shown = chain
        }
        if let pathCommits {
            for (position, commit) in read.enumerated() where shown[position] && !pathCommits.contains(commit.notes.id) {
                shown[position] = false
            }
        }
        return shown
    }

    /// Drops each `Revert "…"` commit together with the commit it reverts when both are in the
    /// release. Newest first, so that a revert of a revert cancels the first revert and the
    /// original change stays.
    private func cancelReverts(_ positions: [Int]) -> [Int] {
        var reverted: [Int: String] = [:]
        for position in positions {
            if let id = read[position].reverts { reverted[position] = id }
        }
        guard !reverted.isEmpty else { return positions }
        let members = Set(positions)
        var dropped = Set<Int>()
        for position in positions.sorted() where !dropped.contains(position) {
            guard let id = reverted[position] else { continue }
            let target: Int?
            if id.count == 40 || id.count == 64 {
                target = index[id].flatMap { members.contains($0) ? $0 : nil }
            } else {
                target = positions.first { read[$0].notes.id.hasPrefix(id) }
            }
            if let target, target != position, !dropped.contains(target) {
                dropped.insert(position)
                dropped.insert(target)
            }
        }
        return positions.filter { !dropped.contains($0) }
    }

    private func buildRelease(_ positions: [Int], tag: GitTag?, previous: GitTag?) -> NotesRelease {
        let grouping = options.grouping
        var grouped = [[NotesCommit]](repeating: [], count: grouping.groups.count + 1)
        var breaking: [NotesCommit] = []
        var contributors: [NotesPerson] = []
        var seenPeople = Set<String>()
        var hasFeature = false
        var count = 0
        for position in positions {
            if !read[position].isConventionalOrRevert && !grouping.keepsNonConventional { continue }
            let notes = read[position].notes
            var group = grouping.groupIndex(forType: notes.type)
            // Other commits join a group of the same title (Keep a Changelog's `*=Changed`).
            if group == grouping.groups.count, let same = grouping.groups.firstIndex(where: { $0.title == grouping.otherTitle }) {
                group = same
            }
            // An empty title for the other commits leaves them out.
            if group == grouping.groups.count && grouping.otherTitle.isEmpty { continue }
            count += 1
            if notes.isBreaking { breaking.append(notes) }
            if notes.type == "feat" || notes.type == "feature" { hasFeature = true }
            for (person, key) in zip(notes.authors, read[position].contributorKeys) where seenPeople.insert(key).inserted {
                contributors.append(person)
            }
            grouped[group].append(notes)
        }
        var groups: [NotesGroup] = []
        for (position, commits) in grouped.enumerated() where !commits.isEmpty {
            if position < grouping.groups.count {
                groups.append(NotesGroup(title: grouping.groups[position].title, types: grouping.groups[position].types, commits: commits))
            } else {
                groups.append(NotesGroup(title: grouping.otherTitle, types: [], commits: commits))
            }
        }
        let head = tag?.name ?? "HEAD"
        return NotesRelease(
            version: tag?.version?.normalized, tag: tag?.name, title: tag?.version?.normalized ?? "Unreleased",
            date: tag?.day, isUnreleased: tag == nil, isPrerelease: tag?.version?.isPrerelease ?? false,
            previousVersion: previous?.version?.normalized, previousTag: previous?.name,
            compareURL: previous.flatMap { previous in remote?.compareURL(from: previous.name, to: head) },
            tagMessage: tag.flatMap { $0.isAnnotated && !$0.message.isEmpty ? $0.message : nil },
            nextVersion: tag == nil ? VersionBump.next(after: previous?.version, breaking: !breaking.isEmpty, feature: hasFeature) : nil,
            groups: groups, breakingChanges: breaking, contributors: contributors, commitCount: count)
    }
}
