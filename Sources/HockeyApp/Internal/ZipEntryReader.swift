import Foundation

/// Random access to the bytes of a zip archive: a file on disk or bytes in memory.
protocol ZipByteSource {
    /// The archive's length in bytes.
    var size: UInt64 { get }
    /// Up to `count` bytes starting at `offset`; fewer only where the archive ends.
    func bytes(at offset: UInt64, count: Int) throws -> [UInt8]
}

/// An archive in memory.
struct ZipDataSource: ZipByteSource {
    let data: [UInt8]
    var size: UInt64 { UInt64(data.count) }

    func bytes(at offset: UInt64, count: Int) -> [UInt8] {
        guard offset < size else { return [] }
        let start = Int(offset)
        return Array(data[start..<min(data.count, start + count)])
    }
}

/// An archive on disk, read through one open handle.
struct ZipFileSource: ZipByteSource {
    let handle: FileHandle
    let size: UInt64

    init(handle: FileHandle) throws {
        self.handle = handle
        size = try handle.seekToEnd()
    }

    func bytes(at offset: UInt64, count: Int) throws -> [UInt8] {
        guard offset < size, count > 0 else { return [] }
        try handle.seek(toOffset: offset)
        return [UInt8](try handle.read(upToCount: count) ?? Data())
    }
}

/// One entry of a zip's central directory, with ZIP64 sizes and offsets already resolved.
struct ZipEntry: Equatable {
    var name: String
    /// General-purpose flags; bit 0 marks an encrypted entry.
    var flags: UInt16
    /// 0 stored, 8 deflate; anything else is a method the reader does not inflate.
    var method: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
    /// A Unix symbolic link (its "data" is the link's target).
    var isSymbolicLink: Bool

    var isDirectory: Bool { name.hasSuffix("/") }
    var isEncrypted: Bool { flags & 1 != 0 }
}

/// Why an archive could not be read.
enum ZipReadFailure: Error {
    /// No end-of-central-directory record in the last 64 KiB.
    case notAZip
    /// The central directory is cut short or its records are not where the end record says.
    case damagedDirectory
    /// An entry's local header is missing or its data runs past the end of the archive.
    case damagedEntry
    /// The source itself failed (an I/O error).
    case unreadable(any Error)
}

/// Reads a zip's central directory and one entry's stored bytes, and nothing else, with every
/// length checked against the archive's size before it is read: whatever the archive claims, the
/// reader reads each byte of the directory at most once and at most `limit` bytes of an entry.
///
/// ZIPFoundation is not used for reading builds because an entry's data offset is not public and
/// its inflate loop does not stop where the entry ends (see ``BoundedInflater``).
struct ZipEntryReader {
    let source: any ZipByteSource

    private static var endRecordSignature: [UInt8] { [0x50, 0x4B, 0x05, 0x06] }
    private static let endRecordSize = 22
    private static let directoryRecordSize = 46
    private static let localHeaderSize = 30

    /// The first entry of the central directory whose name satisfies `matches`; nil when none does.
    func firstEntry(where matches: (String) -> Bool) throws(ZipReadFailure) -> ZipEntry? {
        let directory = try centralDirectory()
        var cursor = Cursor(source: source, position: directory.offset, end: directory.offset + directory.size)
        var index: UInt64 = 0
        // An entry count larger than the directory holds ends with the directory, as ZIPFoundation's does.
        while index < directory.count, cursor.remaining >= UInt64(Self.directoryRecordSize) {
            index += 1
            let record = try cursor.read(Self.directoryRecordSize)
            guard record.u32(0) == 0x0201_4B50 else { throw .damagedDirectory }
            let nameBytes = try cursor.read(Int(record.u16(28)))
            let extra = try cursor.read(Int(record.u16(30)))
            try cursor.skip(Int(record.u16(32)))
            // Only ASCII parts of the name decide a match, so undecodable bytes may become U+FFFD.
            let name = String(decoding: nameBytes, as: UTF8.self)
            guard matches(name) else { continue }
            return try Self.entry(record: record, name: name, extra: extra)
        }
        return nil
    }

    /// The entry's data as stored (still compressed for a deflated entry).
    /// - Parameter limit: the most bytes to read; the caller refuses larger entries before asking.
    func storedBytes(of entry: ZipEntry, limit: Int) throws(ZipReadFailure) -> [UInt8] {
        guard entry.compressedSize <= UInt64(limit) else { throw .damagedEntry }
        let header = try read(at: entry.localHeaderOffset, count: Self.localHeaderSize)
        guard header.count == Self.localHeaderSize, header.u32(0) == 0x0403_4B50 else { throw .damagedEntry }
        let dataOffset = entry.localHeaderOffset + UInt64(Self.localHeaderSize)
            + UInt64(header.u16(26)) + UInt64(header.u16(28))
        guard dataOffset <= source.size, entry.compressedSize <= source.size - dataOffset else { throw .damagedEntry }
        let data = try read(at: dataOffset, count: Int(entry.compressedSize))
        guard data.count == Int(entry.compressedSize) else { throw .damagedEntry }
        return data
    }

    /// Where the central directory is and how many entries it claims.
    private func centralDirectory() throws(ZipReadFailure) -> (offset: UInt64, size: UInt64, count: UInt64) {
        // The end record, with its comment of at most 65,535 bytes, lies within the last 22 + 65,535 bytes.
        let tailLength = min(source.size, UInt64(Self.endRecordSize + 65_535))
        let tailStart = source.size - tailLength
        let tail = try read(at: tailStart, count: Int(tailLength))
        guard let position = Self.endRecordPosition(in: tail) else { throw .notAZip }
        let endRecord = Array(tail[position..<(position + Self.endRecordSize)])
        let endOffset = tailStart + UInt64(position)
        var count = UInt64(endRecord.u16(10))
        var size = UInt64(endRecord.u32(12))
        var offset = UInt64(endRecord.u32(16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF,
            let zip64 = try zip64Directory(endOffset: endOffset)
        {
            (offset, size, count) = zip64
        }
        guard offset <= endOffset, size <= endOffset - offset else { throw .damagedDirectory }
        return (offset, size, count)
    }

    /// The ZIP64 end record's directory fields, found through the locator just before the end record.
    private func zip64Directory(endOffset: UInt64) throws(ZipReadFailure) -> (UInt64, UInt64, UInt64)? {
        guard endOffset >= 20 else { return nil }
        let locator = try read(at: endOffset - 20, count: 20)
        guard locator.count == 20, locator.u32(0) == 0x0706_4B50 else { return nil }
        let recordOffset = locator.u64(8)
        guard recordOffset < endOffset else { throw .damagedDirectory }
        let record = try read(at: recordOffset, count: 56)
        guard record.count == 56, record.u32(0) == 0x0606_4B50 else { throw .damagedDirectory }
        return (record.u64(48), record.u64(40), record.u64(32))
    }

    /// The offset in `tail` of the last end-of-central-directory signature with room for its record,
    /// preferring one whose comment ends exactly where the archive does.
    private static func endRecordPosition(in tail: [UInt8]) -> Int? {
        guard tail.count >= endRecordSize else { return nil }
        var fallback: Int?
        for position in stride(from: tail.count - endRecordSize, through: 0, by: -1)
        where tail[position..<(position + 4)].elementsEqual(endRecordSignature) {
            let commentLength = Int(tail.u16(position + 20))
            if position + endRecordSize + commentLength == tail.count { return position }
            fallback = fallback ?? position
        }
        return fallback
    }

    /// An entry from its central-directory record, taking sizes and the offset from the ZIP64 extra
    /// field where the record holds 0xFFFFFFFF.
    private static func entry(record: [UInt8], name: String, extra: [UInt8]) throws(ZipReadFailure) -> ZipEntry {
        var uncompressed = UInt64(record.u32(24))
        var compressed = UInt64(record.u32(20))
        var offset = UInt64(record.u32(42))
        var position = 0
        while position + 4 <= extra.count {
            let id = extra.u16(position), length = Int(extra.u16(position + 2))
            let fieldEnd = position + 4 + length
            guard fieldEnd <= extra.count else { break }
            if id == 0x0001 {
                var field = position + 4
                func next(_ value: inout UInt64) throws(ZipReadFailure) {
                    guard value == 0xFFFF_FFFF else { return }
                    guard field + 8 <= fieldEnd else { throw .damagedDirectory }
                    value = extra.u64(field)
                    field += 8
                }
                try next(&uncompressed)
                try next(&compressed)
                try next(&offset)
            }
            position = fieldEnd
        }
        let madeByUnix = record.u16(4) >> 8 == 3
        let mode = record.u32(38) >> 16
        return ZipEntry(
            name: name, flags: record.u16(8), method: record.u16(10), crc32: record.u32(16),
            compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: offset,
            isSymbolicLink: madeByUnix && mode & 0o170000 == 0o120000)
    }

    private func read(at offset: UInt64, count: Int) throws(ZipReadFailure) -> [UInt8] {
        do {
            return try source.bytes(at: offset, count: count)
        } catch {
            throw .unreadable(error)
        }
    }

    /// Reads the central directory front to back through a 64 KiB window, so a directory of many
    /// thousand entries costs a few reads rather than three per entry.
    private struct Cursor {
        let source: any ZipByteSource
        var position: UInt64
        let end: UInt64
        private var window: [UInt8] = []
        private var windowStart: UInt64 = 0

        init(source: any ZipByteSource, position: UInt64, end: UInt64) {
            self.source = source
            self.position = position
            self.end = end
        }

        var remaining: UInt64 { end - position }

        mutating func read(_ count: Int) throws(ZipReadFailure) -> [UInt8] {
            guard UInt64(count) <= remaining else { throw .damagedDirectory }
            let windowEnd = windowStart + UInt64(window.count)
            if position < windowStart || position + UInt64(count) > windowEnd {
                let length = Int(min(remaining, UInt64(max(count, 64 * 1024))))
                do {
                    window = try source.bytes(at: position, count: length)
                } catch {
                    throw .unreadable(error)
                }
                windowStart = position
                guard window.count >= count else { throw .damagedDirectory }
            }
            let start = Int(position - windowStart)
            position += UInt64(count)
            return Array(window[start..<(start + count)])
        }

        mutating func skip(_ count: Int) throws(ZipReadFailure) {
            guard UInt64(count) <= remaining else { throw .damagedDirectory }
            position += UInt64(count)
        }
    }
}

extension [UInt8] {
    /// Little-endian integers at an offset the caller has checked.
    fileprivate func u16(_ offset: Int) -> UInt16 {
        UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    fileprivate func u32(_ offset: Int) -> UInt32 {
        UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16
    }

    fileprivate func u64(_ offset: Int) -> UInt64 {
        UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32
    }
}
