import CommonMark
import Foundation
import Testing

@testable import ShipNotes

/// The reader on the real changelogs of `$CONFORMANCE_DIR/changelogs/`: the release lists, a few
/// picked bodies, and for every release, notes that render on their own exactly as they do in
/// the whole file.
@Suite(.enabled(if: RealChangelogs.isConfigured)) struct RealChangelogTests {
    struct Expectation: CustomStringConvertible, Sendable {
        var name: String
        var count: Int
        var first: [String]
        var last: [String]
        var description: String { name }
    }

    static let expectations = [
        Expectation(
            name: "clippy-CHANGELOG.md", count: 235,
            first: ["- - unreleased @7", "1.98 2026-08-20 @11", "1.97 2026-07-09 @129"],
            last: ["0.0.48 2016-03-07 @6838", "0.0.47 2016-03-07 @6842"]),
        Expectation(
            name: "cocoapods-CHANGELOG.md", count: 197,
            first: ["- - unreleased @7", "1.16.2 2024-10-31 @34", "1.16.1 2024-10-29 @47"],
            last: ["0.4.0 - @7985", "0.3.0 2011-11-12 @7990"]),
        Expectation(
            name: "express-History.md", count: 299,
            first: ["- - unreleased @1", "5.2.1 2025-12-01 @51", "5.2.0 2025-12-01 @57"],
            last: ["0.0.2 2010-01-10 @3901", "0.0.1 2010-01-03 @3918"]),
        Expectation(
            name: "okhttp-CHANGELOG.md", count: 27,
            first: ["5.4.0 2026-06-08 @4", "5.3.2 2025-11-18 @19", "5.3.1 2025-11-16 @29"],
            last: ["5.0.0-alpha.2 2021-01-30 pre-release @700", "5.0.0-alpha.1 2021-01-30 pre-release @737"]),
        Expectation(
            name: "realm-swift-CHANGELOG.md", count: 334,
            first: ["- - unreleased @1", "10.54.6 2025-10-15 @22", "10.54.5 2025-06-15 @27"],
            last: ["0.3.0 2014-03-14 @10715", "0.2.0 2014-03-07 @10737"]),
    ]

    private func outline(_ name: String) throws -> ChangelogOutline {
        try ChangelogReader().outline(bytes: try RealChangelogs.bytes(name), path: name)
    }

    @Test(arguments: expectations)
    func releaseLists(expected: Expectation) throws {
        let summaries = try outline(expected.name).headings.map(Outlining.summary)
        #expect(summaries.count == expected.count)
        #expect(Array(summaries.prefix(expected.first.count)) == expected.first)
        #expect(Array(summaries.suffix(expected.last.count)) == expected.last)
    }

    @Test func pickedBodies() throws {
        #expect(try outline("realm-swift-CHANGELOG.md").releases(.version("10.54.6"))[0].notes
            == "Add Xcode 26.0.1 binaries and drop support for Xcode < 16.3.\n")
        let okhttp = try outline("okhttp-CHANGELOG.md").releases(.version("5.3.2"))[0]
        #expect(okhttp.notes == """
            _2025-11-18_

             *  Fix: Don't delay triggering timeouts. In Okio 3.16.0 we introduced a regression that caused
                timeouts to fire later than they were supposed to.

             *  Upgrade: [Okio 3.16.4][okio_3_16_4].

            [okio_3_16_4]: https://lysine.dev/okio/changelog/#version-3164

            """)
        let cocoapods = try outline("cocoapods-CHANGELOG.md").releases(.version("1.16.2"))[0]
        #expect(cocoapods.sections.map(\.title) == ["Enhancements", "Bug Fixes"])
        #expect(cocoapods.sections.map(\.level) == [5, 5])
        #expect(cocoapods.sections[1].markdown.hasPrefix("* Bump min xcodeproj to 1.27.0"))
        let express = try outline("express-History.md").releases(.unreleased)[0]
        #expect(express.sections.map(\.title) == ["🐞 Bug fixes", "🚀 Improvements", "⚡ Performance"])
        let clippy = try outline("clippy-CHANGELOG.md")
        let rust = try clippy.releases(.version("Rust 1.98".split(separator: " ").last.map(String.init)!))[0]
        #expect(rust.title == "Rust 1.98")
        #expect(rust.linkDefinitions.contains { $0.label == "`unnecessary_unwrap_unchecked`" })
        #expect(try clippy.releases(.latest)[0].version?.normalized == "1.98")
        // The last release ends before the thousand definitions and comments at the bottom.
        let oldest = clippy.release(at: clippy.headings.count - 1)
        #expect(oldest.body == "* Update to *rustc 1.9.0-nightly (998a6720b 2016-03-07)*\n* New lint: [`redundant_closure_call`]")
        #expect(oldest.lines == LineRange(first: 6842, last: 6845))
    }

    @Test func realmRepeatsTwoBetaVersions() throws {
        let realm = try outline("realm-swift-CHANGELOG.md")
        let summaries = realm.headings.map(Outlining.summary)
        #expect(summaries.contains("0.22.0 - @10504"))
        #expect(summaries.contains("0.11.0 - unreleased @10545"))  // "Release notes (not released)"
        #expect(summaries.contains("2.1.2 2016-12-19 @8652"))  // written (2016--12-19)
        #expect(throws: ChangelogError.duplicateVersion(
            path: "realm-swift-CHANGELOG.md", version: "10.0.0-beta.2", line: 5965, firstLine: 5313)
        ) {
            try realm.releases(.version("10.0.0-beta.2"))
        }
    }

    /// Each release's notes, rendered alone, are the HTML its body has inside the whole file (the
    /// body with every definition of the file after it), and each definition they carry is one the
    /// body needs: without it the HTML changes.
    @Test(arguments: RealChangelogs.names)
    func notesRenderAloneAsInTheFile(name: String) throws {
        let outline = try outline(name)
        let bytes = try RealChangelogs.bytes(name)
        let allDefinitions = outline.definitions.map { definition in
            String(decoding: bytes[definition.start..<definition.end], as: UTF8.self)
        }.joined()
        var failures: [String] = []
        for release in outline.changelog().releases {
            let html = MarkdownDocument(release.notes).html()
            if html != MarkdownDocument(release.body + "\n\n" + allDefinitions).html() {
                failures.append("\(release.displayName) (line \(release.lines.first)) renders differently alone")
            }
            for definition in release.linkDefinitions {
                let without = release.linkDefinitions.filter { $0 != definition }.map(\.text).joined(separator: "\n")
                if MarkdownDocument(release.body + "\n\n" + without + "\n").html() == html {
                    failures.append("\(release.displayName) carries [\(definition.label)] without using it")
                }
            }
            if release.body.contains("<!-- end autogenerated") { failures.append("\(release.displayName) keeps the link comments") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
    }
}
