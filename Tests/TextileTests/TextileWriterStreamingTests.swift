import CommonMark
import ConformanceSupport
import Foundation
import Synchronization
import Testing
@testable import Textile

/// `TextileWriter.textileBytes(fromMarkdown:)` writes a document one top-level block at a time,
/// on one thread or, for large inputs, with a second thread writing while the first copies. Both
/// ways must write exactly the bytes the writer makes of the whole parsed document.
@Suite struct TextileWriterStreamingTests {
    /// The Textile of the whole document, the reference.
    static func wholeDocument(_ markdown: [UInt8], smart: Bool = false) -> [UInt8] {
        TextileWriter.textileBytes(for: MarkdownDocument(bytes: markdown, options: smart ? .smart : []))
    }

    static func streamed(_ markdown: [UInt8], smart: Bool = false, pipelined: Bool) -> [UInt8] {
        TextileWriter.textileBytes(
            fromMarkdown: markdown, options: smart ? .smart : [], inputIsValidUTF8: false, reservingCapacity: 0,
            pipelined: pipelined)
    }

    @Test(.enabled(if: CommonMarkSpec.conformanceDirectory != nil, "CONFORMANCE_DIR is not set: the CommonMark spec is not available"))
    func everySpecExampleIsWrittenTheSameBlockByBlock() throws {
        var differing: [Int] = []
        for example in try CommonMarkSpec.examples() {
            let markdown = Array(example.markdown.utf8)
            let expected = Self.wholeDocument(markdown)
            if Self.streamed(markdown, pipelined: false) != expected || Self.streamed(markdown, pipelined: true) != expected {
                differing.append(example.number)
            }
        }
        #expect(differing.isEmpty, "written differently block by block: examples \(differing)")
    }

    /// Release notes repeated past the size where the public entry point starts the second thread,
    /// with what makes a block's form depend on its neighbours: a link reference defined only at
    /// the end, block quotes of several paragraphs (written `bq..`, which the next block must end),
    /// thematic breaks (`***` inside, `<hr />` as the last block), a code block at the end.
    @Test func largeNotesAreWrittenTheSameOnTwoThreads() {
        let section = """
            ## Version 2.\(1)

            > First paragraph of a quote.
            >
            > Second paragraph of the quote.

            Fixed: the [crash][report] on *launch* and `a_b` in **bold** (c) 2x3.

            * one
            * two with [a link](http://example.com/a_b "title")
              1. nested

            > A quote of two paragraphs before a list,
            >
            > which cannot end a `bq..` block.

            - item

            ***


            """
        var markdown = String(repeating: section, count: 1_200)
        markdown += "    code at the end\n\n---\n\n[report]: http://example.com/report\n"
        let bytes = Array(markdown.utf8)
        #expect(bytes.count >= TextileWriter.pipelineThreshold)
        let expected = Self.wholeDocument(bytes)
        #expect(expected.count > bytes.count / 2)
        expectSame(Self.streamed(bytes, pipelined: true), expected)
        expectSame(Self.streamed(bytes, pipelined: false), expected)
        expectSame(TextileWriter.textileBytes(fromMarkdown: bytes), expected)
        expectSame(Self.streamed(bytes, smart: true, pipelined: true), Self.wholeDocument(bytes, smart: true))
    }

    @Test func randomDocumentsAreWrittenTheSameOnTwoThreads() {
        var generator = TextileWriterFuzzTests.Generator(state: 7)
        let markdown = (0..<3_000).map { _ in TextileWriterFuzzTests.document(&generator) }.joined(separator: "\n\n")
        let bytes = Array(markdown.utf8)
        expectSame(Self.streamed(bytes, pipelined: true), Self.wholeDocument(bytes))
    }

    /// More concurrent callers than cores, themselves workers of the global dispatch pool, each
    /// waiting for its own writer thread: all finish, each with the whole document's Textile.
    @Test(.timeLimit(.minutes(1)))
    func concurrentCallersAllGetTheWholeTextile() {
        let section = "## Section\n\n* item with *emphasis*\n* and `code`\n\n> quote\n\n"
        let bytes = Array(String(repeating: section, count: 8_000).utf8)
        #expect(bytes.count >= TextileWriter.pipelineThreshold)
        let expected = Self.wholeDocument(bytes)
        let results = Mutex<[Int: [UInt8]]>([:])
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let written = TextileWriter.textileBytes(fromMarkdown: bytes)
            results.withLock { $0[index] = written }
        }
        let written = results.withLock { $0 }
        #expect(written.count == 8)
        #expect(written.values.allSatisfy { $0 == expected })
    }

    @Test func invalidUTF8IsRepairedAsTheDocumentRepairsIt() {
        let bytes: [UInt8] = Array("# Title\n\nbad ".utf8) + [0xFF, 0xC3] + Array(" bytes\n".utf8)
        let expected = Self.wholeDocument(bytes)
        #expect(String(decoding: expected, as: UTF8.self).contains("\u{FFFD}"))
        expectSame(Self.streamed(bytes, pipelined: false), expected)
        expectSame(Self.streamed(bytes, pipelined: true), expected)
    }

    @Test func emptyInputWritesNothing() {
        #expect(Self.streamed([], pipelined: false).isEmpty)
        #expect(Self.streamed([], pipelined: true).isEmpty)
        #expect(Self.streamed(Array("\n\n   \n".utf8), pipelined: true).isEmpty)
    }

    /// Expects equal output, reporting the first difference with a little context rather than
    /// megabytes of bytes.
    private func expectSame(_ written: [UInt8], _ expected: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        guard written != expected else { return }
        let common = min(written.count, expected.count)
        let offset = (0..<common).first { written[$0] != expected[$0] } ?? common
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, offset - 80)..<min(bytes.count, offset + 80)], as: UTF8.self)
        }
        Issue.record(
            "written differently from byte \(offset) (\(written.count) vs \(expected.count) bytes):\n\(around(written))\n--- expected:\n\(around(expected))",
            sourceLocation: sourceLocation)
    }
}
