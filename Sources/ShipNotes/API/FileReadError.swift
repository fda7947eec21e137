import Foundation

/// Why a file could not be read: one sentence naming it, as the command line prints it.
public enum FileReadError: Error, Equatable, Sendable, LocalizedError {
    case fileNotFound(path: String)
    case isDirectory(path: String)
    /// `reason` is the system's, such as "permission denied".
    case unreadable(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .fileNotFound(path):
            return "\(path): no such file."
        case let .isDirectory(path):
            return "\(path) is a directory, not a file."
        case let .unreadable(path, reason):
            return "\(path) could not be read: \(reason)."
        }
    }
}
