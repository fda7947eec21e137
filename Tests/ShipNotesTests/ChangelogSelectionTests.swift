import Foundation
import Testing

@testable import ShipNotes

/// Finding the release a build belongs to, and the errors that name what went wrong.
@Suite struct ChangelogSelectionTests {
    static let changelog = """
        # Changelog

        ## [Unreleased]
        - Next thing.

        ## [2.0.0] - 2024-03-01
        - Big change, see [the guide][guide].

        ## [1.10.0] - 2024-02-01 [YANKED]
        - Broken.

        ## [1.9.0] - 2024-01-01
        - Small change.

        ## [1.2.0] - 2023-01-01
        - Old change.

        [guide]: https://example.com/guide
        [unused]: https://example.com/unused

        """

    private func outline() throws -> ChangelogOutline { try Outlining.outline(Self.changelog) }

    @Test(arguments: ["v1.9.0", "1.9.0", "[1.9.0]", " 1.9.0 ", "1.9"])
    func versionsMatchHoweverWritten(query: String) throws {
        #expect(try outline().releases(.version(query)).map(\.body) == ["- Small change."])
    }

    @Test func latestSkipsUnreleasedAndYanked() throws {
        let releases = try outline().releases(.latest)
        #expect(releases.map(\.version?.normalized) == ["2.0.0"])
        #expect(releases[0].notes == "- Big change, see [the guide][guide].\n\n[guide]: https://example.com/guide\n")
    }

    @Test func withoutASelectionTheLatestOrElseTheFirstRelease() throws {
        #expect(try outline().defaultRelease().version?.normalized == "2.0.0")
        #expect(try Outlining.outline("## Unreleased\n\n- Soon.\n").defaultRelease().body == "- Soon.")
    }

    @Test func unreleased() throws {
        #expect(try outline().releases(.unreleased).map(\.body) == ["- Next thing."])
    }

    @Test func sinceMergesNewerReleasesNewestFirst() throws {
        let releases = try outline().releases(.since("1.2.0"))
        #expect(releases.map(\.version?.normalized) == ["2.0.0", "1.10.0", "1.9.0"])
        #expect(releases.mergedNotes == """
            ## 2.0.0 - 2024-03-01

            - Big change, see [the guide][guide].

            [guide]: https://example.com/guide

            ## 1.10.0 - 2024-02-01 YANKED

            - Broken.

            ## 1.9.0 - 2024-01-01

            - Small change.

            """)
    }

    @Test func versionsOrderNumericallyNotAsText() throws {
        // 1.10.0 is newer than 1.9.0: `--since 1.9.0` finds it.
        #expect(try outline().releases(.since("1.9.0")).map(\.version?.normalized) == ["2.0.0", "1.10.0"])
        #expect(ReleaseVersion("0.1.10")! > ReleaseVersion("0.1.9")!)
        #expect(ReleaseVersion("1.0.0-rc.2")! < ReleaseVersion("1.0.0")!)
        #expect(ReleaseVersion("1.0.0-beta.2")! < ReleaseVersion("1.0.0-beta.10")!)
        #expect(ReleaseVersion("1.0.0-alpha")! < ReleaseVersion("1.0.0-beta")!)
        #expect(ReleaseVersion("1.50")! == ReleaseVersion("1.50.0")!)
    }

    @Test func anAbsentVersionNamesTheNearestOnes() throws {
        #expect(throws: ChangelogError.versionNotFound(
            path: "CHANGELOG.md", version: "1.9.5", nearest: ["2.0.0 (line 6)", "1.10.0 (line 9)", "1.9.0 (line 12)", "1.2.0 (line 15)"])
        ) {
            try outline().releases(.version("1.9.5"))
        }
        #expect(throws: ChangelogError.versionNotFound(
            path: "CHANGELOG.md", version: "3.0", nearest: ["2.0.0 (line 6)", "1.10.0 (line 9)"])
        ) {
            try outline().releases(.version("3.0"))
        }
    }

    @Test func otherSelectionErrors() throws {
        #expect(throws: ChangelogError.notAVersion("latest")) { try outline().releases(.version("latest")) }
        #expect(throws: ChangelogError.nothingSince(path: "CHANGELOG.md", version: "2.0.0")) {
            try outline().releases(.since("2.0.0"))
        }
        let onlyUnreleased = try Outlining.outline("## Unreleased\n\n- Soon.\n")
        #expect(throws: ChangelogError.noReleasedVersion(path: "CHANGELOG.md")) { try onlyUnreleased.releases(.latest) }
        let noUnreleased = try Outlining.outline("## 1.0.0\n")
        #expect(throws: ChangelogError.noUnreleasedSection(path: "CHANGELOG.md")) { try noUnreleased.releases(.unreleased) }
    }

    @Test func aDuplicateVersionIsAnErrorWhenSelected() throws {
        let outline = try Outlining.outline("## 1.1.0\n\n## 1.0.0\n\n- One.\n\n## v1.0.0\n\n- Again.\n")
        #expect(outline.headings.count == 3)
        #expect(throws: ChangelogError.duplicateVersion(path: "CHANGELOG.md", version: "1.0.0", line: 7, firstLine: 3)) {
            try outline.releases(.version("1.0.0"))
        }
        #expect(throws: ChangelogError.duplicateVersion(path: "CHANGELOG.md", version: "1.0.0", line: 7, firstLine: 3)) {
            try outline.releases(.since("0.9"))
        }
        #expect(try outline.releases(.latest).map(\.version?.normalized) == ["1.1.0"])
    }

    @Test func fileErrors() throws {
        #expect(throws: ChangelogError.noReleases(path: "CHANGELOG.md")) { try Outlining.outline("# Changelog\n\nNothing yet.\n") }
        #expect(throws: ChangelogError.noReleases(path: "CHANGELOG.md")) { try Outlining.outline("") }
        #expect(throws: ChangelogError.notText(path: "notes.bin", line: 2)) {
            try ChangelogReader().outline(bytes: Array("## 1.0\n\0\u{1}".utf8), path: "notes.bin")
        }
        #expect(throws: ChangelogError.notUTF8(path: "latin1.md", line: 3)) {
            try ChangelogReader().outline(bytes: Array("## 1.0\n\n- Caf".utf8) + [0xE9, 0x0A], path: "latin1.md")
        }
        #expect(throws: ChangelogError.self) { try ChangelogReader(options: .init(versionPattern: "(unclosed")) }
    }

    @Test func errorMessagesAreOneSentence() {
        let messages = [
            ChangelogError.noReleases(path: "CHANGELOG.md"),
            .versionNotFound(path: "CHANGELOG.md", version: "1.9.5", nearest: ["2.0.0 (line 6)"]),
            .duplicateVersion(path: "CHANGELOG.md", version: "1.0.0", line: 7, firstLine: 3),
            .notText(path: "a.bin", line: 2),
        ].map { $0.localizedDescription }
        #expect(messages[1] == "CHANGELOG.md: no release 1.9.5; nearest: 2.0.0 (line 6).")
        #expect(messages[2] == "CHANGELOG.md:7: version 1.0.0 appears twice (first on line 3).")
        #expect(messages[0].hasPrefix("CHANGELOG.md: no release headings found; looked for headings such as `## [1.2.3] - 2024-01-01`"))
        #expect(messages.allSatisfy { !$0.contains("\n") && $0.hasSuffix(".") })
    }

    @Test func theModelRoundTripsThroughJSON() throws {
        let changelog = try ChangelogReader().read(bytes: Array(Self.changelog.utf8), path: "CHANGELOG.md")
        #expect(changelog == (try outline().changelog()))
        let decoded = try JSONDecoder().decode(Changelog.self, from: JSONEncoder().encode(changelog))
        #expect(decoded == changelog)
        #expect(decoded.releases[1].version?.written == "2.0.0")
        #expect(decoded.releases[1].linkDefinitions.map(\.label) == ["guide"])
    }
}
