import Foundation

/// Writes a zip byte by byte from entries whose every field the caller chooses, including ones
/// no zip library would write: a method with data that is not that method's, declared sizes and
/// CRC-32s that lie. It exists for the crafted builds of ``SampleBuild/hostileArchive(_:)``.
struct ZipArchiveWriter {
    struct Entry {
        var name: String
        /// 0 stored, 8 deflate.
        var method: UInt16
        /// The bytes written as the entry's data, whatever `method` says they are.
        var data: Data
        var crc32: UInt32
        /// What the headers declare; the length of `data` when nil.
        var compressedSize: UInt32?
        var uncompressedSize: UInt32
    }

    var entries: [Entry] = []

    /// The archive: local headers and data in order, then the central directory and its end record.
    func archive() -> Data {
        var body = Data()
        var directory = Data()
        for entry in entries {
            let offset = UInt32(body.count)
            let name = Data(entry.name.utf8)
            let compressedSize = entry.compressedSize ?? UInt32(entry.data.count)
            // Shared by the local header (from its "version needed") and the directory record.
            var common = Data()
            common.append(le16: 20)  // version needed
            common.append(le16: 0x0800)  // flags: UTF-8 names
            common.append(le16: entry.method)
            common.append(le16: 0)  // time
            common.append(le16: 0x21)  // date: 1980-01-01
            common.append(le32: entry.crc32)
            common.append(le32: compressedSize)
            common.append(le32: entry.uncompressedSize)
            common.append(le16: UInt16(name.count))
            common.append(le16: 0)  // extra length

            body.append(le32: 0x0403_4B50)
            body.append(common)
            body.append(name)
            body.append(entry.data)

            directory.append(le32: 0x0201_4B50)
            directory.append(le16: 0x0314)  // made by: Unix, 2.0
            directory.append(common)
            directory.append(le16: 0)  // comment length
            directory.append(le16: 0)  // disk
            directory.append(le16: 0)  // internal attributes
            directory.append(le32: 0o100644 << 16)  // external attributes: a regular file
            directory.append(le32: offset)
            directory.append(name)
        }
        var archive = body
        archive.append(directory)
        archive.append(le32: 0x0605_4B50)
        archive.append(le16: 0)
        archive.append(le16: 0)
        archive.append(le16: UInt16(entries.count))
        archive.append(le16: UInt16(entries.count))
        archive.append(le32: UInt32(directory.count))
        archive.append(le32: UInt32(body.count))
        archive.append(le16: 0)
        return archive
    }
}

extension Data {
    fileprivate mutating func append(le16 value: UInt16) {
        append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8)])
    }

    fileprivate mutating func append(le32 value: UInt32) {
        append(le16: UInt16(value & 0xFFFF))
        append(le16: UInt16(value >> 16))
    }
}
