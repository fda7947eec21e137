import Foundation

/// A real git repository in a temporary folder, built commit by commit with the `git` command-line
/// tool, for tests of what shipnotes reads from history. Dates are fixed (one day per commit from
/// 2024-01-01 unless given), so ids and dates are the same on every run.
public final class TemporaryRepository: @unchecked Sendable {
    public let url: URL
    public var path: String { url.path }
    private var clock = 0

    /// Creates an empty repository on branch `main`.
    public init(name: String = "repo") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("shipnotes-git-\(UUID().uuidString)").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
        try git("config", "user.name", "Ada Lovelace")
        try git("config", "user.email", "ada@example.com")
        try git("config", "commit.gpgsign", "false")
        try git("config", "tag.gpgsign", "false")
    }

    deinit {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }

    /// The date of the next commit or tag: one day after the last, as git reads it.
    private func nextDate() -> String {
        clock += 1
        return "\(1_704_067_200 + clock * 86_400) +0000"
    }

    /// Runs git in the repository with fixed dates; returns what it printed, trimmed.
    @discardableResult
    public func git(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
        try run(arguments, environment: environment)
    }

    @discardableResult
    public func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory ?? url
        let date = nextDate()
        var env = ProcessInfo.processInfo.environment
        env["GIT_AUTHOR_DATE"] = date
        env["GIT_COMMITTER_DATE"] = date
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(command: "git " + arguments.joined(separator: " "), message: String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: outData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let message: String
        public var description: String { "\(command) failed: \(message)" }
    }

    /// Writes `files` (path relative to the repository → content), stages everything and commits
    /// with `message`. Without files it writes a line to `log.txt`, so every commit changes something.
    ///
    /// - Returns: the new commit's id.
    @discardableResult
    public func commit(_ message: String, files: [String: String] = [:], author: (name: String, email: String)? = nil) throws -> String {
        let changes = files.isEmpty ? ["log.txt": "\(message)\n"] : files
        for (relative, content) in changes {
            let file = url.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            if files.isEmpty, let handle = try? FileHandle(forWritingTo: file) {
                handle.seekToEndOfFile()
                handle.write(Data(content.utf8))
                try handle.close()
            } else {
                try Data(content.utf8).write(to: file)
            }
        }
        try git("add", "-A")
        var environment: [String: String] = [:]
        if let author {
            environment["GIT_AUTHOR_NAME"] = author.name
            environment["GIT_AUTHOR_EMAIL"] = author.email
        }
        try run(["commit", "-q", "-m", message], environment: environment)
        return try git("rev-parse", "HEAD")
    }

    /// A light tag, or an annotated one when `message` is given, on HEAD or `target`.
    public func tag(_ name: String, message: String? = nil, at target: String = "HEAD") throws {
        if let message {
            try git("tag", "-a", name, "-m", message, target)
        } else {
            try git("tag", name, target)
        }
    }

    /// Merges `branch` into the current branch with a merge commit (never fast-forward).
    @discardableResult
    public func merge(_ branch: String, message: String) throws -> String {
        try git("merge", "-q", "--no-ff", "-m", message, branch)
        return try git("rev-parse", "HEAD")
    }
}
