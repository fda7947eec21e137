import Foundation

/// What the body stream has handed to the transfer so far, shared between URLSession's queue (which
/// reads the stream) and the client (which decides, after a failure, whether the whole body went out).
///
/// A class with a lock rather than `Mutex`, which needs macOS 15 while the package supports 14.
final class TransferCounter: @unchecked Sendable {
    /// The body's length.
    let total: Int
    private let lock = NSLock()
    private var delivered = 0
    private var failure: HockeyAppError?
    private var nextReport = 0
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
        lock.withLock { delivered }
    }

    /// Whether every byte of the body was handed to the transfer.
    var isComplete: Bool { bytesDelivered >= total }

    /// A build file that failed while it was being streamed.
    var fileFailure: HockeyAppError? {
        lock.withLock { failure }
    }

    func add(_ count: Int) {
        guard count > 0 else { return }
        let report: Int? = lock.withLock {
            delivered += count
            guard delivered >= nextReport || delivered == total else { return nil }
            nextReport = delivered + reportStep
            return delivered
        }
        if let report { onProgress?(report, total) }
    }

    func fail(_ error: HockeyAppError) {
        lock.withLock { failure = error }
    }
}
