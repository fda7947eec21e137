import Foundation

/// SIGINT and SIGTERM as they arrive, for the commands that serve until stopped (`sandbox`,
/// `preview --serve`). While it exists the signals' default action (exit) is off, so that
/// Dispatch sees them and the command can shut down cleanly.
final class InterruptSignals: @unchecked Sendable {
    /// The numbers of the signals received, in order.
    let signals: AsyncStream<Int32>
    private let continuation: AsyncStream<Int32>.Continuation
    private let sources: [DispatchSourceSignal]

    init() {
        (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
        let continuation = self.continuation
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    /// Ends `signals`, so that a task waiting on it goes on.
    func finish() {
        continuation.finish()
    }

    /// The first signal received; nil when `finish()` came first.
    func first() async -> Int32? {
        for await number in signals { return number }
        return nil
    }

    deinit {
        sources.forEach { $0.cancel() }
        continuation.finish()
    }
}
