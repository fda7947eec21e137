import Foundation

/// One request the sandbox received on the upload endpoint, as the server saw it on the wire.
///
/// Tests assert on this to check what a client actually sent: headers, multipart fields, file parts.
public struct SandboxUploadRecord: Hashable, Sendable {
    /// The app id from the URL path.
    public var appID: String
    /// Request headers with lower-cased names, in arrival order; the token's value is replaced by "<redacted>".
    public var headers: [SandboxHeader]
    /// The `Content-Length` header, or nil when the body was sent chunked.
    public var contentLength: Int?
    /// Whether an `X-HockeyAppToken` header was present (its value is never recorded).
    public var hadToken: Bool
    /// The multipart text fields (parts without a file name), in order.
    public var fields: [SandboxFormField]
    /// The multipart file parts, in order.
    public var files: [SandboxReceivedFile]
    /// How many body bytes arrived before the request ended or the connection was dropped.
    public var bodyBytesReceived: Int
    /// The status the sandbox answered, or nil when it dropped the connection instead.
    public var responseStatus: Int?

    /// The value of the first text field named `name`.
    public func field(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// The first file part sent under the field `name`.
    public func file(_ name: String) -> SandboxReceivedFile? {
        files.first { $0.fieldName == name }
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }
}

/// One request header.
public struct SandboxHeader: Hashable, Sendable {
    /// The lower-cased header name.
    public var name: String
    /// The header value.
    public var value: String
}

/// One multipart text field.
public struct SandboxFormField: Hashable, Sendable {
    /// The part's `name`.
    public var name: String
    /// The part's body decoded as UTF-8.
    public var value: String
}

/// One multipart file part as received.
public struct SandboxReceivedFile: Hashable, Sendable {
    /// The part's `name` (`ipa`, `dsym`).
    public var fieldName: String
    /// The part's `filename`, as sent.
    public var fileName: String
    /// The part's `Content-Type`, when it had one.
    public var contentType: String?
    /// The number of bytes in the part's body.
    public var byteCount: Int
}
