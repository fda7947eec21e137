import Foundation

/// Writes small, valid .ipa files (a zip with stored entries) for tests, benchmarks and the demo.
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
            var writer = try ZipArchiveWriter(url: url)
            try writer.addEntry(name: "Payload/\(name).app/Info.plist", bytes: [UInt8](plistData))
            if padding > 0 {
                // A deterministic 1 MiB pattern, repeated; made once so large builds are quick to write.
                let pattern = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: (UInt64($0) &* 0x9E37_79B9_7F4A_7C15) >> 56) }
                try writer.addEntry(name: "Payload/\(name).app/\(name)", size: padding) { offset, buffer in
                    let start = offset % pattern.count
                    if start == 0 && buffer.count == pattern.count {
                        buffer = pattern
                    } else {
                        for index in buffer.indices {
                            buffer[index] = pattern[(start + index) % pattern.count]
                        }
                    }
                }
            }
            try writer.finish()
        } catch let error as HockeyAppError {
            throw error
        } catch {
            throw HockeyAppError.unreadable(path: url.path, error: error)
        }
    }
}
