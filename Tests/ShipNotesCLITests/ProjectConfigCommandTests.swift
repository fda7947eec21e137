import ConformanceSupport
import Foundation
import Testing

/// `shipnotes.yml` at a repository's root, as the commands read it: its settings apply, flags
/// override them, and a bad file is one error line naming the key and line.
@Suite struct ProjectConfigCommandTests {
    private func repository(config: String) throws -> TemporaryRepository {
        let repository = try TemporaryRepository()
        try repository.commit("feat: one")
        try repository.tag("app-v1.0.0")
        try repository.tag("v9.0.0")
        try repository.commit("fix: two")
        try repository.commit("chore: three")
        try Data(config.utf8).write(to: repository.url.appendingPathComponent("shipnotes.yml"))
        return repository
    }

    @Test func notesReadTheTemplateAndTagPrefixFromTheConfig() async throws {
        let repository = try repository(config: "source: git\ntemplate: tester\ntag-prefix: app-v\n")
        let subfolder = repository.url.appendingPathComponent("Sources")
        try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
        let fromConfig = try await ShipNotesProcess.execute(["notes", "--git"], directory: subfolder)
        #expect(fromConfig.status == 0, "stderr: \(fromConfig.error)")
        #expect(fromConfig.outputText == "**1.0.1 (upcoming)**\n\n- Fixed: two\n")

        // A flag wins over the file.
        let overridden = try await ShipNotesProcess.execute(["notes", "--git", "--template", "grouped", "--tag-prefix", "v"],
                                                            directory: subfolder)
        #expect(overridden.status == 0, "stderr: \(overridden.error)")
        #expect(overridden.outputText.hasPrefix("## Unreleased\n\n### Bug Fixes\n\n- two ("))
    }

    @Test func uploadTakesItsAppAndNotesFromTheConfig() async throws {
        let repository = try repository(config: "app-id: from-the-config\nsource: git\ntag-prefix: app-v\nnotes-type: textile\ntags: [beta, qa]\n")
        let build = repository.url.appendingPathComponent("App.ipa")
        try Data("PK".utf8).write(to: build)
        let result = try await ShipNotesProcess.execute(["upload", "--ipa", build.path, "--dry-run"], directory: repository.url)
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(result.outputText.hasPrefix("POST https://rink.hockeyapp.net/api/2/apps/from-the-config/app_versions/upload\n"))
        #expect(result.outputText.contains("field notes_type = 0\n"))
        #expect(result.outputText.contains("field tags = beta,qa\n"))
        #expect(result.outputText.contains("field notes = h2. Unreleased"))
    }

    @Test func aBadConfigIsOneErrorLine() async throws {
        let repository = try repository(config: "source: git\nnotes-type: html\n")
        let result = try await ShipNotesProcess.execute(["notes", "--git"], directory: repository.url)
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error.hasPrefix("Error: "))
        #expect(result.error.contains("shipnotes.yml:2: notes-type: expected markdown or textile, found 'html'."), "\(result.error)")
        #expect(result.error.split(separator: "\n").count == 1)
    }
}
