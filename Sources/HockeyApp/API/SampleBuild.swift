import Foundation
internal import ZIPFoundation

/// Writes small, valid .ipa files (a zip with stored entries, written by ZIPFoundation) for tests,
/// benchmarks and the demo, and crafted invalid ones (``Hostile``) that readers of builds must refuse.
public enum SampleBuild {
    /// Writes an .ipa holding `Payload/NAME.app/Info.plist` and, when `padding` is above zero, an executable
    /// of that many deterministic bytes, so a test or benchmark can make a build of any size without
    /// holding it in memory.
    /// - Parameters:
    ///   - url: where to write the .ipa; an existing file is replaced.
    ///   - bundleVersion: `CFBundleVersion`.
    ///   - shortVersion: `CFBundleShortVersionString`.
    ///   - bundleID: `CFBundleIdentifier`; the app's name is its last component.
    ///   - padding: the size in bytes of the executable entry (below 4 GiB).
    /// - Throws: ``HockeyAppError/buildFileUnreadable(path:reason:)`` when the file cannot be written.
    public static func write(
        to url: URL, bundleVersion: String, shortVersion: String = "1.0",
        bundleID: String = "net.shipnotes.sample", padding: Int = 0
    ) throws(HockeyAppError) {
        let name = bundleID.split(separator: ".").last.map(String.init) ?? "Sample"
        let plist: [String: Any] = [
            "CFBundleVersion": bundleVersion,
            "CFBundleShortVersionString": shortVersion,
            "CFBundleIdentifier": bundleID,
            "CFBundleName": name,
            "CFBundleExecutable": name,
            "MinimumOSVersion": "15.0",
            "UIDeviceFamily": [1, 2],
        ]
        do {
            guard padding >= 0, padding < 0xFFFF_0000 else {
                throw HockeyAppError.invalidBuild(path: url.path, reason: "a sample build must be under 4 GiB")
            }
            let plistData = try PropertyListSerialization.data(fromPropertyList: plist, format: .xml, options: 0)
            if FileManager.default.fileExists(atPath: url.path) {
                try FileManager.default.removeItem(at: url)
            }
            let archive = try Archive(url: url, accessMode: .create)
            try archive.addEntry(
                with: "Payload/\(name).app/Info.plist", type: .file, uncompressedSize: Int64(plistData.count),
                modificationDate: entryDate
            ) { position, size in
                plistData.subdata(in: Int(position)..<(Int(position) + size))
            }
            if padding > 0 {
                // A deterministic 1 MiB pattern, repeated; made once so large builds are quick to write,
                // and handed out a chunk at a time so memory stays bounded whatever the size.
                let pattern = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: (UInt64($0) &* 0x9E37_79B9_7F4A_7C15) >> 56) })
                try archive.addEntry(
                    with: "Payload/\(name).app/\(name)", type: .file, uncompressedSize: Int64(padding),
                    modificationDate: entryDate, permissions: 0o755, bufferSize: pattern.count
                ) { position, size in
                    patternChunk(pattern, at: Int(position % Int64(pattern.count)), count: size)
                }
            }
        } catch let error as HockeyAppError {
            throw error
        } catch {
            throw HockeyAppError.unreadable(path: url.path, error: error)
        }
    }

    /// Crafted builds that a reader must refuse quickly: each holds `Payload/Hostile.app/Info.plist`
    /// with a deflate stream or declared sizes made to defeat a naive reader.
    public enum Hostile: String, CaseIterable, Sendable {
        /// The stream opens a stored block of 65,535 bytes that the archive never holds: a reader that
        /// reads on past the entry and waits at the end of the file for more input never ends.
        case neverEndingStoredBlock
        /// A thousand empty, non-final stored blocks, then the never-ending one.
        case emptyStoredBlocksWithoutEnd
        /// A valid stream cut off mid-block, its declared size the cut length.
        case streamCutShort
        /// A valid stream whose declared compressed size covers only half of it.
        case compressedSizeTooSmall
        /// A valid stream that declares fewer inflated bytes than it holds.
        case uncompressedSizeTooSmall
        /// 64 MiB of spaces deflated to about 64 KiB, declaring 1 KiB: a zip bomb.
        case inflatesPastLimit
    }

    /// The bytes of a crafted build (a few hundred bytes, the zip bomb about 64 KiB).
    public static func hostileArchive(_ kind: Hostile) -> Data {
        let plist = Data(plistSource(bundleVersion: "666").utf8)
        let plistCRC = BoundedInflater.checksum(plist)
        let neverEnding = Data([0x00, 0xFF, 0xFF, 0x00, 0x00]) + plist
        var entry = ZipArchiveWriter.Entry(
            name: "Payload/Hostile.app/Info.plist", method: 8, data: neverEnding, crc32: plistCRC,
            compressedSize: nil, uncompressedSize: 65_535)
        switch kind {
        case .neverEndingStoredBlock:
            break
        case .emptyStoredBlocksWithoutEnd:
            entry.data = Data()
            for _ in 0..<1_000 { entry.data.append(contentsOf: [0x00, 0x00, 0x00, 0xFF, 0xFF]) }
            entry.data.append(neverEnding)
        case .streamCutShort:
            let stream = deflated(plist)
            entry.data = stream.prefix(stream.count / 2)
            entry.uncompressedSize = UInt32(plist.count)
        case .compressedSizeTooSmall:
            let stream = deflated(plist)
            entry.data = stream
            entry.compressedSize = UInt32(stream.count / 2)
            entry.uncompressedSize = UInt32(plist.count)
        case .uncompressedSizeTooSmall:
            entry.data = deflated(plist)
            entry.uncompressedSize = UInt32(plist.count / 2)
        case .inflatesPastLimit:
            entry.data = deflated(Data(repeating: 0x20, count: 64 << 20))
            entry.crc32 = 0
            entry.uncompressedSize = 1_024
        }
        return ZipArchiveWriter(entries: [entry]).archive()
    }

    /// Writes ``hostileArchive(_:)`` to `url`, replacing any file there.
    /// - Throws: ``HockeyAppError/buildFileUnreadable(path:reason:)`` when the file cannot be written.
    public static func writeHostile(_ kind: Hostile, to url: URL) throws(HockeyAppError) {
        do {
            try hostileArchive(kind).write(to: url)
        } catch {
            throw HockeyAppError.unreadable(path: url.path, error: error)
        }
    }

    /// An XML Info.plist as a build tool writes it, with a fixed key order.
    private static func plistSource(bundleVersion: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
        \t<key>CFBundleIdentifier</key>
        \t<string>net.shipnotes.Hostile</string>
        \t<key>CFBundleShortVersionString</key>
        \t<string>1.0</string>
        \t<key>CFBundleVersion</key>
        \t<string>\(bundleVersion)</string>
        </dict>
        </plist>

        """
    }

    /// `data` as a raw deflate stream (ZIPFoundation's encoder, which writes one final block at the end).
    private static func deflated(_ data: Data) -> Data {
        var stream = Data()
        // Compressing from memory into memory cannot fail; an empty stream would only fail the test that reads it.
        _ = try? Data.compress(size: Int64(data.count), bufferSize: 64 * 1024, provider: { position, size in
            data.subdata(in: Int(position)..<(Int(position) + size))
        }, consumer: { stream.append($0) })
        return stream
    }

    /// The modification date of every entry, fixed so that equal arguments write identical files.
    private static let entryDate = Date(timeIntervalSinceReferenceDate: 0)

    /// `count` bytes of the repeated `pattern`, starting `start` bytes into it.
    private static func patternChunk(_ pattern: Data, at start: Int, count: Int) -> Data {
        if start == 0 && count <= pattern.count { return pattern.prefix(count) }
        var chunk = Data(capacity: count)
        var offset = start
        while chunk.count < count {
            let length = min(count - chunk.count, pattern.count - offset)
            chunk.append(pattern[offset..<(offset + length)])
            offset = 0
        }
        return chunk
    }
}
