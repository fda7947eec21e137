import Testing
import Textile

/// One minimal input per class of difference the differential run against RedCloth found, with the
/// HTML real RedCloth 4.3.2 gives for it (recorded with `ruby -rredcloth`), so that a fixed class stays
/// fixed without RedCloth installed.
@Suite struct RedClothDifferenceClassTests {
    static let cases: [(input: String, html: String)] = [
        // a table cell's signature just before a line break is text
        ("|.\nn|", "<table>\n\t<tr>\n\t\t<td>.<br />\nn</td>\n\t</tr>\n</table>"),
        // a table cell's signature and a space before a line break keep the space
        ("|_. \nx|", "<table>\n\t<tr>\n\t\t<th> <br />\nx</th>\n\t</tr>\n</table>"),
        // a table cell's signature and spaces before a line break keep one space
        ("|_.   \nx|", "<table>\n\t<tr>\n\t\t<th> <br />\nx</th>\n\t</tr>\n</table>"),
        // a bracketed linked image before punctuation keeps its bracket
        ("[!f!:m],", "<p><a href=\"m\"><img src=\"f\" alt=\"\" /></a>],</p>"),
        // a bracketed linked image before a word keeps its bracket
        ("a [!b!:c]x w", "<p>a <a href=\"c\"><img src=\"b\" alt=\"\" /></a>]x w</p>"),
        // a bracketed linked image's URI runs to the last bracket
        ("a [!b!:c]x] w", "<p>a <a href=\"c]x\"><img src=\"b\" alt=\"\" /></a> w</p>"),
        // a bracketed linked image whose URI runs on loses its attributes
        ("a [!(c)x!:a]s b", "<p>a <a href=\"a\"><img src=\"x\" alt=\"\" /></a>]s b</p>"),
        // a list item with attributes and an empty group ends the output
        ("*(s)() x\n\nmore", "<ul>"),
        // a later list item with attributes and an empty group ends the output
        ("* a\n*(s)() x\n\nmore", "<ul>\n\t<li>a</li>"),
        // dashes with two spaces inside are a deletion
        ("s --   -- 2", "<p>s <del>-   -</del> 2</p>"),
        // dashes before punctuation are a deletion
        ("a -- x --.", "<p>a <del>- x -</del>.</p>"),
        // dashes around words between single spaces stay dashes
        ("a -- x y -- b", "<p>a &#8212; x y &#8212; b</p>"),
        // an image source may start after the attribute groups
        ("!(p)(!", "<p><img src=\"(\" class=\"p\" alt=\"\" /></p>"),
        // an image source may start after a style group
        ("!{d}/)!", "<p><img src=\"/)\" style=\"d;\" alt=\"\" /></p>"),
        // a link alias ended by a quote drops its punctuation
        ("[x].\"", "<p>&quot;</p>"),
        // a link alias ended by a quote has an empty URL
        ("[x]a.\"\n\n\"l\":x", "<p>&quot;</p>\n<p><a href=\"\">l</a></p>"),
        // a link alias name may be a bracket
        ("[]].", "<p>.</p>"),
        // an image linked to an alias with an empty URL has no link
        ("[docs].\n!t!:docs", "<p>.<br />\n<img src=\"t\" alt=\"\" /></p>"),
        // an extended block ends at a signature with an empty group
        ("bc.. x\n\np{u}(). y", "<pre><code>x</code></pre>\n<p>p{u}(). y</p>"),
        // an extended block of an unknown type repeats the text so far
        ("z.. t\n\nu\n\n", "<p>z.. t</p>\n<p>z.. tu</p>\n<p>z.. tu</p>"),
        // a paragraph starting with a bracketed floated image loses the opening
        ("[!<icon.gif!] text", "<p style=\"float:left;\">icon.gif!] text</p>"),
        // a bracketed floated image opening alone leaves an empty paragraph
        ("[!>", "<p style=\"float:right;\"></p>"),
        // a dot is link text
        ("\".\":h", "<p><a href=\"h\">.</a></p>"),
        // an ellipsis is link text
        ("\"...\":http://x.com", "<p><a href=\"http://x.com\">&#8230;</a></p>"),
        // dots after link attributes leave the last dot
        ("\"(s)..\":/", "<p><a href=\"/\" class=\"s\">.</a></p>"),
        // a dot after a link's language is its text
        ("\"[r].\":o", "<p><a href=\"o\" lang=\"r\">.</a></p>"),
        // a deletion of attribute groups only is empty
        ("-(M)-", "<p><del></del></p>"),
        // a deletion of a language only is empty
        ("-[r]-", "<p><del></del></p>"),
        // a bracketed deletion of attribute groups only is empty
        ("[-(M)-]", "<p><del></del></p>"),
        // link text starting with a space keeps its parentheses
        ("\" d()\":h", "<p><a href=\"h\"> d()</a></p>"),
        // a long definition of one word closed at once is empty
        ("- H:=\nO=:", "<dl>\n\t<dt>H</dt>\n\t<dd></dd>\n</dl>"),
        // a long definition of words renders them
        ("- H:=\nO x=:", "<dl>\n\t<dt>H</dt>\n\t<dd><p>O x</p></dd>\n</dl>"),
        // an unterminated tag ends the paragraph's text
        ("b <a f=", "<p>b </p>"),
        // an unterminated tag value ends the paragraph's text
        ("b <a f=g ", "<p>b </p>"),
        // an unterminated block tag ends the output
        ("<x y=\n\nb", ""),
        // a block tag with a slash among its attributes is text
        ("<A /a>", "<p>&lt;A /a&gt;</p>"),
        // an alias's URL keeps a trailing bracket
        ("[r]].", "<p>.</p>"),
        // an alias's URL stops at a percent sign that escapes nothing
        ("[r].%", "<p>%</p>"),
        // a bracketed name before an invalid URL is no alias
        ("[z]?u", "<p>[z]?u</p>"),
        // a footnote reference before a percent sign is no alias
        ("[1]%a", "<p><sup class=\"footnote\" id=\"fnr1\"><a href=\"#fn1\">1</a></sup>%a</p>"),
        // quoted link text needs text inside the quotes
        ("\"\"\"\":h", "<p>&quot;&quot;&quot;&quot;:h</p>"),
        // three stars before a space: the token ends after them, its text runs on
        ("= *** x*", "<p>= <strong>* x</strong> x*</p>"),
        // three stars before a line break
        (".***\n**", "<p>.<strong>*<br />\n*</strong><br />\n**</p>"),
        // three stars before a letter are text
        ("a ***x* b", "<p>a ***x* b</p>"),
        // a long definition that is no name renders
        ("- T:=\ne|=:", "<dl>\n\t<dt>T</dt>\n\t<dd><p>e|</p></dd>\n</dl>"),
        // a long definition of one letter closed at once is empty
        ("- g:=\nt=:", "<dl>\n\t<dt>g</dt>\n\t<dd></dd>\n</dl>"),
        // a long definition is scanned without an end-of-input mark: a token still open at its end is lost
        ("- T:=\n[=:", "<dl>\n\t<dt>T</dt>\n\t<dd></dd>\n</dl>"),
        ("- T:=\n|a|=:", "<dl>\n\t<dt>T</dt>\n\t<dd></dd>\n</dl>"),
        ("- T:=\n|a|\nb=:", "<dl>\n\t<dt>T</dt>\n\t<dd><table>\n\t<tr>\n\t\t<td>a</td>\n\t</tr>\n</table>\nb</dd>\n</dl>"),
        ("- T:=\np. =:", "<dl>\n\t<dt>T</dt>\n\t<dd></dd>\n</dl>"),
        ("- T:=\nab cd=:", "<dl>\n\t<dt>T</dt>\n\t<dd><p>ab cd</p></dd>\n</dl>"),
        ("- T:=\nx\n\nab=:", "<dl>\n\t<dt>T</dt>\n\t<dd><p>x</p></dd>\n</dl>"),
        ("- T:=\nx\n*=:", "<dl>\n\t<dt>T</dt>\n\t<dd><p>x</p></dd>\n</dl>"),
        ("- T:=\n*a=:", "<dl>\n\t<dt>T</dt>\n\t<dd><p>*a</p></dd>\n</dl>"),
        ("- T:=\n* =:", "<dl>\n\t<dt>T</dt>\n\t<dd><ul></dd>\n</dl>"),
        ("- T:=\n*\n=:", "<dl>\n\t<dt>T</dt>\n\t<dd><p>*</p></dd>\n</dl>"),
        ("- T:=\n(a=:", "<dl>\n\t<dt>T</dt>\n\t<dd></dd>\n</dl>"),
        ("- T:=\n- a=:", "<dl>\n\t<dt>T</dt>\n\t<dd></dd>\n</dl>"),
        ("- T:=\n<div>=:", "<dl>\n\t<dt>T</dt>\n\t<dd></dd>\n</dl>"),
        ("- T:=\n<div>x</div>=:", "<dl>\n\t<dt>T</dt>\n\t<dd><div>x</dd>\n</dl>"),
        ("- T:=\n<div>x</div> =:", "<dl>\n\t<dt>T</dt>\n\t<dd><div>x</div></dd>\n</dl>"),
        ("- T:=\n<p(+=:", "<dl>\n\t<dt>T</dt>\n\t<dd><p>&lt;p(+</p></dd>\n</dl>"),
        ("- T:=\n </:=:", "<dl>\n\t<dt>T</dt>\n\t<dd></dd>\n</dl>"),
        ("- T:=\n\na^>=:", "<dl>\n\t<dt>T</dt>\n\t<dd><p></p></dd>\n</dl>"),
        ("- T:=\n\nab=:", "<dl>\n\t<dt>T</dt>\n\t<dd></dd>\n</dl>"),
        // spaces after a list marker beyond the first open the item; `<pre>` opens only unindented
        ("- T:=\n#  =:", "<dl>\n\t<dt>T</dt>\n\t<dd><ol>\n\t<li></dd>\n</dl>"),
        ("- T:=\n  <pre>=:", "<dl>\n\t<dt>T</dt>\n\t<dd><pre></dd>\n</dl>"),
        // inside `<pre>`, the start of its closing tag is open
        ("- T:=\n<pre>a. <=:", "<dl>\n\t<dt>T</dt>\n\t<dd><pre>a.</dd>\n</dl>"),
        ("- T:=\n<pre>x</code> </p=:", "<dl>\n\t<dt>T</dt>\n\t<dd><pre>x</dd>\n</dl>"),
        // a name holding `bc`, `bq`, `pre`, `table`, `notextile` or `fn1` names no block, so nothing is open
        ("- T:=\npbc-[=:", "<dl>\n\t<dt>T</dt>\n\t<dd><p>pbc-[</p></dd>\n</dl>"),
        ("- T:=\nxtable=:", "<dl>\n\t<dt>T</dt>\n\t<dd><p>xtable</p></dd>\n</dl>"),
        ("- T:=\nbc(=:", "<dl>\n\t<dt>T</dt>\n\t<dd></dd>\n</dl>"),
        // a quotation reaching a tag left open at the end loses everything from the quote
        ("\"<a f=", "<p></p>"),
        // a quotation of words reaching a tag left open at the end
        ("\"x <a f=", "<p></p>"),
        // a quotation whose closing quote opens a value left open
        ("\"<a f=\"g", "<p></p>"),
        // an alias's URL starts after the last bracket its scanner passed
        ("[3]3])", "<p>)</p>"),
        // an alias's URL loses a trailing bracket
        ("[r]r]", "<p>]</p>"),
        // an alias's name may hold brackets when only a later split is a URL
        ("[2]!/]U", ""),
        // a quote and spaces before a tag left open at the end lose everything from the quote
        ("\" <a f=", "<p></p>"),
        ("y \"  x <a f=", "<p>y </p>"),
        ("\" x <b>y</b> <a f=", "<p></p>"),
        // a quote and a space keep their text when a quote comes before the open tag
        ("\" x\" <a f=", "<p>&quot; x&quot; </p>"),
        // link text ending in a quotation that does not start it makes no link
        ("\"S \")\"\":h", "<p>&#8220;S &#8220;)&#8221;&quot;:h</p>"),
        ("\"S \"a\"\":h", "<p>&#8220;S &quot;a&quot;&quot;:h</p>"),
        ("\"x \"a\" y \"b\"\":h", "<p>&#8220;x &#8220;a&#8221; y &quot;b&quot;&quot;:h</p>"),
        // link text that is one quotation is a link
        ("\"\")\"\":h", "<p><a href=\"h\">&#8220;)&#8221;</a></p>"),
        // a `<` that starts no whole tag keeps a quotation from a tag left open at the end
        ("\"<<a f=", "<p>&#8220;&lt;&lt;a f=</p>"),
        ("\"x <<a f=", "<p>&#8220;x &lt;</p>"),
        ("\" x <<a f=", "<p>&quot; x &lt;</p>"),
        ("\"< <a f=", "<p>&#8220;&lt; </p>"),
        ("\"x < y <a f=", "<p>&#8220;x &lt; y </p>"),
        ("\"x <b> <a f=", "<p></p>"),
        // quotes before a link and a tag left open at the end: text is lost from the last quote
        ("\"\" )\":# <a f=", "<p>&quot;&quot; )</p>"),
        // an empty quotation's second quote may start a link inside a quotation
        ("\"\"b\":h\"", "<p>&#8220;<a href=\"h\">b</a>&#8221;</p>"),
        ("\"\"x\":# <a f=", "<p>&quot;&quot;x&quot;:# </p>"),
        // a link among a quotation's words keeps them; only the tag left open is lost
        ("\"a \"x\":# <a f=", "<p>&#8220;a <a href=\"\">x</a># </p>"),
        ("\"a \"x\":# b\" <a f=", "<p>&#8220;a <a href=\"\">x</a># b&#8221; </p>"),
        // an image before a `:` with no URL loses its attributes
        ("!(c)!:", "<p><img src=\"(c)\" alt=\"\" />:</p>"),
        ("!(c)x.png(tt)!:", "<p><img src=\"x.png\" title=\"tt\" alt=\"tt\" />:</p>"),
        ("a !{color:red}x.png!: b", "<p>a <img src=\"x.png\" alt=\"\" />: b</p>"),
        ("[!(c)x.png!:] a", "<p>[<img src=\"x.png\" alt=\"\" />:] a</p>"),
    ]

    @Test(arguments: cases)
    func rendersAsRedCloth(_ input: String, _ html: String) {
        #expect(TextileDocument.html(input) == html, "input: \(input.debugDescription)")
    }
}
