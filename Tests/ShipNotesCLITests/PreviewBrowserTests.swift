import ConformanceSupport
import Foundation
import HockeyApp
import ShipNotes
import Testing

/// Whether the browser suites run: when Chromium and chromedriver are installed, or when the
/// conformance folder is configured (CI), where their absence must fail rather than skip.
enum BrowserTools {
    static var found: Bool { WebDriverSession.chromedriverPath != nil && WebDriverSession.chromiumPath != nil }
    static var shouldRun: Bool { found || CommonMarkSpec.conformanceDirectory != nil }
}

/// The preview page in a real headless Chromium: it loads with no console error, shows the notes
/// inside their frames, lays the renderings out side by side, and runs no script the notes hold.
///
/// Needs Debian's `chromium` and `chromium-driver`. Without them the suite is skipped, unless
/// `CONFORMANCE_DIR` is set (CI), where their absence is a failure.
@Suite(.enabled(if: BrowserTools.shouldRun), .serialized) struct PreviewBrowserTests {
    /// `.build/preview-screenshot.png` in the package this file belongs to.
    static let screenshotFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/preview-screenshot.png")

    static let notes = """
        ## 2.1.0

        ### Added

        - Offline mode for **saved trips** ([#412](https://tracker.test/412))
        - A dark app icon, picked in *Settings › Appearance*

        ### Fixed

        - The crash on login when the "Remember me" switch was off
        - `sync()` no longer blocks the main thread
        - Dates in the trip list follow the device's region

        """

    static let build = PreviewPage.Build(
        appName: "Skyline", version: "2.1.0", buildNumber: "421", date: "2025-11-18", sizeBytes: 48_213_504,
        minimumOS: "iOS 16.0")

    /// The notes' script sets these markers when it runs; the link sets the `clicked` ones.
    static let hostileTextile = """
        h2. 2.1.0

        <script>parent.document.title="pwned";document.body.dataset.ran="1"</script>

        * Fixed the <a id="js" href="javascript:document.body.dataset.clicked=1;parent.document.title=%27clicked%27">crash link</a>
        * And "a Textile link":javascript:alert(1)

        """

    /// Starts a browser session, runs `body` with it and a scratch folder, and always cleans up.
    private func withBrowser(_ body: (WebDriverSession, URL) async throws -> Void) async throws {
        guard let chromedriver = WebDriverSession.chromedriverPath, let chromium = WebDriverSession.chromiumPath else {
            Issue.record("CONFORMANCE_DIR is set but chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try await WebDriverSession.start(chromedriver: chromedriver, browser: chromium)
        do {
            try await body(session, folder)
        } catch {
            await session.quit()
            throw error
        }
        await session.quit()
    }

    private func open(_ html: String, named name: String, in folder: URL, with session: WebDriverSession) async throws {
        let file = folder.appendingPathComponent(name)
        try html.write(to: file, atomically: true, encoding: .utf8)
        try await session.navigate(to: file)
    }

    /// The text of the frame with id `frameID`, read from inside it.
    private func frameText(_ frameID: String, _ session: WebDriverSession) async throws -> String {
        try await session.switchToFrame(try await session.findElement(css: "#\(frameID)"))
        let text = try await session.text(try await session.findElement(css: "body"))
        try await session.switchToParent()
        return text
    }

    @Test func pageShowsTheNotesSideBySide() async throws {
        try await withBrowser { session, folder in
            let page = PreviewPage(notes: Self.notes, notesKind: .markdown, notesType: .markdown, build: Self.build)
            try await open(page.html(), named: "preview.html", in: folder, with: session)
            #expect(try await session.title() == "Skyline 2.1.0 (421) — release notes preview")
            #expect(try await session.text(try await session.findElement(css: "header h1")) == "Skyline")
            let facts = try await session.text(try await session.findElement(css: "header .facts"))
            for fact in ["2025-11-18", "48.2 MB", "iOS 16.0"] { #expect(facts.contains(fact)) }

            for frame in ["notes-cmark", "notes-redcloth"] {
                let text = try await frameText(frame, session)
                #expect(text.contains("Offline mode for saved trips (#412)"), "\(frame): \(text)")
                #expect(text.contains("sync() no longer blocks the main thread"), "\(frame): \(text)")
            }
            // RedCloth's curly quotes around "Remember me" are the first difference.
            let warning = try await session.text(try await session.findElement(css: "#comparison"))
            #expect(warning.contains("The renderings differ."), "\(warning)")
            #expect(warning.contains("ul[2] › li[1]"), "\(warning)")

            // Two columns, side by side, on a wide window.
            let layout = try await session.executeScript("""
                const a = document.querySelector('#rendering-cmark').getBoundingClientRect();
                const b = document.querySelector('#rendering-redcloth').getBoundingClientRect();
                return [a.top === b.top, a.right <= b.left, a.width > 400].join(',');
                """)
            #expect(layout.string == "true,true,true")

            #expect(try await session.consoleErrors() == [])
            let png = try await session.screenshot()
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            try FileManager.default.createDirectory(
                at: Self.screenshotFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try png.write(to: Self.screenshotFile)
        }
    }

    @Test func scriptsInTheNotesDoNotRun() async throws {
        try await withBrowser { session, folder in
            let page = PreviewPage(notes: Self.hostileTextile, notesKind: .textile, notesType: .textile, title: "Hostile")
            #expect(page.renderings[0].html.contains("<script>"))
            try await open(page.html(), named: "hostile.html", in: folder, with: session)
            let title = try await session.title()
            #expect(title == "Hostile — release notes preview")

            try await session.switchToFrame(try await session.findElement(css: "#notes-redcloth"))
            #expect(try await session.text(try await session.findElement(css: "body")).contains("Fixed the crash link"))
            // The script is in the frame's document, and did not run.
            #expect(try await session.executeScript("return String(document.scripts.length)") == .string("1"))
            #expect(try await session.executeScript("return document.body.dataset.ran ?? null") == .null)
            try await session.click(try await session.findElement(css: "#js"))
            try await session.click(try await session.findElement(css: "a[href^='javascript:alert']"))
            #expect(try await session.executeScript("return document.body.dataset.clicked ?? null") == .null)
            try await session.switchToParent()
            #expect(try await session.title() == title)
            #expect(try await session.consoleErrors() == [])

            // The same notes in a frame with neither sandbox nor policy do run: the markers work.
            let control = "<!DOCTYPE html><html><head><title>control</title></head><body><iframe id=\"open\" srcdoc=\""
                + page.renderings[0].html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
                + "\"></iframe></body></html>"
            try await open(control, named: "control.html", in: folder, with: session)
            try await session.switchToFrame(try await session.findElement(css: "#open"))
            #expect(try await session.executeScript("return document.body.dataset.ran ?? null") == .string("1"))
            try await session.switchToParent()
            #expect(try await session.title() == "pwned")
        }
    }

    /// `shipnotes preview --serve`: the page served on loopback shows the notes, reloads within
    /// two seconds of a change to the notes file, runs no script of the notes, and Ctrl-C stops it.
    @Test func servedPageReloadsWhenTheNotesChange() async throws {
        try await withBrowser { session, folder in
            let notesFile = folder.appendingPathComponent("notes.md")
            try Data("## 2.1.0\n\n- First draft of the notes\n".utf8).write(to: notesFile)
            let server = try ServedPreview(arguments: ["preview", "--notes-file", notesFile.path, "--serve"])
            defer { server.kill() }
            let url = try await server.url()
            try await session.navigate(to: url)
            #expect(try await frameText("notes-cmark", session).contains("First draft of the notes"))

            try Data("## 2.1.0\n\n- The notes, rewritten\n".utf8).write(to: notesFile)
            let changed = Date()
            var seen = ""
            while Date().timeIntervalSince(changed) < 2 {
                try await Task.sleep(for: .milliseconds(100))
                // The page reloads itself; a read during the reload is tried again, from the page
                // itself (the frame it was reading in is gone).
                try? await session.switchToTop()
                guard let text = try? await frameText("notes-cmark", session) else { continue }
                seen = text
                if text.contains("The notes, rewritten") { break }
            }
            #expect(seen.contains("The notes, rewritten"), "after \(Date().timeIntervalSince(changed)) s the page showed: \(seen)")
            try await session.switchToTop()
            #expect(try await session.consoleErrors() == [])

            let (status, error) = try await server.interrupt()
            #expect(status == 0)
            #expect(error.contains("Preview server stopped (signal 2)."))
        }
    }
}

/// `shipnotes preview --serve` running in the background, its URL read from what it prints.
final class ServedPreview: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()
    private let error = Pipe()

    init(arguments: [String]) throws {
        process.executableURL = ShipNotesProcess.executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = error
        try process.run()
    }

    /// The URL of the `Preview served at URL …` line, waited for up to 20 seconds.
    func url() async throws -> URL {
        let handle = output.fileHandleForReading
        let line = try await Task.detached { () throws -> String in
            var text = ""
            let deadline = Date().addingTimeInterval(20)
            while !text.contains("\n"), Date() < deadline {
                let data = handle.availableData
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
            }
            return text
        }.value
        guard let start = line.range(of: "Preview served at "), let end = line[start.upperBound...].firstIndex(of: " "),
              let url = URL(string: String(line[start.upperBound..<end])) else {
            throw ServedPreviewError(output: line)
        }
        return url
    }

    /// Sends SIGINT, as Ctrl-C does, and waits for the process to end.
    /// - Returns: its exit status and what it wrote to standard error.
    func interrupt() async throws -> (Int32, String) {
        process.interrupt()
        let process = self.process
        let handle = error.fileHandleForReading
        return try await Task.detached { () throws -> (Int32, String) in
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: handle.readDataToEndOfFile(), as: UTF8.self))
        }.value
    }

    func kill() {
        if process.isRunning { process.terminate() }
    }
}

struct ServedPreviewError: Error, CustomStringConvertible {
    let output: String
    var description: String { "shipnotes preview --serve printed no URL: \(output)" }
}
