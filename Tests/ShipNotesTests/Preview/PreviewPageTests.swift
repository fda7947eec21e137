import CommonMark
import Foundation
import HockeyApp
import Testing

@testable import ShipNotes

/// The preview page's structure: its policy, its sandboxed frames, the notes escaped into them,
/// the comparison of the two renderings, the length and the clipping.
@Suite struct PreviewPageTests {
    static let build = PreviewPage.Build(
        appName: "Skyline", version: "2.1.0", buildNumber: "421", date: "2025-11-18", sizeBytes: 48_213_504,
        minimumOS: "iOS 16.0")

    /// The `<iframe …>` start tags of `html`, each as its attributes, decoded.
    static func frames(in html: String) -> [[String: String]] {
        NormalizedHTML(html).tokens.compactMap { token in
            guard case let .start(name, attributes) = token, name == "iframe" else { return nil }
            return Dictionary(attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Whether every element of the page that needs an end tag has one, in order.
    static func isBalanced(_ html: String) -> Bool {
        var open: [String] = []
        for token in NormalizedHTML(html).tokens {
            switch token {
            case let .start(name, _) where !NormalizedHTML.voidElements.contains(name): open.append(name)
            case let .end(name):
                guard open.last == name else { return false }
                open.removeLast()
            default: break
            }
        }
        return open.isEmpty
    }

    @Test func policyAndFrames() throws {
        let html = PreviewPage(notes: "# 2.1.0\n\n* Fixed the **crash** on login\n", build: Self.build).html()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'none'"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(Self.isBalanced(html))
        let frames = Self.frames(in: html)
        #expect(frames.map { $0["id"] } == ["notes-cmark", "notes-redcloth"])
        for frame in frames {
            #expect(frame["sandbox"] == "")
            let document = try #require(frame["srcdoc"])
            #expect(document.hasPrefix("<!DOCTYPE html>"))
            #expect(document.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(PreviewPage.notesContentSecurityPolicy)\">"))
            #expect(document.contains("<strong>crash</strong>"))
        }
        #expect(!html.contains("allow-scripts") && !html.contains("allow-same-origin"))
    }

    @Test func header() {
        let html = PreviewPage(notes: "Notes\n", build: Self.build).html()
        #expect(html.contains("<title>Skyline 2.1.0 (421) — release notes preview</title>"))
        #expect(html.contains("<h1>Skyline</h1>"))
        #expect(html.contains("<p class=\"release\">Version 2.1.0 (421)</p>"))
        #expect(html.contains("<dt>Date</dt><dd>2025-11-18</dd>"))
        #expect(html.contains("<dt>Size</dt><dd title=\"48,213,504 bytes\">48.2 MB</dd>"))
        #expect(html.contains("<dt>Minimum OS</dt><dd>iOS 16.0</dd>"))
        let bare = PreviewPage(notes: "Notes\n", title: "Sky <Beta>").html()
        #expect(bare.contains("<h1>Sky &lt;Beta&gt;</h1>"))
        #expect(!bare.contains("<dl"))
    }

    /// Notes are text inside an attribute: a script, a quote or an ampersand in them cannot end
    /// the attribute or start a tag of the page.
    @Test func notesAreEscapedIntoTheirFrame() throws {
        let notes = "h2. Hostile \"notes\" & more\n\n<script>parent.document.title='pwned'</script>\n\n\"click\":javascript:alert(1)\n"
        let page = PreviewPage(notes: notes, notesKind: .textile, notesType: .textile)
        let html = page.html()
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;parent.document.title='pwned'&lt;/script&gt;"))
        let frames = Self.frames(in: html)
        #expect(frames.count == 1)
        let document = try #require(frames.first?["srcdoc"])
        #expect(document.contains("\n" + page.renderings[0].html + "</body></html>"))
        #expect(page.renderings[0].html.contains("<script>"))
        #expect(page.renderings[0].html.contains("href=\"javascript:alert(1)\""))
        #expect(Self.isBalanced(html))
    }

    @Test func textileNotesHaveOneColumnAndSayWhy() {
        let html = PreviewPage(notes: "h2. 2.1.0\n\n* Fixed\n", notesKind: .textile, notesType: .textile).html()
        #expect(html.contains("id=\"textile-only\""))
        #expect(html.contains("There is no Markdown column"))
        #expect(!html.contains("id=\"rendering-cmark\""))
        #expect(html.contains("<article class=\"rendering testers\" id=\"rendering-redcloth\">"))
        #expect(!html.contains("id=\"textile-as-markdown\""))
        let asMarkdown = PreviewPage(notes: "h2. 2.1.0\n", notesKind: .textile, notesType: .markdown).html()
        #expect(asMarkdown.contains("id=\"textile-as-markdown\""))
    }

    @Test func whatTestersSeeFollowsTheNotesType() {
        let markdown = PreviewPage(notes: "Fixed\n", notesType: .markdown)
        #expect(markdown.renderings.map(\.isWhatTestersSee) == [true, false])
        #expect(markdown.html().contains("<article class=\"rendering testers\" id=\"rendering-cmark\">"))
        let textile = PreviewPage(notes: "Fixed\n", notesType: .textile)
        #expect(textile.renderings.map(\.isWhatTestersSee) == [false, true])
        #expect(textile.html().contains("<article class=\"rendering testers\" id=\"rendering-redcloth\">"))
    }

    /// RedCloth's smart quotes are a difference a reader sees.
    @Test func smartQuotesDiffer() throws {
        let difference = try #require(PreviewPage(notes: "See \"quotes\"\n").comparison?.firstDifference)
        #expect(difference.textBefore == "See")
        #expect(difference.markdownExcerpt == "\"quotes\"</p>")
        #expect(difference.textileExcerpt == "“quotes”</p>")
    }

    @Test func matchingRenderings() {
        let page = PreviewPage(notes: "# 2.1.0\n\n* Fixed the **crash** on login\n* Sync of `a*b` & NASA API keys\n\n> Thanks\n")
        #expect(page.comparison?.renderingsMatch == true)
        #expect(page.html().contains("<strong>The renderings match.</strong>"))
        #expect(!page.html().contains("role=\"alert\""))
    }

    /// cmark omits raw HTML; RedCloth shows it.
    @Test func differingRenderingsNameTheFirstPlace() throws {
        let page = PreviewPage(notes: "# 2.1.0\n\n* One\n* Raw <b>bold</b> here\n")
        let difference = try #require(page.comparison?.firstDifference)
        #expect(difference.element == "ul[1] › li[2]")
        #expect(difference.textBefore == "2.1.0 One Raw")
        #expect(difference.markdownExcerpt == "bold here</li></ul>")
        #expect(difference.summary == "in ul[1] › li[2] after “2.1.0 One Raw”: cmark has bold here</li></ul>, RedCloth has <b>bold</b> here</li></ul>")
        #expect(difference.textileExcerpt == "<b>bold</b> here</li></ul>")
        let html = page.html()
        #expect(html.contains("<strong>The renderings differ.</strong> The first difference is in <code>ul[1] › li[2]</code>, after “2.1.0 One Raw”"))
        #expect(html.contains("<p>RedCloth: <code>&lt;b&gt;bold&lt;/b&gt; here&lt;/li&gt;&lt;/ul&gt;</code></p>"))
    }

    @Test(arguments: [
        ("<p>a\n  b</p>\n<ul>\n\t<li>x</li>\n</ul>", "<p>a b</p><ul><li>x</li></ul>"),
        ("<p>&quot;x&quot; &#8217; &amp; &copy;</p>", "<p>\"x\" ’ &amp; ©</p>"),
        ("<p>one<br />\ntwo<!-- c --></p>", "<p>one<br>two</p>"),
        ("<IMG SRC='a.png' alt=x>", "<img alt=\"x\" src=\"a.png\">"),
        ("<pre><code>  a\n\n b</code></pre>", "<pre><code>  a\n\n b</code></pre>"),
        ("<p>a <em>b</em> <em>c</em> 1 < 2</p>", "<p>a <em>b</em> <em>c</em> 1 &lt; 2</p>"),
        ("<p>the <span class=\"caps\">NASA</span> <span class=\"x\">API</span></p>", "<p>the NASA <span class=\"x\">API</span></p>"),
    ])
    func normalisation(html: String, expected: String) {
        #expect(RenderingComparison.normalized(html) == expected)
    }

    @Test func differencesInsideText() throws {
        let comparison = RenderingComparison(markdownHTML: "<p>Fixed the crash.</p>", textileHTML: "<p>Fixed the crash!</p>")
        let difference = try #require(comparison.firstDifference)
        #expect(difference.element == "p[1]")
        #expect(difference.textBefore == "Fixed the crash")
        #expect(difference.markdownExcerpt == ".</p>")
        #expect(difference.textileExcerpt == "!</p>")
        let shorter = RenderingComparison(markdownHTML: "<p>a</p><p>b</p>", textileHTML: "<p>a</p>")
        #expect(shorter.firstDifference?.textileExcerpt == "(the end)")
    }

    @Test func lengthWithinTheLimit() {
        let page = PreviewPage(notes: "Fixed ünïcödé 🎉\n")
        #expect(page.length == NotesClipper.length(of: "Fixed ünïcödé 🎉\n"))
        #expect(page.clippedNotes == nil)
        let html = page.html()
        #expect(html.contains("<p class=\"count\"><strong>\(page.length)</strong> / 5,000 characters of the Markdown"))
        #expect(html.contains("<meter min=\"0\" max=\"5000\""))
        #expect(!html.contains("id=\"clip\""))
    }

    @Test func lengthOverTheLimitShowsTheClip() throws {
        let line = "* Fixed a crash when syncing a very long list of items over a slow network connection\n"
        let notes = String(repeating: line, count: 80)
        let page = PreviewPage(notes: notes)
        #expect(page.length == notes.unicodeScalars.count)
        let clipped = try #require(page.clippedNotes)
        #expect(clipped == NotesClipper.clip(notes))
        let html = page.html()
        #expect(html.contains("<strong>\(HTMLEscaping.grouped(page.length))</strong> / 5,000"))
        #expect(html.contains("class=\"over\">Over the limit by \(HTMLEscaping.grouped(page.length - 5_000))"))
        #expect(html.contains("<section class=\"panel clip\" id=\"clip\">"))
        #expect(html.contains("\(HTMLEscaping.grouped(NotesClipper.length(of: clipped))) of \(HTMLEscaping.grouped(page.length)) characters, cut after the last whole line"))
        #expect(Self.frames(in: html).map { $0["id"] } == ["notes-cmark", "notes-redcloth", "notes-clipped"])
        #expect(Self.isBalanced(html))
    }

    /// Markdown sent as Textile is measured as the Textile that is sent.
    @Test func lengthOfMarkdownSentAsTextile() {
        let notes = "- Fixed `a*b` in **sync**\n"
        let page = PreviewPage(notes: notes, notesType: .textile)
        #expect(page.uploadedNotes == NotesRendering.textile(fromMarkdown: notes))
        #expect(page.length == NotesClipper.length(of: page.uploadedNotes))
        #expect(page.html().contains("characters of the Textile sent as <code>notes</code>"))
    }

    @Test func theReloadVariantLoadsItsScriptFromThePagesOrigin() throws {
        let page = PreviewPage(notes: "Fixed\n")
        let html = page.html(reloadScriptURL: "/reload.js")
        #expect(html.contains("script-src 'self'; connect-src 'self'\">"))
        #expect(html.contains("<script src=\"/reload.js\"></script>\n</body>"))
        // No inline script: the policy could not tell one written into the page from the notes.
        #expect(!html.contains("<script>"))
        #expect(!page.html().contains("<script"))
        #expect(!page.html().contains("script-src 'self'"))
        for frame in Self.frames(in: html) {
            #expect(try #require(frame["srcdoc"]).contains("script-src 'none'"))
        }
        #expect(PreviewPage.reloadScript().contains("fetch(\"/version\""))
        #expect(PreviewPage.reloadScript(pollingURL: "/v\"</x>").contains("fetch(\"/v\\u0022\\u003c/x\\u003e\""))
    }
}

/// The page on each real changelog's first release, sent both ways.
@Suite(.enabled(if: RealChangelogs.isConfigured)) struct PreviewPageRealNotesTests {
    @Test(arguments: RealChangelogs.names)
    func firstRelease(name: String) throws {
        let outline = try ChangelogReader().outline(bytes: try RealChangelogs.bytes(name), path: name)
        let release = outline.release(at: 0)
        #expect(!release.notes.isEmpty)
        for notesType in UploadJob.NotesType.allCases {
            let page = PreviewPage(
                notes: release.notes, notesKind: .markdown, notesType: notesType,
                build: .init(appName: name, version: release.version?.written, date: release.date.map { "\($0)" }))
            let html = page.html()
            #expect(PreviewPageTests.isBalanced(html), "\(name): unbalanced tags")
            #expect(!html.contains("<script"))
            let frames = PreviewPageTests.frames(in: html)
            #expect(frames.count == (page.clippedNotes == nil ? 2 : 3))
            for (frame, rendering) in zip(frames, page.renderings) {
                #expect(frame["sandbox"] == "")
                #expect(try #require(frame["srcdoc"]).contains("\n" + rendering.html + "</body></html>"))
            }
            #expect(page.length == NotesClipper.length(of: notesType == .markdown ? release.notes : page.renderings[1].source))
            let comparison = try #require(page.comparison)
            #expect(html.contains(comparison.renderingsMatch ? "The renderings match." : "The renderings differ."))
            if notesType == .markdown {
                print("\(name) \(release.displayName): \(page.length) characters; "
                    + (comparison.firstDifference.map { "differ \($0.summary)" } ?? "renderings match"))
            }
        }
    }
}
