import Foundation

/// What the command line reports when its input cannot be used.
enum CLIError: Error, Equatable, Sendable, LocalizedError {
    case fileNotFound(path: String)
    case isDirectory(path: String)
    case unreadable(path: String, reason: String)
    case unsupportedConversion(from: String, to: String)
    case unwritable(path: String, reason: String)

    var errorDescription: String? {
        switch self {
        case let .fileNotFound(path):
            return "\(path): no such file."
        case let .isDirectory(path):
            return "\(path) is a directory, not a file."
        case let .unreadable(path, reason):
            return "\(path) could not be read: \(reason)."
        case let .unwritable(path, reason):
            return "\(path) could not be written: \(reason)."
        case let .unsupportedConversion(from, to):
            return "shipnotes cannot convert \(from) to \(to)."
        }
    }
}
