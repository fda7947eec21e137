import Foundation

/// Why an updated changelog was not written.
public enum ChangelogWriteError: Error, Equatable, Sendable, LocalizedError {
    /// The file changed between reading and writing: someone else's edit is not overwritten.
    case changedMeanwhile(path: String)
    /// The file or its folder cannot be written.
    case notWritable(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .changedMeanwhile(let path):
            "\(path) changed while shipnotes worked on it; nothing was written (run the command again)"
        case .notWritable(let path, let reason):
            "cannot write \(path): \(reason); the file is unchanged"
        }
    }
}

extension ChangelogUpdate {
    /// Writes the updated file atomically: a temporary file in the same folder, given the original's
    /// permissions, then renamed over it, after checking the file still holds what was read.
    ///
    /// - Throws: ``ChangelogWriteError``; the file is then as it was.
    public func write() throws(ChangelogWriteError) {
        if creates { return try create() }
        let url = URL(fileURLWithPath: path)
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        let mode = (attributes[.posixPermissions] as? NSNumber)?.uint16Value ?? 0o644
        // A file marked read-only is left alone even where the rename would be allowed (the folder
        // is writable, or the user is root).
        guard mode & 0o200 != 0 else { throw .notWritable(path: path, reason: "it is read-only") }
        guard access(path, W_OK) == 0 else {
            throw .notWritable(path: path, reason: String(cString: strerror(errno)))
        }
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).shipnotes-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let contents = Data(updated)
        do {
            try contents.write(to: temporary, options: [.withoutOverwriting])
        } catch {
            throw .notWritable(path: path, reason: "a temporary file cannot be created in \(folder.path)")
        }
        chmod(temporary.path, mode_t(mode))
        // The last look before the rename: the file must still be what the update was made from.
        guard let current = FileManager.default.contents(atPath: path), current.elementsEqual(original) else {
            unlink(temporary.path)
            throw .changedMeanwhile(path: path)
        }
        guard rename(temporary.path, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw .notWritable(path: path, reason: reason)
        }
    }

    /// Writes a new file: a temporary file in the folder, then linked to the path, which fails
    /// rather than replace a file that appeared meanwhile.
    private func create() throws(ChangelogWriteError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).shipnotes-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try Data(updated).write(to: temporary, options: [.withoutOverwriting])
        } catch {
            throw .notWritable(path: path, reason: "a file cannot be created in \(url.deletingLastPathComponent().path)")
        }
        defer { unlink(temporary.path) }
        chmod(temporary.path, 0o644)
        guard link(temporary.path, path) == 0 else {
            if errno == EEXIST { throw .changedMeanwhile(path: path) }
            throw .notWritable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// A unified diff (3 lines of context) from the original to the updated file, `--- a/PATH`
    /// and `+++ b/PATH` as `git diff` labels them; empty when nothing changes.
    public var unifiedDiff: String {
        guard changesFile else { return "" }
        let lines = Self.lines(original)
        var lineStarts: [Int] = [0]
        for (index, byte) in original.enumerated() where byte == 10 { lineStarts.append(index + 1) }
        /// The line at or after `offset` (edits are at line starts).
        func line(at offset: Int) -> Int { min(lineStarts.firstIndex { $0 >= offset } ?? lines.count, lines.count) }
        let edits: [(line: Int, removed: Int, added: [String])] = insertions.sorted { $0.offset < $1.offset }.map { edit in
            let first = line(at: edit.offset)
            return (first, line(at: edit.offset + edit.replacedCount) - first, Self.lines(edit.bytes))
        }
        var hunks: [[(line: Int, removed: Int, added: [String])]] = []
        for edit in edits {
            if let last = hunks.last?.last, edit.line - (last.line + last.removed) <= 6 {
                hunks[hunks.count - 1].append(edit)
            } else {
                hunks.append([edit])
            }
        }
        var label = Substring(path)
        while label.hasPrefix("/") || label.hasPrefix("./") { label = label.dropFirst(label.hasPrefix("/") ? 1 : 2) }
        var output = "--- a/\(label)\n+++ b/\(label)\n"
        var shift = 0
        for hunk in hunks {
            let lastEdit = hunk[hunk.count - 1]
            let first = max(0, hunk[0].line - 3), last = min(lines.count, lastEdit.line + lastEdit.removed + 3)
            var body = "", line = first, newCount = 0
            for edit in hunk {
                while line < edit.line { body += " " + lines[line] + "\n"; line += 1; newCount += 1 }
                for _ in 0..<edit.removed { body += "-" + lines[line] + "\n"; line += 1 }
                for added in edit.added { body += "+" + added + "\n"; newCount += 1 }
            }
            while line < last { body += " " + lines[line] + "\n"; line += 1; newCount += 1 }
            let oldCount = last - first
            output += "@@ -\(oldCount == 0 ? first : first + 1),\(oldCount) +\(first + 1 + shift),\(newCount) @@\n" + body
            shift += newCount - oldCount
        }
        return output
    }

    /// The lines of `bytes` without their line endings (a CR before the LF too).
    static func lines(_ bytes: [UInt8]) -> [String] {
        var result: [String] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 10 {
            let end = index > start && bytes[index - 1] == 13 ? index - 1 : index
            result.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = index + 1
        }
        if start < bytes.count { result.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return result
    }
}
