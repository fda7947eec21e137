import Foundation

/// What the command line reports when its output cannot be written or a conversion is not supported
/// (unreadable input is a `FileReadError`).
enum CLIError: Error, Equatable, Sendable, LocalizedError {
    case unsupportedConversion(from: String, to: String)
    case unwritable(path: String, reason: String)
    /// A setting neither a flag nor the project config gives; the text says which flag gives it.
    case missingSetting(String)
    /// A local server could not listen on the address.
    case cannotListen(address: String, reason: String)
    /// `shipnotes changelog` on a changelog that does not exist, without `--all-releases`.
    case missingChangelog(path: String)

    var errorDescription: String? {
        switch self {
        case let .unwritable(path, reason):
            return "\(path) could not be written: \(reason)."
        case let .missingSetting(text):
            return text
        case let .cannotListen(address, reason):
            return "cannot listen on \(address): \(reason)."
        case let .missingChangelog(path):
            return "\(path) does not exist; shipnotes changelog --all-releases creates it from the whole history."
        case let .unsupportedConversion(from, to):
            return "shipnotes cannot convert \(from) to \(to)."
        }
    }
}
