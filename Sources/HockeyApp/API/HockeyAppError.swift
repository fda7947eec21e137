import Foundation

/// Everything that can go wrong between a build on disk and a version on the server, each case
/// reading as one sentence with the context a user needs (a path, an HTTP status, the server's words).
public enum HockeyAppError: Error, Equatable, Sendable, LocalizedError {
    /// A build file does not exist.
    case buildFileMissing(path: String)
    /// A build file exists but cannot be read (permissions, a folder, an I/O error).
    case buildFileUnreadable(path: String, reason: String)
    /// A build file is not the kind of file the API expects (not an .ipa, no Info.plist, …).
    case invalidBuild(path: String, reason: String)
    /// The upload request itself is invalid (no build file, an invalid option value, a bad base URL).
    case invalidRequest(String)
    /// No API token was found, or the token file cannot be used.
    case missingToken(String)
    /// 401: the server does not know the token.
    case tokenRejected(status: Int)
    /// 403: the token is valid but may not do this.
    case forbidden(status: Int, message: String)
    /// The app id is unknown to the server.
    case appNotFound(status: Int)
    /// A version with this bundle version already exists.
    case versionExists(status: Int)
    /// Any other 4xx: the server refused the request and said why.
    case rejected(status: Int, message: String)
    /// A 5xx that the client could not resolve by looking at the app's versions.
    case serverFailed(status: Int, message: String)
    /// A 2xx whose body is not what the API promises.
    case unexpectedResponse(status: Int, reason: String)
    /// Nothing reached the server, even after retrying.
    case unreachable(host: String, reason: String, attempts: Int)
    /// The request may or may not have been stored, and the version list could not settle it.
    case outcomeUnknown(reason: String)
    /// The server answered with a redirect the client does not follow: any redirect of an upload
    /// (following one would re-send the build, or turn the POST into a GET), and a redirect of the
    /// version list to another server (which would receive the token). `upload` says which request.
    case redirected(status: Int, location: String, upload: Bool)
    /// The caller cancelled the operation.
    case cancelled

    public var errorDescription: String? {
        switch self {
        case .buildFileMissing(let path):
            return "the build file \(path) does not exist"
        case .buildFileUnreadable(let path, let reason):
            return "the build file \(path) cannot be read: \(reason)"
        case .invalidBuild(let path, let reason):
            return "\(path) is not a valid build: \(reason)"
        case .invalidRequest(let message), .missingToken(let message):
            return message
        case .tokenRejected(let status):
            return "the token was rejected (\(status)): user not found or token invalid"
        case .forbidden(let status, let message):
            return "the token may not do this (\(status)): \(message)"
        case .appNotFound(let status):
            return "app not found (\(status))"
        case .versionExists(let status):
            return "this bundle version already exists (\(status))"
        case .rejected(let status, let message):
            return "the server rejected the upload (\(status)): \(message)"
        case .serverFailed(let status, let message):
            return "the server failed (\(status)): \(message)"
        case .unexpectedResponse(let status, let reason):
            return "the server answered \(status) but \(reason)"
        case .unreachable(let host, let reason, let attempts):
            let tries = attempts == 1 ? "" : " (\(attempts) attempts)"
            return "could not reach \(host): \(reason)\(tries)"
        case .outcomeUnknown(let reason):
            return "the upload may or may not have arrived: \(reason)"
        case .redirected(let status, let location, let upload):
            let advice = "if that is the right server, use \(Self.baseURL(of: location)) as --base-url"
            if upload {
                return "the server redirected the upload (\(status)) to \(location); shipnotes does not follow redirects "
                    + "for uploads — \(advice)"
            }
            return "the server redirected the version list (\(status)) to \(location); shipnotes does not send the "
                + "token to another server — \(advice)"
        case .cancelled:
            return "the operation was cancelled"
        }
    }

    /// The base URL a redirect target stands for: what precedes `/api/2/` in its path, else its origin.
    static func baseURL(of location: String) -> String {
        guard let components = URLComponents(string: location), let scheme = components.scheme, let host = components.host else {
            return location
        }
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        var base = "\(scheme)://\(shownHost)" + (components.port.map { ":\($0)" } ?? "")
        if let prefix = components.path.range(of: "/api/2/")?.lowerBound {
            base += components.path[..<prefix]
        }
        return base
    }

    /// The error for a file that cannot be opened, telling a missing file from an unreadable one.
    static func unreadable(path: String, error: any Error) -> HockeyAppError {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .buildFileMissing(path: path)
        }
        if isDirectory.boolValue {
            return .buildFileUnreadable(path: path, reason: "it is a folder, not a file")
        }
        if !FileManager.default.isReadableFile(atPath: path) {
            return .buildFileUnreadable(path: path, reason: "permission denied")
        }
        let nsError = error as NSError
        let reason = nsError.localizedFailureReason ?? nsError.localizedDescription
        return .buildFileUnreadable(path: path, reason: reason)
    }
}
