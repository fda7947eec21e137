import Foundation
import ShipNotes
import Testing

/// UTF8Validation reads no byte past the buffer it is given: a changelog is checked where it is
/// mapped, and a file that ends at a page boundary has no readable byte after it. Each case puts
/// the bytes at the very end of a readable page followed by an inaccessible one, so a read past the
/// end stops the process.
@Suite struct UTF8ValidationTests {
    /// Calls `body` with `bytes` placed to end exactly where a PROT_NONE page starts.
    private static func atPageEnd<Result>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Result) throws -> Result {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let pages = (bytes.count + page - 1) / page + 1
        guard let region = mmap(nil, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              region != MAP_FAILED else { throw POSIXError(.ENOMEM) }
        defer { munmap(region, pages * page) }
        let guardPage = region + (pages - 1) * page
        #expect(mprotect(guardPage, page, PROT_NONE) == 0)
        let start = (guardPage - bytes.count).assumingMemoryBound(to: UInt8.self)
        bytes.withUnsafeBufferPointer { start.update(from: $0.baseAddress!, count: $0.count) }
        return body(UnsafeBufferPointer(start: start, count: bytes.count))
    }

    /// ASCII lengths around the 32- and 8-byte steps, including exact multiples of 32 (a length the
    /// fuzzer found read one byte past the end).
    @Test(arguments: [1, 7, 8, 9, 31, 32, 33, 64, 416, 4096])
    func asciiEndingAtAPageBoundary(length: Int) throws {
        let bytes = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        #expect(try Self.atPageEnd(bytes) { UTF8Validation.firstInvalidOffset($0, rejectingNUL: true) } == nil)
    }

    @Test func truncatedSequenceAtTheEnd() throws {
        let bytes = Array(repeating: UInt8(ascii: "x"), count: 63) + [0xE2, 0x82]
        #expect(try Self.atPageEnd(bytes) { UTF8Validation.firstInvalidOffset($0) } == 63)
    }

    @Test func nulAfterThirtyTwoBytesIsFound() throws {
        let bytes = Array(repeating: UInt8(ascii: "x"), count: 32) + [0]
        #expect(try Self.atPageEnd(bytes) { UTF8Validation.firstInvalidOffset($0, rejectingNUL: true) } == 32)
    }
}
