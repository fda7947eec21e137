import Foundation

/// The request an upload sends, as a dry run shows it: the token is never included.
public struct UploadRequestDescription: Sendable, Hashable {
    /// What stands in for the token.
    public static let redactedToken = "<redacted>"

    /// `POST`.
    public var method: String
    /// The upload endpoint.
    public var url: URL
    /// The headers that matter, in order, the token redacted.
    public var headers: [Header]
    /// One line per multipart part: `field notes = …`, `file ipa = App.ipa (… bytes, …)`.
    public var parts: [String]
    /// The exact body length.
    public var contentLength: Int

    /// One header.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    init(method: String, url: URL, headers: [(String, String)], parts: [String], contentLength: Int) {
        self.method = method
        self.url = url
        self.headers = headers.map { Header(name: $0.0, value: $0.1) }
        self.parts = parts
        self.contentLength = contentLength
    }

    /// The request as text, the way an HTTP request starts, then the parts.
    public var text: String {
        var lines = ["\(method) \(url.absoluteString)"]
        lines += headers.map { "\($0.name): \($0.value)" }
        lines.append("")
        lines += parts
        return lines.joined(separator: "\n") + "\n"
    }
}
