import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Decides which redirects the session follows: only a GET's, and only to the same origin.
///
/// URLSession follows redirects by itself and copies every header, the token included, to the new
/// address. For an upload that is wrong whatever the target: a 302 turns the POST into a GET whose
/// answer would be taken for the new version, and a 307 re-sends the POST with its Content-Length but
/// without its body, so the server waits for bytes that never come. For any request, another origin
/// (scheme, host or port) must not receive the token. A refused redirect ends the task with the 3xx
/// answer itself, which ``HTTPTransport`` reports as ``AttemptOutcome/redirected(status:location:)``.
final class RedirectPolicy: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(Self.follows(from: task.originalRequest, to: request) ? request : nil)
    }

    /// Whether a redirect from `original` to `next` keeps the method, is a GET, and stays on the same origin.
    static func follows(from original: URLRequest?, to next: URLRequest) -> Bool {
        guard let original, (original.httpMethod ?? "GET") == "GET", (next.httpMethod ?? "GET") == "GET",
            let from = original.url, let to = next.url
        else { return false }
        return Origin(from) != nil && Origin(from) == Origin(to)
    }

    /// Scheme, host and effective port: what decides where a request's headers may go.
    struct Origin: Equatable {
        let scheme: String
        let host: String
        let port: Int

        init?(_ url: URL) {
            guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
            self.scheme = scheme
            self.host = host
            port = url.port ?? (scheme == "https" ? 443 : 80)
        }
    }
}
