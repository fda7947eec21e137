import Foundation
import HockeyApp
import Synchronization
import Testing

/// Only a regular file is a build: a named pipe given as the build or the symbols is refused
/// before anything opens it (opening one waits for a writer that may never come).
@Suite struct BuildFileKindTests {
    @Test(arguments: ["ipa", "dsym"])
    func aNamedPipeIsRefusedWithoutWaitingForAWriter(field: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.url.appendingPathComponent(field == "ipa" ? "App.ipa" : "App.app.dSYM.zip")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let job = field == "ipa" ? UploadJob(appID: "abc", ipa: fifo) : UploadJob(appID: "abc", dsym: fifo)

        let error = await Self.validateWithin(.seconds(10), job, unblocking: fifo)

        #expect(error == .buildFileUnreadable(path: fifo.path, reason: "it is a named pipe (FIFO), not a regular file"))
        #expect(error?.errorDescription == "the build file \(fifo.path) cannot be read: it is a named pipe (FIFO), not a regular file")
    }

    @Test func aSymbolicLinkToARegularFileIsABuild() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ipa = folder.url.appendingPathComponent("Real.ipa")
        try SampleBuild.write(to: ipa, bundleVersion: "1")
        let link = folder.url.appendingPathComponent("App.ipa")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: ipa)
        try UploadJob(appID: "abc", ipa: link).validate()
    }

    /// Runs `validate()` on a thread of its own and returns what it threw; if it has not returned within `limit` (it blocks in
    /// `open` on the pipe), opens the pipe's writing end so that it returns and the test can end,
    /// and records that it blocked.
    private static func validateWithin(
        _ limit: Duration, _ job: UploadJob, unblocking fifo: URL
    ) async -> HockeyAppError? {
        let done = Mutex(false)
        return await withCheckedContinuation { continuation in
            Thread {
                var result: HockeyAppError?
                do throws(HockeyAppError) {
                    try job.validate()
                } catch {
                    result = error
                }
                done.withLock { $0 = true }
                continuation.resume(returning: result)
            }.start()
            Thread {
                let deadline = ContinuousClock.now + limit
                while ContinuousClock.now < deadline, !done.withLock({ $0 }) { usleep(20_000) }
                guard !done.withLock({ $0 }) else { return }
                Issue.record("validate() was still waiting on the named pipe after \(limit)")
                let writer = open(fifo.path, O_WRONLY | O_NONBLOCK)
                if writer >= 0 { close(writer) }
            }.start()
        }
    }
}
