import CommonMark
import ConformanceSupport
import Testing
import Textile

/// Every example of the CommonMark spec, written as Textile and rendered by our Textile renderer,
/// must mean what cmark's HTML of the Markdown means (compared after ``HTMLEquivalence``).
@Suite struct TextileWriterRoundTripTests {
    /// Spec examples (by number) known not to survive the round trip, each with the reason.
    /// The test fails when one of them starts passing, so the list stays honest.
    static let knownDifferences: [(example: Int, reason: String)] = [
    ]

    @Test(.enabled(if: CommonMarkSpec.conformanceDirectory != nil, "CONFORMANCE_DIR is not set: the CommonMark spec is not available"))
    func everySpecExampleMeansTheSameAsTextile() throws {
        let examples = try CommonMarkSpec.examples()
        #expect(examples.count == 652)
        let known = Set(Self.knownDifferences.map(\.example))
        var equivalent = 0
        var unexpectedFailures: [String] = []
        var unexpectedPasses: [Int] = []
        for example in examples {
            let document = MarkdownDocument(example.markdown)
            let textile = TextileWriter.textile(for: document)
            let expected = HTMLEquivalence.normalize(document.html(options: .unsafe))
            let rendered = HTMLEquivalence.normalize(TextileDocument(textile).html())
            if rendered == expected {
                equivalent += 1
                if known.contains(example.number) { unexpectedPasses.append(example.number) }
            } else if !known.contains(example.number) {
                unexpectedFailures.append(
                    "\(example)\n--- Markdown:\n\(example.markdown)--- Textile:\n\(textile)--- cmark:\n\(expected)\n--- Textile renderer:\n\(rendered)"
                )
            }
        }
        print("Markdown→Textile round trip: \(equivalent) of \(examples.count) spec examples equivalent")
        #expect(unexpectedFailures.isEmpty, "\(unexpectedFailures.count) examples differ:\n\(unexpectedFailures.prefix(10).joined(separator: "\n\n"))")
        #expect(unexpectedPasses.isEmpty, "listed as known differences but now pass: \(unexpectedPasses)")
        #expect(equivalent >= 645, "the issue requires at least 645 of the 652 examples")
    }

    @Test func knownDifferencesAreListedOnceEachWithAReason() {
        let numbers = Self.knownDifferences.map(\.example)
        #expect(Set(numbers).count == numbers.count)
        #expect(Self.knownDifferences.allSatisfy { !$0.reason.isEmpty })
    }
}

/// The normalisation the round trip relies on: what it must treat as equal, and what not.
@Suite struct HTMLEquivalenceTests {
    static let equivalent: [(String, String)] = [
        ("<p>a &amp; b &#42;</p>", "<p>a &#38; b *</p>"),
        ("<p>&#8220;it&#8217;s&#8221; &#8212; a&#8230;</p>", "<p>\"it's\" -- a...</p>"),
        ("<pre><code class=\"language-swift\">x\n</code></pre>", "<pre><code>x</code></pre>"),
        ("<ul>\n<li><p>a</p></li>\n</ul>", "<ul>\n\t<li>a</li>\n</ul>"),
        ("<p>a\nb</p>\n<p>c</p>", "<p>a b</p><p>c</p>"),
        ("<p><span class=\"caps\">NASA</span></p>", "<p>NASA</p>"),
        ("<img src=\"a.png\" alt=\"x\" />", "<img src=\"a.png\" title=\"x\" alt=\"x\">"),
        ("<p>a<br />\nb</p>", "<p>a<br>b</p>"),
    ]

    static let different: [(String, String)] = [
        ("<p>a</p>", "<p>b</p>"),
        ("<pre><code>a  b</code></pre>", "<pre><code>a b</code></pre>"),
        ("<p>(c)</p>", "<p>&#169;</p>"),
        ("<p><em>a</em></p>", "<p><strong>a</strong></p>"),
        ("<a href=\"x\">a</a>", "<a href=\"y\">a</a>"),
        ("<img src=\"a.png\" alt=\"x\" title=\"t\" />", "<img src=\"a.png\" alt=\"x\">"),
        ("<p>a</p><p>b</p>", "<p>a b</p>"),
        ("<p><code>a -- b...</code></p>", "<p><code>a &#8212; b&#8230;</code></p>"),
        ("<pre><code>\"q\"</code></pre>", "<pre><code>&#8220;q&#8221;</code></pre>"),
        ("<a title=\"it's\">x</a>", "<a title=\"it&#8217;s\">x</a>"),
    ]

    @Test(arguments: equivalent)
    func treatsAsEqual(_ pair: (String, String)) {
        #expect(HTMLEquivalence.normalize(pair.0) == HTMLEquivalence.normalize(pair.1))
    }

    @Test(arguments: different)
    func keepsApart(_ pair: (String, String)) {
        #expect(HTMLEquivalence.normalize(pair.0) != HTMLEquivalence.normalize(pair.1))
    }
}
