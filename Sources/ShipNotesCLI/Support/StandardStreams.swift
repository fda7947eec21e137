#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writes to the process's standard output and standard error without buffering a second copy.
enum StandardStreams {
    /// Writes `text` to standard output.
    static func writeOutput(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    /// Writes `text` to standard error.
    static func writeError(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// Writes a warning line (`warning: …`) to standard error.
    static func warn(_ message: String) {
        writeError("warning: \(message)\n")
    }

    /// Whether standard error is a terminal (progress bars) rather than a log (plain lines).
    static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes raw bytes to standard output.
    static func writeOutput(_ bytes: UnsafeBufferPointer<UInt8>) {
        write(bytes, to: STDOUT_FILENO)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { write($0, to: descriptor) }
    }

    /// Writes all of `bytes` with `write(2)`, retrying short writes and interruptions; a closed pipe
    /// (the reader went away) ends the write quietly.
    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
