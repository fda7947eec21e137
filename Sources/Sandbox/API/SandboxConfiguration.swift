import Foundation

/// An app the sandbox accepts uploads for, identified like a HockeyApp app by its public identifier.
public struct SandboxApp: Codable, Hashable, Sendable {
    /// The app's public identifier, the `{id}` in `/api/2/apps/{id}/…`.
    public var id: String
    /// The app's title, echoed as `title` in version JSON.
    public var title: String
    /// The platform name as the API spells it: "iOS", "Android", "Mac OS", "Windows Phone", "Custom".
    public var platform: String

    /// Creates an app entry.
    public init(id: String, title: String, platform: String = "iOS") {
        self.id = id
        self.title = title
        self.platform = platform
    }
}

/// What a ``SandboxServer`` listens on, where it stores uploads, and which apps and tokens it accepts.
///
/// The apps and tokens can come from `sandbox.json` in the data folder:
/// ```json
/// { "apps": [{ "id": "…", "title": "Demo", "platform": "iOS" }], "tokens": ["…"] }
/// ```
public struct SandboxConfiguration: Hashable, Sendable {
    /// The address to bind; loopback unless deliberately changed.
    public var host: String
    /// The TCP port; 0 asks the system for a free (ephemeral) port.
    public var port: Int
    /// The folder uploads are stored under (`apps/{id}/versions/{n}/…`).
    public var dataDirectory: URL
    /// The apps uploads are accepted for; any other id answers 422.
    public var apps: [SandboxApp]
    /// The accepted `X-HockeyAppToken` values; any other (or none) answers 401.
    public var tokens: [String]
    /// How long a connection may send nothing (mid-request, or between requests) before the sandbox closes it.
    public var requestIdleTimeout: Duration = .seconds(30)

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        dataDirectory: URL,
        apps: [SandboxApp],
        tokens: [String]
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.apps = apps
        self.tokens = tokens
    }

    /// The name of the optional config file read from the data folder.
    public static let configFileName = "sandbox.json"

    /// The public identifier of the embedded demo app.
    public static let demoAppID = "5ba1d0c0ffee4a11b0a7d3e0d5a1b0c5"
    /// The embedded demo token; it only opens the local sandbox.
    public static let demoToken = "sandbox-demo-token-0123456789abcdef"
    /// The embedded demo app.
    public static let demoApp = SandboxApp(id: demoAppID, title: "ShipNotes Demo", platform: "iOS")

    /// The embedded default: one demo app, one demo token, loopback, an ephemeral port.
    /// - Parameter dataDirectory: where uploads go.
    public static func demo(dataDirectory: URL) -> SandboxConfiguration {
        SandboxConfiguration(dataDirectory: dataDirectory, apps: [demoApp], tokens: [demoToken])
    }

    /// Reads `sandbox.json` from `dataDirectory`, or falls back to ``demo(dataDirectory:)`` when there is none.
    /// - Parameters:
    ///   - dataDirectory: the data folder that may hold the config file.
    ///   - host: the address to bind.
    ///   - port: the port to bind; 0 for an ephemeral one.
    /// - Returns: the configuration to start a server with.
    /// - Throws: ``SandboxError/invalidConfiguration(path:reason:)`` when the file exists but can't be used.
    public static func load(dataDirectory: URL, host: String = "127.0.0.1", port: Int = 0) throws -> SandboxConfiguration {
        let file = dataDirectory.appendingPathComponent(configFileName)
        guard FileManager.default.fileExists(atPath: file.path) else {
            var configuration = demo(dataDirectory: dataDirectory)
            configuration.host = host
            configuration.port = port
            return configuration
        }
        let contents = try ConfigurationFile.read(from: file)
        return SandboxConfiguration(
            host: host, port: port, dataDirectory: dataDirectory, apps: contents.apps, tokens: contents.tokens
        )
    }

    /// Writes the apps and tokens as `sandbox.json` into the data folder, creating the folder if needed.
    /// - Throws: ``SandboxError/storageFailed(path:reason:)`` when the file can't be written.
    public func writeConfigFile() throws {
        try ConfigurationFile(apps: apps, tokens: tokens)
            .write(to: dataDirectory.appendingPathComponent(Self.configFileName))
    }
}
