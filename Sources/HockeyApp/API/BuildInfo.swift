import Foundation
internal import ZIPFoundation

/// What identifies a build: the versions in the `Info.plist` of an .ipa (or a zipped macOS .app).
///
/// The HockeyApp server keys versions by the bundle version, so the client uses it to recognise its
/// own upload in the app's version list after an ambiguous failure, and the sandbox reads it the same
/// way the real server does.
public struct BuildInfo: Hashable, Sendable {
    /// `CFBundleVersion`: the build number the server stores as a version's `version`.
    public var bundleVersion: String
    /// `CFBundleShortVersionString`: the marketing version (`shortversion`).
    public var shortVersion: String?
    /// `CFBundleIdentifier`.
    public var bundleIdentifier: String?
    /// `CFBundleDisplayName`, else `CFBundleName`.
    public var displayName: String?
    /// `MinimumOSVersion` (iOS) or `LSMinimumSystemVersion` (macOS).
    public var minimumOSVersion: String?

    /// Creates build information from known values.
    public init(
        bundleVersion: String, shortVersion: String? = nil, bundleIdentifier: String? = nil,
        displayName: String? = nil, minimumOSVersion: String? = nil
    ) {
        self.bundleVersion = bundleVersion
        self.shortVersion = shortVersion
        self.bundleIdentifier = bundleIdentifier
        self.displayName = displayName
        self.minimumOSVersion = minimumOSVersion
    }

    /// Reads the versions of a build from its main `Info.plist`, reading only the zip's central
    /// directory and that one entry (however large the build is).
    ///
    /// The plist is `Payload/NAME.app/Info.plist` in an .ipa, `NAME.app/Contents/Info.plist` in a zipped
    /// macOS app; XML and binary plists are both accepted, stored or deflated.
    /// - Parameter url: the .ipa or .app.zip file.
    /// - Throws: ``HockeyAppError/buildFileMissing(path:)``, ``HockeyAppError/buildFileUnreadable(path:reason:)``
    ///   or ``HockeyAppError/invalidBuild(path:reason:)``.
    public static func read(from url: URL) throws(HockeyAppError) -> BuildInfo {
        let path = url.path
        try checkIsZipArchive(at: url)
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch Archive.ArchiveError.missingEndOfCentralDirectoryRecord {
            throw HockeyAppError.invalidBuild(path: path, reason: "it is not a zip archive (no end of central directory)")
        } catch {
            throw HockeyAppError.unreadable(path: path, error: error)
        }
        guard let entry = archive.first(where: { isMainInfoPlist($0.path) }) else {
            throw HockeyAppError.invalidBuild(path: path, reason: "it holds no Payload/NAME.app/Info.plist")
        }
        return try parse(plist: contents(of: entry, in: archive, path: path), path: path)
    }

    /// The largest Info.plist accepted; real ones are a few kilobytes.
    static let plistSizeLimit = 4 << 20

    /// The bytes of one small entry, extracted (and checked against its CRC-32) by ZIPFoundation.
    ///
    /// Known limit of ZIPFoundation 0.9.20 on Linux: its inflate loop reads on past the entry's compressed
    /// size and never stops at the end of the file, so a crafted deflate stream that neither ends nor
    /// fails before the end of the archive makes `extract` spin; damaged (not crafted) entries fail.
    private static func contents(of entry: Entry, in archive: Archive, path: String) throws(HockeyAppError) -> Data {
        guard entry.type == .file else {
            throw HockeyAppError.invalidBuild(path: path, reason: "its Info.plist is not a file")
        }
        guard entry.uncompressedSize <= UInt64(plistSizeLimit), entry.compressedSize <= UInt64(plistSizeLimit) else {
            throw HockeyAppError.invalidBuild(path: path, reason: "its Info.plist is larger than \(plistSizeLimit) bytes")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                // The central directory's size may lie; never hold more than the limit.
                guard data.count + chunk.count <= plistSizeLimit else { throw PlistTooLarge() }
                data.append(chunk)
            }
        } catch is PlistTooLarge {
            throw HockeyAppError.invalidBuild(path: path, reason: "its Info.plist is larger than \(plistSizeLimit) bytes")
        } catch Archive.ArchiveError.invalidCRC32 {
            throw HockeyAppError.invalidBuild(path: path, reason: "its Info.plist is damaged (checksum mismatch)")
        } catch Archive.ArchiveError.invalidCompressionMethod {
            throw HockeyAppError.invalidBuild(
                path: path, reason: "its Info.plist is compressed with a method other than stored or deflate")
        } catch is Archive.ArchiveError {
            throw HockeyAppError.invalidBuild(path: path, reason: "the zip entry of its Info.plist is damaged")
        } catch {
            throw HockeyAppError.invalidBuild(path: path, reason: "its Info.plist cannot be decompressed")
        }
        return data
    }

    /// Thrown from the extraction consumer to stop an entry that inflates past ``plistSizeLimit``.
    private struct PlistTooLarge: Error {}

    /// Checks that `url` is a readable file whose last 64 KiB hold a zip end-of-central-directory
    /// signature, before ZIPFoundation opens it.
    ///
    /// ZIPFoundation looks for that record by stepping back one byte at a time from the end of the file
    /// until it finds it, so on a file that is not a zip it would read the whole file (and never stop on a
    /// folder); the record always lies within the last 22 + 65,535 bytes, so that is all this reads.
    private static func checkIsZipArchive(at url: URL) throws(HockeyAppError) {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .buildFileMissing(path: path)
        }
        guard !isDirectory.boolValue else { throw .buildFileUnreadable(path: path, reason: "it is a folder, not a file") }
        let tail: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            let size = try handle.seekToEnd()
            let length = min(size, 22 + 65_535)
            try handle.seek(toOffset: size - length)
            tail = try handle.read(upToCount: Int(length)) ?? Data()
        } catch {
            throw HockeyAppError.unreadable(path: path, error: error)
        }
        let signature = Data([0x50, 0x4B, 0x05, 0x06])
        guard tail.count >= 22, tail.range(of: signature, in: tail.startIndex..<(tail.endIndex - 18)) != nil else {
            throw .invalidBuild(path: path, reason: "it is not a zip archive (no end of central directory)")
        }
    }

    /// Whether a zip entry is the app's own Info.plist rather than one of a framework or extension.
    static func isMainInfoPlist(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0] == "Payload", parts[1].hasSuffix(".app"), parts[2] == "Info.plist" {
            return true
        }
        return parts.count == 3 && parts[0].hasSuffix(".app") && parts[1] == "Contents" && parts[2] == "Info.plist"
    }

    static func parse(plist data: Data, path: String) throws(HockeyAppError) -> BuildInfo {
        let object: Any
        do {
            object = try PropertyListSerialization.propertyList(from: data, options: [], format: nil)
        } catch {
            throw HockeyAppError.invalidBuild(path: path, reason: "its Info.plist is not a property list")
        }
        guard let dictionary = object as? [String: Any] else {
            throw HockeyAppError.invalidBuild(path: path, reason: "its Info.plist is not a dictionary")
        }
        func string(_ key: String) -> String? {
            if let value = dictionary[key] as? String, !value.isEmpty { return value }
            return nil
        }
        guard let bundleVersion = string("CFBundleVersion") else {
            throw HockeyAppError.invalidBuild(path: path, reason: "its Info.plist has no CFBundleVersion")
        }
        return BuildInfo(
            bundleVersion: bundleVersion,
            shortVersion: string("CFBundleShortVersionString"),
            bundleIdentifier: string("CFBundleIdentifier"),
            displayName: string("CFBundleDisplayName") ?? string("CFBundleName"),
            minimumOSVersion: string("MinimumOSVersion") ?? string("LSMinimumSystemVersion"))
    }
}
