import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Real RedCloth in one long-running Ruby process: documents go in on stdin as a byte count line
/// followed by the bytes, their HTML comes back the same way.
///
/// Starting Ruby per document would take most of the test's time. RedCloth can also loop
/// forever on odd input, so each answer has a deadline: past it, the process is killed from
/// outside and a fresh one started for the next document.
final class WriterFidelityRedCloth {
    /// The outcome of rendering one document.
    enum Rendering: Equatable {
        case html(String)
        /// RedCloth gave no answer before the deadline.
        case hung
    }

    static let script = """
        require 'redcloth'
        $stdin.binmode
        $stdout.binmode
        while (line = $stdin.gets)
          text = $stdin.read(line.to_i).force_encoding('UTF-8')
          html = RedCloth.new(text).to_html.b
          $stdout.write("#{html.bytesize}\\n", html)
          $stdout.flush
        end
        """

    /// The `ruby` on `PATH` when it can load RedCloth, else nil.
    static let ruby: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/ruby"
            guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: candidate)
            probe.arguments = ["-rredcloth", "-e", ""]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { continue }
            probe.waitUntilExit()
            return probe.terminationStatus == 0 ? candidate : nil
        }
        return nil
    }()

    private let ruby: String
    private let deadline: Int32
    private var process: Process?
    private var input: FileHandle?
    private var output: Int32 = -1
    private var pending: [UInt8] = []
    /// How many times the process was killed for missing a deadline.
    private(set) var restarts = 0

    /// - Parameters:
    ///   - ruby: the interpreter, which must load RedCloth.
    ///   - deadline: milliseconds to wait for one document's HTML.
    init(ruby: String, deadline milliseconds: Int32 = 5000) {
        self.ruby = ruby
        self.deadline = milliseconds
    }

    deinit { stop() }

    /// Renders `textile` as `RedCloth.new(textile).to_html` does.
    func html(for textile: String) throws -> Rendering {
        if process == nil { try start() }
        let bytes = Array(textile.utf8)
        input?.write(Data("\(bytes.count)\n".utf8) + Data(bytes))
        guard let header = readLine(), let count = Int(header), let body = read(count) else {
            stop()
            restarts += 1
            return .hung
        }
        return .html(String(decoding: body, as: UTF8.self))
    }

    private func start() throws {
        // A process killed between documents must not take the test down with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ruby)
        process.arguments = ["-e", Self.script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading.fileDescriptor
        // Keep the read end's FileHandle alive with the process.
        outputHandle = stdout.fileHandleForReading
        pending = []
    }

    private var outputHandle: FileHandle?

    private func stop() {
        guard let process else { return }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? input?.close()
        try? outputHandle?.close()
        self.process = nil
        input = nil
        outputHandle = nil
        output = -1
        pending = []
    }

    /// Reads more bytes into `pending`; false when none came before the deadline or the process ended.
    private func fill() -> Bool {
        var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, deadline) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let descriptorNumber = output
        let count = buffer.withUnsafeMutableBytes { readBytes(descriptorNumber, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        pending.append(contentsOf: buffer[..<count])
        return true
    }

    private func readLine() -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            guard fill() else { return nil }
        }
    }

    private func read(_ count: Int) -> [UInt8]? {
        while pending.count < count {
            guard fill() else { return nil }
        }
        let body = Array(pending[..<count])
        pending.removeSubrange(..<count)
        return body
    }
}

/// The C library's `read`, which the methods above shadow.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
