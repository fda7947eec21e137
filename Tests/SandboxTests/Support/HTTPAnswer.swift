import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A multipart/form-data body, encoded in memory (the tests' builds are a few megabytes at most).
///
/// URLSession sends it from memory: its file body (`upload(for:fromFile:)`) pauses and resumes
/// libcurl in swift-corelibs-foundation, and resuming a transfer the server has just cut off (the
/// fault tests do that) fails a `try!` inside FoundationNetworking and crashes the test process.
struct MultipartForm: Sendable {
    enum Part: Sendable {
        case field(name: String, value: String)
        case file(name: String, fileName: String, url: URL)
    }

    var parts: [Part] = []
    let boundary = "sandbox-test-\(UUID().uuidString)"

    init(_ parts: [Part] = []) { self.parts = parts }

    mutating func add(_ name: String, _ value: String) { parts.append(.field(name: name, value: value)) }
    mutating func addFile(_ name: String, _ url: URL, fileName: String? = nil) {
        parts.append(.file(name: name, fileName: fileName ?? url.lastPathComponent, url: url))
    }

    /// The encoded body.
    func encoded() throws -> Data {
        var body = Data()
        for part in parts {
            switch part {
            case .field(let name, let value):
                body.append(contentsOf: "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
            case .file(let name, let fileName, let source):
                body.append(contentsOf: (
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n").utf8)
                body.append(try Data(contentsOf: source))
                body.append(contentsOf: "\r\n".utf8)
            }
        }
        body.append(contentsOf: "--\(boundary)--\r\n".utf8)
        return body
    }
}

/// A status and body received over a real loopback connection with URLSession.
struct HTTPAnswer: Sendable {
    var status: Int
    var body: Data

    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }

    /// Decodes the body.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: body)
    }

    static func post(_ form: MultipartForm, to url: URL, token: String?, timeout: TimeInterval) async throws -> HTTPAnswer {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("multipart/form-data; boundary=\(form.boundary)", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue(token, forHTTPHeaderField: "X-HockeyAppToken") }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let body = try form.encoded()
        let (data, response) = try await session.upload(for: request, from: body)
        return HTTPAnswer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
    }

    static func get(_ url: URL, token: String?) async throws -> HTTPAnswer {
        var request = URLRequest(url: url, timeoutInterval: 60)
        if let token { request.setValue(token, forHTTPHeaderField: "X-HockeyAppToken") }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        return HTTPAnswer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
    }
}
