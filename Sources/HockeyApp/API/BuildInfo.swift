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
    /// macOS app; XML and binary plists are both accepted, stored or deflated.
    /// - Parameter url: the .ipa or .app.zip file.
    /// - Throws: ``HockeyAppError/buildFileMissing(path:)``, ``HockeyAppError/buildFileUnreadable(path:reason:)``
    ///   or ``HockeyAppError/invalidBuild(path:reason:)``.
    public static func read(from url: URL) throws(HockeyAppError) -> BuildInfo {
        let path = url.path
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw HockeyAppError.unreadable(path: path, error: error)
        }
        defer { try? handle.close() }
        do {
            let archive = try ZipArchiveReader(handle: handle)
            guard let entry = archive.entries.first(where: { isMainInfoPlist($0.name) }) else {
                throw HockeyAppError.invalidBuild(path: path, reason: "it holds no Payload/NAME.app/Info.plist")
            }
            return try parse(plist: Data(archive.contents(of: entry, limit: 4 << 20)), path: path)
        } catch let error as HockeyAppError {
            throw error
        } catch let error as ZipArchiveReader.Failure {
            throw HockeyAppError.invalidBuild(path: path, reason: error.reason)
        } catch {
            throw HockeyAppError.unreadable(path: path, error: error)
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
