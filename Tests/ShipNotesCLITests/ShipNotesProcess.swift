import Foundation

/// Runs the built `shipnotes` executable as a user would, capturing its output and exit status.
struct ShipNotesProcess {
    struct Result {
        var status: Int32
        var output: Data
        var error: String
        var outputText: String { String(decoding: output, as: UTF8.self) }
    }

    /// The `shipnotes` binary SwiftPM built next to the test bundle.
    static var executable: URL {
        var directory = Bundle.main.bundleURL
        // On Linux the test runner is the bundle itself; on macOS the bundle sits inside the products folder.
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("shipnotes")
    }

    /// The test runner's environment without an API token (so no test depends on the caller's shell),
    /// with `overrides` on top.
    static func childEnvironment(_ overrides: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HOCKEYAPP_API_TOKEN"] = nil
        return environment.merging(overrides) { $1 }
    }

    /// Runs `shipnotes` with `arguments`, feeding `input` to standard input. It suspends instead of
    /// blocking a thread while the child runs: on a 2-core machine the concurrency pool has two
    /// threads, and tests blocking both would starve the in-process sandboxes other tests talk to.
    ///
    /// - Parameter directory: the working directory; the test runner's when nil.
    static func execute(
        _ arguments: [String], input: Data = Data(), environment: [String: String] = [:], directory: URL? = nil
    ) async throws -> Result {
        // All three streams are files: nothing needs draining while the child runs.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inputFile = scratch.appendingPathComponent("stdin")
        let outputFile = scratch.appendingPathComponent("stdout")
        let errorFile = scratch.appendingPathComponent("stderr")
        try input.write(to: inputFile)
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = childEnvironment(environment)
        if let directory { process.currentDirectoryURL = directory }
        let handles = try [
            FileHandle(forReadingFrom: inputFile), FileHandle(forWritingTo: outputFile), FileHandle(forWritingTo: errorFile),
        ]
        defer { handles.forEach { try? $0.close() } }
        process.standardInput = handles[0]
        process.standardOutput = handles[1]
        process.standardError = handles[2]
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Result(
            status: status, output: try Data(contentsOf: outputFile), error: try String(contentsOf: errorFile, encoding: .utf8))
    }
}
