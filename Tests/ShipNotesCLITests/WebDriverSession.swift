import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A headless Chromium driven over W3C WebDriver: starts `chromedriver` on a free port, opens a
/// session, and speaks JSON over HTTP to it. The HTTP is a few lines over a socket rather than
/// URLSession: chromedriver writes headers with no space after the colon (`Content-Length:251`),
/// which Linux's URLSession refuses with "Failed writing header". `quit()` ends the session and the driver; call it on
/// a `defer`-like path (the driver is also terminated when the session is released).
actor WebDriverSession {
    /// An element reference, valid in the frame it was found in.
    struct Element: Sendable, Hashable {
        let id: String
    }

    /// A JSON value a script or a command returned.
    enum Value: Sendable, Equatable {
        case null, bool(Bool), number(Double), string(String), array([Value]), object([String: Value])

        init(_ any: Any?) {
            switch any {
            case let value as String: self = .string(value)
            case let value as Bool where type(of: value) == Bool.self: self = .bool(value)
            case let value as NSNumber: self = .number(value.doubleValue)
            case let value as [Any]: self = .array(value.map(Value.init))
            case let value as [String: Any]: self = .object(value.mapValues(Value.init))
            default: self = .null
            }
        }

        var string: String? { if case let .string(value) = self { value } else { nil } }
    }

    /// A browser console message.
    struct LogEntry: Sendable, Hashable, CustomStringConvertible {
        var level: String
        var source: String
        var message: String
        var description: String { "[\(level) \(source)] \(message)" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The key W3C WebDriver gives element references in JSON.
    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    private let driver: Process
    private let port: Int
    private let sessionID: String

    /// The first of `names` found on `PATH`.
    static func executable(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    static var chromedriverPath: String? { executable(["chromedriver"]) }
    static var chromiumPath: String? { executable(["chromium", "chromium-browser", "google-chrome"]) }

    /// Starts chromedriver and a headless browser session.
    ///
    /// - Parameters:
    ///   - windowSize: the browser window, which is what a screenshot shows.
    static func start(
        chromedriver: String, browser: String?, windowSize: (width: Int, height: Int) = (1400, 1100)
    ) async throws -> WebDriverSession {
        let port = try freePort()
        let driver = Process()
        driver.executableURL = URL(fileURLWithPath: chromedriver)
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        do {
            try await waitUntilListening(port)
            var options: [String: Any] = [
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=\(windowSize.width),\(windowSize.height)", "--hide-scrollbars"],
            ]
            if let browser { options["binary"] = browser }
            let capabilities: [String: Any] = [
                "browserName": "chrome", "goog:chromeOptions": options, "goog:loggingPrefs": ["browser": "ALL"],
            ]
            let answer = try await command(port, "POST", "session", ["capabilities": ["alwaysMatch": capabilities]])
            guard let value = answer as? [String: Any], let id = value["sessionId"] as? String else {
                throw Failure(description: "chromedriver started no session: \(String(describing: answer))")
            }
            return WebDriverSession(driver: driver, port: port, sessionID: id)
        } catch {
            kill(driver.processIdentifier, SIGKILL)
            throw error
        }
    }

    private init(driver: Process, port: Int, sessionID: String) {
        self.driver = driver
        self.port = port
        self.sessionID = sessionID
    }

    deinit {
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
    }

    // MARK: Commands

    func navigate(to url: URL) async throws {
        _ = try await call("POST", "url", ["url": url.absoluteString])
    }

    func title() async throws -> String {
        try await call("GET", "title") as? String ?? ""
    }

    func findElement(css selector: String) async throws -> Element {
        try element(from: try await call("POST", "element", ["using": "css selector", "value": selector]))
    }

    func findElements(css selector: String) async throws -> [Element] {
        let answer = try await call("POST", "elements", ["using": "css selector", "value": selector]) as? [Any] ?? []
        return try answer.map(element(from:))
    }

    /// The element's rendered text, as a reader sees it.
    func text(_ element: Element) async throws -> String {
        try await call("GET", "element/\(element.id)/text") as? String ?? ""
    }

    func click(_ element: Element) async throws {
        _ = try await call("POST", "element/\(element.id)/click", [:])
    }

    /// Makes later commands work inside the frame `element` is.
    func switchToFrame(_ element: Element) async throws {
        _ = try await call("POST", "frame", ["id": [Self.elementKey: element.id]])
    }

    func switchToParent() async throws {
        _ = try await call("POST", "frame/parent", [:])
    }

    /// Makes later commands work in the page itself, whatever frame they worked in (one the page
    /// has since dropped, after a reload).
    func switchToTop() async throws {
        _ = try await call("POST", "frame", ["id": NSNull()])
    }

    /// Runs `script` (a function body; `arguments[i]` are the arguments) in the current frame.
    func executeScript(_ script: String, arguments: [String] = []) async throws -> Value {
        Value(try await call("POST", "execute/sync", ["script": script, "args": arguments]))
    }

    /// The window as a PNG.
    func screenshot() async throws -> Data {
        guard let encoded = try await call("GET", "screenshot") as? String, let data = Data(base64Encoded: encoded) else {
            throw Failure(description: "the screenshot is not base64")
        }
        return data
    }

    /// The console messages since the last call (chromedriver's `/se/log`, which hands each out once).
    func consoleLog() async throws -> [LogEntry] {
        let entries = try await call("POST", "se/log", ["type": "browser"]) as? [[String: Any]] ?? []
        return entries.map {
            LogEntry(level: $0["level"] as? String ?? "", source: $0["source"] as? String ?? "",
                     message: $0["message"] as? String ?? "")
        }
    }

    /// The console errors (level `SEVERE`) since the last call of this or `consoleLog()`.
    func consoleErrors() async throws -> [LogEntry] {
        try await consoleLog().filter { $0.level == "SEVERE" }
    }

    /// Ends the session (closing the browser) and stops chromedriver: through its `/shutdown`
    /// command, then with SIGKILL if it is still there after five seconds (it may ignore SIGTERM).
    func quit() async {
        _ = try? await call("DELETE", "")
        _ = try? await Self.command(port, "GET", "shutdown")
        let deadline = Date().addingTimeInterval(5)
        while driver.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
    }

    // MARK: Transport

    private func element(from value: Any?) throws -> Element {
        guard let object = value as? [String: Any], let id = object[Self.elementKey] as? String else {
            throw Failure(description: "not an element reference: \(String(describing: value))")
        }
        return Element(id: id)
    }

    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        let suffix = path.isEmpty ? "" : "/" + path
        return try await Self.command(port, method, "session/\(sessionID)\(suffix)", body)
    }

    /// Sends one command and returns its `value`, throwing WebDriver's error as the failure. The
    /// body is encoded and the answer decoded on the caller's side; only bytes cross to the thread
    /// that does the blocking socket calls.
    private static func command(
        _ port: Int, _ method: String, _ path: String, _ body: [String: Any]? = nil,
        isolation: isolated (any Actor)? = #isolation
    ) async throws -> Any? {
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        var head = "\(method) /\(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if body != nil { head += "Content-Type: application/json; charset=utf-8\r\n" }
        head += "Content-Length: \(payload.count)\r\n\r\n"
        let request = Data(head.utf8) + payload
        let (status, data) = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try exchange(request, port: port) })
            }
        }
        let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        let value = (json as? [String: Any])?["value"]
        if status >= 400 || status == 0 {
            let error = value as? [String: Any]
            throw Failure(description: "\(method) /\(path): \(error?["error"] as? String ?? "HTTP \(status)"): "
                + "\((error?["message"] as? String ?? "").split(separator: "\n").first ?? "")")
        }
        return value is NSNull ? nil : value
    }

    /// Sends `request` and reads the answer to the end (the request asks to close): its status
    /// and body. Blocking; 60 seconds at most for each read.
    private static func exchange(_ request: Data, port: Int) throws -> (Int, Data) {
        let socketFD = try makeSocket()
        defer { close(socketFD) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "cannot connect to chromedriver: errno \(errno)") }
        try request.withUnsafeBytes { buffer in
            var sent = 0
            while sent < buffer.count {
                let count = send(socketFD, buffer.baseAddress! + sent, buffer.count - sent, 0)
                guard count > 0 else { throw Failure(description: "cannot send to chromedriver: errno \(errno)") }
                sent += count
            }
        }
        // chromedriver keeps the connection open whatever the request asks: read the headers,
        // then as many bytes as Content-Length says (or to the end when it says nothing).
        var answer = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var expected: Int?
        var headerEnd: Range<Data.Index>?
        while expected.map({ answer.count < $0 }) ?? true {
            let count = recv(socketFD, &chunk, chunk.count, 0)
            if count == 0 { break }
            guard count > 0 else { throw Failure(description: "no answer from chromedriver: errno \(errno)") }
            answer.append(contentsOf: chunk[..<count])
            if headerEnd == nil, let end = answer.range(of: Data("\r\n\r\n".utf8)) {
                headerEnd = end
                let headers = String(decoding: answer[..<end.lowerBound], as: UTF8.self).lowercased()
                if let line = headers.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                   let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) {
                    expected = end.upperBound - answer.startIndex + length
                }
            }
        }
        guard let end = headerEnd else { return (0, Data()) }
        let headers = String(decoding: answer[..<end.lowerBound], as: UTF8.self)
        let status = headers.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        var body = Data(answer[end.upperBound...])
        let lowered = headers.lowercased().replacingOccurrences(of: " ", with: "")
        if lowered.contains("transfer-encoding:chunked") { body = dechunked(body) }
        return (status, body)
    }

    private static func dechunked(_ data: Data) -> Data {
        var result = Data()
        var rest = data[...]
        while let line = rest.range(of: Data("\r\n".utf8)) {
            let size = Int(String(decoding: rest[..<line.lowerBound], as: UTF8.self), radix: 16) ?? 0
            guard size > 0, line.upperBound + size <= rest.endIndex else { break }
            result.append(rest[line.upperBound..<(line.upperBound + size)])
            rest = rest[min(rest.endIndex, line.upperBound + size + 2)...]
        }
        return result
    }

    /// Waits for chromedriver to accept connections.
    private static func waitUntilListening(_ port: Int) async throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if try isListening(port) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "chromedriver did not listen on port \(port) within 20 seconds")
    }

    private static func makeSocket() throws -> Int32 {
        #if canImport(Glibc)
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let socketFD = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socketFD >= 0 else { throw Failure(description: "no socket: errno \(errno)") }
        return socketFD
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }

    private static func isListening(_ port: Int) throws -> Bool {
        let socketFD = try makeSocket()
        defer { close(socketFD) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A TCP port nothing listens on now: bind port 0 and read what the system chose.
    private static func freePort() throws -> Int {
        let socketFD = try makeSocket()
        defer { close(socketFD) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(socketFD, pointer, length) == 0 else { return -1 }
                return getsockname(socketFD, pointer, &length)
            }
        }
        guard bound == 0 else { throw Failure(description: "could not bind a port for chromedriver") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
