import Dispatch
import Foundation

/// A `shipnotes` process that keeps running (such as `shipnotes sandbox`) until the test stops it
/// with a signal, as a user would with `kill` or a service manager.
final class RunningShipNotes: @unchecked Sendable {
    /// How a stopped process ended.
    struct Ending {
        var reason: Process.TerminationReason
        var status: Int32
        var error: String
    }

    private let process = Process()
    private let output = Pipe()
    private let errorFile: URL
    private let exits: AsyncStream<Process.TerminationReason>

    /// Starts `shipnotes` with `arguments`; standard output is read with ``readOutput(through:)``.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let (exits, continuation) = AsyncStream.makeStream(of: Process.TerminationReason.self)
        self.exits = exits
        process.executableURL = ShipNotesProcess.executable
        process.arguments = arguments
        process.environment = ShipNotesProcess.childEnvironment(environment)
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.terminationHandler = { process in
            continuation.yield(process.terminationReason)
            continuation.finish()
        }
        try process.run()
    }

    /// Reads standard output until a line starting with `marker` has arrived, or the output ends.
    /// - Returns: everything read so far, as text.
    func readOutput(through marker: String) async -> String {
        let handle = output.fileHandleForReading
        // A cancelled test (its time limit passed) kills the process, which ends the blocked read.
        let data: Data = await withTaskCancellationHandler {
            await readAll(from: handle, through: marker)
        } onCancel: {
            cleanUp()
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func readAll(from handle: FileHandle, through marker: String) async -> Data {
        await withCheckedContinuation { continuation in
            // Blocking reads happen on a Dispatch thread, never on the concurrency pool.
            DispatchQueue.global().async {
                var data = Data()
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    data.append(chunk)
                    let text = String(decoding: data, as: UTF8.self)
                    if text.split(separator: "\n").contains(where: { $0.hasPrefix(marker) }) { break }
                }
                continuation.resume(returning: data)
            }
        }
    }

    /// Sends `signal` and waits for the process to end.
    func stop(with signal: Int32 = SIGTERM) async throws -> Ending {
        if process.isRunning { kill(process.processIdentifier, signal) }
        var reason: Process.TerminationReason?
        for await ending in exits { reason = ending }
        let error = try String(contentsOf: errorFile, encoding: .utf8)
        guard let reason else {
            // The wait was cancelled before the process ended: it ignored the signal.
            cleanUp()
            return Ending(reason: .uncaughtSignal, status: SIGKILL, error: error)
        }
        return Ending(reason: reason, status: process.terminationStatus, error: error)
    }

    /// Kills the process if it still runs and removes its files; for `defer`, after a failed expectation.
    func cleanUp() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: errorFile)
    }
}
