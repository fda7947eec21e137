import Foundation

/// Reads the table of contents of a zip archive (an .ipa, an .app.zip) from its central directory at the
/// end of the file, and single small entries from it, without reading the rest of the archive.
struct ZipArchiveReader {
    /// One central-directory entry.
    struct Entry: Equatable {
        let name: String
        let method: Int
        let compressedSize: UInt64
        let uncompressedSize: UInt64
        let localHeaderOffset: UInt64
    }

    /// Why the archive could not be read, in words a user understands.
    struct Failure: Error, Equatable {
        let reason: String
    }

    private let handle: FileHandle
    private let fileSize: UInt64
    /// Every entry of the central directory, in archive order.
    let entries: [Entry]

    init(handle: FileHandle) throws {
        self.handle = handle
        fileSize = try handle.seekToEnd()
        entries = try Self.readCentralDirectory(handle: handle, fileSize: fileSize)
    }

    /// The decompressed bytes of one entry.
    /// - Parameter limit: the largest entry accepted.
    func contents(of entry: Entry, limit: Int = 16 << 20) throws -> [UInt8] {
        guard entry.uncompressedSize <= UInt64(limit), entry.compressedSize <= UInt64(limit) else {
            throw Failure(reason: "\(entry.name) is larger than \(limit) bytes")
        }
        let header = try read(at: entry.localHeaderOffset, count: 30)
        guard header.uint32(at: 0) == 0x0403_4b50 else {
            throw Failure(reason: "the local header of \(entry.name) is damaged")
        }
        let dataOffset = entry.localHeaderOffset + 30 + UInt64(header.uint16(at: 26)) + UInt64(header.uint16(at: 28))
        let stored = try read(at: dataOffset, count: Int(entry.compressedSize))
        switch entry.method {
        case 0:
            return stored
        case 8:
            do {
                return try Inflater.inflate(stored, limit: limit)
            } catch {
                throw Failure(reason: "\(entry.name) cannot be decompressed: \(error.reason)")
            }
        default:
            throw Failure(reason: "\(entry.name) uses compression method \(entry.method), which is not supported")
        }
    }

    private func read(at offset: UInt64, count: Int) throws -> [UInt8] {
        try RawReader(handle: handle, fileSize: fileSize).read(at: offset, count: count)
    }

    private static func readCentralDirectory(handle: FileHandle, fileSize: UInt64) throws -> [Entry] {
        // The end record is 22 bytes plus a comment of at most 65,535 bytes.
        let tailLength = Int(min(fileSize, 22 + 65_535))
        guard tailLength >= 22 else { throw Failure(reason: "the file is too short to be a zip archive") }
        try handle.seek(toOffset: fileSize - UInt64(tailLength))
        let tail = [UInt8](try handle.read(upToCount: tailLength) ?? Data())
        guard tail.count == tailLength else { throw Failure(reason: "the archive is truncated") }
        guard let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { tail.uint32(at: $0) == 0x0605_4b50 })
        else { throw Failure(reason: "it is not a zip archive (no end of central directory)") }

        var count = UInt64(tail.uint16(at: end + 10))
        var size = UInt64(tail.uint32(at: end + 12))
        var offset = UInt64(tail.uint32(at: end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            // Zip64: a locator just before the end record points at the zip64 end record.
            let locatorStart = fileSize - UInt64(tailLength) + UInt64(end) - 20
            let reader = RawReader(handle: handle, fileSize: fileSize)
            let locator = try reader.read(at: locatorStart, count: 20)
            guard locator.uint32(at: 0) == 0x0706_4b50 else { throw Failure(reason: "the zip64 locator is missing") }
            let record = try reader.read(at: locator.uint64(at: 8), count: 56)
            guard record.uint32(at: 0) == 0x0606_4b50 else { throw Failure(reason: "the zip64 end record is damaged") }
            count = record.uint64(at: 32)
            size = record.uint64(at: 40)
            offset = record.uint64(at: 48)
        }
        guard size <= 64 << 20 else { throw Failure(reason: "the central directory is implausibly large") }
        let directory = try RawReader(handle: handle, fileSize: fileSize).read(at: offset, count: Int(size))

        var entries: [Entry] = []
        var position = 0
        for _ in 0..<count {
            guard position + 46 <= directory.count, directory.uint32(at: position) == 0x0201_4b50 else {
                throw Failure(reason: "the central directory is damaged")
            }
            let nameLength = Int(directory.uint16(at: position + 28))
            let extraLength = Int(directory.uint16(at: position + 30))
            let commentLength = Int(directory.uint16(at: position + 32))
            let nameEnd = position + 46 + nameLength
            guard nameEnd + extraLength + commentLength <= directory.count else {
                throw Failure(reason: "the central directory is damaged")
            }
            var compressed = UInt64(directory.uint32(at: position + 20))
            var uncompressed = UInt64(directory.uint32(at: position + 24))
            var localOffset = UInt64(directory.uint32(at: position + 42))
            // The zip64 extra field holds, in order, only the sizes and offset that overflowed.
            var extra = nameEnd
            while extra + 4 <= nameEnd + extraLength {
                let id = directory.uint16(at: extra)
                let length = Int(directory.uint16(at: extra + 2))
                if id == 0x0001 {
                    var field = extra + 4
                    if uncompressed == 0xFFFF_FFFF, field + 8 <= extra + 4 + length {
                        uncompressed = directory.uint64(at: field)
                        field += 8
                    }
                    if compressed == 0xFFFF_FFFF, field + 8 <= extra + 4 + length {
                        compressed = directory.uint64(at: field)
                        field += 8
                    }
                    if localOffset == 0xFFFF_FFFF, field + 8 <= extra + 4 + length {
                        localOffset = directory.uint64(at: field)
                    }
                }
                extra += 4 + length
            }
            entries.append(Entry(
                name: String(decoding: directory[(position + 46)..<nameEnd], as: UTF8.self),
                method: Int(directory.uint16(at: position + 10)),
                compressedSize: compressed,
                uncompressedSize: uncompressed,
                localHeaderOffset: localOffset))
            position = nameEnd + extraLength + commentLength
        }
        return entries
    }
}

/// Bounded reads at absolute offsets.
private struct RawReader {
    let handle: FileHandle
    let fileSize: UInt64

    func read(at offset: UInt64, count: Int) throws -> [UInt8] {
        guard offset + UInt64(count) <= fileSize else { throw ZipArchiveReader.Failure(reason: "the archive is truncated") }
        try handle.seek(toOffset: offset)
        let data = try handle.read(upToCount: count) ?? Data()
        guard data.count == count else { throw ZipArchiveReader.Failure(reason: "the archive is truncated") }
        return [UInt8](data)
    }
}

extension Array where Element == UInt8 {
    /// Little-endian integers, as zip stores them.
    func uint16(at index: Int) -> UInt16 {
        UInt16(self[index]) | UInt16(self[index + 1]) << 8
    }

    func uint32(at index: Int) -> UInt32 {
        UInt32(uint16(at: index)) | UInt32(uint16(at: index + 2)) << 16
    }

    func uint64(at index: Int) -> UInt64 {
        UInt64(uint32(at: index)) | UInt64(uint32(at: index + 4)) << 32
    }
}
