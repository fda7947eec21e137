import Foundation

/// Plain BSD sockets on 127.0.0.1 for the test servers that the sandbox cannot stand in for.
enum LoopbackSocket {
    /// A TCP socket bound to an ephemeral loopback port, listening with `backlog` unless it is nil.
    /// - Returns: the descriptor and the port.
    static func bind(listening backlog: Int32?) throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(descriptor, $0, length) == 0
                    && (backlog.map { listen(descriptor, $0) == 0 } ?? true)
                    && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard ok else {
            close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Starts a non-blocking connection to a loopback port and returns its descriptor.
    static func startConnecting(to port: Int) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        var address = loopback(port: port)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return descriptor
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }
}

/// A loopback port nothing listens on: bound, then closed.
enum ClosedPort {
    static func make() throws -> Int {
        let (descriptor, port) = try LoopbackSocket.bind(listening: nil)
        close(descriptor)
        return port
    }
}

/// A loopback listener whose accept queue is full, so a new connection's handshake never completes
/// (Linux drops the SYN): a server that cannot be reached although the port is open.
final class FullListener {
    let port: Int
    private let descriptors: [Int32]

    init() throws {
        let (listener, port) = try LoopbackSocket.bind(listening: 0)
        self.port = port
        // Connections that are never accepted fill the queue (a backlog of 0 holds one).
        descriptors = [listener] + (0..<2).map { _ in LoopbackSocket.startConnecting(to: port) }
        usleep(50_000)
    }

    func close() {
        for descriptor in descriptors { _ = Glibc.close(descriptor) }
    }
}
