import ConformanceSupport
import Foundation
import Testing

/// `shipnotes notes --git` failures: each is one `Error: …` line on standard error with exit
/// status 1 and nothing on standard output; bad usage exits with 2.
@Suite struct NotesGitErrorTests {
    /// Checks the shape of a user-facing error and returns its line.
    @discardableResult
    private func expectOneErrorLine(_ result: ShipNotesProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(result.status == 1, sourceLocation: sourceLocation)
        #expect(result.output.isEmpty, "stdout: \(result.outputText)", sourceLocation: sourceLocation)
        #expect(result.error.hasPrefix("Error: "), "stderr: \(result.error)", sourceLocation: sourceLocation)
        #expect(result.error.hasSuffix("\n") && result.error.filter { $0 == "\n" }.count == 1,
                "stderr: \(result.error)", sourceLocation: sourceLocation)
        return result.error
    }

    /// Checks a usage error: status 2, nothing on standard output, `message` as the first line.
    private func expectUsageError(_ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let result = try await ShipNotesProcess.execute(arguments)
        #expect(result.status == 2, "\(arguments)", sourceLocation: sourceLocation)
        #expect(result.output.isEmpty, sourceLocation: sourceLocation)
        #expect(result.error.split(separator: "\n").first == "Error: \(message)", "\(arguments)", sourceLocation: sourceLocation)
    }

    /// A folder outside any repository, removed after `body`.
    private func withPlainFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    @Test func aFolderThatIsNotARepository() async throws {
        try await withPlainFolder { folder in
            let given = try await ShipNotesProcess.execute(["notes", "--git", "--repo", folder.path])
            #expect(expectOneErrorLine(given) == "Error: \(folder.path) is not a git repository (or a folder inside one); pass --repo DIR.\n")
            let here = try await ShipNotesProcess.execute(["notes", "--git"], directory: folder)
            #expect(expectOneErrorLine(here).contains("is not a git repository"))
        }
    }

    @Test func anUnknownRevisionInTheRange() async throws {
        let sample = try GitSample()
        let alone = try await sample.notes(["nosuch"])
        #expect(expectOneErrorLine(alone) == "Error: 'nosuch' is not a revision in this repository (a tag, branch or commit id).\n")
        // The message should name the revision that is missing, not the whole range (which is no
        // "tag, branch or commit id" either way).
        let range = try await sample.notes(["nosuch..HEAD"])
        #expect(expectOneErrorLine(range) == "Error: 'nosuch' is not a revision in this repository (a tag, branch or commit id).\n")
    }

    @Test func aTagPrefixThatMatchesNothing() async throws {
        let sample = try GitSample()
        let result = try await sample.notes(["--tag-prefix", "app/v"])
        #expect(expectOneErrorLine(result)
            == "Error: no tag starts with 'app/v' followed by a version; tags here include v1.0.0, v1.1.0.\n")
    }

    @Test func aShallowClone() async throws {
        let sample = try GitSample()
        let clone = sample.repo.url.deletingLastPathComponent().appendingPathComponent("shallow")
        try sample.repo.run(["clone", "-q", "--depth", "1", "file://\(sample.repo.path)", clone.path])
        let result = try await ShipNotesProcess.execute(["notes", "--git", "--repo", clone.path])
        let line = expectOneErrorLine(result)
        #expect(line.hasPrefix("Error: \(clone.path) is a shallow clone"))
        #expect(line.contains("git fetch --unshallow"))
        #expect(line.contains("fetch-depth: 0"))
    }

    @Test func gitMissingFromPath() async throws {
        let sample = try GitSample()
        try await withPlainFolder { empty in
            // The binary runs by its absolute path; only git has to be looked up on PATH.
            let result = try await sample.notes(environment: ["PATH": empty.path])
            #expect(expectOneErrorLine(result)
                == "Error: git was not found on PATH; install git (apt-get install git, brew install git) to read notes from history.\n")
        }
    }

    @Test func aTemplateThatDoesNotParseNamesItsLine() async throws {
        let sample = try GitSample()
        let path = sample.repo.url.deletingLastPathComponent().appendingPathComponent("broken.md.mustache").path
        try Data("{{#releases}}\n## {{title}}\n{{#groups}}\n- {{title}}\n{{/releases}}\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try await sample.notes(["--template", path])
        let line = expectOneErrorLine(result)
        #expect(line.hasPrefix("Error: \(path):5:"))
        #expect(line.hasSuffix(": the template does not parse: a section is closed with another section's name.\n"))
        // The template is read before git runs: outside a repository, the template's error comes first.
        try await withPlainFolder { folder in
            let outside = try await ShipNotesProcess.execute(["notes", "--git", "--repo", folder.path, "--template", path])
            #expect(expectOneErrorLine(outside) == line)
        }
    }

    /// A tag left open (`{{title` with no `}}`) should be reported where it opens, in words.
    @Test func anUnclosedTagIsReportedOnItsLine() async throws {
        let sample = try GitSample()
        let path = sample.repo.url.deletingLastPathComponent().appendingPathComponent("open.md.mustache").path
        try Data("Notes\n\n  {{title\n".utf8).write(to: URL(fileURLWithPath: path))
        let line = expectOneErrorLine(try await sample.notes(["--template", path]))
        #expect(line.hasPrefix("Error: \(path):3:"), "\(line)")
        #expect(line.hasSuffix(": the template does not parse: a tag is not closed with }}.\n"), "\(line)")
    }

    @Test func anUnknownTemplateName() async throws {
        let sample = try GitSample()
        let line = expectOneErrorLine(try await sample.notes(["--template", "nosuch"]))
        #expect(line.hasPrefix("Error: no template named 'nosuch' (built in: grouped, keep-a-changelog, tester); looked in "))
        #expect(line.hasSuffix("; pass --template PATH.\n"))
    }

    @Test func usageErrorsExitWithTwo() async throws {
        try await expectUsageError(["notes", "--git", "--changelog", "CHANGELOG.md"], "Choose one source: --git or --changelog.")
        try await expectUsageError(
            ["notes", "--git", "--latest"],
            "--version, --latest, --unreleased, --since, --version-prefix and --version-pattern read a changelog; with --git, give a RANGE.")
        try await expectUsageError(["notes", "--changelog", "CHANGELOG.md", "--all-releases"], "That option reads git history; add --git.")
        try await expectUsageError(["notes", "--changelog", "CHANGELOG.md", "v1.0.0..HEAD"],
                                   "A RANGE argument is read with --git; without --git, nothing takes an argument.")
        try await expectUsageError(["notes", "--all-releases"], "Say where the notes come from: --changelog FILE or --git [RANGE].")
        try await expectUsageError(["notes"], "Say where the notes come from: --changelog FILE or --git [RANGE].")
        try await expectUsageError(["notes", "--git", "--all-releases", "--bumped-version"],
                                   "--bumped-version reads the commits since the newest version tag; leave out --all-releases and RANGE.")
        try await expectUsageError(["notes", "--git", "--group", "feat"],
                                   "--group takes types=title, such as feat=Features or fix,bugfix=Bug Fixes.")
    }
}
