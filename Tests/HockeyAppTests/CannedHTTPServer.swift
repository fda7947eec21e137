import Foundation

/// A purpose-built loopback server that reads each request (head and `Content-Length` body) and
/// answers with canned responses in turn (the last one repeats), for answers the sandbox never gives:
/// a proxy's HTML page, an unexpected body, a scripted sequence. It serves one connection at a time.
final class CannedHTTPServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var requestCount = 0
    private var stopped = false

    /// One canned answer.
    struct Answer {
        var status: Int
        var reason: String
        var contentType: String
        var body: String

        var bytes: [UInt8] {
            let bodyBytes = Array(body.utf8)
            let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(contentType)\r\n"
                + "Content-Length: \(bodyBytes.count)\r\nConnection: close\r\n\r\n"
            return Array(head.utf8) + bodyBytes
        }
    }

    /// Starts listening on 127.0.0.1 with an ephemeral port, answering every request the same way.
    convenience init(status: Int, reason: String, contentType: String, body: String) throws {
        try self.init(answers: [Answer(status: status, reason: reason, contentType: contentType, body: body)])
    }

    /// Starts listening on 127.0.0.1 with an ephemeral port, answering requests with `answers` in turn.
    init(answers: [Answer]) throws {
        let (descriptor, port) = try LoopbackSocket.bind(listening: 8)
        listener = descriptor
        self.port = port
        let responses = answers.map(\.bytes)
        let thread = Thread { [self] in serve(responses) }
        thread.start()
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// How many requests were answered.
    var requests: Int { lock.withLock { requestCount } }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ responses: [[UInt8]]) {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            if lock.withLock({ stopped }) {
                close(connection)
                return
            }
            readRequest(connection)
            let response = responses[min(lock.withLock { requestCount }, responses.count - 1)]
            response.withUnsafeBytes { _ = send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            lock.withLock { requestCount += 1 }
            close(connection)
        }
    }

    /// Reads the head, then as many body bytes as `Content-Length` says.
    private func readRequest(_ connection: Int32) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var expectedTotal: Int?
        while expectedTotal.map({ received.count < $0 }) ?? true {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            received += buffer[0..<count]
            if expectedTotal == nil, let end = received.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: received[..<end.lowerBound], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n")
                    .first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                expectedTotal = end.upperBound + length
            }
        }
    }
}
