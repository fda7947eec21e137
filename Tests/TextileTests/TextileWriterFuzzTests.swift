import CommonMark
import ConformanceSupport
import Testing
import Textile

/// Markdown made of the characters and constructs that trigger Textile, thrown together at random
/// (with a fixed seed, so every run sees the same documents): the written Textile must keep its
/// meaning for nearly all of them. The spec examples test the constructs one by one; this tests
/// how the escaping holds up when they crowd each other.
@Suite struct TextileWriterFuzzTests {
    static let tokens = [
        "word", "foo", "bar_baz", "x", "2", "1920", "NASA", "*", "**", "_", "__", "`", "-", "--", "---", "+", "^",
        "~", "%", "@", "@user", "!", "?", "??", "=", "==", "\"", "'", "(", ")", "(c)", "(tm)", "[", "]", "[1]", "{",
        "}", "|", ":", ".", ",", "<", ">", "&", "&amp;", "#", "#12", "[a](http://x.org/a_b)", "[t](u \"title\")",
        "![i](p.png)", "<b>", "</b>", "<http://x.y>", "\\*", "\\_", "a*b*c", "a_b_c", "*em*", "**st**", "_em_",
        "`co de`", "`a@b`", "x2", "2x3",
    ]

    typealias Generator = SplitMix64

    static func document(_ generator: inout Generator) -> String {
        var blocks: [String] = []
        for _ in 0...generator.next(3) {
            var line = ""
            for _ in 0...(1 + generator.next(10)) {
                line += tokens[generator.next(tokens.count)]
                line += [" ", " ", " ", "", "\n"][generator.next(5)]
            }
            let prefix = ["", "", "", "", "- ", "> ", "# ", "1. "][generator.next(8)]
            blocks.append(prefix + (prefix.isEmpty ? line : line.replacingOccurrences(of: "\n", with: " ")))
        }
        return blocks.joined(separator: "\n\n")
    }

    @Test func crowdedTriggersKeepTheirMeaning() {
        var generator = Generator(state: 2026)
        let count = 1_000
        var equivalent = 0
        var failures: [String] = []
        for _ in 0..<count {
            let markdown = Self.document(&generator)
            let document = MarkdownDocument(markdown)
            let textile = TextileWriter.textile(for: document)
            let expected = HTMLEquivalence.normalize(document.html(options: .unsafe))
            if HTMLEquivalence.normalize(TextileDocument(textile).html()) == expected {
                equivalent += 1
            } else {
                failures.append("--- Markdown:\n\(markdown)\n--- Textile:\n\(textile)")
            }
        }
        print("Markdown→Textile fuzz: \(equivalent) of \(count) random documents equivalent")
        #expect(equivalent * 100 >= count * 99, "\(failures.count) differ, e.g.\n\(failures.prefix(3).joined(separator: "\n"))")
    }
}
