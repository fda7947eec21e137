import Foundation

/// What can go wrong running the sandbox itself (not the errors it answers to clients).
public enum SandboxError: Error, Equatable, Sendable, LocalizedError {
    /// The config file exists but can't be read or decoded.
    case invalidConfiguration(path: String, reason: String)
    /// The server could not bind its address.
    case bindFailed(host: String, port: Int, reason: String)
    /// A file or folder under the data directory could not be written.
    case storageFailed(path: String, reason: String)
    /// `start()` was called on a server that is already running.
    case alreadyRunning(baseURL: String)

    public var errorDescription: String? {
        switch self {
        case .invalidConfiguration(let path, let reason):
            "The sandbox configuration \(path) is invalid: \(reason)."
        case .bindFailed(let host, let port, let reason):
            "The sandbox could not listen on \(host):\(port): \(reason)."
        case .storageFailed(let path, let reason):
            "The sandbox could not write \(path): \(reason)."
        case .alreadyRunning(let baseURL):
            "The sandbox is already running at \(baseURL)."
        }
    }
}
