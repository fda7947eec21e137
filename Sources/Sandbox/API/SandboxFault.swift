/// A misbehaviour the sandbox injects into upcoming requests, so clients can be tested against failures.
public enum SandboxFault: Hashable, Sendable {
    /// Waits this long before answering (after reading the request).
    case delay(Duration)
    /// Closes the connection without answering once this many request-body bytes have arrived
    /// (a shorter body is read to its end, then dropped); nothing is stored. On the list endpoint
    /// the connection drops as soon as the request is read.
    case dropConnection(afterBodyBytes: Int)
    /// Stores the version as usual, then answers this status (e.g. 500, 502, 503) with an error body
    /// instead of 201. A request the sandbox rejects (401, 422) keeps its own answer.
    case failAfterStoring(status: Int)
    /// Answers this status (e.g. 500, 503) without storing anything; the body is still read to its end.
    case failBeforeStoring(status: Int)
}

/// The endpoints a fault can be aimed at.
public enum SandboxEndpoint: Hashable, Sendable, CaseIterable {
    /// `POST /api/2/apps/{id}/app_versions/upload`.
    case upload
    /// `GET /api/2/apps/{id}/app_versions`.
    case listVersions
}
