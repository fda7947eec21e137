import Foundation

/// The on-disk shape of `sandbox.json`: the apps and tokens a sandbox accepts.
struct ConfigurationFile: Codable, Hashable, Sendable {
    var apps: [SandboxApp]
    var tokens: [String]

    /// Reads and checks a config file.
    static func read(from url: URL) throws(SandboxError) -> ConfigurationFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .invalidConfiguration(path: url.path, reason: error.systemReason)
        }
        let file: ConfigurationFile
        do {
            file = try JSONDecoder().decode(ConfigurationFile.self, from: data)
        } catch {
            throw .invalidConfiguration(path: url.path, reason: Self.describe(error))
        }
        if file.tokens.contains(where: \.isEmpty) {
            throw .invalidConfiguration(path: url.path, reason: "a token is empty")
        }
        if let app = file.apps.first(where: { !isPathSafe($0.id) }) {
            throw .invalidConfiguration(path: url.path, reason: "the app id \"\(app.id)\" must be letters, digits, - or _")
        }
        return file
    }

    /// Writes the file as pretty-printed JSON, creating the folder if needed.
    func write(to url: URL) throws(SandboxError) {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(self).write(to: url, options: .atomic)
        } catch {
            throw .storageFailed(path: url.path, reason: error.systemReason)
        }
    }

    /// App ids become folder names, so they must not be able to climb out of the data folder.
    static func isPathSafe(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _):
            "the key \"\(key.stringValue)\" is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "the value at \(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        case DecodingError.dataCorrupted:
            "it is not valid JSON"
        default:
            error.localizedDescription
        }
    }
}
