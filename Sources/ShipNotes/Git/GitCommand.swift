import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs the `git` command-line tool in one repository, through swift-subprocess.
///
/// Every invocation gets the same fixed settings, so that what a user's configuration says cannot
/// change the machine-read output: no pager, no colour, no signature verification in `git log`,
/// English messages (the errors are matched), and no prompt for credentials.
struct GitCommand: Sendable {
    /// The folder git runs in (`git -C`).
    let directory: String

    /// What git printed, whole, for the small commands (`rev-parse`, `for-each-ref`, `remote`).
    struct Output: Sendable {
        let status: Int32
        let standardOutput: [UInt8]
        let standardError: String
    }

    /// The limit on what a collected command may print; `for-each-ref` of a repository with
    /// 100,000 annotated tags stays well below it.
    static let collectedLimit = 256 << 20

    private static let environment = Environment.inherit.updating([
        "GIT_PAGER": "cat", "PAGER": "cat", "LC_ALL": "C", "LANGUAGE": nil,
        "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0",
        // Fully buffered output: git log otherwise flushes after every commit into a pipe, one
        // small read and one wake-up of the reading task per commit.
        "GIT_FLUSH": "0",
    ])

    /// git's path, found on PATH once. Subprocess's own search by name tries to start every PATH
    /// entry in turn, a failed process start per entry before git's folder and per command.
    private static let executablePath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = folder.hasSuffix("/") ? "\(folder)git" : "\(folder)/git"
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }()

    private static func executable() throws -> Executable {
        guard let executablePath else { throw GitError.gitNotFound }
        return .path(FilePath(executablePath))
    }

    private func fullArguments(_ arguments: [String]) -> Arguments {
        Arguments(["-C", directory, "--no-pager", "-c", "color.ui=false", "-c", "log.showSignature=false"] + arguments)
    }

    /// Runs git and collects what it prints. Read as a stream and gathered here: Subprocess's
    /// collecting output reserves its whole limit up front.
    func collect(_ arguments: [String]) async throws -> Output {
        var bytes: [UInt8] = []
        let (status, standardError) = try await stream(arguments) { chunk in
            guard bytes.count + chunk.count <= Self.collectedLimit else {
                throw GitError.unreadableOutput(command: "git \(arguments.first ?? "")", reason: "more than \(Self.collectedLimit >> 20) MB")
            }
            bytes.append(contentsOf: chunk)
        }
        return Output(status: status, standardOutput: bytes, standardError: standardError)
    }

    /// Runs git and hands its standard output to `consume` chunk by chunk as it arrives, so that
    /// a long history is parsed while git is still writing it and is never held whole. The chunks
    /// are read on a thread of their own (`OutputPipe`), and `consume` runs there.
    ///
    /// - Returns: git's exit status and what it wrote to standard error.
    func stream(_ arguments: [String], consume: (UnsafeRawBufferPointer) throws -> Void) async throws
        -> (status: Int32, standardError: String)
    {
        // git is found first: the pipe's write end is closed only by Subprocess, once git runs.
        let executable = try Self.executable()
        let pipe = try OutputPipe()
        return try await withoutActuallyEscaping(consume) { consume in
            try await stream(executable, arguments, into: pipe, consumer: OutputConsumer(consume: consume))
        }
    }

    private func stream(_ executable: Executable, _ arguments: [String], into pipe: OutputPipe, consumer: OutputConsumer)
        async throws -> (status: Int32, standardError: String)
    {
        do {
            let result = try await run(
                executable, arguments: fullArguments(arguments), environment: Self.environment,
                input: .none,
                output: .fileDescriptor(FileDescriptor(rawValue: pipe.writeEnd), closeAfterSpawningProcess: true),
                error: .string(limit: 64 << 10)
            ) { _ in
                try await pipe.readToEnd(consumer.consume)
            }
            return (Self.code(result.terminationStatus), result.standardError)
        } catch let error as SubprocessError {
            throw Self.launchError(error)
        }
    }

    /// The caller's consumer, which runs on the pipe's reading thread while the caller waits.
    private struct OutputConsumer: @unchecked Sendable {
        let consume: (UnsafeRawBufferPointer) throws -> Void
    }

    private static func code(_ status: TerminationStatus) -> Int32 {
        switch status {
        case let .exited(code): return Int32(truncatingIfNeeded: code)
        case let .signaled(signal): return 128 + Int32(truncatingIfNeeded: signal)
        }
    }

    private static func launchError(_ error: SubprocessError) -> GitError {
        if error.code == .executableNotFound { return .gitNotFound }
        return .launchFailed(String(describing: error))
    }
}
