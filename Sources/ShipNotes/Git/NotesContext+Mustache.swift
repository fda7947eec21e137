import Mustache

// Templates read the context through `child(named:)` rather than Mustache's reflection: a field is a
// switch case, not a `Mirror` built for every lookup, which matters for 50,000 commits. The names are
// the JSON keys of `--format json`. An empty string or list is nil, so that `{{#body}}…{{/body}}`
// is skipped for a commit without one.

private func present(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
}

extension NotesContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "releases": return releases
        case "remote": return remote
        case "nextVersion": return nextVersion
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
        case "version": return version
        case "tag": return tag
        case "title": return title
        case "date": return date
        case "isUnreleased": return isUnreleased
        case "isPrerelease": return isPrerelease
        case "previousVersion": return previousVersion
        case "previousTag": return previousTag
        case "compareURL": return compareURL
        case "tagMessage": return present(tagMessage)
        case "nextVersion": return nextVersion
        case "groups": return groups
        case "breakingChanges": return breakingChanges
        case "hasBreakingChanges": return !breakingChanges.isEmpty
        case "contributors": return contributors
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
        default: return nil
        }
    }
}

extension NotesPerson: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": return name
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
        case "type": return type
        case "scope": return scope
        case "isBreaking": return isBreaking
        case "breakingDescription": return breakingDescription
        case "isMerge": return isMerge
        case "pullRequest": return pullRequest
        case "issues": return issues.isEmpty ? nil : issues
        case "author": return author
        case "coAuthors": return coAuthors.isEmpty ? nil : coAuthors
        case "authors": return authors
        case "date": return date
        case "links": return links
        default: return nil
        }
    }
}

extension NotesCommitLinks: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "commit": return commit
        case "pullRequest": return pullRequest
        case "issues": return issues.isEmpty ? nil : issues
        default: return nil
        }
    }
}
