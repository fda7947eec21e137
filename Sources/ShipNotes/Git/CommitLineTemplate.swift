import Mustache

/// The `{{#commits}} … {{/commits}}` sections of a release body, cut out so that each commit's
/// part of the notes is rendered once, as the commit is read from `git log`, rather than inside the
/// release render after the whole log is in. With 50,000 commits the lines are most of the work,
/// and while git writes its log one core is otherwise idle.
///
/// A commit's part is the same wherever the commit is listed when every name in the section's
/// body is one the commit answers (its fields, `links.commit`, …) or one that no enclosing group,
/// release or context answers (`name` inside `{{#authors}}`): Mustache then finds each name in the
/// commit or in what the commit holds, never further out. A body that reads an enclosing name (a
/// group's `{{title}}`), its place in the list (`first()`, any transform), a partial or another
/// delimiter is not cut, and the release body is rendered whole.
struct CommitLineTemplate: Sendable {
    /// The text of the commits sections' body (the same in each), which names the lines a context
    /// holds: lines rendered from another body are not used.
    let body: String
    /// The body parsed, rendered with one commit as the whole stack.
    private let line: MustacheTemplate
    /// The body compiled to steps that read the commit directly, when it is simple enough.
    let program: CommitLineProgram?
    /// The release body with each commits section replaced by its group's rendered lines.
    let releaseTemplate: MustacheTemplate

    /// The name under which a group gives its commits' rendered lines, joined. No field of the
    /// context has it, and `--format json` does not print it.
    static let renderedCommitsName = "_shipnotesRenderedCommits"

    /// - Returns: nil when the release body has no commits section, or one that cannot be cut.
    ///
    /// A section is cut only where the cut keeps every other line as Mustache sees it: the section
    /// sits directly in `{{#groups}}` (so it always has commits), its opening and closing tags are
    /// each alone on their lines, and its body's last line always prints its newline (it holds text
    /// or a value). The lines `{{#commits}}` … `{{/commits}}` then become one line of their own,
    /// `{{&_shipnotesRenderedCommits}}`, which prints the commits' lines without the last newline,
    /// the line's own newline standing for it.
    init?(releaseBody text: Substring, prefix: String) {
        var released = ""
        var body: Substring?
        var rest = text
        while let open = rest.firstRange(of: "{{#commits}}") {
            guard let close = rest[open.upperBound...].firstRange(of: "{{/commits}}"),
                  Self.enclosingSection(in: text[..<open.lowerBound]) == "groups" else { return nil }
            let inner = rest[open.upperBound..<close.lowerBound]
            let (before, bodyStart) = ReleaseLoopTemplate.cutStandalone(before: rest[..<open.lowerBound], tagEnd: open.upperBound, in: rest)
            let (sectionBody, after) = ReleaseLoopTemplate.cutStandalone(before: rest[bodyStart..<close.lowerBound], tagEnd: close.upperBound, in: rest)
            guard bodyStart != open.upperBound, after != close.upperBound, Self.alwaysEndsWithNewline(sectionBody),
                  Self.readsOnlyTheCommit(inner), body == nil || body == sectionBody else { return nil }
            body = sectionBody
            released += before + "{{&\(Self.renderedCommitsName)}}\n"
            rest = rest[after...]
        }
        guard let body else { return nil }
        released += rest
        guard let line = try? MustacheTemplate(string: prefix + body),
              let releaseTemplate = try? MustacheTemplate(string: prefix + released) else { return nil }
        self.body = String(body)
        self.line = line
        program = CommitLineProgram(body: body)
        self.releaseTemplate = releaseTemplate
    }

    /// The commit's part of the notes.
    func render(_ commit: NotesCommit) -> String {
        program?.render(commit) ?? line.render(commit)
    }

    /// The name of the innermost section left open at the end of `text`.
    static func enclosingSection(in text: Substring) -> Substring? {
        var open: [Substring] = []
        for tag in MustacheTag.tags(in: text) ?? [] {
            if tag.kind == "#" || tag.kind == "^" { open.append(tag.name) }
            if tag.kind == "/" { _ = open.popLast() }
        }
        return open.last
    }

    /// Whether the body ends with a newline that Mustache always prints: its last line holds
    /// text or a value, so it is never a tag alone on its line.
    static func alwaysEndsWithNewline(_ body: Substring) -> Bool {
        guard body.hasSuffix("\n") else { return false }
        let content = body.dropLast()
        let lastLine = content[(content.lastIndex(of: "\n").map { content.index(after: $0) } ?? content.startIndex)...]
        guard let tags = MustacheTag.tags(in: lastLine) else { return false }
        return tags.contains(where: \.isValue) || MustacheTag.hasText(lastLine, outside: tags)
    }

    /// Whether every tag of `body` is a section, variable or comment whose name leads to the same
    /// value with the commit alone on the stack as inside its group, release and context.
    static func readsOnlyTheCommit(_ body: Substring) -> Bool {
        guard ReleaseLoopTemplate.depthChange(body) == 0, let tags = MustacheTag.tags(in: body) else { return false }
        for tag in tags where tag.kind != "!" {
            guard tag.kind.map({ "#^/&{".contains($0) }) ?? true, !tag.name.contains("(") else { return false }
            if tag.name == "." || tag.name.hasPrefix(".") { continue }
            let first = String(tag.name.prefix { $0 != "." })
            if NotesCommit.mustacheProbe.child(named: first) != nil { continue }
            if NotesGroup.mustacheProbe.child(named: first) != nil || NotesRelease.mustacheProbe.child(named: first) != nil
                || NotesContext.mustacheProbe.child(named: first) != nil {
                return false
            }
        }
        return true
    }
}

extension NotesCommit {
    /// A commit with no values, to ask which names a commit answers.
    static let mustacheProbe = NotesCommit(
        id: "", shortId: "", subject: "", description: "", body: "", type: nil, scope: nil, isBreaking: false,
        breakingDescription: nil, isMerge: false, pullRequest: nil, issues: [], author: NotesPerson(name: "", email: ""),
        coAuthors: [], authors: [], date: "", links: NotesCommitLinks(commit: nil, pullRequest: nil, issues: []))
}

extension NotesGroup {
    static let mustacheProbe = NotesGroup(title: "", types: [], commits: [])
}

extension NotesRelease {
    static let mustacheProbe = NotesRelease(
        version: nil, tag: nil, title: "", date: nil, isUnreleased: true, isPrerelease: false, previousVersion: nil,
        previousTag: nil, compareURL: nil, tagMessage: nil, nextVersion: nil, groups: [], breakingChanges: [],
        contributors: [], commitCount: 0)
}

extension NotesContext {
    static let mustacheProbe = NotesContext(releases: [], remote: nil, nextVersion: nil)
}
