import Foundation
import ZIPFoundation

/// Builds the zip archives and plists the BuildInfo tests read, with ZIPFoundation as the writer.
enum ZipFixture {
    /// The keys of a typical iOS Info.plist, with a non-ASCII display name.
    static let sampleKeys: [String: String] = [
        "CFBundleVersion": "421",
        "CFBundleShortVersionString": "2.3.1",
        "CFBundleIdentifier": "net.example.Probe",
        "CFBundleName": "Probe",
        "CFBundleDisplayName": "Probe ✓",
        "MinimumOSVersion": "16.0",
    ]

    /// A property list serialized in `format`.
    static func plist(_ object: Any, format: PropertyListSerialization.PropertyListFormat) -> Data {
        // The tests only pass plist-compatible values, so serialization cannot fail.
        (try? PropertyListSerialization.data(fromPropertyList: object, format: format, options: 0)) ?? Data()
    }

    /// `data` as a raw deflate stream, as a zip entry stores it.
    static func deflated(_ data: Data) throws -> Data {
        var stream = Data()
        _ = try Data.compress(size: Int64(data.count), bufferSize: 16 * 1024, provider: { position, size in
            data.subdata(in: Int(position)..<(Int(position) + size))
        }, consumer: { stream.append($0) })
        return stream
    }

    /// Writes a zip holding `entries` in order, each stored or deflated as given.
    static func write(to url: URL, entries: [(name: String, data: Data, method: CompressionMethod)]) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for entry in entries {
            try archive.addEntry(
                with: entry.name, type: .file, uncompressedSize: Int64(entry.data.count),
                compressionMethod: entry.method
            ) { position, size in
                entry.data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
    }
}
