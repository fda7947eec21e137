import Foundation
import Hummingbird
import Logging
import ShipNotes

/// The page `shipnotes preview --serve` shows, and a number that changes whenever the page does:
/// the open page polls it and reloads.
actor PreviewState {
    private(set) var page: String
    private(set) var version = 1

    init(page: String) {
        self.page = page
    }

    /// Replaces the page; the version moves on only when the page changed.
    /// - Returns: whether it changed.
    @discardableResult
    func update(_ newPage: String) -> Bool {
        guard newPage != page else { return false }
        page = newPage
        version += 1
        return true
    }
}

/// A loopback HTTP server for the preview page: `/` is the page, `/reload.js` the script that
/// polls `/version` (the state's version) and reloads the page when it changes.
struct PreviewServer: Sendable {
    static let reloadScriptPath = "/reload.js"
    let url: URL
    private let task: Task<Void, any Error>

    /// Listens on 127.0.0.1:`port` (0 for a free port) and returns once it listens.
    static func start(state: PreviewState, port: Int) async throws -> PreviewServer {
        let router = Router()
        router.get("/") { _, _ -> Response in
            let page = await state.page
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
        }
        let script = PreviewPage.reloadScript(pollingURL: "/version", intervalMilliseconds: 300)
        router.get(RouterPath(reloadScriptPath)) { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/javascript; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: script)))
        }
        router.get("/version") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: String(await state.version))))
        }
        var logger = Logger(label: "shipnotes.preview")
        logger.logLevel = .critical
        let (bound, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? port)
                continuation.finish()
            },
            logger: logger)
        let task = Task {
            defer { continuation.finish() }
            try await application.run()
        }
        var iterator = bound.makeAsyncIterator()
        guard let boundPort = await iterator.next(), let url = URL(string: "http://127.0.0.1:\(boundPort)/") else {
            let reason: String
            if case let .failure(error) = await task.result { reason = String(describing: error) } else { reason = "it stopped" }
            throw CLIError.cannotListen(address: "127.0.0.1:\(port)", reason: reason)
        }
        return PreviewServer(url: url, task: task)
    }

    /// Closes the listener and open connections and waits for the server to end.
    func stop() async {
        task.cancel()
        _ = await task.result
    }
}
