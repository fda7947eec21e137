import CommonMark
import Foundation
import HockeyApp
import Textile

/// Writes a `PreviewPage` as HTML5. Every piece of text from the notes or the build goes through
/// `HTMLEscaping`; the renderings are whole documents in `srcdoc` attributes.
struct PreviewPageWriter {
    let page: PreviewPage
    let reloadScriptURL: String?

    func document() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(HTMLEscaping.attribute(PreviewPage.contentSecurityPolicy(allowsOwnOriginScript: reloadScriptURL != nil)))">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLEscaping.text(pageTitle)) — release notes preview</title>
            <style>
            \(PreviewStyle.page)
            </style>
            </head>
            <body>

            """
        html += header() + "<main>\n" + notices() + length() + renderings() + clip() + "</main>\n" + footer()
        if let reloadScriptURL { html += "<script src=\"\(HTMLEscaping.attribute(reloadScriptURL))\"></script>\n" }
        return html + "</body>\n</html>\n"
    }

    private var pageTitle: String {
        var title = page.appName
        if let version = page.build?.version { title += " " + version }
        if let number = page.build?.buildNumber { title += " (\(number))" }
        return title
    }

    private func header() -> String {
        let initial = page.appName.first.map { String($0).uppercased() } ?? "?"
        var html = "<header class=\"version\">\n<div class=\"icon\" aria-hidden=\"true\">\(HTMLEscaping.text(initial))</div>\n<div>\n"
        html += "<h1>\(HTMLEscaping.text(page.appName))</h1>\n"
        guard let build = page.build else {
            return html + "<p class=\"release\">Release notes preview (no build given)</p>\n</div>\n</header>\n"
        }
        var release: [String] = []
        if let version = build.version { release.append("Version \(HTMLEscaping.text(version))") }
        if let number = build.buildNumber { release.append("(\(HTMLEscaping.text(number)))") }
        html += "<p class=\"release\">\(release.isEmpty ? "Release notes preview" : release.joined(separator: " "))</p>\n"
        var facts: [(String, String, String?)] = []
        if let date = build.date { facts.append(("Date", HTMLEscaping.text(date), nil)) }
        if let size = build.sizeBytes {
            facts.append(("Size", HTMLEscaping.size(size), "\(HTMLEscaping.grouped(Int(clamping: size))) bytes"))
        }
        if let minimumOS = build.minimumOS { facts.append(("Minimum OS", HTMLEscaping.text(minimumOS), nil)) }
        if !facts.isEmpty {
            html += "<dl class=\"facts\">\n"
            for (term, value, title) in facts {
                let titleAttribute = title.map { " title=\"\(HTMLEscaping.attribute($0))\"" } ?? ""
                html += "<div><dt>\(term)</dt><dd\(titleAttribute)>\(value)</dd></div>\n"
            }
            html += "</dl>\n"
        }
        return html + "</div>\n</header>\n"
    }

    private static let normalisation =
        "Compared after ignoring comments, whitespace next to block-level tags and <br>, runs of spaces "
        + "outside <pre>, how characters are escaped (&quot; is \"), and the order of attributes."

    private func notices() -> String {
        guard let comparison = page.comparison else {
            var html = """
                <div class="notice info" id="textile-only"><p>These notes are Textile, so the server shows RedCloth's \
                rendering of them. There is no Markdown column: shipnotes does not turn Textile into Markdown.</p></div>

                """
            if page.notesType == .markdown {
                html += """
                    <div class="notice error" id="textile-as-markdown"><p><strong>Textile sent as Markdown.</strong> \
                    With <code>notes_type=1</code> the server would put this Textile through cmark; shipnotes refuses \
                    to upload it so. Send it with <code>--notes-type textile</code>.</p></div>

                    """
            }
            return html
        }
        let testers = page.notesType == .markdown ? "cmark" : "RedCloth"
        guard let difference = comparison.firstDifference else {
            return """
                <div class="notice ok" id="comparison" role="status"><p><strong>The renderings match.</strong> cmark's HTML \
                of the Markdown and RedCloth's HTML of the Textile written for it show the same notes.</p>\
                <details><summary>How they were compared</summary>\(HTMLEscaping.text(Self.normalisation))</details></div>

                """
        }
        let place = difference.element.isEmpty ? "at the top level" : "in <code>\(HTMLEscaping.text(difference.element))</code>"
        let after = difference.textBefore.isEmpty ? "" : ", after “\(HTMLEscaping.text(difference.textBefore))”"
        return """
            <div class="notice warning" id="comparison" role="alert">
            <p><strong>The renderings differ.</strong> The first difference is \(place)\(after):</p>
            <p>cmark: <code>\(HTMLEscaping.text(difference.markdownExcerpt))</code></p>
            <p>RedCloth: <code>\(HTMLEscaping.text(difference.textileExcerpt))</code></p>
            <p>Testers see the \(testers) rendering (<code>notes_type=\(page.notesType.rawValue)</code>).</p>
            <details><summary>How they were compared</summary>\(HTMLEscaping.text(Self.normalisation))</details>
            </div>

            """
    }

    private var uploadedLanguage: String {
        page.notesKind == .markdown && page.notesType == .markdown ? "Markdown" : "Textile"
    }

    private func length() -> String {
        let limit = NotesClipper.serverLimit
        var html = """
            <section class="panel length" id="length">
            <h2>Length</h2>
            <p class="count"><strong>\(HTMLEscaping.grouped(page.length))</strong> / \(HTMLEscaping.grouped(limit)) characters \
            of the \(uploadedLanguage) sent as <code>notes</code> (Unicode code points, as the server counts them)</p>
            <meter min="0" max="\(limit)" low="\(limit * 8 / 10)" high="\(limit * 95 / 100)" optimum="0" \
            value="\(min(page.length, limit))">\(HTMLEscaping.grouped(page.length)) of \(HTMLEscaping.grouped(limit))</meter>

            """
        if page.length > limit {
            html += """
                <p class="over">Over the limit by \(HTMLEscaping.grouped(page.length - limit)): the server keeps the first \
                \(HTMLEscaping.grouped(limit)) and cuts the rest wherever it falls. See what <code>--clip-notes</code> would keep below.</p>

                """
        }
        return html + "</section>\n"
    }

    private func renderings() -> String {
        var html = "<section class=\"renderings\" aria-label=\"Renderings\">\n"
        for rendering in page.renderings {
            let isCmark = rendering.renderer == .cmark
            let name = isCmark ? "Markdown · cmark" : "Textile · RedCloth"
            let badge = rendering.isWhatTestersSee
                ? "<span class=\"badge\">What testers see</span>"
                : "<span class=\"badge other\">For comparison</span>"
            let caption = isCmark
                ? "What the server shows for <code>notes_type=1</code>: cmark \(HTMLEscaping.text(MarkdownDocument.cmarkVersion)), raw HTML omitted."
                : page.notesKind == .markdown
                    ? "What the server shows for <code>notes_type=0</code>: the Textile shipnotes writes for the Markdown, rendered as RedCloth 4.3 does."
                    : "What the server shows for <code>notes_type=0</code>, rendered as RedCloth 4.3 does."
            let identifier = isCmark ? "cmark" : "redcloth"
            html += """
                <article class="rendering\(rendering.isWhatTestersSee ? " testers" : "")" id="rendering-\(identifier)">
                <h2>\(name) \(badge)</h2>
                <p class="caption">\(caption)</p>
                \(Self.frame(rendering.html, id: "notes-\(identifier)", title: "Release notes as \(name) renders them"))
                <details class="source"><summary>\(isCmark ? "The Markdown" : "The Textile")</summary><pre>\(HTMLEscaping.text(rendering.source))</pre></details>
                </article>

                """
        }
        return html + "</section>\n"
    }

    private func clip() -> String {
        guard let clipped = page.clippedNotes else { return "" }
        let uploaded = page.uploadedNotes
        // The clipper cuts at a line (a prefix of the notes) or at a word, adding `…`.
        let kept = uploaded.hasPrefix(clipped) ? clipped : String(clipped.dropLast())
        let dropped = uploaded.dropFirst(kept.count)
        let cutAt = uploaded.hasPrefix(clipped) ? "after the last whole line that fits" : "after the last whole word that fits, adding “…”"
        let html = page.notesKind == .markdown && page.notesType == .markdown
            ? MarkdownDocument(clipped).html() : TextileDocument(clipped).html()
        return """
            <section class="panel clip" id="clip">
            <h2>What <code>--clip-notes</code> would keep</h2>
            <p>\(HTMLEscaping.grouped(NotesClipper.length(of: clipped))) of \(HTMLEscaping.grouped(page.length)) characters, \
            cut \(cutAt); \(HTMLEscaping.grouped(NotesClipper.length(of: String(dropped)))) characters are left out.</p>
            <pre class="cut"><span class="kept">…\(HTMLEscaping.text(String(kept.suffix(400))))</span><span class="scissors"> ✂ </span>\
            <span class="dropped">\(HTMLEscaping.text(String(dropped.prefix(200))))…</span></pre>
            \(Self.frame(html, id: "notes-clipped", title: "The clipped notes as the server renders them"))
            <details class="source"><summary>The whole clipped text</summary><pre>\(HTMLEscaping.text(clipped))</pre></details>
            </section>

            """
    }

    private func footer() -> String {
        """
        <footer>Rendered by shipnotes: Markdown with cmark \(HTMLEscaping.text(MarkdownDocument.cmarkVersion)), Textile with \
        its renderer that matches RedCloth 4.3. The page loads nothing from the network, and the notes frames run no script.</footer>

        """
    }

    /// A sandboxed frame holding `notesHTML` as a document of its own, under a policy that allows
    /// no script. `sandbox` with no tokens: no scripts, an opaque origin, no forms, no popups, no
    /// navigating the page.
    static func frame(_ notesHTML: String, id: String, title: String) -> String {
        let document = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">\
            <meta http-equiv="Content-Security-Policy" content="\(PreviewPage.notesContentSecurityPolicy)">\
            <style>\(PreviewStyle.notes)</style></head><body>
            \(notesHTML)</body></html>
            """
        return "<iframe sandbox=\"\" id=\"\(id)\" title=\"\(HTMLEscaping.attribute(title))\" srcdoc=\"\(HTMLEscaping.attribute(document))\"></iframe>"
    }
}
