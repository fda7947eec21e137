import Foundation

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
    /// macOS app; XML and binary plists are both accepted, stored or deflated. Whatever the archive
    /// holds, at most ``plistSizeLimit`` bytes of the entry are read and inflated, so a crafted or
    /// damaged build fails quickly instead of spinning or filling memory.
    /// - Parameter url: the .ipa or .app.zip file.
    /// - Throws: ``HockeyAppError/buildFileMissing(path:)``, ``HockeyAppError/buildFileUnreadable(path:reason:)``
    ///   or ``HockeyAppError/invalidBuild(path:reason:)``.
    public static func read(from url: URL) throws(HockeyAppError) -> BuildInfo {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .buildFileMissing(path: path)
        }
        guard !isDirectory.boolValue else { throw .buildFileUnreadable(path: path, reason: "it is a folder, not a file") }
        let handle: FileHandle
        let source: ZipFileSource
        do {
            handle = try FileHandle(forReadingFrom: url)
            source = try ZipFileSource(handle: handle)
        } catch {
            throw HockeyAppError.unreadable(path: path, error: error)
        }
        defer { try? handle.close() }
        return try read(ZipEntryReader(source: source), path: path)
    }

    /// Reads the versions of a build held in memory, exactly as ``read(from:)`` reads a file.
    /// - Parameters:
    ///   - archive: the bytes of an .ipa or .app.zip.
    ///   - path: the name errors give the build.
    /// - Throws: ``HockeyAppError/invalidBuild(path:reason:)``.
    public static func read(fromArchive archive: Data, path: String) throws(HockeyAppError) -> BuildInfo {
        try read(ZipEntryReader(source: ZipDataSource(data: [UInt8](archive))), path: path)
    }

    /// The largest Info.plist accepted, compressed or not; real ones are a few kilobytes.
    static let plistSizeLimit = 4 << 20

    private static func read(_ reader: ZipEntryReader, path: String) throws(HockeyAppError) -> BuildInfo {
        func invalid(_ reason: String) -> HockeyAppError { .invalidBuild(path: path, reason: reason) }
        guard let entry = try zipStep(path, { () throws(ZipReadFailure) in try reader.firstEntry(where: isMainInfoPlist) })
        else { throw invalid("it holds no Payload/NAME.app/Info.plist") }
        guard !entry.isDirectory, !entry.isSymbolicLink else { throw invalid("its Info.plist is not a file") }
        guard !entry.isEncrypted else { throw invalid("its Info.plist is encrypted") }
        // The declared sizes may lie; they only decide what is refused unread. What is read and
        // inflated is bounded again below.
        guard entry.uncompressedSize <= UInt64(plistSizeLimit), entry.compressedSize <= UInt64(plistSizeLimit) else {
            throw invalid("its Info.plist is larger than \(plistSizeLimit) bytes")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw invalid("its Info.plist is compressed with a method other than stored or deflate")
        }
        let stored = try zipStep(path, { () throws(ZipReadFailure) in try reader.storedBytes(of: entry, limit: plistSizeLimit) })
        let data: Data
        if entry.method == 8 {
            do {
                data = try BoundedInflater.inflate(Data(stored), limit: plistSizeLimit)
            } catch {
                switch error {
                case .tooLarge: throw invalid("its Info.plist is larger than \(plistSizeLimit) bytes")
                case .truncated: throw invalid("its Info.plist's deflate stream does not end within its zip entry")
                case .invalid: throw invalid("its Info.plist cannot be decompressed")
                }
            }
        } else {
            data = Data(stored)
        }
        guard BoundedInflater.checksum(data) == entry.crc32 else { throw invalid("its Info.plist is damaged (checksum mismatch)") }
        guard UInt64(data.count) == entry.uncompressedSize else {
            throw invalid("its Info.plist is not the size its zip entry declares")
        }
        return try parse(plist: data, path: path)
    }

    /// Runs one step of reading the archive, turning its failure into the error a user sees.
    private static func zipStep<T>(_ path: String, _ step: () throws(ZipReadFailure) -> T) throws(HockeyAppError) -> T {
        do {
            return try step()
        } catch {
            switch error {
            case .notAZip:
                throw .invalidBuild(path: path, reason: "it is not a zip archive (no end of central directory)")
            case .damagedDirectory:
                throw .invalidBuild(path: path, reason: "its zip central directory is damaged")
            case .damagedEntry:
                throw .invalidBuild(path: path, reason: "the zip entry of its Info.plist is damaged")
            case .unreadable(let error):
                throw HockeyAppError.unreadable(path: path, error: error)
            }
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
