import Foundation

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// The bytes of a changelog: an array the caller gave, or a file mapped into memory.
///
/// Mapping a file instead of reading it saves copying it and, on Linux with `MAP_POPULATE`, the
/// page fault per 4 KiB that filling a new array costs: on a 10 MB changelog those faults took
/// longer than reading all its releases. The bytes never change once the source is made, which is
/// what makes sharing it between threads safe.
final class ChangelogSource: @unchecked Sendable {
    private let array: [UInt8]
    private let mapping: UnsafeMutableRawPointer?
    let count: Int

    init(bytes: [UInt8]) {
        array = bytes
        mapping = nil
        count = bytes.count
    }

    /// Maps the file at `path`, or reads it when it cannot be mapped (a pipe, a special file).
    ///
    /// - Throws: `FileReadError.fileNotFound`, `.isDirectory` or `.unreadable`.
    init(contentsOfFile path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw FileReadError.fileNotFound(path: path) }
            throw FileReadError.unreadable(path: path, reason: Self.reason(code))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileReadError.unreadable(path: path, reason: Self.reason(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw FileReadError.isDirectory(path: path) }
        let size = Int(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFREG, size > 0 {
            #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
            #else
            let flags = MAP_PRIVATE
            #endif
            if let region = mmap(nil, size, PROT_READ, flags, descriptor, 0), region != MAP_FAILED {
                mapping = region
                array = []
                count = size
                return
            }
        }
        array = try Self.read(descriptor, expected: size, path: path)
        mapping = nil
        count = array.count
    }

    deinit {
        if let mapping { munmap(mapping, count) }
    }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let mapping {
            return try body(UnsafeBufferPointer(start: mapping.assumingMemoryBound(to: UInt8.self), count: count))
        }
        return try array.withUnsafeBufferPointer(body)
    }

    private static func read(_ descriptor: Int32, expected: Int, path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(expected, 0))
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = systemRead(descriptor, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw FileReadError.unreadable(path: path, reason: reason(errno)) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// The system's reason, such as "permission denied".
    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
