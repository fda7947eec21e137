import Foundation

/// Real RedCloth in one long-lived Ruby process, rendering documents in batches.
///
/// Documents go to the process length-prefixed on its standard input and come back, one reply
/// each, length-prefixed on its standard output. RedCloth's C scanner can loop forever on some
/// input, and neither Ruby's `Timeout` nor SIGTERM reaches it there, so a document that takes
/// longer than `timeout` is reported as hung, the process is killed with SIGKILL and a new one
/// renders the rest of the batch.
final class RedClothProcess {
    /// What RedCloth made of one document.
    enum Outcome: Equatable {
        case html(String)
        /// RedCloth raised an exception, with its message.
        case failed(String)
        /// RedCloth did not answer within the timeout.
        case hung
        /// Ruby's process ended while rendering the document.
        case crashed
    }

    /// Reads batches: a 4-byte count, then per document a 4-byte length and the bytes. Answers each
    /// document as soon as it is rendered (status byte, 4-byte length, bytes), so that the caller
    /// can tell which document of a batch hangs.
    static let script = """
        require 'redcloth'
        input = $stdin.binmode
        output = $stdout.binmode
        while (header = input.read(4))
          count = header.unpack1('N')
          documents = Array.new(count) { input.read(input.read(4).unpack1('N')) }
          documents.each do |source|
            begin
              html = RedCloth.new(source.force_encoding('UTF-8')).to_html.b
              status = 0
            rescue Exception => error
              html = error.message.b
              status = 1
            end
            output.write([status, html.bytesize].pack('CN'), html)
            output.flush
          end
        end
        """

    /// Whether `ruby -rredcloth` works on this machine.
    static let isInstalled: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ruby", "-rredcloth", "-e", ""]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    let timeout: Double
    private let scriptFile: URL
    private var process: Process?
    private var input: Int32 = -1
    private var output: Int32 = -1
    private var received: [UInt8] = []

    /// - Parameter timeout: Seconds a document may take before it counts as hung.
    init(timeout: Double = 5) throws {
        self.timeout = timeout
        // A write to a process that just died must fail with EPIPE, not end the test run.
        signal(SIGPIPE, SIG_IGN)
        scriptFile = FileManager.default.temporaryDirectory.appendingPathComponent("redcloth-\(UUID().uuidString).rb")
        try Self.script.write(to: scriptFile, atomically: true, encoding: .utf8)
        try start()
    }

    deinit {
        stop(killing: false)
        try? FileManager.default.removeItem(at: scriptFile)
    }

    /// Renders `documents` with RedCloth, one outcome per document in the same order.
    func render(_ documents: [String]) throws -> [Outcome] {
        var outcomes: [Outcome] = []
        var pending = documents[...]
        while !pending.isEmpty {
            if process == nil { try start() }
            try send(pending)
            while !pending.isEmpty {
                let reply = try readReply()
                outcomes.append(reply ?? .hung)
                pending = pending.dropFirst()
                if reply == nil || reply == .crashed {
                    // The process went with this document; the rest of the batch goes to a new one.
                    stop(killing: true)
                    break
                }
            }
        }
        return outcomes
    }

    private func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ruby", scriptFile.path]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        input = stdin.fileHandleForWriting.fileDescriptor
        output = stdout.fileHandleForReading.fileDescriptor
        // Keep the descriptors open beyond the Pipe objects; they are closed in `stop`.
        input = dup(input)
        output = dup(output)
        try? stdin.fileHandleForWriting.close()
        try? stdin.fileHandleForReading.close()
        try? stdout.fileHandleForReading.close()
        try? stdout.fileHandleForWriting.close()
        received.removeAll()
    }

    private func stop(killing: Bool) {
        guard let process else { return }
        if killing { kill(process.processIdentifier, SIGKILL) }
        close(input)
        close(output)
        process.waitUntilExit()
        self.process = nil
    }

    private func send(_ documents: ArraySlice<String>) throws {
        var batch: [UInt8] = []
        Self.appendLength(documents.count, to: &batch)
        for document in documents {
            Self.appendLength(document.utf8.count, to: &batch)
            batch.append(contentsOf: document.utf8)
        }
        var offset = 0
        while offset < batch.count {
            let written = batch[offset...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw RedClothProcessError(message: "writing to RedCloth failed (errno \(errno))")
            }
            offset += written
        }
    }

    /// The next reply, or nil when none came within the timeout.
    private func readReply() throws -> Outcome? {
        let deadline = Date().addingTimeInterval(timeout)
        guard let header = try fill(5, before: deadline) else { return .crashed }
        guard header else { return nil }
        let status = received[0]
        let length = received[1...4].reduce(0) { $0 << 8 | Int($1) }
        guard let body = try fill(5 + length, before: deadline) else { return .crashed }
        guard body else { return nil }
        let text = String(decoding: received[5..<(5 + length)], as: UTF8.self)
        received.removeFirst(5 + length)
        return status == 0 ? .html(text) : .failed(text)
    }

    /// Reads until `count` bytes are buffered; false when the deadline passes first, nil when the
    /// process closed its output.
    private func fill(_ count: Int, before deadline: Date) throws -> Bool? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while received.count < count {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return false }
            var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, 1000)) + 1)
            if ready < 0, errno != EINTR { throw RedClothProcessError(message: "poll failed (errno \(errno))") }
            if ready <= 0 { continue }
            let read = chunk.withUnsafeMutableBytes { Foundation.read(output, $0.baseAddress, $0.count) }
            if read < 0, errno == EINTR { continue }
            if read <= 0 { return nil }
            received.append(contentsOf: chunk[0..<read])
        }
        return true
    }

    private static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
        for shift in [24, 16, 8, 0] { bytes.append(UInt8(truncatingIfNeeded: length >> shift)) }
    }
}

struct RedClothProcessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
