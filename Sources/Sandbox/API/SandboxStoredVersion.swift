import Foundation
import HockeyApp

/// A version the sandbox accepted and stored under its data folder.
public struct SandboxStoredVersion: Hashable, Sendable {
    /// The app the version belongs to.
    public var appID: String
    /// The version as the API answers it (the 201 body and the list element).
    public var version: AppVersion
    /// The release notes exactly as uploaded, before rendering.
    public var notesSource: String
    /// The `notes_type` the notes were rendered with (0 Textile, 1 Markdown).
    public var notesType: Int
    /// The folder holding this version's files: `<data>/apps/<app>/versions/<id>/`.
    public var directory: URL
    /// The stored files, in the order they were uploaded.
    public var files: [SandboxStoredFile]

    /// The stored file of the given kind, if one was uploaded.
    public func file(_ kind: SandboxStoredFile.Kind) -> SandboxStoredFile? {
        files.first { $0.kind == kind }
    }
}

/// One file of a stored version.
public struct SandboxStoredFile: Hashable, Sendable {
    /// What the server took the file for, from its file name.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The build: `.ipa`, `.apk`, `.app.zip`.
        case build
        /// iOS/Mac debug symbols: a file name ending in `.dSYM.zip` (any case).
        case dsym
        /// Android ProGuard symbols: a file named `mapping.txt`.
        case mapping
        /// Anything else uploaded under a file field.
        case other
    }

    /// What the file is.
    public var kind: Kind
    /// The multipart field it came in (`ipa`, `dsym`).
    public var fieldName: String
    /// The file name as uploaded (stored under this name).
    public var fileName: String
    /// Where the file is on disk.
    public var url: URL
    /// Its size in bytes.
    public var byteCount: Int
}
