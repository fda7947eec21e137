import Testing

@testable import ShipNotes

/// Release headings in every shape changelogs write them, each in a small changelog of its own.
@Suite struct ChangelogDialectTests {
    struct Dialect: CustomStringConvertible, Sendable {
        var name: String
        var text: String
        var releases: [String]
        var options = ChangelogReader.Options()
        var description: String { name }
    }

    static let dialects: [Dialect] = [
        Dialect(
            name: "Keep a Changelog 1.1",
            text: """
                # Changelog
                All notable changes to this project will be documented in this file.

                ## [Unreleased]
                ### Added
                - Dark mode.

                ## [1.1.0] - 2019-02-15
                ### Added
                - Danish translation. **Breaking:** the `lang` flag is gone.

                ## [1.0.0] - 2017-06-20 [YANKED]
                ### Fixed
                - Crash on start.

                [Unreleased]: https://example.com/compare/v1.1.0...HEAD
                [1.1.0]: https://example.com/compare/v1.0.0...v1.1.0
                [1.0.0]: https://example.com/releases/tag/v1.0.0

                """,
            releases: ["- - unreleased @4", "1.1.0 2019-02-15 @8", "1.0.0 2017-06-20 yanked @12"]),
        Dialect(
            name: "Keep a Changelog 2.0 (en dash, lower-case unreleased, yanked as a word)",
            text: """
                # Changelog

                ## [unreleased]

                ## [2.0.0] – 2024-01-01
                ### Breaking
                - Dropped iOS 15.

                ## [1.9.1] – 2023-12-24 YANKED

                """,
            releases: ["- - unreleased @3", "2.0.0 2024-01-01 @5", "1.9.1 2023-12-24 yanked @9"]),
        Dialect(
            name: "linked versions with the date in parentheses",
            text: """
                # [2.0.0](https://example.com/compare/v1.2.0...v2.0.0) (2024-02-01)

                * **sync:** retries ([#12](https://example.com/12))

                # [1.2.0](https://example.com/compare/v1.1.0...v1.2.0) (2024-01-05)

                """,
            releases: ["2.0.0 2024-02-01 @1", "1.2.0 2024-01-05 @5"]),
        Dialect(
            name: "conventional-changelog: majors and minors under #, patches under ##",
            text: """
                <a name="2.0.0"></a>
                # [2.0.0](https://example.com/compare/v1.1.0...v2.0.0) (2024-03-01)

                ### Features

                * **sync:** retries ([abc1234](https://example.com/c/abc1234))

                ## [1.1.1](https://example.com/compare/v1.1.0...v1.1.1) (2024-02-10)

                ### Bug Fixes

                * crash

                # [1.1.0](https://example.com/compare/v1.0.0...v1.1.0) (2024-02-01)

                ### Changes in 1.1

                """,
            releases: ["2.0.0 2024-03-01 @2", "1.1.1 2024-02-10 @8", "1.1.0 2024-02-01 @14"]),
        Dialect(
            name: "standard-version: patches one level deeper, a yanked one too",
            text: """
                ## [1.1.0](https://example.com/compare/v1.0.1...v1.1.0) (2024-02-01)

                ### 1.1 migration notes

                ### [1.0.1](https://example.com/compare/v1.0.0...v1.0.1) (2024-01-10)

                ### Bug Fixes

                ### v1.0.0 - 2024-01-01 [YANKED]

                """,
            releases: ["1.1.0 2024-02-01 @1", "1.0.1 2024-01-10 @5", "1.0.0 2024-01-01 yanked @9"]),
        Dialect(
            name: "v-prefixed versions",
            text: "## v1.2.3\n\n- Fix.\n\n## v1.2.2 (2024-01-01)\n\n## V1.2.1 - 2023-12-01\n",
            releases: ["1.2.3 - @1", "1.2.2 2024-01-01 @5", "1.2.1 2023-12-01 @7"]),
        Dialect(
            name: "Version 1.2.3 and prose dates",
            text: "## Version 1.2.3\n\n## Version 1.2.2 - June 14, 2022\n\n## Version 1.2.1 (14 Jun 2022)\n\n## Release 1.2.0, Sept 3rd 2021\n",
            releases: ["1.2.3 - @1", "1.2.2 2022-06-14 @3", "1.2.1 2022-06-14 @5", "1.2.0 2021-09-03 @7"]),
        Dialect(
            name: "setext version / date (express)",
            text: """
                Unreleased Changes
                ==================

                5.2.1 / 2025-12-01
                ==================

                  * Fix the thing

                5.0.0-alpha.8 / 2020-03-25
                ==========================

                """,
            releases: ["- - unreleased @1", "5.2.1 2025-12-01 @4", "5.0.0-alpha.8 2020-03-25 pre-release @9"]),
        Dialect(
            name: "Release notes (date) under === with a template on top (realm)",
            text: """
                x.y.z Release notes (yyyy-MM-dd)
                =============================================================
                ### Enhancements
                * None.

                10.54.6 Release notes (2025-10-15)
                =============================================================

                Add Xcode 26.0.1 binaries.

                0.11.0 Release notes (not released)
                =============================================================

                """,
            releases: ["- - unreleased @1", "10.54.6 2025-10-15 @6", "0.11.0 - unreleased @11"]),
        Dialect(
            name: "product-prefixed versions",
            text: "## Cargo 1.50 (2021-02-11)\n\n## Rust 1.98\n\nCurrent stable, released 2026-08-20\n\n## Swift 5.10\n",
            releases: ["1.50 2021-02-11 @1", "1.98 2026-08-20 @3", "5.10 - @7"]),
        Dialect(
            name: "two-part and pre-release versions",
            text: "## 2.0\n\n## 1.0.0-rc.2\n\n## 1.0.0.beta.1 (2020-01-01)\n\n## 0.34.0.rc1\n\n## 4.0.0rc4\n\n## 0.9.0-beta\n",
            releases: [
                "2.0 - @1", "1.0.0-rc.2 - pre-release @3", "1.0.0-beta.1 2020-01-01 pre-release @5",
                "0.34.0-rc1 - pre-release @7", "4.0.0-rc4 - pre-release @9", "0.9.0-beta - pre-release @11",
            ]),
        Dialect(
            name: "dates alone on the first body line",
            text: """
                Change Log
                ==========

                ## Version 5.4.0

                _2026-06-08_

                 *  New: interceptors.

                ## 1.2.0

                Released on 2024-01-01

                ## 1.1.0

                *2023-05-04*

                ## 1.0.0

                This fixes the 2020-01-01 rollover.

                """,
            releases: ["5.4.0 2026-06-08 @4", "1.2.0 2024-01-01 @10", "1.1.0 2023-05-04 @14", "1.0.0 - @18"]),
        Dialect(
            name: "unreleased spellings",
            text: """
                ## Master

                ## Unreleased / Beta / In Rust Nightly

                ## Unreleased Changes

                ## Unreleased

                ## 1.0.0

                """,
            releases: ["- - unreleased @1", "- - unreleased @3", "- - unreleased @5", "- - unreleased @7", "1.0.0 - @9"]),
        Dialect(
            name: "a table of contents of anchors and <a name> anchors before headings",
            text: """
                # Changelog

                - [1.2.0](#120)
                - [1.1.0](#110)

                <a name="1.2.0"></a>
                ## 1.2.0 (2024-03-01)

                - One.

                <a name="1.1.0"></a>
                ## [1.1.0](https://example.com/1.1.0) (2024-02-01)

                """,
            releases: ["1.2.0 2024-03-01 @7", "1.1.0 2024-02-01 @12"]),
        Dialect(
            name: "a version prefix for tags like app-v1.2.3",
            text: "## app-v1.2.3 (2024-01-01)\n\n## app-v1.2.2\n\n## Notes\n",
            releases: ["1.2.3 2024-01-01 @1", "1.2.2 - @3"],
            options: .init(versionPrefix: "app-v")),
        Dialect(
            name: "a version pattern for build numbers",
            text: "## Build 42 — 2024-01-01\n\n## Build 41\n",
            releases: ["42 2024-01-01 @1", "41 - @3"],
            options: .init(versionPattern: #"^Build (\d+)"#)),
    ]

    @Test(arguments: dialects)
    func releaseHeadings(dialect: Dialect) throws {
        #expect(try Outlining.summaries(dialect.text, options: dialect.options) == dialect.releases)
    }

    @Test func keepAChangelogBodiesCarryTheirText() throws {
        let outline = try Outlining.outline(Self.dialects[0].text)
        let release = outline.release(at: 1)
        #expect(release.title == "[1.1.0] - 2019-02-15")
        #expect(release.body == "### Added\n- Danish translation. **Breaking:** the `lang` flag is gone.")
        #expect(release.sections == [
            ReleaseSection(level: 3, title: "Added", markdown: "- Danish translation. **Breaking:** the `lang` flag is gone.",
                           lines: LineRange(first: 9, last: 10)),
        ])
        #expect(release.lines == LineRange(first: 8, last: 10))
        // The definitions at the bottom stay out of the last release's body.
        let last = outline.release(at: 2)
        #expect(last.body == "### Fixed\n- Crash on start.")
        #expect(last.lines == LineRange(first: 12, last: 14))
    }

    @Test func aNestedPatchReleaseEndsTheReleaseAboveIt() throws {
        let outline = try Outlining.outline(Self.dialects.first { $0.name.hasPrefix("conventional-changelog") }!.text)
        #expect(outline.release(at: 0).body == "### Features\n\n* **sync:** retries ([abc1234](https://example.com/c/abc1234))")
        #expect(outline.release(at: 1).level == 2)
        #expect(outline.release(at: 1).sections.map(\.title) == ["Bug Fixes"])
        #expect(outline.release(at: 2).sections.map(\.title) == ["Changes in 1.1"])
    }

    @Test func aSameLevelHeadingThatIsNotAVersionStaysInTheRelease() throws {
        let text = """
            ## 1.1.0

            - Faster.

            ## New Contributors

            - @someone

            ## 1.0.0

            - First.

            # Older releases

            See the archive.
            """
        let outline = try Outlining.outline(text)
        #expect(outline.headings.map(Outlining.summary) == ["1.1.0 - @1", "1.0.0 - @9"])
        #expect(outline.release(at: 0).body == "- Faster.\n\n## New Contributors\n\n- @someone")
        #expect(outline.release(at: 0).sections.map(\.title) == ["New Contributors"])
        // A higher-level heading that is not a release ends the list.
        #expect(outline.release(at: 1).body == "- First.")
    }

    @Test func headingsInCodeCommentsAndListsAreNotReleases() throws {
        let text = """
            ## 1.1.0

            ```markdown
            ## 9.9.9
            ```

            <!--
            ## 8.8.8
            -->

                ## 7.7.7

            - item
              ## 6.6.6

            > ## 5.5.5

            ## 1.0.0
            """
        #expect(try Outlining.summaries(text) == ["1.1.0 - @1", "1.0.0 - @18"])
    }

    @Test func rulesNextToText() throws {
        let text = """
            ## 1.1.0

            Some text
            ---

            - an item
            ---

            ---

            ## 1.0.0
            """
        let outline = try Outlining.outline(text)
        #expect(outline.headings.map(Outlining.summary) == ["1.1.0 - @1", "1.0.0 - @11"])
        // `Some text` over `---` is a setext heading (a section); the other rules are rules.
        #expect(outline.release(at: 0).sections.map(\.title) == ["Some text"])
    }

    @Test func unreleasedTemplatePlaceholderAndVNext() throws {
        #expect(try Outlining.summaries("## vNext\n\n## X.Y.Z\n\n## 1.0\n") == ["- - unreleased @1", "- - unreleased @3", "1.0 - @5"])
    }

    @Test(arguments: [
        "## Upgrading to 2.0", "## Migrating from 1.2.3", "## 2024-01-01", "## #123 fixed", "## Changelog",
        "## 1.2.3abc", "## Support for 3.x",
    ])
    func titlesThatAreNotReleases(title: String) throws {
        #expect(try Outlining.summaries("## 9.0.0\n\n\(title)\n\n## 8.0.0\n") == ["9.0.0 - @1", "8.0.0 - @5"])
    }
}
