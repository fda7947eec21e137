import CCurlUploadBuffer
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How one HTTP attempt ended, in the terms the retry rule needs.
enum AttemptOutcome: Sendable {
    /// The server answered. `bodyComplete` says whether it had received the whole request body.
    case response(status: Int, body: Data, bodyComplete: Bool)
    /// The request cannot have reached the server complete (no connection, or the connection ended
    /// before the last body byte): retrying cannot create a duplicate.
    case notDelivered(reason: String)
    /// The whole body went out but no answer came (timeout, connection lost): the server may have
    /// stored the version.
    case ambiguous(reason: String)
    /// The server answered with a redirect that ``RedirectPolicy`` refused to follow.
    case redirected(status: Int, location: String)
    /// A build file failed while it was being read; retrying would not help.
    case localFailure(HockeyAppError)
    /// The caller's task was cancelled.
    case cancelled
}

/// Sends requests through one URLSession, with the two timeouts URLSession on Linux lacks: a connect
/// timeout (nothing of the body handed over yet) and an overall one (the whole attempt).
struct HTTPTransport: Sendable {
    private let owner: SessionOwner
    let timeouts: HockeyAppClient.Timeouts

    private var session: URLSession { owner.session }

    init(timeouts: HockeyAppClient.Timeouts) {
        // Clock arithmetic and corelibs' own conversions trap on durations near Int64's limits.
        let timeouts = timeouts.bounded
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = Self.seconds(timeouts.overall) + 5
        configuration.timeoutIntervalForResource = Self.seconds(timeouts.overall) + 5
        owner = SessionOwner(session: URLSession(configuration: configuration, delegate: RedirectPolicy(), delegateQueue: nil))
        self.timeouts = timeouts
    }

    /// The buffer libcurl sends a request body from, on Linux, where URLSession runs on libcurl and
    /// `CCurlUploadBuffer` raises it from libcurl's 64 KiB (a third of `curl -F`'s speed) to 1 MiB;
    /// 0 where URLSession is not libcurl.
    static var curlUploadBufferSize: Int { Int(shipnotes_curl_upload_buffer_size()) }

    /// How many transfers in this process have been given that buffer.
    static var curlUploadBuffersSet: Int { Int(shipnotes_curl_upload_buffers_set()) }

    /// How many times libcurl narrowed its interest in a socket (to reading only, once a body is out)
    /// and the sources URLSession watches it with were rebuilt to match: without that, URLSession keeps
    /// a write source on an always-writable socket and spins until the answer comes (see
    /// `CCurlUploadBuffer/socket_interest.c`). 0 where URLSession is not libcurl.
    static var curlSocketInterestNarrowings: Int { Int(shipnotes_curl_socket_interest_narrowings()) }

    /// Sends `request` with `body` streamed from disk and an exact `Content-Length`.
    func send(
        _ request: URLRequest, body: MultipartBody, progress: (@Sendable (Int, Int) -> Void)?
    ) async -> AttemptOutcome {
        let counter = TransferCounter(total: body.contentLength, onProgress: progress)
        var request = request
        request.setValue(body.contentType, forHTTPHeaderField: "Content-Type")
        request.setValue(String(body.contentLength), forHTTPHeaderField: "Content-Length")
        #if canImport(FoundationNetworking)
        // swift-corelibs-foundation hands a body stream to libcurl as "length unknown", and libcurl then
        // sends it chunked, next to our Content-Length. A Transfer-Encoding header whose value is blank
        // makes libcurl neither chunk the body nor send the header: the body goes out as is, framed by
        // the Content-Length above. The tests check the bytes the server receives.
        request.setValue(" ", forHTTPHeaderField: "Transfer-Encoding")
        #endif
        request.httpBodyStream = MultipartInputStream(body: body, counter: counter)
        let ending = await perform(request, counter: counter)
        if case .cancelled = ending { return .cancelled }
        if let failure = counter.fileFailure { return .localFailure(failure) }
        return classify(ending, counter: counter)
    }

    /// Sends a request without a body (the version list).
    func send(_ request: URLRequest) async -> AttemptOutcome {
        let counter = TransferCounter(total: 0, onProgress: nil)
        return classify(await perform(request, counter: counter), counter: counter)
    }

    /// Applies the retry rule's distinction: could the server have received the whole request?
    private func classify(_ ending: Ending, counter: TransferCounter) -> AttemptOutcome {
        switch ending {
        case .completed(let status, let data):
            return .response(status: status, body: data, bodyComplete: counter.isComplete)
        case .redirected(let status, let location):
            return .redirected(status: status, location: location)
        case .connectTimeout:
            return .notDelivered(reason: "no connection within \(Self.describe(timeouts.connect))")
        case .overallTimeout:
            let limit = counter.total > 0 ? timeouts.overall : min(timeouts.overall, timeouts.connect + .seconds(60))
            let reason = "no answer within \(Self.describe(limit))"
            return counter.isComplete ? .ambiguous(reason: reason) : .notDelivered(reason: reason)
        case .failed(let error):
            let reason = Self.reason(for: error)
            // Once the transfer has taken body bytes a connection existed, whatever the error code says:
            // libcurl reports an answer that is not HTTP ("received HTTP/0.9 when not allowed") as an
            // unsupported protocol, which URLSession maps to the same code as a URL it cannot send.
            let neverConnected = counter.bytesDelivered == 0 && Self.isBeforeConnection(error)
            if neverConnected || !counter.isComplete {
                return .notDelivered(reason: reason)
            }
            return .ambiguous(reason: reason)
        case .cancelled:
            return .cancelled
        }
    }

    private enum Ending: Sendable {
        case completed(status: Int, body: Data)
        case redirected(status: Int, location: String)
        case failed(URLError)
        case connectTimeout
        case overallTimeout
        case cancelled
    }

    /// Runs one task, cancelling it when a timeout passes or the caller is cancelled, and says which.
    private func perform(_ request: URLRequest, counter: TransferCounter) async -> Ending {
        let watch = AttemptWatch()
        let timeouts = timeouts
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Ending, Never>) in
                let task = session.dataTask(with: request) { data, response, error in
                    let cause = watch.finish()
                    let ending: Ending
                    switch cause {
                    case .connectTimeout: ending = .connectTimeout
                    case .overallTimeout: ending = .overallTimeout
                    case .cancelled: ending = .cancelled
                    case nil:
                        if let response = response as? HTTPURLResponse, error == nil {
                            if let location = Self.redirectTarget(of: response) {
                                ending = .redirected(status: response.statusCode, location: location)
                            } else {
                                ending = .completed(status: response.statusCode, body: data ?? Data())
                            }
                        } else {
                            ending = .failed((error as? URLError) ?? URLError(.unknown))
                        }
                    }
                    continuation.resume(returning: ending)
                }
                watch.start(task)
                task.resume()
                let connectDeadline = ContinuousClock.now + timeouts.connect
                // A bodiless request (the version list) has no upload to wait for: a minute after connecting is plenty.
                let overall = counter.total > 0 ? timeouts.overall : min(timeouts.overall, timeouts.connect + .seconds(60))
                let overallDeadline = ContinuousClock.now + overall
                Task { await Self.watch(watch, counter: counter, connectBy: connectDeadline, finishBy: overallDeadline) }
            }
        } onCancel: {
            watch.cancel(because: .cancelled)
        }
    }

    /// Cancels the attempt when it has not connected by `connectBy` (for a request with a body: the
    /// transfer has not asked for its first byte) or not finished by `finishBy`.
    private static func watch(
        _ watch: AttemptWatch, counter: TransferCounter, connectBy: ContinuousClock.Instant,
        finishBy: ContinuousClock.Instant
    ) async {
        if counter.total > 0 {
            while ContinuousClock.now < connectBy, counter.bytesDelivered == 0 {
                guard watch.isRunning else { return }
                try? await Task.sleep(for: .milliseconds(20))
            }
            if counter.bytesDelivered == 0 {
                watch.cancel(because: .connectTimeout)
                return
            }
        }
        while ContinuousClock.now < finishBy {
            guard watch.isRunning else { return }
            try? await Task.sleep(for: min(.milliseconds(200), finishBy - ContinuousClock.now))
        }
        watch.cancel(because: .overallTimeout)
    }

    /// The absolute address a 3xx answer points to, nil for any other answer or one without a Location.
    static func redirectTarget(of response: HTTPURLResponse) -> String? {
        guard (300..<400).contains(response.statusCode),
            let location = response.value(forHTTPHeaderField: "Location"), !location.isEmpty
        else { return nil }
        return URL(string: location, relativeTo: response.url)?.absoluteString ?? location
    }

    /// Failures that happen before a connection exists: nothing was sent.
    static func isBeforeConnection(_ error: URLError) -> Bool {
        switch error.code {
        case .cannotFindHost, .cannotConnectToHost, .dnsLookupFailed, .notConnectedToInternet,
            .badURL, .unsupportedURL:
            return true
        default:
            return false
        }
    }

    /// The failure in a few lower-case words, such as "connection refused".
    static func reason(for error: URLError) -> String {
        switch error.code {
        case .cannotFindHost, .dnsLookupFailed: return "the host name could not be resolved"
        case .cannotConnectToHost: return "connection refused"
        case .networkConnectionLost: return "the connection was lost"
        case .timedOut: return "timed out"
        case .notConnectedToInternet: return "no network"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return "the TLS connection failed"
        default:
            // libcurl's own words on Linux ("Send failure: Connection reset by peer").
            let description = (error as NSError).localizedDescription
            if description.isEmpty || description.contains("(null)") || description.hasPrefix("The operation") {
                return "the connection failed (URL error \(error.code.rawValue))"
            }
            return description.prefix(1).lowercased() + description.dropFirst()
        }
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    static func describe(_ duration: Duration) -> String {
        let seconds = seconds(duration)
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds == seconds.rounded() { return "\(Int(seconds)) s" }
        return String(format: "%.1f s", seconds)
    }
}

/// Owns the session so that it is invalidated when the last client copy goes away.
private final class SessionOwner: Sendable {
    let session: URLSession

    init(session: URLSession) {
        self.session = session
    }

    deinit {
        session.finishTasksAndInvalidate()
    }
}

/// Who ended an attempt early, decided once under a mutex (the completion handler and the watchdog race).
final class AttemptWatch: Sendable {
    enum Cause: Sendable {
        case connectTimeout, overallTimeout, cancelled
    }

    private struct State {
        var task: URLSessionTask?
        var cause: Cause?
        var finished = false
        var cancelledEarly = false
    }

    private let state = Mutex(State())

    var isRunning: Bool { state.withLock { !$0.finished } }

    func start(_ task: URLSessionTask) {
        let cancelNow = state.withLock { state in
            state.task = task
            return state.cancelledEarly
        }
        if cancelNow { task.cancel() }
    }

    func cancel(because cause: Cause) {
        let task: URLSessionTask? = state.withLock { state in
            guard !state.finished, state.cause == nil else { return nil }
            state.cause = cause
            if state.task == nil { state.cancelledEarly = true }
            return state.task
        }
        task?.cancel()
    }

    /// Marks the attempt finished and returns why it ended early, if it did.
    func finish() -> Cause? {
        state.withLock { state in
            state.finished = true
            return state.cause
        }
    }
}
