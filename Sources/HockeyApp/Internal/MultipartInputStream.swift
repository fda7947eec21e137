import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// At file scope these name the C functions, which InputStream's `open()`/`close()` would shadow.
// Without waiting: a build that became a named pipe after it was checked must fail, not block libcurl.
private func openForReading(_ path: String) -> Int32 { open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
private func closeFile(_ descriptor: Int32) { _ = close(descriptor) }
private func readFile(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// Streams a ``MultipartBody`` to URLSession: it fills each buffer the transfer asks for as fully as
/// it can, across part boundaries, reading files straight into that buffer, so memory stays at one
/// buffer whatever the build's size.
///
/// It also counts what it has handed over, which is how the client knows whether a failed attempt
/// could have reached the server complete (see ``UploadAttemptOutcome``).
final class MultipartInputStream: InputStream {
    private let segments: [MultipartBody.Segment]
    private let counter: TransferCounter
    private var segmentIndex = 0
    private var offsetInSegment = 0
    private var descriptor: Int32 = -1
    private var status: Stream.Status = .notOpen
    private var failure: (any Error)?
    private var bytesSinceDrain = 0

    init(body: MultipartBody, counter: TransferCounter) {
        segments = body.segments
        self.counter = counter
        super.init(data: Data())
    }

    deinit {
        if descriptor >= 0 { closeFile(descriptor) }
    }

    override func open() {
        status = .open
    }

    override func close() {
        if descriptor >= 0 {
            closeFile(descriptor)
            descriptor = -1
        }
        status = .closed
    }

    override var streamStatus: Stream.Status { status }
    override var streamError: (any Error)? { failure }
    override var hasBytesAvailable: Bool { status == .open || status == .notOpen }
    override var delegate: (any StreamDelegate)? {
        get { nil }
        set {}
    }

    override func getBuffer(
        _ buffer: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, length len: UnsafeMutablePointer<Int>
    ) -> Bool {
        false
    }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        guard status == .open else { return status == .atEnd ? 0 : -1 }
        var filled = 0
        while filled < length, segmentIndex < segments.count {
            let wanted = length - filled
            switch segments[segmentIndex] {
            case .bytes(let bytes):
                let count = min(wanted, bytes.count - offsetInSegment)
                bytes.withUnsafeBufferPointer { source in
                    (buffer + filled).update(from: source.baseAddress! + offsetInSegment, count: count)
                }
                filled += count
                advance(by: count, segmentSize: bytes.count)
            case .file(let path, let size):
                if descriptor < 0 {
                    descriptor = openForReading(path)
                    guard descriptor >= 0 else { return fail(path: path, reason: Self.lastError()) }
                }
                let count = readFile(descriptor, buffer + filled, min(wanted, size - offsetInSegment))
                if count < 0 {
                    if errno == EINTR { continue }
                    return fail(path: path, reason: Self.lastError())
                }
                // The Content-Length was computed from the size; a file that shrank cannot be sent.
                guard count > 0 else { return fail(path: path, reason: "it became shorter while it was being uploaded") }
                filled += count
                advance(by: count, segmentSize: size)
            }
        }
        if segmentIndex == segments.count && filled == 0 { status = .atEnd }
        counter.add(filled)
        bytesSinceDrain += filled
        if bytesSinceDrain >= Self.drainInterval {
            bytesSinceDrain = 0
            Self.drainBufferReleases()
        }
        return filled
    }

    /// How many bytes may be handed over between two ``drainBufferReleases()``.
    static let drainInterval = 8 << 20

    /// Waits until the default global queue has reached work queued before now.
    ///
    /// swift-corelibs-foundation reads a body stream into a fresh buffer per chunk (as large as libcurl's
    /// upload buffer, see ``HTTPTransport/curlUploadBufferSize``) and frees it
    /// through a `DispatchData` destructor that libdispatch runs *asynchronously* on the default global
    /// queue. On a busy machine those frees fall behind the transfer and the pending buffers pile up
    /// (we measured 110 MB resident for a 1 GB upload instead of 36 MB). Queueing a marker behind them
    /// every few megabytes and waiting for it keeps the backlog, and so the memory, bounded. The wait
    /// is capped so that a starved queue slows the upload a little instead of stalling it.
    private static func drainBufferReleases() {
        #if canImport(FoundationNetworking)
        let marker = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { marker.signal() }
        _ = marker.wait(timeout: .now() + .milliseconds(50))
        #endif
    }

    private func advance(by count: Int, segmentSize: Int) {
        offsetInSegment += count
        if offsetInSegment == segmentSize {
            if descriptor >= 0 {
                closeFile(descriptor)
                descriptor = -1
            }
            segmentIndex += 1
            offsetInSegment = 0
        }
    }

    private func fail(path: String, reason: String) -> Int {
        let error = HockeyAppError.buildFileUnreadable(path: path, reason: reason)
        failure = error
        counter.fail(error)
        status = .error
        return -1
    }

    private static func lastError() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}
