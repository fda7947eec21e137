import Foundation
import NIOCore

/// A file part of an upload, written to the staging folder (or only counted).
struct StagedFile: Hashable, Sendable {
    var fieldName: String
    var fileName: String
    var contentType: String?
    var byteCount: Int
    /// Where the bytes are; nil when the reader only counted them.
    var stagedURL: URL?
}

/// Why a multipart body could not be taken apart.
enum MultipartReadError: Error, Equatable {
    case malformed
    case fieldTooLong(name: String)
    case storage(path: String, reason: String)
}

/// Feeds a request body, chunk by chunk, through ``MultipartStreamParser``, keeping
/// text fields in memory and writing file parts to disk in large writes, so memory stays flat
/// however big the upload is.
///
/// Used by one request handler only, through ``UploadBodyReader``, which runs it on blocking-work
/// threads one chunk at a time.
final class MultipartUploadReader {
    private var parser: MultipartStreamParser
    private let stagingDirectory: URL?
    private let maxFieldBytes: Int
    /// Text bytes kept so far, over all fields: the cap holds for the whole form, not per field.
    private var fieldBytes = 0
    private(set) var fields: [SandboxFormField] = []
    private(set) var files: [StagedFile] = []
    private var partHeaders: [(name: String, value: String)] = []
    private var part: Part?
    private var failure: MultipartReadError?
    /// Body bytes of the current file part not yet written; flushed every `flushThreshold` bytes, so
    /// that the many small slices a body can come in (split at CR bytes, or by the network) make
    /// few large writes.
    private var pending = ByteBuffer()
    private static let flushThreshold = 256 * 1024

    private enum Part {
        case text(name: String, bytes: [UInt8])
        case file(StagedFile, handle: FileHandle?)
        case ignored
    }

    /// - Parameters:
    ///   - boundary: the `boundary` parameter of the request's Content-Type.
    ///   - stagingDirectory: where file parts are written; nil to count their bytes only.
    ///   - maxFieldBytes: the most text, over all text fields, accepted.
    init(boundary: String, stagingDirectory: URL?, maxFieldBytes: Int = 4 * 1024 * 1024) {
        parser = MultipartStreamParser(boundary: boundary)
        self.stagingDirectory = stagingDirectory
        self.maxFieldBytes = maxFieldBytes
        pending.reserveCapacity(Self.flushThreshold + 64 * 1024)
        parser.onHeader = { [unowned self] name, value in partHeaders.append((name, value)) }
        parser.onBody = { [unowned self] body in receive(body) }
        parser.onPartComplete = { [unowned self] in completePart() }
    }

    /// Parses the next chunk of the body. After a failure, later chunks are ignored so the
    /// caller can keep draining the request before answering.
    func consume(_ chunk: ByteBuffer) {
        guard failure == nil else { return }
        do {
            try chunk.withUnsafeReadableBytes { bytes throws(MultipartStreamParser.Failure) in try parser.execute(bytes) }
        } catch {
            fail(.malformed)
        }
    }

    /// Ends the body: every part must have been closed by a boundary.
    /// - Throws: the first ``MultipartReadError`` met while reading.
    func finish() throws(MultipartReadError) {
        if part != nil || !parser.isComplete { fail(.malformed) }
        if let failure { throw failure }
    }

    private func receive(_ body: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        if part == nil { part = beginPart() }
        switch part {
        case .text(let name, var bytes):
            fieldBytes += body.count
            guard fieldBytes <= maxFieldBytes else { return fail(.fieldTooLong(name: name)) }
            part = .ignored  // keeps `bytes` uniquely referenced while appending
            bytes.append(contentsOf: body)
            part = .text(name: name, bytes: bytes)
        case .file(var file, let handle):
            file.byteCount += body.count
            part = .file(file, handle: handle)
            if let handle {
                pending.writeBytes(body)
                if pending.readableBytes >= Self.flushThreshold { flush(to: handle, path: file.stagedURL) }
            }
        case .ignored, nil:
            break
        }
    }

    private func completePart() {
        guard failure == nil else { return }
        if part == nil { part = beginPart() }
        switch part {
        case .text(let name, let bytes):
            fields.append(SandboxFormField(name: name, value: String(decoding: bytes, as: UTF8.self)))
        case .file(let file, let handle):
            if let handle {
                flush(to: handle, path: file.stagedURL)
                try? handle.close()
            }
            if failure == nil { files.append(file) }
        case .ignored, nil:
            break
        }
        part = nil
        partHeaders.removeAll(keepingCapacity: true)
    }

    private func beginPart() -> Part {
        let disposition = partHeaders.last { $0.name.lowercased() == "content-disposition" }
            .map { HeaderParameters($0.value) }
        guard let name = disposition?.parameters["name"] else { return .ignored }
        guard let fileName = disposition?.parameters["filename"] else { return .text(name: name, bytes: []) }
        var file = StagedFile(
            fieldName: name, fileName: fileName,
            contentType: partHeaders.last { $0.name.lowercased() == "content-type" }?.value,
            byteCount: 0, stagedURL: nil)
        guard let stagingDirectory else { return .file(file, handle: nil) }
        let url = stagingDirectory.appendingPathComponent("part-\(files.count)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: url.path)
        else {
            fail(.storage(path: url.path, reason: "the file could not be created"))
            return .ignored
        }
        file.stagedURL = url
        return .file(file, handle: handle)
    }

    private func flush(to handle: FileHandle, path: URL?) {
        guard pending.readableBytes > 0 else { return }
        do {
            try pending.withUnsafeReadableBytes { try handle.write(contentsOf: $0) }
            pending.clear()
        } catch {
            fail(.storage(path: path?.path ?? "", reason: error.systemReason))
        }
    }

    private func fail(_ error: MultipartReadError) {
        if failure == nil { failure = error }
        if case .file(_, let handle?) = part { try? handle.close() }
        part = .ignored
        pending.clear()
    }
}
