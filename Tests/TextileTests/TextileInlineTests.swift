import Testing
import Textile

/// One inline case: Textile source, options, and the HTML RedCloth 4.3 renders for it.
struct InlineRenderingCase: CustomTestStringConvertible, Sendable {
    let source: String
    let options: TextileOptions
    let html: String

    init(_ source: String, _ options: TextileOptions, _ html: String) {
        self.source = source
        self.options = options
        self.html = html
    }

    var testDescription: String { source.debugDescription }
}

/// A marker repeated many times, and the HTML RedCloth renders for `count` repetitions.
struct RepeatedInlineMarkerCase: CustomTestStringConvertible, Sendable {
    let unit: String
    let expected: @Sendable (Int) -> String

    var testDescription: String { "\(unit.debugDescription) repeated" }
}

/// Inline markup (phrases, links, images, glyphs, HTML) rendered byte for byte as RedCloth 4.3 does,
/// including inputs built to make a naive scanner quadratic and inputs that must not crash.
@Suite struct TextileInlineTests {
    /// Expected outputs were recorded from RedCloth 4.3.2 (`RedCloth.new(source, options).to_html`).
    static let cases: [InlineRenderingCase] = [
        InlineRenderingCase("A *strong* word and a **bold** one.", [],
            "<p>A <strong>strong</strong> word and a <b>bold</b> one.</p>"),
        InlineRenderingCase("An _emphasized_ word, an __italic__ one, a ??citation??.", [],
            "<p>An <em>emphasized</em> word, an <i>italic</i> one, a <cite>citation</cite>.</p>"),
        InlineRenderingCase("Deleted -text- and +inserted+ text, x ^super^ and ~sub~.", [],
            "<p>Deleted <del>text</del> and <ins>inserted</ins> text, x <sup>super</sup> and <sub>sub</sub>.</p>"),
        InlineRenderingCase("A %span% and %(note)styled span% here.", [],
            "<p>A <span>span</span> and <span class=\"note\">styled span</span> here.</p>"),
        InlineRenderingCase("*(cls#ident)Styled* and _{color:red}red_ and +[fr]French+.", [],
            "<p><strong class=\"cls\" id=\"ident\">Styled</strong> and <em style=\"color:red;\">red</em> and <ins lang=\"fr\">French</ins>.</p>"),
        InlineRenderingCase("Inside[*brackets*]works and H[~2~]O.", [],
            "<p>Inside<strong>brackets</strong>works and H<sub>2</sub>O.</p>"),
        InlineRenderingCase("foo*bar*baz stays literal, as does snake_case_name.", [],
            "<p>foo*bar*baz stays literal, as does snake_case_name.</p>"),
        InlineRenderingCase("_and_this_too_ keeps its underscores.", [],
            "<p><em>and_this_too</em> keeps its underscores.</p>"),
        InlineRenderingCase("*a *b* closes at the first star after text.", [],
            "<p><strong>a *b</strong> closes at the first star after text.</p>"),
        InlineRenderingCase("??What? A citation??? ends here.", [],
            "<p><cite>What? A citation?</cite> ends here.</p>"),
        InlineRenderingCase("Code: @a < b && c@ and [@p. @] keep spaces.", [],
            "<p>Code: <code>a &lt; b &amp;&amp; c</code> and <code>p. </code> keep spaces.</p>"),
        InlineRenderingCase("@[project]_dff.skjd@", [],
            "<p><code>[project]_dff.skjd</code></p>"),
        InlineRenderingCase("\"Link\":http://example.com/ and \"with title(The title)\":http://example.com/.", [],
            "<p><a href=\"http://example.com/\">Link</a> and <a href=\"http://example.com/\" title=\"The title\">with title</a>.</p>"),
        InlineRenderingCase("\"(cls)Styled link\":http://example.com/a_b and [\"bracketed\":http://example.com/x]after.", [],
            "<p><a href=\"http://example.com/a_b\" class=\"cls\">Styled link</a> and <a href=\"http://example.com/x\">bracketed</a>after.</p>"),
        InlineRenderingCase("See \"this\":http://example.com/path(x). Then more.", [],
            "<p>See <a href=\"http://example.com/path(x)\">this</a>. Then more.</p>"),
        InlineRenderingCase("Links \"fail\":;here and \"also\": here.", [],
            "<p>Links &#8220;fail&#8221;:;here and &#8220;also&#8221;: here.</p>"),
        InlineRenderingCase("An image !/img.png! and !/img.png(Alt text)! and !img.png!:http://example.com.", [],
            "<p>An image <img src=\"/img.png\" alt=\"\" /> and <img src=\"/img.png\" title=\"Alt text\" alt=\"Alt text\" /> and <a href=\"http://example.com\"><img src=\"img.png\" alt=\"\" /></a>.</p>"),
        InlineRenderingCase("Aligned !<left.png! and !>right.png(R)! inline, classed !(pic)a.png!.", [],
            "<p>Aligned <img src=\"left.png\" alt=\"\" /> and <img src=\"right.png\" title=\"R\" alt=\"R\" /> inline, classed <img src=\"a.png\" class=\"pic\" alt=\"\" />.</p>"),
        InlineRenderingCase("Bracketed [!a.png!:http://example.com] image link.", [],
            "<p>Bracketed <a href=\"http://example.com\"><img src=\"a.png\" alt=\"\" /></a> image link.</p>"),
        InlineRenderingCase("A footnote reference[1] and another [12].", [],
            "<p>A footnote reference<sup class=\"footnote\" id=\"fnr1\"><a href=\"#fn1\">1</a></sup> and another <sup class=\"footnote\" id=\"fnr12\"><a href=\"#fn12\">12</a></sup>.</p>"),
        InlineRenderingCase("\"Double quotes\" and 'single quotes' and it's an apostrophe.", [],
            "<p>&#8220;Double quotes&#8221; and &#8216;single quotes&#8217; and it&#8217;s an apostrophe.</p>"),
        InlineRenderingCase("He said, \"It's 'quoted' *inside*.\"", [],
            "<p>He said, &#8220;It&#8217;s &#8216;quoted&#8217; <strong>inside</strong>.&#8221;</p>"),
        InlineRenderingCase("An em -- dash, an en - dash, an arrow -> and an ellipsis...", [],
            "<p>An em &#8212; dash, an en &#8211; dash, an arrow &#8594; and an ellipsis&#8230;</p>"),
        InlineRenderingCase("Symbols: (c) (r) (tm) [C] [R] [TM].", [],
            "<p>Symbols: &#169;&#174;&#8482; &#169;&#174;&#8482;.</p>"),
        InlineRenderingCase("Dimensions 2x4, 2 x 4, 3'x4\" and 1.5 x 2 x 3.", [],
            "<p>Dimensions 2&#215;4, 2 &#215; 4, 3&#8242;&#215;4&#8243; and 1.5 &#215; 2 &#215; 3.</p>"),
        InlineRenderingCase("NASA and the ESA, but NASA's and HTML5 stay plain.", [],
            "<p><span class=\"caps\">NASA</span> and the <span class=\"caps\">ESA</span>, but NASA&#8217;s and HTML5 stay plain.</p>"),
        InlineRenderingCase("The AI(artificial intelligence) and ABC(American Broadcasting) acronyms.", [],
            "<p>The <acronym title=\"artificial intelligence\"><span class=\"caps\">AI</span></acronym> and <acronym title=\"American Broadcasting\"><span class=\"caps\">ABC</span></acronym> acronyms.</p>"),
        InlineRenderingCase("Entities &amp; &copy; &#8212; stay, a bare & and &#x27; do not.", [],
            "<p>Entities &amp; &copy; &#8212; stay, a bare &amp; and &amp;#x27; do not.</p>"),
        InlineRenderingCase("Escaping < and > and \" and ' in text.", [],
            "<p>Escaping &lt; and &gt; and &quot; and &#8217; in text.</p>"),
        InlineRenderingCase("Raw <b>bold</b> and <span class=\"x\">span</span> and <br/> tags.", [],
            "<p>Raw <b>bold</b> and <span class=\"x\">span</span> and <br/> tags.</p>"),
        InlineRenderingCase("Comment <!-- hidden --> and <code><b>x</b></code> here.", [],
            "<p>Comment <!-- hidden --> and <code>&lt;b&gt;x&lt;/b&gt;</code> here.</p>"),
        InlineRenderingCase("Pass ==*through*== and <notextile>*this*</notextile> too.", [],
            "<p>Pass *through* and *this* too.</p>"),
        InlineRenderingCase("Line one\nLine two", [],
            "<p>Line one<br />\nLine two</p>"),
        InlineRenderingCase("I spoke.<br />\nAnd none replied.", [],
            "<p>I spoke.<br />\nAnd none replied.</p>"),
        InlineRenderingCase("Unclosed *star, _under, \"quote, [bracket, !bang and %percent.", [],
            "<p>Unclosed *star, _under, &quot;quote, [bracket, !bang and %percent.</p>"),
        InlineRenderingCase("An open tag <a href=foo", [],
            "<p>An open tag </p>"),
        InlineRenderingCase("[RedCloth::VERSION]", [],
            "<p>4.3.2</p>"),
        InlineRenderingCase("x **a* y", [],
            "<p>x <strong>a</strong> y</p>"),
        InlineRenderingCase("A \"quote with \"link\":http://x.com/ inside\" here.", [],
            "<p>A &#8220;quote with <a href=\"http://x.com/\">link</a> inside&#8221; here.</p>"),
        InlineRenderingCase("-deleted at start- and a -b-.", [],
            "<p><del>deleted at start</del> and a <del>b</del>.</p>"),
        InlineRenderingCase("Raw <b>bold</b> and <script>alert(1)</script> text.", [.filterHTML],
            "<p>Raw &lt;b&gt;bold&lt;/b&gt; and &lt;script&gt;alert(1)&lt;/script&gt; text.</p>"),
        InlineRenderingCase("\"Click\":javascript:alert(1) and !javascript:x.png(alt)!", [.filterHTML],
            "<p>Click and alt</p>"),
        InlineRenderingCase("\"Click\":javascript:alert(1) and \"ok\":http://example.com", [.sanitizeHTML],
            "<p>Click and <a href=\"http://example.com\">ok</a></p>"),
        InlineRenderingCase("NASA and ABC(Title) stay plain.", [.noSpanCaps],
            "<p>NASA and <acronym title=\"Title\">ABC</acronym> stay plain.</p>"),
        InlineRenderingCase("Line one\nLine two", [.noHardBreaks],
            "<p>Line one\nLine two</p>"),
        InlineRenderingCase("A \"quoted <a href=\"x\">\" attribute and an 'also <b class='y'>' one.", [],
            "<p>A &#8220;quoted &#8221;x&quot;&gt;&quot; attribute and an &#8216;also &#8217;y&#8217;&gt;&#8217; one.</p>"),
        InlineRenderingCase("An image !(r)! whose source looks like attributes, and !(x)(y)!.", [],
            "<p>An image <img src=\"(r)\" class=\"r\" alt=\"\" /> whose source looks like attributes, and <img src=\"(y)\" class=\"y\" alt=\"\" />.</p>"),
        InlineRenderingCase("A deletion -(cls)with attributes- drops them.", [],
            "<p>A deletion <del>with attributes</del> drops them.</p>"),
        InlineRenderingCase("Unclosed <notextile>*tag* then <b>bold</b> text.", [],
            "<p>Unclosed *tag* then <b>bold<strong>tag</strong> then <b>bold</b> text.</p>"),
        InlineRenderingCase("Image link !a.png!:http://example.com/x% stops at the bare percent.", [],
            "<p>Image link <img src=\"a.png\" alt=\"\" />% stops at the bare percent.</p>"),
        InlineRenderingCase("\"a\":http://x.com/ \"b\":/y, 'c'... \"d(e)\":#f", [],
            "<p><a href=\"http://x.com/\">a</a> <a href=\"/y\">b</a>, &#8216;c&#8217;&#8230; <a href=\"#f\" title=\"e\">d</a></p>")
    ]

    @Test(arguments: cases)
    func rendersLikeRedCloth(_ testCase: InlineRenderingCase) {
        #expect(TextileDocument.html(testCase.source, options: testCase.options) == testCase.html)
    }

    /// Unclosed markers repeated: RedCloth scans to the end of the line once per opener; the output
    /// (recorded from RedCloth at 1,000 and 5,000 repetitions) follows the patterns below.
    static let repeatedMarkers: [RepeatedInlineMarkerCase] = [
        RepeatedInlineMarkerCase(unit: "*a ") { "<p>" + Array(repeating: "*a", count: $0).joined(separator: " ") + "</p>" },
        RepeatedInlineMarkerCase(unit: "_a ") { "<p>" + Array(repeating: "_a", count: $0).joined(separator: " ") + "</p>" },
        RepeatedInlineMarkerCase(unit: "\"a ") {
            "<p>&#8220;a" + String(repeating: " &quot;a", count: $0 - 1) + "</p>"
        },
        RepeatedInlineMarkerCase(unit: "[") { "<p>" + String(repeating: "[", count: $0) + "</p>" },
        RepeatedInlineMarkerCase(unit: "!") { "<p>" + String(repeating: "!", count: $0) + "</p>" },
        RepeatedInlineMarkerCase(unit: "@") { "<p>" + String(repeating: "@", count: $0) + "</p>" },
        RepeatedInlineMarkerCase(unit: "%") { "<p><span>%</span>" + String(repeating: "%", count: $0 - 3) + "</p>" },
        RepeatedInlineMarkerCase(unit: "-a ") { "<p>" + Array(repeating: "-a", count: $0).joined(separator: " ") + "</p>" },
    ]

    @Test(arguments: repeatedMarkers, [1_000, 100_000])
    func unclosedMarkersRepeated(_ testCase: RepeatedInlineMarkerCase, count: Int) {
        let source = String(repeating: testCase.unit, count: count)
        expectSame(TextileDocument.html(source), testCase.expected(count))
    }

    @Test func repeatedDoubleEqualsStaysText() {
        let html = TextileDocument.html(String(repeating: "==", count: 100_000))
        #expect(html.hasPrefix("<p>=") && html.hasSuffix("=</p>"))
        #expect(html.dropFirst(3).dropLast(4).allSatisfy { $0 == "=" })
    }

    @Test func nestedPhrasesOfEveryKind() {
        let source = "*a _b +c %d ^e x^ d% c+ b_ a*"
        let html = "<p><strong>a <em>b <ins>c <span>d <sup>e x</sup> d</span> c</ins> b</em> a</strong></p>"
        #expect(TextileDocument.html(source) == html)
    }

    @Test func deeplyNestedMarkersStayText() {
        let depth = 50_000
        let source = "x " + String(repeating: "*_+", count: depth) + "y" + String(repeating: "+_*", count: depth)
        expectSame(TextileDocument.html(source), "<p>" + source + "</p>")
        let brackets = "x " + String(repeating: "[", count: depth) + "y" + String(repeating: "]", count: depth)
        expectSame(TextileDocument.html(brackets), "<p>" + brackets + "</p>")
    }

    @Test func veryLongLine() {
        let words = Array(repeating: "*word* and _more_", count: 100_000).joined(separator: " ")
        let expected = Array(repeating: "<strong>word</strong> and <em>more</em>", count: 100_000).joined(separator: " ")
        expectSame(TextileDocument.html(words), "<p>" + expected + "</p>")
    }

    /// Compares long outputs, reporting only where they first differ (a full diff of megabytes is slow).
    private func expectSame(_ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard actual != expected else { return }
        let offset = zip(actual.utf8, expected.utf8).prefix { $0 == $1 }.count
        let got = String(decoding: actual.utf8.dropFirst(max(0, offset - 20)).prefix(60), as: UTF8.self)
        let want = String(decoding: expected.utf8.dropFirst(max(0, offset - 20)).prefix(60), as: UTF8.self)
        Issue.record("outputs differ at byte \(offset): got …\(got)… expected …\(want)…", sourceLocation: sourceLocation)
    }

    /// Malformed input degrades to text: none of these may crash, and their plain words survive.
    @Test(arguments: [
        "\"", "!", "[", "\"\"\":", "!!:", "[\"", "[!", "@", "%{", "*(", "_{", "[-", "\"(", "!(", "!<", "(c", "&#",
        "<", "<a", "</", "<!--", "<code>", "<notextile>", "==", "```", "\"a\":", "!a!:", "[1", "ABC(", "2x", "-", "^~%",
        "\"a(b\":c", "!a(b!", "\"a\":http://x.com/(", "*a\n\nb*", "\u{0}*a*\u{0}", "a\rb", "\u{FEFF}*é*",
    ])
    func malformedMarkupStaysText(_ fragment: String) {
        let html = TextileDocument.html("start " + fragment + " end")
        #expect(html.contains("start"))
        #expect(html.contains("end"))
    }

    @Test func invalidUTF8IsReplaced() {
        let bytes: [UInt8] = Array("a ".utf8) + [0xFF, 0xFE] + Array(" *b* c".utf8)
        #expect(TextileDocument(bytes: bytes).html() == "<p>a \u{FFFD}\u{FFFD} <strong>b</strong> c</p>")
    }
}
