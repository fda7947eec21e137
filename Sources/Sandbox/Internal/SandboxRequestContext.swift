import Hummingbird

/// The per-request context: Hummingbird's core storage plus a way to close the client's
/// connection, which the "drop the connection" fault does from inside a handler.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    private let closeConnection: @Sendable () async -> Void

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        let channel = source.channel
        self.closeConnection = { try? await channel.close().get() }
    }

    /// Closes the client's connection without answering.
    func dropConnection() async {
        await closeConnection()
    }
}
