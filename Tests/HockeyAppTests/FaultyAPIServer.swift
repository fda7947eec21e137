import Foundation
import Synchronization

/// A purpose-built loopback server for faults the sandbox cannot produce: it reads each request
/// (head, then as much of the `Content-Length` body as arrives), lets a responder choose the raw
/// bytes of the answer (not HTTP at all, a redirect, …) and whether the request stored a version,
/// and records what it received. It serves one connection at a time.
final class FaultyAPIServer: Sendable {
    /// One request as received.
    struct Request: Sendable {
        var method: String
        var path: String
        /// Header names in lower case.
        var headers: [String: String]
        var declaredLength: Int
        var receivedLength: Int

        var bodyComplete: Bool { receivedLength >= declaredLength }
        var carriesToken: Bool { headers["x-hockeyapptoken"] != nil }
    }

    /// What to answer: raw bytes, and whether the request counts as a stored version.
    struct Reply: Sendable {
        var bytes: [UInt8]
        var stores = false
    }

    /// Chooses the reply to `request`, given how many versions are stored and the server's own port.
    typealias Responder = @Sendable (_ request: Request, _ stored: Int, _ port: Int) -> Reply

    let port: Int
    private let listener: Int32
    private struct State {
        var requests: [Request] = []
        var stored = 0
        var connections = 0
        var stopped = false
    }
    private let state = Mutex(State())

    /// Starts listening on 127.0.0.1 with an ephemeral port.
    init(responder: @escaping Responder) throws {
        let (descriptor, port) = try LoopbackSocket.bind(listening: 8)
        listener = descriptor
        self.port = port
        let thread = Thread { [self] in serve(responder) }
        thread.start()
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    /// Every request received, in order.
    var requests: [Request] { state.withLock { $0.requests } }
    /// How many versions the server stored.
    var stored: Int { state.withLock { $0.stored } }
    /// How many connections were accepted, whether or not a request followed.
    var connections: Int { state.withLock { $0.connections } }

    func stop() {
        state.withLock { $0.stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ responder: Responder) {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let stopped = state.withLock { state in
                state.connections += 1
                return state.stopped
            }
            if stopped {
                close(connection)
                return
            }
            // A client that announces a body and sends none (a re-sent POST) must not hold the server.
            var limit = timeval(tv_sec: 3, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            if let request = readRequest(connection) {
                let stored = state.withLock { state in
                    state.requests.append(request)
                    return state.stored
                }
                let reply = responder(request, stored, port)
                if reply.stores { state.withLock { $0.stored += 1 } }
                reply.bytes.withUnsafeBytes { _ = send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            close(connection)
        }
    }

    /// Reads the head, then as many body bytes as `Content-Length` says or arrive before the timeout.
    private func readRequest(_ connection: Int32) -> Request? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var request: Request?
        var bodyStart = 0
        while request.map({ $0.receivedLength < $0.declaredLength }) ?? true {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[0..<count]
            if request == nil, let end = received.firstRange(of: Array("\r\n\r\n".utf8)) {
                request = Self.parseHead(String(decoding: received[..<end.lowerBound], as: UTF8.self))
                bodyStart = end.upperBound
            }
            request?.receivedLength = received.count - bodyStart
        }
        return request
    }

    private static func parseHead(_ head: String) -> Request {
        let lines = head.components(separatedBy: "\r\n")
        let start = lines.first?.split(separator: " ") ?? []
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Request(
            method: start.first.map(String.init) ?? "", path: start.count > 1 ? String(start[1]) : "",
            headers: headers, declaredLength: Int(headers["content-length"] ?? "") ?? 0, receivedLength: 0)
    }

    /// An HTTP/1.1 answer that closes the connection.
    static func answer(_ status: Int, _ reason: String, headers: [String] = [], json body: String = "") -> [UInt8] {
        let bodyBytes = Array(body.utf8)
        let head = (["HTTP/1.1 \(status) \(reason)", "Content-Type: application/json", "Content-Length: \(bodyBytes.count)",
                     "Connection: close"] + headers).joined(separator: "\r\n") + "\r\n\r\n"
        return Array(head.utf8) + bodyBytes
    }

    /// The version list of an app with `stored` uploads of bundle version 42 (1.2).
    static func versionList(stored: Int) -> [UInt8] {
        let versions = (0..<stored).map { #"{"id": \#($0 + 1), "version": "42", "shortversion": "1.2"}"# }
        return answer(200, "OK", json: #"{"app_versions": [\#(versions.joined(separator: ", "))], "status": "success"}"#)
    }
}
