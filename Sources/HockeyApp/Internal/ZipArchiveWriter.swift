import Foundation

/// Writes a zip archive of stored (uncompressed) entries, each under 4 GiB, streaming large entries
/// in chunks. Enough for sample builds; not a general zip writer.
struct ZipArchiveWriter {
    private struct CentralRecord {
        let name: [UInt8]
        let crc: UInt32
        let size: UInt32
        let offset: UInt32
    }

    private let handle: FileHandle
    private var records: [CentralRecord] = []
    private var position: UInt64 = 0

    init(url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 0)
    }

    /// Adds a small entry held in memory.
    mutating func addEntry(name: String, bytes: [UInt8]) throws {
        try addEntry(name: name, size: bytes.count) { offset, buffer in
            for index in buffer.indices {
                buffer[index] = bytes[offset + index]
            }
        }
    }

    /// Adds an entry of `size` bytes that `fill` produces chunk by chunk (`fill(offset, chunk)`).
    mutating func addEntry(name: String, size: Int, fill: (Int, inout [UInt8]) -> Void) throws {
        let nameBytes = Array(name.utf8)
        let headerOffset = position
        // The CRC is known only after the data, so the local header is patched afterwards.
        try append(localHeader(name: nameBytes, crc: 0, size: UInt32(size)))
        var crc = CRC32()
        var chunk = [UInt8](repeating: 0, count: min(size, 1 << 20))
        var written = 0
        while written < size {
            let count = min(chunk.count, size - written)
            if count < chunk.count { chunk.removeLast(chunk.count - count) }
            fill(written, &chunk)
            chunk.withUnsafeBytes { crc.update($0) }
            try append(chunk)
            written += count
        }
        try handle.seek(toOffset: headerOffset)
        try handle.write(contentsOf: localHeader(name: nameBytes, crc: crc.value, size: UInt32(size)))
        try handle.seekToEnd()
        records.append(CentralRecord(name: nameBytes, crc: crc.value, size: UInt32(size), offset: UInt32(headerOffset)))
    }

    /// Writes the central directory and closes the file.
    mutating func finish() throws {
        let directoryOffset = position
        var directory: [UInt8] = []
        for record in records {
            directory.appendLittleEndian(UInt32(0x0201_4b50))
            directory.appendLittleEndian(UInt16(20))  // made by
            directory.appendLittleEndian(UInt16(20))  // needed
            directory.appendLittleEndian(UInt16(0x0800))  // UTF-8 names
            directory.appendLittleEndian(UInt16(0))  // stored
            directory.appendLittleEndian(UInt16(0))  // time
            directory.appendLittleEndian(UInt16(0x21))  // 1980-01-01
            directory.appendLittleEndian(record.crc)
            directory.appendLittleEndian(record.size)
            directory.appendLittleEndian(record.size)
            directory.appendLittleEndian(UInt16(record.name.count))
            directory.appendLittleEndian(UInt16(0))  // extra
            directory.appendLittleEndian(UInt16(0))  // comment
            directory.appendLittleEndian(UInt16(0))  // disk
            directory.appendLittleEndian(UInt16(0))  // internal attributes
            directory.appendLittleEndian(UInt32(0))  // external attributes
            directory.appendLittleEndian(record.offset)
            directory.append(contentsOf: record.name)
        }
        try append(directory)
        var end: [UInt8] = []
        end.appendLittleEndian(UInt32(0x0605_4b50))
        end.appendLittleEndian(UInt16(0))
        end.appendLittleEndian(UInt16(0))
        end.appendLittleEndian(UInt16(records.count))
        end.appendLittleEndian(UInt16(records.count))
        end.appendLittleEndian(UInt32(directory.count))
        end.appendLittleEndian(UInt32(directoryOffset))
        end.appendLittleEndian(UInt16(0))
        try append(end)
        try handle.close()
    }

    private mutating func append(_ bytes: [UInt8]) throws {
        try handle.write(contentsOf: bytes)
        position += UInt64(bytes.count)
    }

    private func localHeader(name: [UInt8], crc: UInt32, size: UInt32) -> [UInt8] {
        var header: [UInt8] = []
        header.appendLittleEndian(UInt32(0x0403_4b50))
        header.appendLittleEndian(UInt16(20))
        header.appendLittleEndian(UInt16(0x0800))
        header.appendLittleEndian(UInt16(0))
        header.appendLittleEndian(UInt16(0))
        header.appendLittleEndian(UInt16(0x21))
        header.appendLittleEndian(crc)
        header.appendLittleEndian(size)
        header.appendLittleEndian(size)
        header.appendLittleEndian(UInt16(name.count))
        header.appendLittleEndian(UInt16(0))
        header.append(contentsOf: name)
        return header
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
