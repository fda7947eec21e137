import ConformanceSupport
import Foundation
import Testing

/// `shipnotes changelog` from the command line: --check for CI, --dry-run's diff, the write and its
/// idempotence, and one `Error:` line with the file untouched for bad input.
@Suite struct ChangelogCommandTests {
    static let changelog = "# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n\n### Added\n\n- First\n"

    static func repository() throws -> TemporaryRepository {
        let repository = try TemporaryRepository()
        try Data(changelog.utf8).write(to: repository.url.appendingPathComponent("CHANGELOG.md"))
        _ = try repository.commit("feat: first release")
        try repository.tag("v1.0.0")
        _ = try repository.commit("fix: crash on launch")
        return repository
    }

    static func contents(_ repository: TemporaryRepository) throws -> String {
        try String(contentsOf: repository.url.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
    }

    @Test func checkFailsUntilTheCommitsAreWrittenAndTheDryRunWritesNothing() async throws {
        let repository = try Self.repository()
        let check = try await ShipNotesProcess.execute(["changelog", "--check"], directory: repository.url)
        #expect(check.status == 1)
        #expect(check.error.hasPrefix("CHANGELOG.md is missing 1 commit: ") && check.error.contains("fix: crash on launch"))

        let dryRun = try await ShipNotesProcess.execute(["changelog", "--dry-run"], directory: repository.url)
        #expect(dryRun.status == 0)
        #expect(dryRun.outputText.hasPrefix("--- a/CHANGELOG.md\n+++ b/CHANGELOG.md\n@@ -1,6 +1,10 @@\n"))
        #expect(dryRun.outputText.contains("\n+### Fixed\n+\n+- crash on launch ("))
        #expect(try Self.contents(repository) == Self.changelog)

        let write = try await ShipNotesProcess.execute(["changelog"], directory: repository.url)
        #expect(write.status == 0 && write.outputText == "added 1 commit to CHANGELOG.md\n")
        let written = try Self.contents(repository)
        #expect(written.hasPrefix("# Changelog\n\n## [Unreleased]\n\n### Fixed\n\n- crash on launch ("))

        let again = try await ShipNotesProcess.execute(["changelog"], directory: repository.url)
        #expect(again.outputText == "CHANGELOG.md lists every commit; nothing to add\n")
        #expect(try Self.contents(repository) == written)
        let checkAgain = try await ShipNotesProcess.execute(["changelog", "--check"], directory: repository.url)
        #expect(checkAgain.status == 0)
    }

    @Test(arguments: [
        (["changelog", "--file", "missing.md"], Int32(1), "Error: missing.md does not exist; shipnotes changelog --all-releases creates it from the whole history."),
        (["changelog", "--dry-run", "--check"], Int32(2), "Error: --dry-run and --check do not go together."),
    ])
    func badInputIsOneErrorLine(arguments: [String], status: Int32, message: String) async throws {
        let repository = try Self.repository()
        let result = try await ShipNotesProcess.execute(arguments, directory: repository.url)
        #expect(result.status == status)
        // A usage error (status 2) is followed by ArgumentParser's usage lines.
        #expect(result.error.split(separator: "\n").first.map(String.init) == message, "\(result.error)")
        if status == 1 { #expect(result.error.split(separator: "\n").count == 1, "\(result.error)") }
        #expect(try Self.contents(repository) == Self.changelog)
    }

    @Test func aFolderThatIsNotARepositoryIsOneErrorLine() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-not-a-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.changelog.utf8).write(to: folder.appendingPathComponent("CHANGELOG.md"))
        let result = try await ShipNotesProcess.execute(["changelog"], directory: folder)
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("Error: ") && result.error.split(separator: "\n").count == 1, "\(result.error)")
        #expect(try String(contentsOf: folder.appendingPathComponent("CHANGELOG.md"), encoding: .utf8) == Self.changelog)
    }
}
