import Foundation
import ShipNotes
import Testing

/// `shipnotes notes --changelog` as a user runs it: the built binary on real files.
@Suite struct NotesCommandTests {
    static let changelog = """
        # Changelog

        ## [Unreleased]
        - Dark mode.

        ## [1.1.0] - 2024-02-01
        ### Fixed
        - The *crash* on login ([#42][]).

        ## [1.0.0] - 2024-01-01 [YANKED]
        - First.

        [#42]: https://tracker.test/42

        """

    private func withChangelog<T>(_ text: String = changelog, _ body: (String) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-notes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("CHANGELOG.md")
        try Data(text.utf8).write(to: file)
        return try await body(file.path)
    }

    @Test func printsAVersionsNotesWithTheDefinitionsTheyUse() async throws {
        try await withChangelog { path in
            for query in ["1.1.0", "v1.1.0", "[1.1.0]"] {
                let result = try await ShipNotesProcess.execute(["notes", "--changelog", path, "--version", query])
                #expect(result.status == 0)
                #expect(result.error.isEmpty)
                #expect(result.outputText == "### Fixed\n- The *crash* on login ([#42][]).\n\n[#42]: https://tracker.test/42\n")
            }
        }
    }

    @Test func withoutASelectionTheLatestReleaseIsPrinted() async throws {
        try await withChangelog { path in
            let latest = try await ShipNotesProcess.execute(["notes", "--changelog", path, "--latest"])
            let plain = try await ShipNotesProcess.execute(["notes", "--changelog", path])
            #expect(latest.status == 0)
            #expect(latest.outputText.hasPrefix("### Fixed\n"))
            #expect(plain.outputText == latest.outputText)
            let unreleased = try await ShipNotesProcess.execute(["notes", "--changelog", path, "--unreleased"])
            #expect(unreleased.outputText == "- Dark mode.\n")
        }
    }

    @Test func listsReleases() async throws {
        try await withChangelog { path in
            let result = try await ShipNotesProcess.execute(["notes", "--changelog", path, "--list"])
            #expect(result.status == 0)
            #expect(result.outputText == """
                Unreleased  -           line 3  (unreleased)
                1.1.0       2024-02-01  line 6
                1.0.0       2024-01-01  line 10  (yanked)

                """)
            let json = try await ShipNotesProcess.execute(["notes", "--changelog", path, "--list", "--format", "json"])
            let headings = try JSONDecoder().decode([ReleaseHeading].self, from: json.output)
            #expect(headings.map(\.line) == [3, 6, 10])
        }
    }

    @Test func jsonIsTheModel() async throws {
        try await withChangelog { path in
            let whole = try await ShipNotesProcess.execute(["notes", "--changelog", path, "--format", "json"])
            #expect(whole.status == 0)
            let changelog = try JSONDecoder().decode(Changelog.self, from: whole.output)
            #expect(changelog.releases.map(\.displayName) == ["Unreleased", "1.1.0", "1.0.0"])
            #expect(changelog.releases[1].sections.map(\.title) == ["Fixed"])
            #expect(changelog.releases[1].date == ReleaseDate(year: 2024, month: 2, day: 1))
            let one = try await ShipNotesProcess.execute(["notes", "--changelog", path, "--version", "1.0.0", "--format", "json"])
            let release = try JSONDecoder().decode(Release.self, from: one.output)
            #expect(release.isYanked)
            #expect(release.lines == LineRange(first: 10, last: 11))
        }
    }

    @Test func htmlAsTheServerShowsItForEachNotesType() async throws {
        try await withChangelog { path in
            let markdown = try await ShipNotesProcess.execute(["notes", "--changelog", path, "--format", "html"])
            #expect(markdown.outputText == """
                <h3>Fixed</h3>
                <ul>
                <li>The <em>crash</em> on login (<a href="https://tracker.test/42">#42</a>).</li>
                </ul>

                """)
            let textile = try await ShipNotesProcess.execute(["notes", "--changelog", path, "--format", "textile"])
            #expect(textile.outputText == "h3. Fixed\n\n* The _crash_ on login (\"#42\":https://tracker.test/42).\n")
            let html = try await ShipNotesProcess.execute(["notes", "--changelog", path, "--format", "html", "--notes-type", "textile"])
            #expect(html.status == 0)
            // What RedCloth itself makes of the Textile is what the preview shows.
            #expect(html.outputText == (try RedCloth.html(of: textile.output)))
        }
    }

    @Test func sinceMergesReleases() async throws {
        try await withChangelog { path in
            let result = try await ShipNotesProcess.execute(["notes", "--changelog", path, "--since", "0.9"])
            #expect(result.status == 0)
            #expect(result.outputText.hasPrefix("## 1.1.0 - 2024-02-01\n\n### Fixed\n"))
            #expect(result.outputText.contains("\n## 1.0.0 - 2024-01-01 YANKED\n\n- First.\n"))
        }
    }

    @Test func readsStandardInput() async throws {
        let result = try await ShipNotesProcess.execute(
            ["notes", "--changelog", "-", "--version", "1.0.0"], input: Data(Self.changelog.utf8))
        #expect(result.status == 0)
        #expect(result.outputText == "- First.\n")
    }

    @Test func anAbsentVersionIsOneErrorLineNamingTheNearest() async throws {
        try await withChangelog { path in
            let result = try await ShipNotesProcess.execute(["notes", "--changelog", path, "--version", "1.0.5"])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(result.error == "Error: \(path): no release 1.0.5; nearest: 1.1.0 (line 6), 1.0.0 (line 10).\n")
        }
    }

    @Test func badFilesAreOneErrorLine() async throws {
        let missing = try await ShipNotesProcess.execute(["notes", "--changelog", "/nonexistent/CHANGELOG.md"])
        #expect(missing.status == 1)
        #expect(missing.error == "Error: /nonexistent/CHANGELOG.md: no such file.\n")
        try await withChangelog("# Changelog\n\nNothing here.\n") { path in
            let result = try await ShipNotesProcess.execute(["notes", "--changelog", path])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(result.error.hasPrefix("Error: \(path): no release headings found; looked for headings such as"))
            #expect(result.error.filter { $0 == "\n" }.count == 1)
        }
        try await withChangelog("## 1.0.0\n\n\u{0}\u{1}binary") { path in
            let result = try await ShipNotesProcess.execute(["notes", "--changelog", path])
            #expect(result.status == 1)
            #expect(result.error == "Error: \(path):3: not a text file (it holds a NUL byte).\n")
        }
        try await withChangelog("## 1.0.0\n\n## 1.0.0\n") { path in
            let result = try await ShipNotesProcess.execute(["notes", "--changelog", path, "--version", "1.0.0"])
            #expect(result.status == 1)
            #expect(result.error == "Error: \(path):3: version 1.0.0 appears twice (first on line 1).\n")
        }
    }

    @Test func badUsageExitsWithTwo() async throws {
        let twoSelections = try await ShipNotesProcess.execute(["notes", "--changelog", "x.md", "--latest", "--unreleased"])
        #expect(twoSelections.status == 2)
        #expect(twoSelections.error.contains("Choose one of --version, --latest, --unreleased, --since and --list."))
        let noFile = try await ShipNotesProcess.execute(["notes"])
        #expect(noFile.status == 2)
    }

    @Test func helpShowsExamples() async throws {
        let help = try await ShipNotesProcess.execute(["notes", "--help"])
        #expect(help.status == 0)
        #expect(help.outputText.contains("shipnotes notes --changelog CHANGELOG.md --version 1.4.0"))
        #expect(help.outputText.contains("--since <version>"))
    }

    @Test(arguments: ["--version-prefix", "--version-pattern"])
    func otherTitleShapes(option: String) async throws {
        let value = option == "--version-prefix" ? "app-v" : #"app-v(\d+\.\d+\.\d+)"#
        try await withChangelog("## app-v2.0.0\n\n- Two.\n\n## app-v1.0.0\n\n- One.\n") { path in
            let result = try await ShipNotesProcess.execute(["notes", "--changelog", path, option, value, "--version", "1.0.0"])
            #expect(result.status == 0)
            #expect(result.outputText == "- One.\n")
        }
    }
}

/// Real RedCloth (Debian's ruby-redcloth), the renderer the server runs for Textile notes.
enum RedCloth {
    static func html(of textile: Data) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ruby")
        process.arguments = ["-rredcloth", "-e", "print RedCloth.new($stdin.read).to_html"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(textile)
        try input.fileHandleForWriting.close()
        let html = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return String(decoding: html, as: UTF8.self)
    }
}
