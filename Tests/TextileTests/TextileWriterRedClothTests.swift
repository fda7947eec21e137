import CommonMark
import ConformanceSupport
import Testing
import Textile

/// Patterns of real release notes that RedCloth once rendered differently from cmark, each
/// written as Textile and rendered by our renderer and by real RedCloth 4.3, whose HTML must mean
/// what cmark's does. Without `ruby-redcloth` the RedCloth half is skipped, unless
/// `CONFORMANCE_DIR` is set (CI), where its absence is a failure.
@Suite struct TextileWriterRedClothTests {
    /// Link text RedCloth does not take as a `"text":url` link: code spans holding `<`, `>` or
    /// `"` (entities inside code would show as typed) need an `<a>` element; text `<`, `>`, and
    /// `[`, `{` where attributes would start, need entities.
    static let linkText: [WriterCase] = [
        WriterCase(
            "[`<[T]>::as_chunks`](https://doc.rust-lang.org/std/primitive.slice.html#method.as_chunks)",
            "p. <a href=\"https://doc.rust-lang.org/std/primitive.slice.html#method.as_chunks\"><code><[T]>::as_chunks</code></a>\n"),
        WriterCase("[`Option::<&_>::copied`](https://x.org/a)", "p. <a href=\"https://x.org/a\">[@Option::<&_>::copied@]</a>\n"),
        WriterCase(
            "[Make RSplit<T, P>: Clone not require T: Clone](https://x.org/b)",
            "\"Make RSplit&lt;T, P&gt;: Clone not require T: Clone\":https://x.org/b\n"),
        WriterCase("* [a < b > c & d](https://x.org/b)", "* \"a &lt; b &gt; c & d\":https://x.org/b\n"),
        WriterCase("[[b] a](https://x.org/e) and [{b} a](https://x.org/e)", "\"&#91;b] a\":https://x.org/e and \"&#123;b} a\":https://x.org/e\n"),
        WriterCase("[a [b] c](https://x.org/e)", "\"a [b] c\":https://x.org/e\n"),
        WriterCase("[`a[..n]` indexing](https://x.org/e)", "\"<code>a[..n]</code> indexing\":https://x.org/e\n"),
    ]

    /// Link text holding a double quote: in text it becomes `&quot;`, in code the link an `<a>`.
    static let quotedLinkText: [WriterCase] = [
        WriterCase("[Add `target_env = \"macabi\"` cfgs](https://x.org/c)", "p. <a href=\"https://x.org/c\">Add @target_env = \"macabi\"@ cfgs</a>\n"),
        WriterCase("[`extern \"C\"` functions](https://x.org/d)", "p. <a href=\"https://x.org/d\">[@extern \"C\"@] functions</a>\n"),
        WriterCase("[Say \"unsafe\" here](https://x.org/f)", "\"Say &quot;unsafe&quot; here\":https://x.org/f\n"),
    ]

    /// Phrases whose text starts with `(`, `[` or `{`, which RedCloth reads as attributes.
    static let phraseAttributes: [WriterCase] = [
        WriterCase("*(See the enhancements below.)*", "_&#40;See the enhancements below.)_\n"),
        WriterCase("*(See the notes that follow).*", "_&#40;See the notes that follow)._\n"),
        WriterCase("**(Breaking)** the flag", "*&#40;Breaking)* the flag\n"),
        WriterCase("*[en]x* and **{a}b**", "_&#91;en]x_ and *&#123;a}b*\n"),
        WriterCase("***(a)b***", "_*&#40;a)b*_\n"),
    ]

    /// ` -- ` opens a deletion in RedCloth that a later `-` ends, even one in code, which cannot
    /// be escaped; then the em dash's first dash becomes an entity.
    static let dashes: [WriterCase] = [
        WriterCase("a full prefix -- the prefix is `<prefix>[-.]`", "a full prefix &#45;- the prefix is <code><prefix>[-.]</code>\n"),
        WriterCase("a -- b `x-`, c", "a &#45;- b @x-@, c\n"),
        WriterCase("Pass `-C opt-level=3` -- or `-O` -- for release builds", "Pass @-C opt-level=3@ -- or @-O@ -- for release builds\n"),
        WriterCase("a -- b c-. d", "a -- b c&#45;. d\n"),
    ]

    /// Tight lists the writer writes as HTML: paragraphs behind a space, which RedCloth wraps in no `<p>`.
    static let tightLists: [WriterCase] = [
        WriterCase("- a *b*\n  ```\n  x\n\n  y\n  ```\n- c", "<ul>\n<li>\n\n a _b_\n\n<pre><code>x\n\ny\n</code></pre>\n\n</li>\n<li>\n\n c\n\n</li>\n</ul>\n"),
        WriterCase("- a\n  ```\n  x\n  ```\n- b", "<ul>\n<li>\n\n a\n\n<pre><code>x\n</code></pre>\n\n</li>\n<li>\n\n b\n\n</li>\n</ul>\n"),
        WriterCase("1. one\n   > quoted\n2. two", "<ol>\n<li>\n\n one\n\nbq. quoted\n\n</li>\n<li>\n\n two\n\n</li>\n</ol>\n"),
    ]

    @Test(arguments: linkText + quotedLinkText + phraseAttributes + dashes + tightLists)
    func writesTextileThatRendersAsCmark(_ example: WriterCase) throws {
        let document = MarkdownDocument(example.markdown)
        let textile = TextileWriter.textile(for: document)
        #expect(textile == example.textile)
        let expected = HTMLEquivalence.normalize(document.html(options: .unsafe), keepingListParagraphs: true)
        #expect(HTMLEquivalence.normalize(TextileDocument(textile).html(), keepingListParagraphs: true) == expected, "ours")
        guard RedClothProcess.isInstalled else {
            if CommonMarkSpec.conformanceDirectory != nil {
                Issue.record("CONFORMANCE_DIR is set but ruby-redcloth is not installed (apt-get install ruby-redcloth)")
            }
            return
        }
        let redCloth = try RedClothProcess()
        let rendering = try redCloth.render([textile]).first
        guard case .html(let html)? = rendering else {
            Issue.record("RedCloth gave no answer for \(textile.debugDescription)")
            return
        }
        #expect(HTMLEquivalence.normalize(html, keepingListParagraphs: true) == expected, "RedCloth: \(html)")
    }
}
