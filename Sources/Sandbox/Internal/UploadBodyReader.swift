import Foundation
import NIOCore
import Synchronization

/// A ``MultipartUploadReader`` that a request handler feeds but that runs on blocking-work threads
/// (``BlockingWork``): taking the body apart is CPU work and file parts go to disk as they arrive,
/// neither of which may hold a thread of the pool every handler shares.
///
/// The lock only hands the reader from one chunk's thread to the next; one handler feeds it, in order.
final class UploadBodyReader: Sendable {
    private let reader: Mutex<MultipartUploadReader>

    /// - Parameters:
    ///   - boundary: the `boundary` parameter of the request's Content-Type.
    ///   - stagingDirectory: where file parts are written; nil to count their bytes only.
    init(boundary: String, stagingDirectory: URL?) {
        reader = Mutex(MultipartUploadReader(boundary: boundary, stagingDirectory: stagingDirectory))
    }

    /// Parses the next chunk of the body (see ``MultipartUploadReader/consume(_:)``).
    /// - Throws: only when the blocking-work threads no longer run (the sandbox is stopping).
    func consume(_ chunk: ByteBuffer) async throws {
        try await BlockingWork.run { self.reader.withLock { $0.consume(chunk) } }
    }

    /// Ends the body, flushing and closing the last file part.
    /// - Returns: the first ``MultipartReadError`` met while reading, nil when there was none.
    /// - Throws: only when the blocking-work threads no longer run (the sandbox is stopping).
    func finish() async throws -> MultipartReadError? {
        try await BlockingWork.run {
            self.reader.withLock { reader -> MultipartReadError? in
                do throws(MultipartReadError) {
                    try reader.finish()
                    return nil
                } catch {
                    return error
                }
            }
        }
    }

    /// The text fields read so far.
    var fields: [SandboxFormField] { reader.withLock { $0.fields } }

    /// The file parts read so far.
    var files: [StagedFile] { reader.withLock { $0.files } }
}
