import CommonMark
import HockeyApp
import Textile

/// One self-contained HTML page that shows release notes as the distribution server's version page
/// would: the build's name, version and facts, the notes rendered for the chosen notes type, how
/// long they are against the server's limit and what `--clip-notes` would keep.
///
/// Markdown notes are shown twice, side by side: cmark's HTML (what the server shows for
/// `notes_type=1`) and RedCloth's HTML of the Textile `TextileWriter` writes for them (what it
/// shows for `notes_type=0`), with a warning naming the first place the two differ. Textile notes
/// have only their RedCloth rendering: shipnotes does not turn Textile into Markdown.
///
/// The page loads nothing: its CSS is inline and its Content-Security-Policy allows no fetch but
/// `data:` images. Each rendering is a separate document in an `<iframe sandbox srcdoc>` with no
/// `allow-scripts` (and no `allow-same-origin`) under the same policy, so a `<script>` or a
/// `javascript:` link in the notes cannot run.
///
/// ```swift
/// let page = PreviewPage(notes: notes, notesKind: .markdown, notesType: .markdown,
///                        build: .init(appName: "Sky", version: "2.1.0", buildNumber: "421"))
/// try page.html().write(toFile: "preview.html", atomically: true, encoding: .utf8)
/// ```
public struct PreviewPage: Sendable {
    /// What the version page says about the build; each fact is left out when nil.
    public struct Build: Sendable, Hashable {
        public var appName: String?
        /// The version people read (`CFBundleShortVersionString`).
        public var version: String?
        /// The build number (`CFBundleVersion`).
        public var buildNumber: String?
        /// The date as it should be shown (`2025-11-18`).
        public var date: String?
        public var sizeBytes: Int64?
        /// The minimum OS version (`iOS 16.0`).
        public var minimumOS: String?

        public init(
            appName: String? = nil, version: String? = nil, buildNumber: String? = nil, date: String? = nil,
            sizeBytes: Int64? = nil, minimumOS: String? = nil
        ) {
            self.appName = appName
            self.version = version
            self.buildNumber = buildNumber
            self.date = date
            self.sizeBytes = sizeBytes
            self.minimumOS = minimumOS
        }
    }

    /// One rendering of the notes, as one frame of the page shows it.
    public struct Rendering: Sendable, Hashable {
        public enum Renderer: String, Sendable, Hashable {
            case cmark, redCloth
        }

        public var renderer: Renderer
        /// The text the renderer was given: the Markdown, or the Textile.
        public var source: String
        /// The HTML the server shows for `source`.
        public var html: String
        /// Whether the chosen notes type makes the server show this rendering.
        public var isWhatTestersSee: Bool
    }

    public let notes: String
    public let notesKind: NotesTemplate.Kind
    public let notesType: UploadJob.NotesType
    public let build: Build?
    /// The page's heading: the build's app name, else the title given.
    public let appName: String
    /// The renderings shown, in order: cmark then RedCloth for Markdown notes, RedCloth alone for Textile.
    public let renderings: [Rendering]
    /// cmark against RedCloth, for Markdown notes; nil for Textile notes.
    public let comparison: RenderingComparison?
    /// What is sent as `notes`: the notes, or for Markdown sent as Textile, the Textile written for them.
    public let uploadedNotes: String
    /// The length of `uploadedNotes` as the server counts it (Unicode code points).
    public let length: Int
    /// What `--clip-notes` would send, when the notes are over the server's limit; nil when they fit.
    public let clippedNotes: String?

    /// Renders the notes every way the page shows them.
    ///
    /// - Parameters:
    ///   - notes: the notes as written.
    ///   - notesKind: the language `notes` are written in.
    ///   - notesType: what they are sent as, which decides what the server renders.
    ///   - build: the facts the page's header shows; without one, the header is `title` alone.
    ///   - title: the heading when `build` has no app name.
    public init(
        notes: String, notesKind: NotesTemplate.Kind = .markdown, notesType: UploadJob.NotesType = .markdown,
        build: Build? = nil, title: String = "Release notes"
    ) {
        self.notes = notes
        self.notesKind = notesKind
        self.notesType = notesType
        self.build = build
        appName = build?.appName.flatMap { $0.isEmpty ? nil : $0 } ?? title
        switch notesKind {
        case .markdown:
            let textile = NotesRendering.textile(fromMarkdown: notes)
            let cmark = Rendering(
                renderer: .cmark, source: notes, html: MarkdownDocument(notes).html(),
                isWhatTestersSee: notesType == .markdown)
            let redCloth = Rendering(
                renderer: .redCloth, source: textile, html: TextileDocument(textile).html(),
                isWhatTestersSee: notesType == .textile)
            renderings = [cmark, redCloth]
            comparison = RenderingComparison(markdownHTML: cmark.html, textileHTML: redCloth.html)
            uploadedNotes = notesType == .markdown ? notes : textile
        case .textile:
            // Textile sent as Markdown would go through cmark; shipnotes refuses to send it so, and
            // the page warns instead of showing a rendering nobody would get.
            renderings = [
                Rendering(renderer: .redCloth, source: notes, html: TextileDocument(notes).html(),
                          isWhatTestersSee: notesType == .textile)
            ]
            comparison = nil
            uploadedNotes = notes
        }
        length = NotesClipper.length(of: uploadedNotes)
        clippedNotes = length > NotesClipper.serverLimit ? NotesClipper.clip(uploadedNotes) : nil
    }

    /// The page, with no script at all.
    public func html() -> String {
        html(reloadScriptURL: nil)
    }

    /// The page, loading `reloadScriptURL` from its own origin as its one script when given: the
    /// page `shipnotes preview --serve` serves, with `PreviewPage.reloadScript(…)` at that URL. The
    /// page has no inline script at all, so its policy allows scripts of its own origin only; the
    /// notes frames' own policy allows none.
    public func html(reloadScriptURL: String?) -> String {
        PreviewPageWriter(page: self, reloadScriptURL: reloadScriptURL).document()
    }

    /// A script that asks `pollingURL` for a version every `intervalMilliseconds` and reloads the
    /// page when the answer changes from the first one; a failed request (the server restarting)
    /// is tried again.
    public static func reloadScript(pollingURL: String = "/version", intervalMilliseconds: Int = 1_000) -> String {
        let url = pollingURL.unicodeScalars.map { scalar -> String in
            // A JavaScript string literal that cannot end the script element or the literal.
            switch scalar {
            case "\\", "\"", "<", ">", "&", "'": return "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default: return scalar.value < 0x20 ? "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4) : String(scalar)
            }
        }.joined()
        return """
            (function () {
              var seen = null;
              function poll() {
                fetch("\(url)", { cache: "no-store" })
                  .then(function (response) { return response.ok ? response.text() : null; })
                  .then(function (version) {
                    if (version === null) return;
                    if (seen === null) seen = version;
                    else if (version !== seen) location.reload();
                  })
                  .catch(function () {})
                  .then(function () { setTimeout(poll, \(max(100, intervalMilliseconds))); });
              }
              poll();
            })();
            """
    }

    /// The page's Content-Security-Policy: nothing may load but inline styles and `data:` images.
    /// Chromium lets `srcdoc` frames load under `frame-src 'none'` (they are not fetched), so
    /// `frame-src` stays closed and a link clicked in the notes cannot navigate a frame away.
    /// With the reload script, scripts and fetches from the page's own origin are allowed (a page
    /// opened from a file has no origin such a script could come from).
    public static func contentSecurityPolicy(allowsOwnOriginScript: Bool = false) -> String {
        var directives = [
            "default-src 'none'", "style-src 'unsafe-inline'", "img-src data:", "frame-src 'none'",
            "base-uri 'none'", "form-action 'none'",
        ]
        if allowsOwnOriginScript { directives += ["script-src 'self'", "connect-src 'self'"] }
        return directives.joined(separator: "; ")
    }

    /// The policy inside each notes frame: no script whatever the page's policy says.
    public static let notesContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; base-uri 'none'; form-action 'none'"
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
