import Foundation

/// What a successful upload produced.
public struct UploadResult: Sendable, Hashable {
    /// The version the server created.
    public var version: AppVersion
    /// The server's answer as JSON: the 201 body, or the listed version when the upload was confirmed
    /// by listing the app's versions after an ambiguous failure.
    public var responseJSON: Data
    /// How many upload attempts were made.
    public var attempts: Int
    /// Whether the version was found in the app's version list after an attempt whose outcome was
    /// unknown (a timeout or a 5xx once the whole body had been sent), instead of from a 201.
    public var confirmedByListing: Bool
    /// The HTTP status of the answer that created the version (201), or nil when the version was
    /// confirmed by listing.
    public var status: Int?

    /// Creates a result.
    public init(version: AppVersion, responseJSON: Data, attempts: Int, confirmedByListing: Bool, status: Int? = nil) {
        self.version = version
        self.responseJSON = responseJSON
        self.attempts = attempts
        self.confirmedByListing = confirmedByListing
        self.status = status
    }
}

/// What happens during an upload, for progress displays and logs.
public enum UploadEvent: Sendable, Hashable {
    /// An attempt starts sending `totalBytes` bytes.
    case started(attempt: Int, totalBytes: Int)
    /// `sentBytes` of `totalBytes` have been handed to the connection.
    case progress(sentBytes: Int, totalBytes: Int)
    /// The attempt failed in a way that is safe to retry; the next one starts after `delay`.
    case retrying(nextAttempt: Int, delay: Duration, reason: String)
    /// The attempt's outcome is unknown; the app's versions are listed to see whether it arrived.
    case checkingVersions(reason: String)
}
