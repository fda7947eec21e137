import NIOPosix

/// Runs the sandbox's synchronous work — reading a build's plist, rendering notes, writing files —
/// on NIO's blocking-work threads instead of the Swift concurrency pool the request handlers run on.
///
/// That pool has one thread per core. Work that holds a thread there holds up every handler, the
/// event loop's hand-offs to them, and the command's own signal handling, so a few slow uploads on
/// a two-core machine would stop the sandbox answering anyone or stopping on SIGTERM.
enum BlockingWork {
    /// The result of `body`, run on a blocking-work thread.
    /// - Throws: what `body` throws, or NIO's error when the thread pool no longer runs.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}
