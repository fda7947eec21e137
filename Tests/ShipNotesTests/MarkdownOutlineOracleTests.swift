import CommonMark
import ConformanceSupport
import Foundation
import Testing

@testable import ShipNotes

/// The outline scanner finds exactly the top-level headings cmark finds (same lines, same levels):
/// on the CommonMark spec's examples, on every real changelog and on generated documents mixing
/// the constructs that decide whether a line is a heading.
@Suite struct MarkdownOutlineOracleTests {
    struct FoundHeading: Equatable, CustomStringConvertible {
        var line: Int
        var level: Int
        var description: String { "h\(level)@\(line)" }
    }

    /// cmark's top-level headings. cmark starts a setext heading's range at the link definitions
    /// its paragraph began with; the outline starts it at the text, so those lines are skipped.
    static func cmarkHeadings(_ text: [UInt8]) -> [FoundHeading] {
        let definitionLines = Set(outline(text).definitions.flatMap { $0.line...$0.lastLine })
        return MarkdownDocument(bytes: text).root.children.compactMap { node in
            guard case let .heading(level) = node.kind else { return nil }
            var line = node.range.startLine
            while definitionLines.contains(line) { line += 1 }
            return FoundHeading(line: line, level: level)
        }
    }

    static func outline(_ text: [UInt8]) -> MarkdownOutline {
        text.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return MarkdownOutline(base: [0], count: 0) }
            let bom = buffer.count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
            return MarkdownOutline(base: base, count: buffer.count, from: bom)
        }
    }

    static func scannedHeadings(_ text: [UInt8]) -> [FoundHeading] {
        outline(text).headings.map { FoundHeading(line: $0.line, level: $0.level) }
    }

    @Test(.enabled(if: RealChangelogs.isConfigured), arguments: RealChangelogs.names)
    func realChangelogs(name: String) throws {
        let bytes = try RealChangelogs.bytes(name)
        #expect(Self.scannedHeadings(bytes) == Self.cmarkHeadings(bytes))
    }

    @Test(.enabled(if: RealChangelogs.isConfigured))
    func commonMarkSpecExamples() throws {
        let examples = try CommonMarkSpec.examples()
        #expect(examples.count == 652)
        var mismatches: [String] = []
        for example in examples {
            let bytes = Array(example.markdown.utf8)
            let ours = Self.scannedHeadings(bytes), theirs = Self.cmarkHeadings(bytes)
            if ours != theirs { mismatches.append("\(example): ours \(ours), cmark \(theirs)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) examples differ:\n\(mismatches.joined(separator: "\n"))")
    }

    /// Lines that decide, between them, whether a heading is at the top level: containers and
    /// their lazy continuations, fences, HTML blocks of every kind, link definitions, setext
    /// underlines next to text and list items, tabs and line endings.
    static let palette = [
        "## 1.2.3", "# Title", "text", "", "", "---", "===", "--", "- item", "  - nested", "1. one", "2) two",
        "> quote", ">", "> ## quoted", "```", "~~~", "````", "    code", "<!-- comment", "-->", "<!-- one -->",
        "<div>", "</div>", "<a name=\"x\"></a>", "<a name=\"x\">", "[ref]: /url", "[ref]: /url \"title\"",
        "\t## tab", "   ### three", "    #### four", "* * *", "- ", "-", "+ x", "  continued", "#not", "#5 bug",
        "###### six", "####### seven", "  ```", "   ~~~~", "<pre>", "</pre>", "<script>", "</script>", "<?php",
        "?>", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<custom-tag>", "</p>", "***", "___", "- ```", "> ```",
        "1.     code", "10. ten", "\\## escaped", "## closed ##", "#", "##\t", "- # in item", "[foo]:",
        "  [bar]: <x y>", "text `code`", "<table><tr>", "   - three-space item", "      six spaces",
        "- a\r", "## crlf\r", "\u{FEFF}## bom",
    ]

    @Test func generatedDocuments() {
        var generator = SplitMix64(state: 20261201)
        var mismatches: [String] = []
        for _ in 0..<20000 {
            let lines = (0..<generator.next(24) + 1).map { _ in Self.palette[generator.next(Self.palette.count)] }
            let text = lines.joined(separator: "\n") + (generator.next(2) == 0 ? "\n" : "")
            let bytes = Array(text.utf8)
            let ours = Self.scannedHeadings(bytes), theirs = Self.cmarkHeadings(bytes)
            if ours != theirs, mismatches.count < 10 {
                mismatches.append("\(lines.debugDescription): ours \(ours), cmark \(theirs)")
            }
        }
        #expect(mismatches.isEmpty, "documents differ:\n\(mismatches.joined(separator: "\n"))")
    }
}
