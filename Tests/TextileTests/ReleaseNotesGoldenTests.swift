import Foundation
import Testing
import Textile

/// Realistic release notes in Textile, rendered and compared whole with the HTML RedCloth 4.3
/// produced for the same files (what a HockeyApp server shows for `notes_type=0`).
@Suite struct ReleaseNotesGoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/release-notes")

    @Test(arguments: [
        "01-bulleted-fixes", "02-multiple-versions", "03-code-and-quotes", "04-table-and-links",
        "05-html-and-extended",
    ])
    func rendersAsRedCloth(name: String) throws {
        let source = try Data(contentsOf: Self.fixtures.appendingPathComponent(name + ".textile"))
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent(name + ".html"), encoding: .utf8)
        let html = TextileDocument(bytes: [UInt8](source)).html()
        #expect(html == expected)
    }

    @Test func stringAndByteInputsRenderAlike() throws {
        let source = try String(
            contentsOf: Self.fixtures.appendingPathComponent("05-html-and-extended.textile"), encoding: .utf8)
        #expect(TextileDocument(source).html() == TextileDocument(bytes: Array(source.utf8)).html())
        #expect(TextileDocument.html(source) == TextileDocument(source).html())
    }
}
