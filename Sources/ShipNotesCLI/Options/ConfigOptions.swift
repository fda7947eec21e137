import ArgumentParser
import Foundation
import ShipNotes

/// `--config PATH`, or the `shipnotes.yml` at the root of the repository the command runs in.
struct ConfigOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The project config (default: shipnotes.yml at the repository root, when there is one).",
                               valueName: "file"))
    var config: String?

    /// The config the options name or find; an empty one when there is none.
    func load() throws -> ProjectConfig {
        if let config { return try ProjectConfig.load(path: config) }
        guard let found = ProjectConfig.find(startingAt: FileManager.default.currentDirectoryPath) else { return ProjectConfig() }
        return try ProjectConfig.load(path: found)
    }
}
