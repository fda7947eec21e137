import Testing
import Textile

/// The public API: block structures, each option, and input that is not well-formed Textile.
/// Expected HTML is what RedCloth 4.3 produces for the same input and restrictions.
@Suite struct TextileDocumentTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var input: String
        var options: TextileOptions = []
        var html: String
        var testDescription: String { input.prefix(30).replacingOccurrences(of: "\n", with: "⏎") }
    }

    static let blocks: [Case] = [
        Case(input: "# one\n## nested\n# two",
             html: "<ol>\n\t<li>one\n\t<ol>\n\t\t<li>nested</li>\n\t</ol></li>\n\t<li>two</li>\n</ol>"),
        Case(input: "#3 three\n# four\n\n#_ five",
             html: "<ol start=\"3\">\n\t<li>three</li>\n\t<li>four</li>\n</ol>\n<ol start=\"5\">\n\t<li>five</li>\n</ol>"),
        Case(input: "|_. a |_. b |\n|\\2=. span |\n|/2. tall | x |\n| y |",
             html: "<table>\n\t<tr>\n\t\t<th>a </th>\n\t\t<th>b </th>\n\t</tr>\n\t<tr>\n"
                + "\t\t<td style=\"text-align:center;\" colspan=\"2\">span </td>\n\t</tr>\n\t<tr>\n"
                + "\t\t<td rowspan=\"2\">tall </td>\n\t\t<td> x </td>\n\t</tr>\n\t<tr>\n\t\t<td> y </td>\n\t</tr>\n</table>"),
        Case(input: "- term := definition\n- other := more",
             html: "<dl>\n\t<dt>term</dt>\n\t<dd>definition</dd>\n\t<dt>other</dt>\n\t<dd>more</dd>\n</dl>"),
        Case(input: "bq.. first\n\nsecond\n\np. after",
             html: "<blockquote>\n<p>first</p>\n<p>second</p>\n</blockquote>\n<p>after</p>"),
        Case(input: "bc. <b> & </b>", html: "<pre><code>&lt;b&gt; &amp; &lt;/b&gt;</code></pre>"),
        Case(input: "Note[1]\n\nfn1. The footnote.",
             html: "<p>Note<sup class=\"footnote\" id=\"fnr1\"><a href=\"#fn1\">1</a></sup></p>\n"
                + "<p class=\"footnote\" id=\"fn1\"><a href=\"#fnr1\"><sup>1</sup></a> The footnote.</p>"),
        Case(input: "\"site\":home\n\n[home]http://example.com", html: "<p><a href=\"http://example.com\">site</a></p>"),
        Case(input: "<div>\nkept *as* is\n</div>", html: "<div>\n<p>kept <strong>as</strong> is</p>\n</div>"),
    ]

    static let options: [Case] = [
        Case(input: "p{color:red}(c#i). x", options: .filterStyles, html: "<p class=\"c\" id=\"i\">x</p>"),
        Case(input: "p{color:red}(c#i). x", options: .filterClasses, html: "<p style=\"color:red;\" id=\"i\">x</p>"),
        Case(input: "p{color:red}(c#i). x", options: .filterIDs, html: "<p style=\"color:red;\" class=\"c\">x</p>"),
        Case(input: "<b>x</b> & <i>y</i>", options: .filterHTML,
             html: "<p>&lt;b&gt;x&lt;/b&gt; &amp; &lt;i&gt;y&lt;/i&gt;</p>"),
        Case(input: "<script>alert(1)</script><b onclick=\"x\">bold</b>", options: .sanitizeHTML,
             html: "<p>alert(1)<b>bold</b></p>"),
        Case(input: "*a*\n\nh2. b", options: .liteMode, html: "<strong>a</strong><br />\n<br />\nh2. b"),
        Case(input: "NASA and ESA", options: .noSpanCaps, html: "<p>NASA and ESA</p>"),
        Case(input: "line one\nline two", options: .noHardBreaks, html: "<p>line one\nline two</p>"),
    ]

    @Test(arguments: blocks)
    func rendersBlocks(_ example: Case) {
        #expect(TextileDocument.html(example.input, options: example.options) == example.html)
    }

    @Test(arguments: options)
    func honoursOptions(_ example: Case) {
        #expect(TextileDocument.html(example.input, options: example.options) == example.html)
    }

    @Test func malformedInputDegradesToText() {
        // Invalid UTF-8, NUL bytes and constructs that never close still render, as text.
        let bytes: [UInt8] = [0xFF, 0xFE, 0x00] + Array("|a|b\n\n<notextile>\n\nbq.. x\n\n<pre\n\n[x]".utf8)
        let html = TextileDocument(bytes: bytes).html()
        #expect(html.hasPrefix("<p>"))
        #expect(html.contains("<blockquote>\n<p>x</p>"))
        #expect(TextileDocument.html("").isEmpty)
        #expect(TextileDocument.html("p(unclosed. *bold") == "<p>p(unclosed. *bold</p>")
    }

    @Test func deepNestingRendersEveryLevel() {
        let depth = 200
        let source = (1...depth).map { String(repeating: "*", count: $0) + " item \($0)" }.joined(separator: "\n")
        let html = TextileDocument.html(source)
        #expect(html.components(separatedBy: "<ul>").count - 1 == depth)
        #expect(html.components(separatedBy: "</ul>").count - 1 == depth)
    }
}
