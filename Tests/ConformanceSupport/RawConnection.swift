import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain TCP connection to a loopback server (the sandbox, in the tests of its own target and of
/// the command line), for clients no HTTP library plays: one that sends a request's head and part
/// of its body, then stops.
public final class RawConnection: Sendable {
    private let descriptor: Int32

    /// Connects to `port` on 127.0.0.1.
    public init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends `text` as UTF-8.
    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Whether the server closes the connection within `seconds`, discarding anything it sends first.
    public func waitUntilClosed(within seconds: Int) async -> Bool {
        await withCheckedContinuation { continuation in
            // The wait blocks a Dispatch thread, never one of the concurrency pool the sandbox runs on.
            DispatchQueue.global().async {
                continuation.resume(returning: self.blockUntilClosed(deadline: Date().addingTimeInterval(Double(seconds))))
            }
        }
    }

    private func blockUntilClosed(deadline: Date) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let remaining = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
            guard remaining > 0 else { return false }
            var descriptors = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptors, 1, remaining)
            if ready == 0 { return false }
            if ready < 0 { return errno != EINTR }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return true }
        }
    }
}
