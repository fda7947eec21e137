import Foundation
import Hummingbird
import Logging
import NIOCore

/// A Hummingbird application bound to its port, running in a task until shut down.
struct RunningServer: Sendable {
    let baseURL: URL
    let port: Int
    private let task: Task<Void, any Error>

    /// Builds the routes, starts the application and waits until it listens.
    static func start(configuration: SandboxConfiguration, registry: SandboxRegistry) async throws -> RunningServer {
        let router = Router(context: SandboxRequestContext.self)
        let upload = UploadEndpoint(registry: registry)
        let list = ListVersionsEndpoint(registry: registry)
        router.post("/api/2/apps/:id/app_versions/upload") { try await upload.handle($0, context: $1) }
        router.get("/api/2/apps/:id/app_versions") { try await list.handle($0, context: $1) }

        var logger = Logger(label: "shipnotes.sandbox")
        logger.logLevel = .critical
        let (bound, boundContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router,
            // A connection that sends nothing for this long is closed, whether it is between requests,
            // sending a request's head, or part-way through its body; a handler reading that body
            // then sees the body end in an error and lets the upload go.
            server: .http1(configuration: .init(idleTimeout: TimeAmount(configuration.requestIdleTimeout))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? configuration.port)
                boundContinuation.finish()
            },
            logger: logger)
        let task = Task {
            defer { boundContinuation.finish() }
            try await application.run()
        }
        var iterator = bound.makeAsyncIterator()
        guard let port = await iterator.next() else {
            let reason: String
            switch await task.result {
            case .failure(let error): reason = error.systemReason
            case .success: reason = "the server stopped before it listened"
            }
            throw SandboxError.bindFailed(host: configuration.host, port: configuration.port, reason: reason)
        }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        guard let baseURL = URL(string: "http://\(host):\(port)") else {
            task.cancel()
            throw SandboxError.bindFailed(
                host: configuration.host, port: configuration.port, reason: "the host makes no valid URL")
        }
        return RunningServer(baseURL: baseURL, port: port, task: task)
    }

    /// Cancels the application (closing the listener and open connections) and waits for it.
    func shutDown() async {
        task.cancel()
        _ = await task.result
    }

    /// Waits until the application stops.
    func waitUntilStopped() async {
        _ = await task.result
    }
}
