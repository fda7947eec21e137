import Foundation
import FuzzSupport
import NIOCore
@testable import Sandbox

// The sandbox's multipart reader (the upload body, fed chunk by chunk as the server receives it).
// The first input byte picks the chunk size, the rest is the body, read with the boundary
// `shipnotes-fuzz`. Properties: no crash or memory error; the same fields, files and verdict
// whatever the chunking (the body read whole and in chunks of the chosen size agree); linear cost on
// every input repeated to 16 and 64 KiB (LinearityCheck).

let boundary = "shipnotes-fuzz"

/// What reading `body` in chunks of `chunkSize` bytes made of it.
struct ReadOutcome: Equatable {
    var fields: [SandboxFormField]
    var files: [StagedFile]
    var failure: MultipartReadError?
}

func read(_ body: [UInt8], chunkSize: Int) -> ReadOutcome {
    let reader = MultipartUploadReader(boundary: boundary, stagingDirectory: nil, maxFieldBytes: 64 * 1024)
    var offset = 0
    repeat {
        let end = min(body.count, offset + chunkSize)
        reader.consume(ByteBuffer(bytes: body[offset..<end]))
        offset = end
    } while offset < body.count
    var failure: MultipartReadError?
    do { try reader.finish() } catch { failure = error }
    return ReadOutcome(fields: reader.fields, files: reader.files, failure: failure)
}

let linearity = LinearityCheck(prose: referenceProse) { bytes in
    _ = read(bytes, chunkSize: 4096)
    return 0
}

func fuzzMultipartReader(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = fuzzInputBytes(start, count)
    guard let first = input.first else { return 0 }
    let body = Array(input.dropFirst())
    let chunkSize = 1 + Int(first) % 97
    var whole: ReadOutcome?
    let elapsed = LinearityCheck.time { whole = read(body, chunkSize: max(body.count, 1)) }
    let chunked = read(body, chunkSize: chunkSize)
    if chunked != whole {
        fatalError("chunks of \(chunkSize) bytes read differently from the whole body:\n\(chunked)\nvs\n\(whole!)")
    }
    linearity.check(body, elapsedNanoseconds: elapsed)
    return 0
}

exit(runFuzzer { fuzzMultipartReader($0, $1) })
