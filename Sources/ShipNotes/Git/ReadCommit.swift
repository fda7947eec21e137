/// A commit as the notes show it, read as soon as `git log` has listed it: what its message says
/// does not depend on the release it ends up in, so the reading (and, when the template allows,
/// the rendering of its line) is done on the thread that reads git's output, while git is still
/// writing the rest.
struct ReadCommit: Sendable {
    let notes: NotesCommit
    /// A Conventional Commit or a `Revert "…"`: kept when non-conventional commits are dropped.
    let isConventionalOrRevert: Bool
    /// For a `Revert "…"` commit, the id (maybe abbreviated) of the commit it reverts.
    let reverts: String?
    /// The authors' and co-authors' emails in lower case, which tell contributors apart.
    let contributorKeys: [String]
}

/// Reads commits into `ReadCommit`s: links to `remote` and, with `lines`, each commit's line.
struct CommitReader: Sendable {
    let remote: GitRemote?
    let lines: CommitLineTemplate?

    func read(_ commit: GitCommit) -> ReadCommit {
        let reading = CommitReading(commit)
        let author = NotesPerson(name: commit.authorName, email: commit.authorEmail)
        let type = reading.conventional?.type ?? (reading.revertedId != nil ? "revert" : nil)
        var notes = NotesCommit(
            id: commit.id, shortId: commit.shortId, subject: reading.title,
            description: reading.conventional?.description ?? reading.title, body: reading.body,
            type: type, scope: reading.conventional?.scope, isBreaking: reading.conventional?.isBreaking ?? false,
            breakingDescription: reading.conventional?.breakingDescription, isMerge: commit.isMerge,
            pullRequest: reading.pullRequest, issues: reading.issues, author: author, coAuthors: reading.coAuthors,
            authors: [author] + reading.coAuthors, date: commit.day,
            links: NotesCommitLinks(
                commit: remote?.commitURL(commit.id), pullRequest: reading.pullRequest.flatMap { remote?.pullRequestURL($0) },
                issues: remote.map { remote in reading.issues.map { remote.issueURL($0) } } ?? []))
        if let lines { notes.renderedLine = lines.render(notes) }
        return ReadCommit(
            notes: notes, isConventionalOrRevert: reading.conventional != nil || reading.revertedId != nil,
            reverts: CommitReading.isRevertSubject(commit.subject) ? reading.revertedId : nil,
            contributorKeys: notes.authors.map { $0.email.lowercased() })
    }
}
