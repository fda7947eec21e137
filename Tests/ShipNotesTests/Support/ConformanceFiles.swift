import ConformanceSupport
import Foundation

/// The real changelogs of `$CONFORMANCE_DIR/changelogs/`. With `CONFORMANCE_DIR` set, a missing
/// file is a failure (the read throws), never a skip.
enum RealChangelogs {
    static let names = [
        "clippy-CHANGELOG.md", "cocoapods-CHANGELOG.md", "express-History.md", "okhttp-CHANGELOG.md",
        "realm-swift-CHANGELOG.md",
    ]

    /// Whether the conformance folder is configured; suites that need it are disabled otherwise.
    static var isConfigured: Bool { CommonMarkSpec.conformanceDirectory != nil }

    /// The bytes of the named changelog.
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let directory = CommonMarkSpec.conformanceDirectory else { return [] }
        return Array(try Data(contentsOf: directory.appendingPathComponent("changelogs/\(name)")))
    }
}
