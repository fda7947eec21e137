import Mustache

// Templates read the context through `child(named:)` rather than Mustache's reflection: a field is a
// switch case, not a `Mirror` built for every lookup, which matters for 50,000 commits. The names are
// the JSON keys of `--format json`. A field without a value (and an empty string or list) is
// `Absent`: false for a section, nothing for a variable. It is not nil, which would send Mustache on
// to look the name up in the enclosing release and context, so `{{date}}` in a commit is never a
// release's date, and a missing scope costs one lookup, not four.

/// A field that has no value: a null for Mustache.
struct Absent: MustacheCustomRenderable {
    static let value = Absent()
    var renderText: String { "" }
    var isNull: Bool { true }
}

private func present(_ text: String?) -> Any {
    guard let text, !text.isEmpty else { return Absent.value }
    return text
}

private func present(_ number: Int?) -> Any {
    guard let number else { return Absent.value }
    return number
}

private func present<Element>(_ list: [Element]) -> Any {
    list.isEmpty ? Absent.value : list
}

extension NotesContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "releases": return releases
        case "remote": return remote.map { $0 as Any } ?? Absent.value
        case "nextVersion": return present(nextVersion)
        case "hasReleases": return !releases.isEmpty
        default: return nil
        }
    }
}

extension NotesRemote: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "host": return host
        case "url": return url
        case "path": return path
        default: return nil
        }
    }
}

extension NotesRelease: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "version": return present(version)
        case "tag": return present(tag)
        case "title": return title
        case "date": return present(date)
        case "isUnreleased": return isUnreleased
        case "isPrerelease": return isPrerelease
        case "previousVersion": return present(previousVersion)
        case "previousTag": return present(previousTag)
        case "compareURL": return present(compareURL)
        case "tagMessage": return present(tagMessage)
        case "nextVersion": return present(nextVersion)
        case "groups": return groups
        case "breakingChanges": return present(breakingChanges)
        case "hasBreakingChanges": return !breakingChanges.isEmpty
        case "contributors": return present(contributors)
        case "commitCount": return commitCount
        case "isEmpty": return commitCount == 0
        default: return nil
        }
    }
}

extension NotesGroup: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "types": return types
        case "commits": return commits
        case CommitLineTemplate.renderedCommitsName:
            // Without the last line's newline: the template line that prints these ends with one.
            var lines = commits.map { $0.renderedLine ?? "" }.joined()
            if lines.hasSuffix("\n") { lines.removeLast() }
            return lines
        default: return nil
        }
    }
}

extension NotesPerson: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "email": return email
        default: return nil
        }
    }
}

extension NotesCommit: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "shortId": return shortId
        case "subject": return subject
        case "description": return description
        case "body": return present(body)
        case "type": return present(type)
        case "scope": return present(scope)
        case "isBreaking": return isBreaking
        case "breakingDescription": return present(breakingDescription)
        case "isMerge": return isMerge
        case "pullRequest": return present(pullRequest)
        case "issues": return present(issues)
        case "author": return author
        case "coAuthors": return present(coAuthors)
        case "authors": return authors
        case "date": return present(date)
        case "links": return links
        default: return nil
        }
    }
}

extension NotesCommitLinks: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "commit": return present(commit)
        case "pullRequest": return present(pullRequest)
        case "issues": return present(issues)
        default: return nil
        }
    }
}
