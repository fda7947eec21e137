import Foundation

/// A `multipart/form-data` body described as a list of segments: small byte runs held in memory
/// (part headers, text fields, boundaries) and files read from disk when the body is streamed.
/// Its length is known in advance, so the request can carry an exact `Content-Length`.
struct MultipartBody: Sendable {
    /// One run of the body.
    enum Segment: Sendable, Equatable {
        case bytes([UInt8])
        case file(path: String, size: Int)

        var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .file(_, let size): size
            }
        }
    }

    /// The boundary between parts, without the leading dashes.
    let boundary: String
    /// The body in order; adjacent byte runs are merged.
    private(set) var segments: [Segment] = []
    /// A human-readable outline of the parts, for dry runs.
    private(set) var outline: [String] = []

    /// The exact number of bytes the body has.
    var contentLength: Int { segments.reduce(0) { $0 + $1.count } }

    /// The `Content-Type` header value.
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Builds the body of an upload job, taking each file's size now.
    /// - Throws: ``HockeyAppError`` when a file is missing or unreadable.
    init(job: UploadJob, boundary: String = MultipartBody.makeBoundary()) throws(HockeyAppError) {
        self.boundary = boundary
        for (name, value) in job.formFields {
            appendField(name: name, value: value)
        }
        for (field, url) in job.files {
            try appendFile(field: field, url: url)
        }
        append(Array("--\(boundary)--\r\n".utf8))
    }

    /// A boundary that cannot plausibly occur in a build: 128 random bits.
    static func makeBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<4).map { _ in
            let word = String(generator.next() as UInt32, radix: 16)
            return String(repeating: "0", count: 8 - word.count) + word
        }.joined()
        return "shipnotes-\(hex)"
    }

    private mutating func appendField(name: String, value: String) {
        // No Content-Type on text parts: servers (Rack among them) take a part with one for a file.
        let header = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n\r\n"
        append(Array(header.utf8) + Array(value.utf8) + Array("\r\n".utf8))
        let shown = value.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
        outline.append("field \(name) = \(shown)")
    }

    private mutating func appendFile(field: String, url: URL) throws(HockeyAppError) {
        try UploadJob.checkReadable(url)
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw HockeyAppError.unreadable(path: url.path, error: error)
        }
        let fileName = url.lastPathComponent
        let header = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(field))\"; "
            + "filename=\"\(Self.quoted(fileName))\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        append(Array(header.utf8))
        if size > 0 { segments.append(.file(path: url.path, size: size)) }
        append(Array("\r\n".utf8))
        outline.append("file \(field) = \(fileName) (\(size) bytes, application/octet-stream)")
    }

    private mutating func append(_ bytes: [UInt8]) {
        if case .bytes(let previous)? = segments.last {
            segments[segments.count - 1] = .bytes(previous + bytes)
        } else {
            segments.append(.bytes(bytes))
        }
    }

    /// Escapes a name for a quoted header parameter the way browsers do (HTML's form encoding):
    /// `"` as `%22`, CR as `%0D`, LF as `%0A`; everything else, UTF-8 included, as is.
    static func quoted(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": result += "%22"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
