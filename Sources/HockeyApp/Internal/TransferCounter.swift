import Foundation
import Synchronization

/// What the body stream has handed to the transfer so far, shared between URLSession's queue (which
/// reads the stream) and the client (which decides, after a failure, whether the whole body went out).
final class TransferCounter: Sendable {
    /// The body's length.
    let total: Int
    private struct State {
        var delivered = 0
        var failure: HockeyAppError?
        var nextReport = 0
    }
    private let state = Mutex(State())
    private let reportStep: Int
    private let onProgress: (@Sendable (Int, Int) -> Void)?

    /// - Parameters:
    ///   - total: the body's length.
    ///   - onProgress: called with (bytes sent, total) about every half percent, and at the end.
    init(total: Int, onProgress: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.onProgress = onProgress
        reportStep = max(total / 200, 64 << 10)
    }

    /// Bytes handed to the transfer so far.
    var bytesDelivered: Int {
        state.withLock { $0.delivered }
    }

    /// Whether every byte of the body was handed to the transfer.
    var isComplete: Bool { bytesDelivered >= total }

    /// A build file that failed while it was being streamed.
    var fileFailure: HockeyAppError? {
        state.withLock { $0.failure }
    }

    func add(_ count: Int) {
        guard count > 0 else { return }
        let report: Int? = state.withLock { state in
            state.delivered += count
            guard state.delivered >= state.nextReport || state.delivered == total else { return nil }
            state.nextReport = state.delivered + reportStep
            return state.delivered
        }
        if let report { onProgress?(report, total) }
    }

    func fail(_ error: HockeyAppError) {
        state.withLock { $0.failure = error }
    }
}
