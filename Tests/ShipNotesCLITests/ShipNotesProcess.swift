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

    /// Runs `shipnotes` with `arguments`, feeding `input` to standard input.
    static func run(_ arguments: [String], input: Data = Data(), environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        // Standard error goes to a file, so only one pipe needs draining while the child runs.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let error = try String(contentsOf: errorFile, encoding: .utf8)
        return Result(status: process.terminationStatus, output: output, error: error)
    }
}
