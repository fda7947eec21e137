import Foundation

/// Why notes could not be read from git. Each case reads as one sentence a user can act on.
public enum GitError: Error, Equatable, Sendable, LocalizedError {
    /// `git` is not on PATH.
    case gitNotFound
    /// git could not be started for another reason.
    case launchFailed(String)
    /// The folder is not inside a git work tree or repository.
    case notARepository(path: String)
    /// The repository has no commit yet.
    case noCommits(path: String)
    /// A revision in the range does not name a commit.
    case unknownRevision(String)
    /// The clone holds only part of the history, so releases and ranges would be wrong.
    case shallowClone(path: String)
    /// `--tag-prefix` matched no tag; `examples` lists some tags that are there.
    case tagPrefixMatchesNothing(prefix: String, examples: [String])
    /// git failed in a way not listed above.
    case commandFailed(command: String, message: String)
    /// git's output was not what the format asked for.
    case unreadableOutput(command: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .gitNotFound:
            return "git was not found on PATH; install git (apt-get install git, brew install git) to read notes from history."
        case let .launchFailed(reason):
            return "git could not be started: \(reason)."
        case let .notARepository(path):
            return "\(path) is not a git repository (or a folder inside one); pass --repo DIR."
        case let .noCommits(path):
            return "\(path): the repository has no commits yet."
        case let .unknownRevision(revision):
            return "'\(revision)' is not a revision in this repository (a tag, branch or commit id)."
        case let .shallowClone(path):
            return "\(path) is a shallow clone, so its releases cannot be told apart; fetch the whole history "
                + "with `git fetch --unshallow --tags` (GitHub Actions: `fetch-depth: 0` in actions/checkout)."
        case let .tagPrefixMatchesNothing(prefix, examples):
            let seen = examples.isEmpty ? "the repository has no tags" : "tags here include \(examples.joined(separator: ", "))"
            return "no tag starts with '\(prefix)' followed by a version; \(seen)."
        case let .commandFailed(command, message):
            return "\(command) failed: \(message)"
        case let .unreadableOutput(command, reason):
            return "\(command) printed something unexpected: \(reason)."
        }
    }
}
