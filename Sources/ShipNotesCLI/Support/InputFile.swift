import Foundation
import ShipNotes

/// Reads a command's input: a file, or standard input for `-` or no argument.
struct InputFile {
    /// The name used in messages: the path, or "standard input".
    let displayName: String
    let path: String?

    /// - Parameter path: a file path, `-` or nil for standard input.
    init(_ path: String?) {
        if let path, path != "-" {
            self.path = path
            displayName = path
        } else {
            self.path = nil
            displayName = "standard input"
        }
    }

    /// Reads the whole input as UTF-8, replacing invalid sequences with U+FFFD and warning on
    /// standard error when it had to.
    ///
    /// - Throws: `FileReadError` when the file is missing, a directory or unreadable.
    func readUTF8() throws -> [UInt8] {
        let bytes = try readBytes()
        if bytes.withUnsafeBufferPointer(UTF8Validation.isValid) { return bytes }
        StandardStreams.warn("\(displayName) is not valid UTF-8; invalid bytes were replaced with U+FFFD.")
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// Reads the whole input as it is, for readers that check its encoding themselves.
    ///
    /// - Throws: `FileReadError` when the file is missing, a directory or unreadable.
    func readBytes() throws -> [UInt8] {
        guard let path else {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FileReadError.fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw FileReadError.isDirectory(path: path) }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileReadError.unreadable(path: path, reason: Self.lastError()) }
        defer { close(descriptor) }
        var info = stat()
        let expected = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        // Read straight into the array's storage: one allocation, no intermediate Data.
        var bytes = [UInt8](unsafeUninitializedCapacity: max(expected, 1)) { buffer, initialized in
            initialized = 0
            while initialized < expected {
                let count = read(descriptor, buffer.baseAddress! + initialized, expected - initialized)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                initialized += count
            }
        }
        // A file that grew while we read it, or one whose size stat cannot tell (a FIFO).
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw FileReadError.unreadable(path: path, reason: Self.lastError()) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// The system's reason for the last failed call, e.g. "permission denied".
    private static func lastError() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}
