import CommonMark
import Testing

@Suite struct MarkdownDocumentTests {
    /// The children of the first top-level block.
    private func firstBlock(_ markdown: String, options: MarkdownOptions = []) -> MarkdownNode {
        MarkdownDocument(markdown, options: options).root.children[0]
    }

    @Test func headingKeepsLevelAndInlineChildren() {
        let heading = firstBlock("### Fixed *crash*\n")
        #expect(heading.kind == .heading(level: 3))
        #expect(heading.children.map(\.kind) == [.text("Fixed "), .emphasis])
        #expect(heading.children[1].children == [MarkdownNode(kind: .text("crash"), range: SourceRange(startLine: 1, startColumn: 12, endLine: 1, endColumn: 16))])
        #expect(heading.range == SourceRange(startLine: 1, startColumn: 1, endLine: 1, endColumn: 17))
    }

    @Test(arguments: [
        ("- a\n- b\n", MarkdownNode.Kind.list(type: .bullet, start: 0, tight: true, delimiter: .none)),
        ("3) a\n4) b\n", .list(type: .ordered, start: 3, tight: true, delimiter: .paren)),
        ("7. a\n\n8. b\n", .list(type: .ordered, start: 7, tight: false, delimiter: .period)),
    ])
    func listAttributes(markdown: String, expected: MarkdownNode.Kind) {
        let list = firstBlock(markdown)
        #expect(list.kind == expected)
        #expect(list.children.count == 2)
        #expect(list.children.allSatisfy { $0.kind == .item })
    }

    @Test func codeBlockKeepsInfoAndLiteral() {
        #expect(firstBlock("```swift title\nlet x = 1\n```\n").kind == .codeBlock(info: "swift title", literal: "let x = 1\n"))
        #expect(firstBlock("    indented\n").kind == .codeBlock(info: "", literal: "indented\n"))
    }

    @Test func inlinesOfEveryKind() {
        let paragraph = firstBlock("[a](/u \"t\") ![i](/s) `c` **s** <b>  \nx\ny")
        let kinds = paragraph.children.map(\.kind)
        #expect(kinds == [
            .link(destination: "/u", title: "t"), .text(" "), .image(source: "/s", title: ""), .text(" "),
            .code("c"), .text(" "), .strong, .text(" "), .htmlInline("<b>"), .text(""), .lineBreak, .text("x"), .softBreak, .text("y"),
        ])
    }

    @Test func blocksOfEveryKind() {
        let document = MarkdownDocument("> quote\n\n<div>\nraw\n</div>\n\n***\n")
        #expect(document.root.kind == .document)
        #expect(document.root.children.map(\.kind) == [.blockQuote, .htmlBlock(literal: "<div>\nraw\n</div>\n"), .thematicBreak])
        #expect(document.root.children[0].children[0].kind == .paragraph)
    }

    @Test func smartPunctuationChangesTheTree() {
        let plain = firstBlock("\"Fixed\" -- it...")
        let smart = firstBlock("\"Fixed\" -- it...", options: .smart)
        #expect(plain.children.map(\.kind) == [.text("\"Fixed\" -- it...")])
        #expect(smart.children.map(\.kind) == [.text("\u{201C}Fixed\u{201D} \u{2013} it\u{2026}")])
        #expect(MarkdownDocument("'a'", options: .smart).html() == "<p>\u{2018}a\u{2019}</p>\n")
    }

    @Test func rawHTMLIsOmittedUnlessUnsafe() {
        let document = MarkdownDocument("<script>x</script>\n\n[l](javascript:alert(1))\n")
        #expect(document.html() == "<!-- raw HTML omitted -->\n<p><a href=\"\">l</a></p>\n")
        #expect(document.html(options: .unsafe) == "<script>x</script>\n<p><a href=\"javascript:alert(1)\">l</a></p>\n")
    }

    @Test func breakOptions() {
        let document = MarkdownDocument("a\nb\n")
        #expect(document.html() == "<p>a\nb</p>\n")
        #expect(document.html(options: .hardBreaks) == "<p>a<br />\nb</p>\n")
        #expect(document.html(options: .noBreaks) == "<p>a b</p>\n")
    }

    @Test func sourcePositions() {
        let document = MarkdownDocument("# T\n\npara\n")
        #expect(document.html(options: .sourcePositions) == "<h1 data-sourcepos=\"1:1-1:3\">T</h1>\n<p data-sourcepos=\"3:1-3:4\">para</p>\n")
        #expect(document.xml(options: .sourcePositions).contains("<paragraph sourcepos=\"3:1-3:4\">"))
    }

    @Test func sourceRangeKeepsPositionsAndClampsHugeOnes() {
        var range = SourceRange(startLine: 3, startColumn: 1, endLine: 70_000, endColumn: 2_147_483_647)
        #expect([range.startLine, range.startColumn, range.endLine, range.endColumn] == [3, 1, 70_000, 2_147_483_647])
        range.endColumn = Int.max
        #expect(range.endColumn == Int(Int32.max))
        range.startLine = 9
        #expect(range.description == "9:1-70000:2147483647")
    }

    /// A document of many top-level blocks: the copy frees each C block as it goes.
    @Test func everyTopLevelBlockIsCopied() {
        let markdown = (1...300).map { "## \($0)\n\n* item \($0)\n" }.joined()
        let blocks = MarkdownDocument(markdown).root.children
        #expect(blocks.count == 600)
        #expect(blocks[598].children.map(\.kind) == [.text("300")])
        #expect(blocks[599].range == SourceRange(startLine: 900, startColumn: 1, endLine: 900, endColumn: 10))
    }

    @Test func invalidUTF8IsReplaced() {
        let document = MarkdownDocument(bytes: [0x61, 0xFF, 0x62, 0x0A])
        #expect(document.root.children[0].children == [MarkdownNode(kind: .text("a\u{FFFD}b"), range: SourceRange(startLine: 1, startColumn: 1, endLine: 1, endColumn: 5))])
        #expect(MarkdownDocument.html(fromMarkdown: [0x61, 0xFF, 0x0A]) == "<p>a\u{FFFD}</p>\n")
    }

    @Test func emptyInput() {
        #expect(MarkdownDocument("").root == MarkdownNode(kind: .document, range: SourceRange(startLine: 1, startColumn: 1, endLine: 0, endColumn: 0)))
        #expect(MarkdownDocument("").html() == "")
        #expect(MarkdownDocument.html(fromMarkdown: []) == "")
    }

    @Test func deepNestingIsCopiedComparedAndFreedWithoutRecursion() {
        let depth = 100_000
        let quotes = MarkdownDocument(String(repeating: ">", count: depth) + " deep\n")
        var node = quotes.root
        var levels = 0
        while let child = node.children.first, child.kind == .blockQuote {
            node = child
            levels += 1
        }
        #expect(levels == depth)
        let rebuilt = MarkdownDocument(root: quotes.root)
        #expect(rebuilt.html() == quotes.html())
        #expect(rebuilt == quotes)
        #expect(rebuilt.hashValue == quotes.hashValue)
        // Dropping both documents at the end of the test must not overflow the stack either.
    }

    /// `forEachBlock` hands over the same blocks, positions included, that the document holds,
    /// even where a block's content depends on the rest of the document (a link reference
    /// defined at the end).
    @Test func blocksOneAtATimeAreTheDocumentsBlocks() {
        let markdown = (1...50).map { "## \($0)\n\n* [item][ref] \($0)\n\n> quote\n" }.joined() + "\n[ref]: http://x.org\n"
        for options: MarkdownOptions in [[], .smart] {
            var streamed: [MarkdownNode] = []
            MarkdownDocument.forEachBlock(fromMarkdown: Array(markdown.utf8), options: options) { streamed.append($0) }
            let document = MarkdownDocument(markdown, options: options)
            #expect(streamed == document.root.children)
            #expect(streamed.count == 150)
        }
        var repaired: [MarkdownNode] = []
        MarkdownDocument.forEachBlock(fromMarkdown: [0x61, 0xFF, 0x62, 0x0A]) { repaired.append($0) }
        #expect(repaired == MarkdownDocument(bytes: [0x61, 0xFF, 0x62, 0x0A]).root.children)
        var none = 0
        MarkdownDocument.forEachBlock(fromMarkdown: Array("\n  \n".utf8)) { _ in none += 1 }
        #expect(none == 0)
    }

    /// Trees built and changed by hand keep track of their height, so that one too deep to release
    /// recursively is still taken apart iteratively (and a shallow one the fast way).
    @Test func deepTreesBuiltByHandAreFreedWithoutRecursion() {
        var node = MarkdownNode(kind: .text("leaf"))
        for level in 0..<100_000 {
            node = MarkdownNode(kind: level.isMultiple(of: 2) ? .emphasis : .strong, children: [node])
        }
        var document = MarkdownNode(kind: .document, children: [MarkdownNode(kind: .paragraph, children: [node])])
        // Replace the children of a uniquely referenced node in place, then deepen it again.
        document.children = [MarkdownNode(kind: .paragraph, children: [MarkdownNode(kind: .text("short"))])]
        document.children = [MarkdownNode(kind: .paragraph, children: [node]), MarkdownNode(kind: .thematicBreak)]
        #expect(document.children.count == 2)
        var streamedDepth = 0
        MarkdownDocument.forEachBlock(fromMarkdown: Array((String(repeating: ">", count: 50_000) + " deep\n").utf8)) { block in
            var current = block
            while let child = current.children.first {
                current = child
                streamedDepth += 1
            }
        }
        #expect(streamedDepth == 50_000 + 1)  // 49,999 more quotes, the paragraph and its text
        // Dropping `node`, `document` and the streamed block must not overflow the stack.
    }

    @Test func builtTreeRendersThroughCmark() {
        let tree = MarkdownNode(kind: .document, children: [
            MarkdownNode(kind: .heading(level: 2), children: [MarkdownNode(kind: .text("1.2 <beta>"))]),
            MarkdownNode(kind: .list(type: .ordered, start: 4, tight: true, delimiter: .paren), children: [
                MarkdownNode(kind: .item, children: [
                    MarkdownNode(kind: .paragraph, children: [
                        MarkdownNode(kind: .link(destination: "https://x.test/?a=1&b", title: "T"), children: [MarkdownNode(kind: .text("link"))]),
                    ]),
                ]),
            ]),
            MarkdownNode(kind: .codeBlock(info: "sh", literal: "make test\n")),
        ])
        #expect(MarkdownDocument(root: tree).html() == """
            <h2>1.2 &lt;beta&gt;</h2>
            <ol start="4">
            <li><a href="https://x.test/?a=1&amp;b" title="T">link</a></li>
            </ol>
            <pre><code class="language-sh">make test
            </code></pre>

            """)
    }

    @Test func cmarkVersionIsReported() {
        let parts = MarkdownDocument.cmarkVersion.split(separator: ".")
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { Int($0) != nil })
    }
}
