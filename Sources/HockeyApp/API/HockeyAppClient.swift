import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A client of the HockeyApp API (or of anything speaking it, such as the sandbox): uploads builds
/// with their notes, and lists an app's versions.
///
/// Uploads never create a duplicate version: an attempt that cannot have reached the server complete
/// is retried with backoff; after one whose outcome is unknown (a timeout or a 5xx once the whole body
/// was sent) the app's versions are listed first, and the upload counts as done if its bundle version
/// is there.
public struct HockeyAppClient: Sendable {
    /// How long to wait.
    public struct Timeouts: Sendable, Hashable {
        /// Until the connection takes the first body byte (or a bodiless request is answered).
        public var connect: Duration
        /// For a whole attempt, body and answer included.
        public var overall: Duration

        /// Creates timeouts; the defaults suit a large build on a slow uplink.
        public init(connect: Duration = .seconds(30), overall: Duration = .seconds(3600)) {
            self.connect = connect
            self.overall = overall
        }

        /// Creates timeouts from numbers of seconds, each brought into 0 … ``longest`` (NaN counts as
        /// 0), so that no number, infinity included, can trap; callers that take the numbers from a
        /// user should refuse such values first, with a message.
        public init(connectSeconds: Double, overallSeconds: Double) {
            self.init(connect: Self.duration(seconds: connectSeconds), overall: Self.duration(seconds: overallSeconds))
        }

        /// The longest wait a timeout can stand for; longer ones are treated as this long.
        public static let longest: Duration = .seconds(30 * 86_400)

        /// `seconds` as a duration within 0 … ``longest``.
        public static func duration(seconds: Double) -> Duration {
            guard seconds > 0 else { return .zero }
            let limit = Double(longest.components.seconds)
            guard seconds < limit else { return longest }
            return .milliseconds(Int64((seconds * 1000).rounded(.up)))
        }

        /// These timeouts brought into 0 … ``longest``.
        var bounded: Timeouts {
            Timeouts(connect: min(max(connect, .zero), Self.longest), overall: min(max(overall, .zero), Self.longest))
        }
    }

    /// How often and how patiently to retry.
    public struct RetryPolicy: Sendable, Hashable {
        /// Upload attempts in all, the first included.
        public var maxAttempts: Int
        /// The wait before the second attempt; it doubles for each further one.
        public var initialDelay: Duration
        /// The longest wait between attempts.
        public var maximumDelay: Duration

        /// Creates a policy.
        public init(maxAttempts: Int = 4, initialDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(30)) {
            self.maxAttempts = max(1, maxAttempts)
            self.initialDelay = initialDelay
            self.maximumDelay = maximumDelay
        }

        /// The wait after failed attempt `attempt` (1-based).
        func delay(after attempt: Int) -> Duration {
            var delay = initialDelay
            for _ in 1..<max(1, attempt) where delay < maximumDelay {
                delay *= 2
            }
            return min(delay, maximumDelay)
        }
    }

    /// The public HockeyApp service.
    public static let defaultBaseURL = URL(string: "https://rink.hockeyapp.net")!

    /// The server's root, such as `https://rink.hockeyapp.net` or a sandbox's `http://127.0.0.1:PORT`.
    public let baseURL: URL
    private let token: String
    public let timeouts: Timeouts
    public let retryPolicy: RetryPolicy
    private let transport: HTTPTransport

    /// Creates a client.
    /// - Parameters:
    ///   - baseURL: the server's root; must be http or https.
    ///   - token: the API token, sent as `X-HockeyAppToken` and never shown.
    /// - Throws: ``HockeyAppError/invalidRequest(_:)`` for a base URL that is not http(s), and
    ///   ``HockeyAppError/missingToken(_:)`` for a token that cannot be sent in a header.
    public init(
        baseURL: URL = HockeyAppClient.defaultBaseURL, token: String, timeouts: Timeouts = Timeouts(),
        retryPolicy: RetryPolicy = RetryPolicy()
    ) throws(HockeyAppError) {
        guard let scheme = baseURL.scheme?.lowercased(), ["http", "https"].contains(scheme), baseURL.host != nil else {
            throw .invalidRequest("the base URL \(baseURL.absoluteString) is not an http or https URL")
        }
        guard !token.isEmpty else { throw .missingToken("the API token is empty") }
        guard token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .missingToken("the API token contains spaces or characters that cannot be sent in a header")
        }
        self.baseURL = baseURL
        self.token = token
        self.timeouts = timeouts
        self.retryPolicy = retryPolicy
        transport = HTTPTransport(timeouts: timeouts)
    }

    /// The upload endpoint of an app.
    public func uploadURL(appID: String) -> URL {
        endpoint("api/2/apps/\(appID)/app_versions/upload")
    }

    /// The version-list endpoint of an app.
    public func versionsURL(appID: String) -> URL {
        endpoint("api/2/apps/\(appID)/app_versions")
    }

    private func endpoint(_ path: String) -> URL {
        var root = baseURL.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        return URL(string: root + "/" + path)!
    }

    /// Describes the request an upload would send, with the token redacted, without sending anything.
    /// - Throws: ``HockeyAppError`` when the job is invalid or a file is missing or unreadable.
    public func describeUpload(_ job: UploadJob) throws(HockeyAppError) -> UploadRequestDescription {
        try job.validate()
        let body = try MultipartBody(job: job)
        return UploadRequestDescription(
            method: "POST", url: uploadURL(appID: job.appID),
            headers: [
                ("X-HockeyAppToken", UploadRequestDescription.redactedToken),
                ("Content-Type", body.contentType),
                ("Content-Length", String(body.contentLength)),
                ("Accept", "application/json"),
            ],
            parts: body.outline, contentLength: body.contentLength)
    }

    /// Lists an app's versions, newest first.
    /// - Throws: ``HockeyAppError`` with the server's reason, or ``HockeyAppError/unreachable(host:reason:attempts:)``.
    public func appVersions(appID: String) async throws(HockeyAppError) -> [AppVersion] {
        var attempt = 0
        while true {
            attempt += 1
            var request = URLRequest(url: versionsURL(appID: appID))
            request.httpMethod = "GET"
            authorize(&request)
            let outcome = await transport.send(request)
            switch outcome {
            case .response(let status, let body, _) where (200..<300).contains(status):
                return try ResponseInterpreter.versionList(status: status, body: body)
            case .response(let status, let body, _):
                let error = ResponseInterpreter.error(status: status, body: body)
                if status >= 500, attempt < retryPolicy.maxAttempts {
                    try await pause(after: attempt)
                    continue
                }
                throw error
            case .notDelivered(let reason), .ambiguous(let reason):
                // Listing changes nothing on the server, so any failure may be retried.
                guard attempt < retryPolicy.maxAttempts else {
                    throw .unreachable(host: hostDescription, reason: reason, attempts: attempt)
                }
                try await pause(after: attempt)
            case .redirected(let status, let location):
                throw .redirected(status: status, location: location, upload: false)
            case .localFailure(let error):
                throw error
            case .cancelled:
                throw .cancelled
            }
        }
    }

    func authorize(_ request: inout URLRequest) {
        request.setValue(token, forHTTPHeaderField: "X-HockeyAppToken")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
    }

    var hostDescription: String {
        if let port = baseURL.port { return "\(baseURL.host ?? "")" + ":\(port)" }
        return baseURL.host ?? baseURL.absoluteString
    }

    func pause(after attempt: Int) async throws(HockeyAppError) {
        do {
            try await Task.sleep(for: retryPolicy.delay(after: attempt))
        } catch {
            throw .cancelled
        }
    }

    func send(_ request: URLRequest, body: MultipartBody, progress: (@Sendable (Int, Int) -> Void)?) async -> AttemptOutcome {
        await transport.send(request, body: body, progress: progress)
    }
}
