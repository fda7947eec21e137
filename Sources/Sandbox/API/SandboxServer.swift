import Foundation
import HockeyApp

/// A local HTTP server speaking the HockeyApp "upload new version" and "list versions" API.
///
/// ```swift
/// let server = SandboxServer(configuration: .demo(dataDirectory: folder))
/// let baseURL = try await server.start()      // http://127.0.0.1:PORT
/// await server.inject(.failAfterStoring(status: 503))
/// … upload to baseURL/api/2/apps/ID/app_versions/upload …
/// await server.stop()
/// ```
public actor SandboxServer {
    /// What the server was created with.
    public nonisolated let configuration: SandboxConfiguration
    let registry: SandboxRegistry
    private var running: RunningServer?

    /// Creates a server; nothing listens until ``start()``.
    public init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        self.registry = SandboxRegistry(configuration: configuration)
    }

    /// Binds the configured address, loads versions already stored in the data folder, and starts answering.
    /// - Returns: the base URL, e.g. `http://127.0.0.1:53122`, with the port actually bound.
    /// - Throws: ``SandboxError`` when the address can't be bound, the server already runs,
    ///   or the data folder can't be used.
    @discardableResult
    public func start() async throws -> URL {
        if let running { throw SandboxError.alreadyRunning(baseURL: running.baseURL.absoluteString) }
        try await registry.loadStoredVersions()
        let started = try await RunningServer.start(configuration: configuration, registry: registry)
        running = started
        return started.baseURL
    }

    /// The base URL while running, nil otherwise.
    public var baseURL: URL? { running?.baseURL }

    /// The bound port while running, nil otherwise.
    public var port: Int? { running?.port }

    /// Stops listening, closes open connections, and returns once the server has shut down.
    public func stop() async {
        guard let running else { return }
        self.running = nil
        await running.shutDown()
    }

    /// Waits until the server stops, through ``stop()`` or because it failed.
    public func waitUntilStopped() async {
        await running?.waitUntilStopped()
    }

    /// Makes the next `count` requests to `endpoint` misbehave as `fault` says.
    ///
    /// Every request to the endpoint counts, whatever its answer. Several faults may be armed at
    /// once and all apply to a request (a delay combines with any other); of two faults of one
    /// kind, the one armed first wins.
    public func inject(_ fault: SandboxFault, on endpoint: SandboxEndpoint = .upload, count: Int = 1) async {
        await registry.inject(fault, on: endpoint, count: count)
    }

    /// Disarms every injected fault.
    public func removeAllFaults() async {
        await registry.removeAllFaults()
    }

    /// Every request received on the upload endpoint since start, oldest first.
    public var uploads: [SandboxUploadRecord] {
        get async { await registry.uploads }
    }

    /// The versions stored for `appID`, oldest first (the list endpoint answers newest first).
    public func storedVersions(appID: String) async -> [SandboxStoredVersion] {
        await registry.storedVersions(appID: appID)
    }
}
