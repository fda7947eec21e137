import Foundation
import HockeyApp

/// The data folder's layout: `apps/<app>/versions/<id>/` holds a version's files under their
/// uploaded names plus `version.json`; `staging/<uuid>/` holds uploads still arriving.
struct VersionStore: Sendable {
    let dataDirectory: URL

    static let metadataFileName = "version.json"

    /// What `version.json` holds, so a restarted sandbox lists what it stored before.
    struct Metadata: Codable {
        var version: AppVersion
        var notesSource: String
        var notesType: Int
        var files: [FileEntry]
    }

    struct FileEntry: Codable {
        var kind: SandboxStoredFile.Kind
        var fieldName: String
        var fileName: String
        var byteCount: Int
    }

    func versionsDirectory(appID: String) -> URL {
        dataDirectory.appendingPathComponent("apps").appendingPathComponent(appID).appendingPathComponent("versions")
    }

    func versionDirectory(appID: String, id: Int) -> URL {
        versionsDirectory(appID: appID).appendingPathComponent(String(id))
    }

    /// The folder uploads are written to while they arrive.
    var stagingRoot: URL { dataDirectory.appendingPathComponent("staging") }

    /// A fresh folder for one upload's file parts.
    func makeStagingDirectory() throws(SandboxError) -> URL {
        let url = stagingRoot.appendingPathComponent(UUID().uuidString)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .storageFailed(path: url.path, reason: error.systemReason)
        }
        return url
    }

    /// Reads every `version.json` of an app; unreadable ones are skipped (a half-written version
    /// from a crash is not a version).
    func loadVersions(appID: String) -> [SandboxStoredVersion] {
        let folder = versionsDirectory(appID: appID)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.compactMap { name -> SandboxStoredVersion? in
            let directory = folder.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(Self.metadataFileName)),
                  let metadata = try? JSONDecoder().decode(Metadata.self, from: data)
            else { return nil }
            return SandboxStoredVersion(
                appID: appID, version: metadata.version, notesSource: metadata.notesSource,
                notesType: metadata.notesType, directory: directory,
                files: metadata.files.map {
                    SandboxStoredFile(
                        kind: $0.kind, fieldName: $0.fieldName, fileName: $0.fileName,
                        url: directory.appendingPathComponent($0.fileName), byteCount: $0.byteCount)
                })
        }
        .sorted { ($0.version.id ?? 0) < ($1.version.id ?? 0) }
    }

    /// Moves staged files into the version's folder under their uploaded names and writes
    /// `version.json`; an existing folder for the same id (a replaced version) is removed first.
    func write(
        version: AppVersion, appID: String, notesSource: String, notesType: Int, files: [StagedFile]
    ) throws(SandboxError) -> SandboxStoredVersion {
        let directory = versionDirectory(appID: appID, id: version.id ?? 0)
        let manager = FileManager.default
        var stored: [SandboxStoredFile] = []
        do {
            if manager.fileExists(atPath: directory.path) { try manager.removeItem(at: directory) }
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            var taken: Set<String> = [Self.metadataFileName]
            for file in files {
                guard let staged = file.stagedURL else { continue }
                let name = Self.storageName(for: file, taken: taken)
                taken.insert(name)
                let url = directory.appendingPathComponent(name)
                try manager.moveItem(at: staged, to: url)
                stored.append(SandboxStoredFile(
                    kind: FileKind.of(fileName: file.fileName, fieldName: file.fieldName),
                    fieldName: file.fieldName, fileName: name, url: url, byteCount: file.byteCount))
            }
            let metadata = Metadata(
                version: version, notesSource: notesSource, notesType: notesType,
                files: stored.map {
                    FileEntry(kind: $0.kind, fieldName: $0.fieldName, fileName: $0.fileName, byteCount: $0.byteCount)
                })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(metadata).write(to: directory.appendingPathComponent(Self.metadataFileName))
        } catch {
            throw .storageFailed(path: directory.path, reason: error.systemReason)
        }
        return SandboxStoredVersion(
            appID: appID, version: version, notesSource: notesSource, notesType: notesType,
            directory: directory, files: stored)
    }

    /// The uploaded file name reduced to its last path component (a client must not be able to
    /// write outside the version folder), made unique within the folder.
    static func storageName(for file: StagedFile, taken: Set<String>) -> String {
        let lastComponent = file.fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var name = lastComponent.replacingOccurrences(of: "\0", with: "")
        if name.isEmpty || name == "." || name == ".." { name = file.fieldName }
        var candidate = name
        var counter = 2
        while taken.contains(candidate) {
            candidate = "\(counter)-\(name)"
            counter += 1
        }
        return candidate
    }
}

/// How the server tells builds from symbol files: by file name, as the API documents
/// (`.dSYM.zip` in any case for iOS and Mac, `mapping.txt` for Android).
enum FileKind {
    static func of(fileName: String, fieldName: String) -> SandboxStoredFile.Kind {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".dsym.zip") { return .dsym }
        if lowered == "mapping.txt" || lowered.hasSuffix("/mapping.txt") { return .mapping }
        return fieldName == "ipa" ? .build : .other
    }
}
