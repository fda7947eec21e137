import Foundation
internal import ZIPFoundation

/// Writes small, valid .ipa files (a zip with stored entries, written by ZIPFoundation) for tests,
/// benchmarks and the demo.
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
