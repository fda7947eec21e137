/// Reads `git log -z` output in `GitLogParser.format` as it streams in, one chunk at a time.
///
/// Records end with NUL (git's `-z`); fields are separated by the unit separator 0x1F, which git
/// never prints inside an id, a name or a date. The body comes last, so a 0x1F inside a message
/// cannot shift a field; trailers are joined by 0x1E and split into key and value at 0x1D.
struct GitLogParser {
    /// The `--format` of the one `git log` pass.
    static let format =
        "%H%x1f%P%x1f%aN%x1f%aE%x1f%aI%x1f%(trailers:unfold,only,separator=%x1e,key_value_separator=%x1d)%x1f%s%x1f%b"

    /// A record cut by a chunk boundary, kept until its NUL arrives.
    private var pending: [UInt8] = []
    private(set) var commits: [GitCommit] = []

    /// Parses every whole record in `chunk`.
    mutating func consume(_ chunk: UnsafeRawBufferPointer) throws {
        let bytes = chunk.bindMemory(to: UInt8.self)
        var start = 0
        while let end = bytes[start...].firstIndex(of: 0) {
            if pending.isEmpty {
                try parseRecord(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            } else {
                pending.append(contentsOf: bytes[start..<end])
                try pending.withUnsafeBufferPointer { try parseRecord($0) }
                pending.removeAll(keepingCapacity: true)
            }
            start = end + 1
        }
        pending.append(contentsOf: bytes[start...])
    }

    /// The commits parsed since the last call, which the parser no longer holds.
    mutating func takeCommits() -> [GitCommit] {
        defer { commits.removeAll(keepingCapacity: true) }
        return commits
    }

    /// Checks that the output ended with a whole record.
    func finish() throws {
        if pending.contains(where: { $0 != 0x0A }) {
            throw GitError.unreadableOutput(command: "git log", reason: "the last commit record is cut short")
        }
    }

    private mutating func parseRecord(_ record: UnsafeBufferPointer<UInt8>) throws {
        var fields: [Range<Int>] = []
        fields.reserveCapacity(8)
        var fieldStart = 0
        var index = 0
        // Leading newlines: `tformat` ends each record with a newline before -z's NUL on some versions.
        while fieldStart < record.count, record[fieldStart] == 0x0A { fieldStart += 1 }
        if fieldStart == record.count { return }
        index = fieldStart
        while fields.count < 7, index < record.count {
            if record[index] == 0x1F {
                fields.append(fieldStart..<index)
                fieldStart = index + 1
            }
            index += 1
        }
        guard fields.count == 7 else {
            throw GitError.unreadableOutput(command: "git log", reason: "a commit record has \(fields.count + 1) fields, not 8")
        }
        fields.append(fieldStart..<record.count)
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: record[range]), as: UTF8.self)
        }
        let parents = record[fields[1]].split(separator: 0x20).map {
            String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self)
        }
        var body = fields[7]
        // git ends %b with the message's last newline; notes want the text alone.
        while body.upperBound > body.lowerBound, record[body.upperBound - 1] == 0x0A {
            body = body.lowerBound..<(body.upperBound - 1)
        }
        commits.append(GitCommit(
            id: text(fields[0]), parents: parents, authorName: text(fields[2]), authorEmail: text(fields[3]),
            date: text(fields[4]), subject: text(fields[6]), body: text(body),
            trailers: Self.trailers(record[fields[5]])))
    }

    private static func trailers(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [GitTrailer] {
        if bytes.isEmpty { return [] }
        var result: [GitTrailer] = []
        for item in bytes.split(separator: 0x1E) {
            guard let split = item.firstIndex(of: 0x1D) else { continue }
            var valueEnd = item.endIndex
            while valueEnd > split + 1, item[valueEnd - 1] == 0x0A { valueEnd -= 1 }
            result.append(GitTrailer(
                key: String(decoding: UnsafeBufferPointer(rebasing: item[item.startIndex..<split]), as: UTF8.self),
                value: String(decoding: UnsafeBufferPointer(rebasing: item[(split + 1)..<valueEnd]), as: UTF8.self)))
        }
        return result
    }
}
