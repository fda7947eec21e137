import CommonMark
import Foundation
import Testing
import Textile

/// Typical release notes (`Fixtures/writer/*.md`) and the Textile the writer makes of them
/// (`*.textile`), compared whole so that a change in readability shows up in review.
@Suite struct TextileWriterGoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/writer")

    static let notes: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    }()

    @Test func fixturesArePresent() {
        #expect(Self.notes.count >= 5, "expected golden notes under \(Self.fixtures.path)")
    }

    @Test(arguments: notes)
    func writesTheGoldenTextile(_ name: String) throws {
        let markdown = try String(contentsOf: Self.fixtures.appendingPathComponent("\(name).md"), encoding: .utf8)
        let golden = try String(contentsOf: Self.fixtures.appendingPathComponent("\(name).textile"), encoding: .utf8)
        let textile = TextileWriter.textile(for: MarkdownDocument(markdown))
        #expect(textile == golden, "\(name).textile differs; the writer now writes:\n\(textile)")
    }

    @Test(arguments: notes)
    func goldenTextileMeansWhatTheMarkdownMeans(_ name: String) throws {
        let markdown = try String(contentsOf: Self.fixtures.appendingPathComponent("\(name).md"), encoding: .utf8)
        let golden = try String(contentsOf: Self.fixtures.appendingPathComponent("\(name).textile"), encoding: .utf8)
        let expected = HTMLEquivalence.normalize(MarkdownDocument(markdown).html(options: .unsafe))
        #expect(HTMLEquivalence.normalize(TextileDocument(golden).html()) == expected)
    }
}
