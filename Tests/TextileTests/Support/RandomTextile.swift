import ConformanceSupport

/// Random Textile shaped like release notes, for comparing the renderer with RedCloth on input no
/// fixture anticipated.
///
/// Every construct of RedCloth 4.3 appears: block signatures and extended blocks, lists, definition
/// lists, tables with their attributes, phrases, links, images, footnotes, glyphs, entities and
/// HTML, mixed with "character soup" made of Textile's special characters, which is where a
/// scanner's corner cases hide. The same seed gives the same documents on every platform.
struct RandomTextile {
    var random: SplitMix64

    init(seed: UInt64) {
        self.random = SplitMix64(state: seed)
    }

    /// The next document: a few blocks separated mostly by blank lines.
    mutating func document() -> String {
        var text = ""
        for index in 0..<count(1...6) {
            if index > 0 { text += pick(["\n\n", "\n\n", "\n\n", "\n", "\n\n\n", "\n \n"]) }
            text += block()
        }
        if chance(10) { text += pick(["\n", "\n\n", " "]) }
        return text
    }

    // MARK: Choices

    mutating func chance(_ percent: Int) -> Bool { random.next(100) < percent }

    mutating func count(_ range: ClosedRange<Int>) -> Int { range.lowerBound + random.next(range.count) }

    mutating func pick<Element>(_ choices: [Element]) -> Element { choices[random.next(choices.count)] }

    // MARK: Blocks

    mutating func block() -> String {
        switch random.next(24) {
        case 0, 1, 2, 3: return paragraph()
        case 4, 5: return heading()
        case 6, 7, 8: return list()
        case 9: return definitionList()
        case 10, 11: return table()
        case 12: return quotation()
        case 13: return codeBlock()
        case 14: return extendedBlock()
        case 15: return footnote()
        case 16: return htmlBlock()
        case 17: return linkAlias()
        case 18: return pick(["---", "***", "___", "- - -", "----"])
        case 19: return soupLine()
        case 20: return notextileBlock()
        case 21: return signedParagraph()
        case 22: return indentedLine()
        default: return lines()
        }
    }

    /// One to three lines of inline text.
    mutating func lines() -> String {
        (0..<count(1...3)).map { _ in inlineLine() }.joined(separator: "\n")
    }

    mutating func paragraph() -> String {
        chance(25) ? "p\(blockAttributes()). \(lines())" : lines()
    }

    mutating func signedParagraph() -> String {
        let type = pick(["p", "h3", "bq", "div", "clear", "xyz", "table", "fn1", "notextile"])
        return "\(type)\(blockAttributes())\(pick([".", ". ", ".. ", "."])) \(inlineLine())"
    }

    mutating func heading() -> String {
        "h\(count(1...6))\(blockAttributes()). \(inlineLine())"
    }

    mutating func quotation() -> String {
        let cite = chance(25) ? ":" + url() : ""
        return "bq\(blockAttributes())\(pick([".", ".."]))\(cite) \(lines())"
    }

    mutating func codeBlock() -> String {
        let type = pick(["bc", "pre", "bc", "@"])
        if type == "@" { return "@\(codeText())@" }
        return "\(type)\(blockAttributes()). \(codeText())\n\(chance(40) ? codeText() : "")"
    }

    mutating func notextileBlock() -> String {
        pick(["notextile. ", "notextile.. ", "<notextile>\n", "==", "<pre>"]) + codeText()
            + pick(["", "\n</notextile>", "==", "</pre>", "\n\nnotextile. x"])
    }

    /// `bc..`, `bq..`, `pre..`, `notextile..` and `p..` with several paragraphs, ended by a signature.
    mutating func extendedBlock() -> String {
        let type = pick(["bc", "bq", "pre", "notextile", "p"])
        var text = "\(type)\(blockAttributes()).. \(type == "bc" || type == "pre" ? codeText() : inlineLine())"
        for _ in 0..<count(1...3) {
            text += pick(["\n\n", "\n", "\n\n\n"])
            text += chance(50) ? codeText() : inlineLine()
        }
        if chance(70) {
            text += "\n\n" + pick(["p", "h2", "bc", "bq", "fn2"]) + blockAttributes() + pick([". ", ".. "]) + inlineLine()
        }
        return text
    }

    mutating func footnote() -> String {
        "fn\(count(1...3))\(chance(20) ? blockAttributes() : ""). \(inlineLine())"
    }

    mutating func linkAlias() -> String {
        let name = pick(["docs", "x", "tracker", "1", "a b"])
        return "[\(name)]\(pick([url(), url(), "/path", "#frag", "\"", "."]))\(chance(20) ? pick([".", ",", "\n" + inlineLine()]) : "")"
    }

    mutating func indentedLine() -> String {
        pick([" ", "  ", "\t"]) + inlineLine()
    }

    mutating func htmlBlock() -> String {
        switch random.next(7) {
        case 0: return "<div\(chance(50) ? " class=\"note\"" : "")>\n\(lines())\n</div>"
        case 1: return "<pre>\n\(codeText())\n</pre>"
        case 2: return "<!-- \(word()) -->"
        case 3: return "<script>alert(1)</script>"
        case 4: return "<div>\(inlineLine())</div>"
        case 5: return "<\(pick(["p", "span", "a f=", "b", "img src=\"x\" /"]))\(pick([">", "", " "]))\(inlineLine())"
        default: return "</\(pick(["div", "p", "pre"]))>"
        }
    }

    // MARK: Lists and tables

    mutating func list() -> String {
        var depth = 1
        var items: [String] = []
        let marker = pick(["*", "#", "*", "#"])
        for index in 0..<count(1...5) {
            if index > 0 { depth = max(1, min(3, depth + count(-1...1))) }
            var mark = String(repeating: chance(85) ? marker : pick(["*", "#"]), count: depth)
            if index == 0, mark.hasPrefix("#"), chance(25) { mark += pick(["_", "3", "10"]) }
            let attributes = chance(15) ? listAttributes() : ""
            items.append((chance(5) ? " " : "") + mark + attributes + pick([" ", " ", "  "]) + inlineLine())
            if chance(10) { items.append(inlineLine()) }
        }
        return items.joined(separator: "\n")
    }

    mutating func definitionList() -> String {
        var items: [String] = []
        for _ in 0..<count(1...3) {
            if chance(25) {
                items.append("- \(word()) :=\n\(lines())\(pick(["\n=:", " =:", "=:", ""]))")
            } else {
                items.append("- \(phraseWords()) := \(inlineLine())")
            }
        }
        return items.joined(separator: "\n")
    }

    mutating func table() -> String {
        var rows: [String] = []
        if chance(30) { rows.append("table\(blockAttributes()).") }
        let columns = count(1...4)
        for _ in 0..<count(1...4) {
            var row = chance(15) ? blockAttributes() + ". " : ""
            row += "|"
            for _ in 0..<columns {
                row += chance(40) ? cellAttributes() : ""
                row += chance(85) ? cellText() : pick(["", " ", "\n", "\n" + word()])
                row += "|"
            }
            if chance(10) { row += pick([" ", "x", "\n" + word()]) }
            rows.append(row)
        }
        return rows.joined(separator: "\n")
    }

    mutating func cellAttributes() -> String {
        let spec = pick(["_", "\\2", "/3", "{color:red}", "^", "~", "<", ">", "=", "<>", "(cls)", "_\\2", "-", "[fr]", ""])
        return spec + pick([". ", ". ", ".", "."]) + (chance(5) ? "\n" : "")
    }

    mutating func cellText() -> String {
        (0..<count(1...3)).map { _ in chance(60) ? word() : inlineElement() }.joined(separator: " ")
    }

    // MARK: Attributes

    mutating func blockAttributes() -> String {
        guard chance(30) else { return "" }
        return (0..<count(1...2)).map { _ in
            pick(["(note)", "(#top)", "(a#b)", "{color:red}", "{font-size:1em;}", "[en]", "<", ">", "=", "<>", "(", ")", "()", "-", "^", "~"])
        }.joined()
    }

    mutating func listAttributes() -> String {
        pick(["(s)", "(#i)", "{color:red}", "[de]", "()", "(s)()", "<", "(", ")"])
    }

    mutating func phraseAttributes() -> String {
        guard chance(25) else { return "" }
        return pick(["(cls)", "(#id)", "{color:red}", "[fr]", "(c#i)", "()", "(", "{x}", "(a)(b)"])
    }

    // MARK: Inline

    mutating func inlineLine() -> String {
        var text = ""
        for index in 0..<count(1...9) {
            if index > 0 { text += pick([" ", " ", " ", " ", "", "  ", ", ", ". "]) }
            text += chance(45) ? word() : inlineElement()
        }
        if chance(30) { text += pick([".", "!", "?", ":", ";", ")", "..."]) }
        return text
    }

    /// A few plain words, as a phrase's or a link's text.
    mutating func phraseWords() -> String {
        (0..<count(1...3)).map { _ in word() }.joined(separator: " ")
    }

    mutating func word() -> String {
        pick([
            "Fixed", "crash", "on", "launch", "the", "login", "screen", "sync", "API", "iOS", "v2.1", "HTTP",
            "URL", "settings", "dark", "mode", "offline", "users", "a", "it's", "don't", "2.0", "10%", "x",
            "iPad", "macOS", "Added", "Removed", "bug", "#412", "foo_bar", "e-mail", "and/or", "v1.2.3", "NASA",
            "O'Brien", "C++", "x_y_z", "1st", "e.g.", "TODO", "GPU", "http://x.com", "café", "naïve", "→",
        ])
    }

    mutating func codeText() -> String {
        pick(["let x = 1", "a < b && c > d", "if (x) { y(); }", "<b>bold</b>", "*not* _emph_", "a\n  b",
              "x = \"q\"", "  indented", "@at@", "--flag", "&amp;", word(), inlineLine()])
    }

    mutating func url() -> String {
        pick(["http://x.com", "https://example.com/a/b", "http://x.com/a_b?c=d&e=f", "/docs", "#top", "mailto:a@b.c",
              "http://x.com/(a)", "h", "m", "docs", "tracker", "ftp://f.org/x.tgz", "http://x.com/a%20b", "x.html"])
    }

    mutating func inlineElement() -> String {
        switch random.next(22) {
        case 0, 1, 2: return phrase()
        case 3: return bracketedPhrase()
        case 4, 5: return link()
        case 6, 7: return image()
        case 8: return "[\(count(1...3))]"
        case 9, 10: return glyph()
        case 11: return pick(["&amp;", "&#169;", "&copy;", "&", "&x", "&#;", "&lt;b&gt;"])
        case 12: return inlineHTML()
        case 13: return pick(["ABC(A Big Company)", "NATO", "CSS(Cascading)", "W3C(World Wide Web)", "ABC"])
        case 14: return "@\(pick(["code", "a < b", "x@y", "f()", "`tick`"]))@"
        case 15: return "\"\(phraseWords())\""
        case 16: return "'\(phraseWords())'"
        case 17, 18: return soup()
        case 19: return "\(word())\(pick(["*", "_", "-", "+", "^", "~", "%", "@", "!", "\"", "'", "(", ")", "[", "]"]))\(word())"
        default: return pick(["==raw *x*==", "```snip```", "[RedCloth::VERSION]", "(c)", "[r]", "[tm]"])
        }
    }

    mutating func phrase() -> String {
        let marker = pick(["*", "_", "-", "+", "^", "~", "%", "@", "??", "**", "__", "*", "_"])
        let inner = chance(15) ? inlineElement() : phraseWords()
        return marker + phraseAttributes() + inner + marker
    }

    mutating func bracketedPhrase() -> String {
        let marker = pick(["*", "_", "-", "+", "^", "~", "%", "@", "??", "**", "__"])
        return "\(pick(["", word()]))[\(marker)\(phraseAttributes())\(phraseWords())\(marker)]\(pick(["", word(), "."]))"
    }

    mutating func link() -> String {
        let says = chance(85) ? phraseWords() : pick([".", "...", "\"", " d()", "x()", "'q'", "*b*", "!i.png!", "a \"b\" c"])
        let title = chance(20) ? "(\(pick(["Title", "a b", "", "x(y)"])))" : ""
        let attributes = chance(15) ? phraseAttributes() : ""
        let form = "\"\(attributes)\(says)\(title)\":\(url())"
        let after = chance(40) ? pick([".", ",", ")", "!", "?", ";", ":", "'s", "]", "/", "-"]) : ""
        return chance(15) ? "[\(form)]\(after)" : form + after
    }

    mutating func image() -> String {
        let align = chance(30) ? pick(["<", ">", "="]) : ""
        let attributes = chance(20) ? phraseAttributes() + pick(["", "(", ")", "[", ":"]) : ""
        let source = pick(["icon.gif", "/img/a.png", "http://x.com/i.png", "f", "a b.png", "shot.jpg"])
        let alt = chance(30) ? "(\(pick(["alt text", "Screenshot", "", "a(b)"])))" : ""
        let link = chance(25) ? ":" + url() : ""
        let form = "!\(align)\(attributes)\(source)\(alt)!\(link)"
        let after = chance(30) ? pick([".", ",", ")", "]", " x", "!"]) : ""
        return chance(15) ? "[\(form)]\(after)" : form + after
    }

    mutating func glyph() -> String {
        pick(["--", " - ", "...", "(c)", "(r)", "(tm)", "(TM)", "2 x 3", "2x3", "3'x4\"", "->", "'s", "\"quoted\"",
              "'single'", "--x--", "a -- b", "x - y", "1...2", "(C)", " -- ", "---"])
    }

    mutating func inlineHTML() -> String {
        pick(["<b>x</b>", "<br>", "<br />", "<span class=\"v\">v</span>", "<code>a<b</code>", "<a href=\"x\">y</a>",
              "<em>", "</em>", "<img src=\"i.png\">", "<notextile>*x*</notextile>", "<!-- c -->", "<i", "<a f=", "<x y='z'>",
              "<kbd>K</kbd>"])
    }

    /// Textile's special characters thrown together with a few letters.
    mutating func soup() -> String {
        let alphabet = Array("*_-+^~%@?=!\"'[](){}<>|.:#&\\/ ;,`x1aA".unicodeScalars)
        var text = ""
        for _ in 0..<count(1...8) { text.unicodeScalars.append(pick(alphabet)) }
        return text
    }

    mutating func soupLine() -> String {
        (0..<count(1...4)).map { _ in chance(50) ? soup() : inlineElement() }.joined(separator: pick(["", " "]))
    }
}
