import Foundation

// ZIPFoundation links the system zlib: on Linux through its `CZlib` module map, which SwiftPM
// hands to every target depending on ZIPFoundation; Apple SDKs ship a `zlib` module.
#if canImport(CZlib)
internal import CZlib
#elseif canImport(zlib)
internal import zlib
#endif

/// Inflates a raw deflate stream (a zip entry's data) that is wholly in memory, under a limit on
/// what it produces, so that no stream, however crafted, can make it loop or grow without end.
///
/// ZIPFoundation's own inflate loop on Linux reads on past the entry until the stream ends and
/// treats the end of the file as "no input yet", so a stream that never ends (a stored block
/// longer than the file, say) spins for ever. Here the input is exactly the entry's bytes, every
/// call to `inflate` must consume input or produce output, and the output stops at `limit`.
enum BoundedInflater {
    /// Why a stream was not inflated.
    enum Failure: Error, Equatable {
        /// The stream inflates to more than the limit.
        case tooLarge
        /// The input ends before the stream does (it is cut short, or claims more than it holds).
        case truncated
        /// zlib refused the stream (a bad block, a bad code, a dictionary the zip format never uses).
        case invalid
    }

    /// The bytes `compressed` inflates to.
    /// - Parameters:
    ///   - compressed: a raw deflate stream (no zlib or gzip header), as a zip entry stores it.
    ///   - limit: the most bytes the result may hold.
    /// - Throws: ``Failure``.
    static func inflate(_ compressed: Data, limit: Int) throws(Failure) -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .invalid
        }
        defer { inflateEnd(&stream) }

        let chunkSize = 64 * 1024
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var input = [UInt8](compressed)
        // The one exit that is not an error: zlib reports the stream's own end.
        var ended = false
        let outcome: Failure? = input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            while !ended {
                let availableIn = stream.avail_in
                let result: Int32 = chunk.withUnsafeMutableBufferPointer { outputBuffer in
                    stream.next_out = outputBuffer.baseAddress
                    stream.avail_out = UInt32(outputBuffer.count)
                    return zlibInflate(&stream)
                }
                let produced = chunkSize - Int(stream.avail_out)
                let consumed = Int(availableIn - stream.avail_in)
                switch result {
                case Z_STREAM_END: ended = true
                case Z_OK, Z_BUF_ERROR: break
                default: return .invalid
                }
                guard output.count + produced <= limit else { return .tooLarge }
                output.append(contentsOf: chunk[0..<produced])
                // zlib makes progress on every call while it has input and room; a call that does
                // neither means the input is spent before the stream's end.
                if !ended, produced == 0, consumed == 0 { return .truncated }
            }
            return nil
        }
        if let outcome { throw outcome }
        return output
    }

    /// The zip (IEEE) CRC-32 of `data`.
    static func checksum(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { buffer in
            guard let base = buffer.bindMemory(to: UInt8.self).baseAddress else { return 0 }
            return UInt32(crc32(0, base, uInt(buffer.count)))
        }
    }
}

/// `inflate` under a name that the enum's own `inflate(_:limit:)` does not shadow.
private func zlibInflate(_ stream: inout z_stream) -> Int32 {
    inflate(&stream, Z_NO_FLUSH)
}
