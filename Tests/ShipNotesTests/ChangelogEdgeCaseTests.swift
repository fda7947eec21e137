import CommonMark
import Testing

@testable import ShipNotes

/// Files as editors and tools leave them: CRLF, a byte order mark, tabs, trailing spaces, empty
/// releases, definitions in odd places.
@Suite struct ChangelogEdgeCaseTests {
    @Test func crlfLineEndingsAndAByteOrderMark() throws {
        let text = "\u{FEFF}# Changelog\r\n\r\n## [1.1.0] - 2024-02-01\r\n\r\n- Fixed [#1][].  \r\n- Second line\r\n\r\n[#1]: https://example.com/1\r\n"
        let outline = try Outlining.outline(text)
        #expect(outline.headings.map(Outlining.summary) == ["1.1.0 2024-02-01 @3"])
        let release = outline.release(at: 0)
        #expect(release.title == "[1.1.0] - 2024-02-01")
        // Line endings become \n; trailing spaces (a hard break in Markdown) stay.
        #expect(release.body == "- Fixed [#1][].  \n- Second line")
        #expect(release.notes == "- Fixed [#1][].  \n- Second line\n\n[#1]: https://example.com/1\n")
    }

    @Test func tabsAndTrailingSpacesInHeadings() throws {
        #expect(try Outlining.summaries("##\t1.2.0\t(2024-01-01)   \n\n   ## 1.1.0 ##  \n") == ["1.2.0 2024-01-01 @1", "1.1.0 - @3"])
        #expect(try Outlining.outline("   ## 1.1.0 ##  \n").headings[0].title == "1.1.0")
    }

    @Test func anEmptyReleaseAndOneWithOnlyLinkReferences() throws {
        let text = """
            ## 1.2.0

            ## 1.1.0

            [1.1.0]: https://example.com/1.1.0

            ## 1.0.0
            - See [docs].

            [docs]: https://example.com/docs
            """
        let outline = try Outlining.outline(text)
        #expect(outline.release(at: 0).body == "")
        #expect(outline.release(at: 0).notes == "")
        #expect(outline.release(at: 0).lines == LineRange(first: 1, last: 1))
        #expect(outline.release(at: 1).body == "")
        #expect(outline.release(at: 1).linkDefinitions.isEmpty)
        #expect(outline.release(at: 2).notes == "- See [docs].\n\n[docs]: https://example.com/docs\n")
    }

    @Test func definitionsWithTitlesAndDestinationsOnTheirOwnLine() throws {
        let text = """
            ## 1.0.0
            - See [Docs] and [the API][api] and [Guide][].

            [docs]: <https://example.com/a b> "The docs"
            [api]:
              https://example.com/api
            [guide]: https://example.com/guide 'Guide'
            [unused]: https://example.com/unused
            """
        let release = try Outlining.outline(text).release(at: 0)
        #expect(release.body == "- See [Docs] and [the API][api] and [Guide][].")
        #expect(release.linkDefinitions.map(\.label) == ["docs", "api", "guide"])
        #expect(release.linkDefinitions[0].destination == "https://example.com/a b")
        #expect(release.linkDefinitions[0].title == "The docs")
        #expect(release.linkDefinitions[1].text == "[api]:\n  https://example.com/api")
        #expect(MarkdownDocument(release.notes).html()
            == MarkdownDocument("- See [Docs] and [the API][api] and [Guide][].\n\n" + text.split(separator: "\n").dropFirst(2).joined(separator: "\n")).html())
    }

    @Test func referencesInsideCodeFencesDoNotCount() throws {
        let text = "## 1.0.0\n\n```\n[docs]\n```\n\n[docs]: https://example.com/docs\n"
        #expect(try Outlining.outline(text).release(at: 0).linkDefinitions.isEmpty)
    }

    @Test func trailingCommentsAroundDefinitionsAreDropped() throws {
        let text = "## 0.0.1\n\n* Initial release\n\n<!-- begin links -->\n[x]: https://example.com\n<!-- end links -->\n"
        let release = try Outlining.outline(text).release(at: 0)
        #expect(release.body == "* Initial release")
        #expect(release.lines == LineRange(first: 1, last: 3))
    }

    @Test func unclosedFenceHidesTheRest() throws {
        #expect(try Outlining.summaries("## 1.1.0\n\n```\n## 1.0.0\n") == ["1.1.0 - @1"])
    }

    @Test func multiLineSetextTitle() throws {
        let outline = try Outlining.outline("1.2.0\n(2024-01-01)\n===\n\nBody.\n")
        #expect(outline.headings.map(Outlining.summary) == ["1.2.0 2024-01-01 @1"])
        #expect(outline.headings[0].title == "1.2.0 (2024-01-01)")
        #expect(outline.release(at: 0).body == "Body.")
        #expect(try Outlining.outline("1.2.0\r\n(2024-01-01)\r\n===\r\n").headings[0].title == "1.2.0 (2024-01-01)")
    }
}
