import CommonMark
import ConformanceSupport
import Foundation
import Testing
import Textile

/// Real changelogs, release by release: each release's Markdown written as Textile must render,
/// in our Textile renderer and in real RedCloth 4.3 (what the distribution server runs), as cmark
/// renders the Markdown, compared after ``HTMLEquivalence``.
///
/// The real changelogs come from `$CONFORMANCE_DIR/changelogs`; the changelogs under
/// `Fixtures/writer/changelogs` were written for this test and run without it. RedCloth needs
/// `ruby-redcloth`: without it the RedCloth half is skipped, unless `CONFORMANCE_DIR` is set (CI),
/// where its absence is a failure.
@Suite(.serialized) struct WriterFidelityTests {
    enum Renderer: String, Sendable {
        case ours
        case redCloth = "RedCloth"
    }

    /// Releases (`file: heading`) known to render differently, per renderer, each with the reason.
    /// The test fails when one of them starts passing, so the list stays honest.
    static let knownDifferences: [(release: String, renderer: Renderer, reason: String)] = [
    ]

    @Test(.enabled(if: WriterFidelityCorpus.changelogDirectory != nil, "CONFORMANCE_DIR is not set: the real changelogs are not available"))
    func everyReleaseOfTheRealChangelogsRendersAsCmarkDoes() throws {
        let files = try WriterFidelityCorpus.markdownFiles(in: WriterFidelityCorpus.changelogDirectory!)
        #expect(files.count >= 5, "expected the real changelogs under \(WriterFidelityCorpus.changelogDirectory!.path)")
        try check(files)
    }

    @Test func everyReleaseOfTheFixtureChangelogsRendersAsCmarkDoes() throws {
        let files = try WriterFidelityCorpus.markdownFiles(in: WriterFidelityCorpus.fixtureDirectory)
        #expect(files.count >= 2, "expected changelogs under \(WriterFidelityCorpus.fixtureDirectory.path)")
        try check(files)
    }

    @Test func splitsAtReleaseHeadingsAndKeepsTheDefinitionsUsed() {
        let text = """
            # Changelog

            ## 2.0

            * [`a`] and [b][]

            ```
            ## not a heading
            ```

            ## 1.1

            Text

            ## 1.0.1

            1.0
            ===

            * old

            [`a`]: https://x.org/a
            [b]: https://x.org/b
            """
        let releases = WriterFidelityCorpus.releases(of: text, file: "t.md")
        #expect(releases.map(\.title) == ["# Changelog", "## 2.0", "## 1.1", "## 1.0.1", "1.0"])
        guard releases.count == 5 else { return }
        #expect(releases[1].markdown.hasSuffix("[`a`]: https://x.org/a\n[b]: https://x.org/b\n"))
        #expect(!releases[2].markdown.contains("https://x.org"))
        #expect(releases[1].markdown.contains("## not a heading"))
    }

    @Test func knownDifferencesAreListedOnceEachWithAReason() {
        let keys = Self.knownDifferences.map { "\($0.release) [\($0.renderer)]" }
        #expect(Set(keys).count == keys.count)
        #expect(Self.knownDifferences.allSatisfy { !$0.reason.isEmpty })
    }

    /// Round-trips every release of `files` and prints, per file, how many differ in each renderer.
    private func check(_ files: [URL]) throws {
        var redCloth: RedClothProcess?
        if RedClothProcess.isInstalled {
            redCloth = try RedClothProcess()
        } else if CommonMarkSpec.conformanceDirectory != nil {
            Issue.record("CONFORMANCE_DIR is set but ruby-redcloth is not installed (apt-get install ruby-redcloth)")
        }
        let known = Dictionary(Self.knownDifferences.map { ("\($0.release) [\($0.renderer)]", $0.reason) }) { first, _ in first }
        var unexpectedFailures: [String] = []
        var unexpectedPasses: [String] = []
        var hung: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let releases = WriterFidelityCorpus.releases(of: text, file: file.lastPathComponent)
            var differ: [Renderer: Int] = [.ours: 0, .redCloth: 0]
            for release in releases {
                let document = MarkdownDocument(release.markdown)
                let textile = TextileWriter.textile(for: document)
                let expected = HTMLEquivalence.normalize(document.html(options: .unsafe), keepingListParagraphs: true)
                var renderings: [(Renderer, String)] = [(.ours, TextileDocument(textile).html())]
                if let process = redCloth {
                    switch try process.render([textile]).first {
                    case .html(let html)?: renderings.append((.redCloth, html))
                    case let other: hung.append("\(release.description): \(other.map { "\($0)" } ?? "no answer")")
                    }
                }
                for (renderer, html) in renderings {
                    let rendered = HTMLEquivalence.normalize(html, keepingListParagraphs: true)
                    let key = "\(release) [\(renderer)]"
                    if rendered == expected {
                        if known[key] != nil { unexpectedPasses.append(key) }
                        continue
                    }
                    differ[renderer, default: 0] += 1
                    if known[key] == nil {
                        if let dump = ProcessInfo.processInfo.environment["WRITER_FIDELITY_DUMP"] {
                            let name = "\(dump)/\(unexpectedFailures.count)-\(renderer)"
                            try? release.markdown.write(toFile: name + ".md", atomically: false, encoding: .utf8)
                            try? textile.write(toFile: name + ".textile", atomically: false, encoding: .utf8)
                            try? expected.write(toFile: name + ".expected", atomically: false, encoding: .utf8)
                            try? rendered.write(toFile: name + ".got", atomically: false, encoding: .utf8)
                        }
                        unexpectedFailures.append(Self.report(key, release.markdown, textile, expected, rendered))
                    }
                }
            }
            let theirs = redCloth == nil ? "not run" : "\(differ[.redCloth]!)"
            print("writer fidelity \(file.lastPathComponent): \(releases.count) releases, \(differ[.ours]!) differ (ours), \(theirs) differ (RedCloth)")
        }
        if !hung.isEmpty { print("writer fidelity: RedCloth hung on \(hung.count) releases: \(hung)") }
        #expect(hung.isEmpty, "RedCloth gave no HTML (hung, failed or crashed) for: \(hung)")
        #expect(unexpectedFailures.isEmpty, "\(unexpectedFailures.count) releases differ:\n\(unexpectedFailures.prefix(8).joined(separator: "\n\n"))")
        #expect(unexpectedPasses.isEmpty, "listed as known differences but now pass: \(unexpectedPasses)")
    }

    /// A failure report: the release, and the normalised HTML around the first difference.
    private static func report(_ key: String, _ markdown: String, _ textile: String, _ expected: String, _ rendered: String) -> String {
        let a = Array(expected.utf8)
        let b = Array(rendered.utf8)
        var first = 0
        while first < a.count, first < b.count, a[first] == b[first] { first += 1 }
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, first - 160)..<min(bytes.count, first + 160)], as: UTF8.self)
        }
        let textileBytes = Array(textile.utf8)
        return """
            \(key) (\(markdown.utf8.count) bytes of Markdown, \(textileBytes.count) of Textile)
            --- cmark: …\(around(a))…
            --- rendered: …\(around(b))…
            """
    }
}
