import CommonMark
import Testing
import Textile

/// A Markdown input and the Textile the writer must produce for it.
struct WriterCase: Sendable, CustomTestStringConvertible {
    let markdown: String
    let textile: String

    init(_ markdown: String, _ textile: String) {
        self.markdown = markdown
        self.textile = textile
    }

    var testDescription: String { markdown.debugDescription }
}

/// What the writer emits for each construct, and that the emitted Textile renders (with our
/// renderer) to HTML equivalent to cmark's.
@Suite struct TextileWriterTests {
    static let nativeForms: [WriterCase] = [
        WriterCase("# Title\n\n###### Small", "h1. Title\n\nh6. Small\n"),
        WriterCase("Setext\n===", "h1. Setext\n"),
        WriterCase("one\ntwo", "one two\n"),
        WriterCase("one  \ntwo\\\nthree", "one\ntwo\nthree\n"),
        WriterCase("- a\n- b", "* a\n* b\n"),
        WriterCase("1. a\n2. b", "# a\n# b\n"),
        WriterCase("3) a\n4) b", "#3 a\n# b\n"),
        WriterCase("- a\n  - b\n    1. c\n- d", "* a\n** b\n**# c\n* d\n"),
        WriterCase("- loose\n\n- list", "<ul>\n<li>\n\nloose\n\n</li>\n<li>\n\nlist\n\n</li>\n</ul>\n"),
        WriterCase("> quoted *text*", "bq. quoted _text_\n"),
        WriterCase("> one\n>\n> two\n\nafter", "bq.. one\n\ntwo\n\np. after\n"),
        WriterCase("    let x = 1\n      print(x)", "bc. let x = 1\n  print(x)\n"),
        WriterCase("```swift\nlet x = \"<b>\"\n```", "bc. let x = \"<b>\"\n"),
        WriterCase("Call `run()` now", "Call @run()@ now\n"),
        WriterCase("**bold** and *em* and ***both***", "*bold* and _em_ and _*both*_\n"),
        WriterCase("[docs](https://example.com/docs)", "\"docs\":https://example.com/docs\n"),
        WriterCase("[docs](https://example.com \"The docs\")", "\"docs(The docs)\":https://example.com\n"),
        WriterCase("<https://example.com>", "\"https://example.com\":https://example.com\n"),
        WriterCase("![logo](logo.png)", "!logo.png(logo)!\n"),
        WriterCase("![](logo.png)", "!logo.png!\n"),
        WriterCase("[![logo](logo.png)](https://example.com)", "\"!logo.png(logo)!\":https://example.com\n"),
        WriterCase("a\n\n***\n\nb", "a\n\n***\n\nb\n"),
        WriterCase("Fixed (#12), see [#12](https://x.org/12).", "Fixed (#12), see \"#12\":https://x.org/12.\n"),
        WriterCase("it's \"quoted\" -- really...", "it's \"quoted\" -- really...\n"),
        WriterCase("well-known snake_case 50% a - b user@example.com @user", "well-known snake_case 50% a - b user@example.com @user\n"),
    ]

    static let escapes: [WriterCase] = [
        WriterCase("#123 fixed", "p. #123 fixed\n"),
        WriterCase("\\* star", "p. * star\n"),
        WriterCase("\\- a := b", "p. - a := b\n"),
        WriterCase("h1. text", "p. h1. text\n"),
        WriterCase("bq. text", "p. bq. text\n"),
        WriterCase("fn1. text", "p. fn1. text\n"),
        WriterCase("code. text", "p. code. text\n"),
        WriterCase("p(class). text", "p. p(class). text\n"),
        WriterCase("[x]http://example.com", "p. [x]http://example.com\n"),
        WriterCase("| a | b |", "p. | a | b |\n"),
        WriterCase("a\\\n\\* b", "a\n&#42; b\n"),
        WriterCase("a\\\n#1 b", "a\n&#35;1 b\n"),
        WriterCase("\\*not strong\\*", "&#42;not strong*\n"),
        WriterCase("\\_not em\\_", "&#95;not em_\n"),
        WriterCase("a -b- c", "a &#45;b- c\n"),
        WriterCase("a +b+ c ^d^ ~e~ %f%", "a &#43;b+ c &#94;d^ &#126;e~ &#37;f%\n"),
        WriterCase("\\@a b\\@", "&#64;a b@\n"),
        WriterCase("??cite?? ==raw==", "&#63;?cite?? &#61;=raw==\n"),
        WriterCase("\\!img.png\\!", "&#33;img.png!\n"),
        WriterCase("\"a\":http://example.com", "&quot;a&quot;:http://example.com\n"),
        WriterCase("see [1] and [12]", "see &#91;1] and &#91;12]\n"),
        WriterCase("(c) (R) (tm)", "&#40;c) &#40;R) &#40;tm)\n"),
        WriterCase("2x3 and 1920 x 1080", "2&#120;3 and 1920 &#120; 1080\n"),
        WriterCase("NASA(Agency)", "NASA&#40;Agency)\n"),
        WriterCase("a \\<b> \\&amp; c", "a &lt;b> &amp;amp; c\n"),
        WriterCase("\\*$*alpha", "&#42;$*alpha\n"),
        WriterCase("un*frigging*believable", "un[_frigging_]believable\n"),
        WriterCase("foo`bar`baz", "foo[@bar@]baz\n"),
        WriterCase("Run `a@b`", "Run <code>a@b</code>\n"),
        WriterCase("[a](</my url>)", "\"a\":/my%20url\n"),
        WriterCase("[a](http://x.org/a.)", "[\"a\":http://x.org/a.]\n"),
        WriterCase("[a](http://x.org/(b))", "\"a\":http://x.org/(b)\n"),
        WriterCase("See [a](http://x.org/b)c", "See [\"a\":http://x.org/b]c\n"),
        WriterCase("[a](http://x.org/b)c", "p. [\"a\":http://x.org/b]c\n"),
        WriterCase("[a (b)](http://x.org)", "\"a &#40;b)\":http://x.org\n"),
        WriterCase("[say \"hi\"](http://x.org)", "\"say &quot;hi&quot;\":http://x.org\n"),
        WriterCase("***\n\n---\n\n___", "***\n\n***\n\n<hr />\n"),
    ]

    static let fallbacks: [WriterCase] = [
        WriterCase("- a\n\n  b", "<ul>\n<li>\n\na\n\nb\n\n</li>\n</ul>\n"),
        WriterCase("1. a\n\n       code", "<ol>\n<li>\n\na\n\nbc. code\n\n</li>\n</ol>\n"),
        WriterCase("> a\n> > b", "<blockquote>\n\na\n\nbq. b\n\n</blockquote>\n"),
        WriterCase("<div>\n*hi*\n</div>", "<notextile>\n<div>\n*hi*\n</div>\n</notextile>\n"),
        WriterCase("```\na\n\nb\n```", "<pre><code>a\n\nb\n</code></pre>\n"),
        WriterCase("*a **b** c*", "_a *b* c_\n"),
        WriterCase("*a *b* c*", "_a <em>b</em> c_\n"),
        WriterCase("[a](http://x.org \"t(1)\")", "p. <a href=\"http://x.org\" title=\"t(1)\">a</a>\n"),
        WriterCase("![a](b.png \"title\")", "p. <img src=\"b.png\" alt=\"a\" title=\"title\" />\n"),
        WriterCase("a <!-- note --> b", "a <notextile><!-- note --></notextile> b\n"),
        WriterCase("-\n- b", "<ul>\n<li></li>\n<li>\n\n b\n\n</li>\n</ul>\n"),
    ]

    @Test(arguments: nativeForms)
    func writesNativeTextile(_ example: WriterCase) {
        #expect(TextileWriter.textile(for: MarkdownDocument(example.markdown)) == example.textile)
        expectRoundTrip(example.markdown)
    }

    @Test(arguments: escapes)
    func escapesWhatWouldTriggerTextile(_ example: WriterCase) {
        #expect(TextileWriter.textile(for: MarkdownDocument(example.markdown)) == example.textile)
        expectRoundTrip(example.markdown)
    }

    @Test(arguments: fallbacks)
    func fallsBackToHTMLOnlyAroundWhatTextileCannotSay(_ example: WriterCase) {
        #expect(TextileWriter.textile(for: MarkdownDocument(example.markdown)) == example.textile)
        expectRoundTrip(example.markdown)
    }

    @Test func writesHandBuiltTrees() {
        let tree = MarkdownNode(kind: .document, children: [
            MarkdownNode(kind: .heading(level: 2), children: [MarkdownNode(kind: .text("1.2.0"))]),
            MarkdownNode(kind: .list(type: .bullet, start: 0, tight: true, delimiter: .none), children: [
                MarkdownNode(kind: .item, children: [
                    MarkdownNode(kind: .paragraph, children: [
                        MarkdownNode(kind: .strong, children: [MarkdownNode(kind: .text("Fixed"))]),
                        MarkdownNode(kind: .text(" crash in ")),
                        MarkdownNode(kind: .code("sync()")),
                        MarkdownNode(kind: .softBreak),
                        MarkdownNode(kind: .link(destination: "https://x.org/1", title: ""), children: [
                            MarkdownNode(kind: .text("#1")),
                        ]),
                    ]),
                ]),
            ]),
        ])
        #expect(TextileWriter.textile(for: tree) == "h2. 1.2.0\n\n* *Fixed* crash in @sync()@ \"#1\":https://x.org/1\n")
    }

    @Test func visitAppendsToResult() {
        var writer = TextileWriter()
        writer.visit(MarkdownNode(kind: .paragraph, children: [MarkdownNode(kind: .text("one"))]))
        #expect(String(decoding: writer.result, as: UTF8.self) == "one")
    }

    @Test func bytesAreTheTextileInUTF8() {
        let document = MarkdownDocument("# Fixed\n\n* **Crash** on *launch*\n* `a_b` \u{201C}quoted\u{201D}\n\n> Thanks\n")
        let text = TextileWriter.textile(for: document)
        #expect(TextileWriter.textileBytes(for: document) == Array(text.utf8))
        #expect(TextileWriter.textileBytes(for: document, reservingCapacity: 4) == Array(text.utf8))
        #expect(TextileWriter.textileBytes(for: MarkdownDocument("")).isEmpty)
    }

    @Test func emptyDocumentWritesNothing() {
        #expect(TextileWriter.textile(for: MarkdownDocument("")) == "")
    }

    /// Thousands of nested quotes, phrases, links and lists: beyond a fixed depth the writer hands
    /// the subtree to cmark as HTML instead of recursing until the stack runs out.
    @Test(arguments: ["quotes", "phrases", "links", "lists"])
    func deeplyNestedInputStaysEquivalent(_ shape: String) {
        let markdown: String
        switch shape {
        case "quotes": markdown = String(repeating: "> ", count: 5_000) + "deep"
        case "phrases": markdown = String(repeating: "*a ", count: 5_000) + "x" + String(repeating: " b*", count: 5_000)
        case "links": markdown = String(repeating: "*[a ", count: 2_000) + "x" + String(repeating: "](u)*", count: 2_000)
        default: markdown = (0..<300).map { String(repeating: "  ", count: $0) + "- item\n" }.joined()
        }
        let textile = TextileWriter.textile(for: MarkdownDocument(markdown))
        #expect(textile.contains("<notextile>"))
        expectRoundTrip(markdown)
    }

    private func expectRoundTrip(_ markdown: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let document = MarkdownDocument(markdown)
        let textile = TextileWriter.textile(for: document)
        let expected = HTMLEquivalence.normalize(document.html(options: .unsafe))
        let rendered = HTMLEquivalence.normalize(TextileDocument(textile).html())
        #expect(rendered == expected, "Textile:\n\(textile.prefix(2_000))", sourceLocation: sourceLocation)
    }
}
