import Foundation
import HockeyApp
import Synchronization

/// Shows an upload's progress on standard error: a bar redrawn in place on a terminal, and a plain
/// line every 10% (or every 30 seconds) in a CI log; retries and checks always get a line.
///
/// Events arrive on URLSession's threads; a mutex keeps the drawing state consistent.
final class UploadProgressReporter: Sendable {
    private let write: @Sendable (String) -> Void
    private let drawing: Mutex<Drawing>

    /// - Parameters:
    ///   - label: what is uploaded, such as `App.ipa`.
    ///   - isTerminal: draw a bar (true) or log plain lines (false).
    ///   - write: where text goes; standard error by default.
    init(label: String, isTerminal: Bool, write: @escaping @Sendable (String) -> Void = StandardStreams.writeError) {
        self.write = write
        drawing = Mutex(Drawing(label: label, isTerminal: isTerminal))
    }

    /// Handles one upload event.
    func handle(_ event: UploadEvent) {
        let text: String? = drawing.withLock { $0.text(for: event) }
        if let text { write(text) }
    }

    /// Ends the bar's line, if one is drawn.
    func finish() {
        let barWasVisible = drawing.withLock { drawing in
            defer { drawing.barVisible = false }
            return drawing.barVisible
        }
        if barWasVisible { write("\n") }
    }

    /// What the bar or the log has shown so far.
    private struct Drawing {
        let label: String
        let isTerminal: Bool
        var started = ContinuousClock.now
        var lastDraw: ContinuousClock.Instant?
        var lastLoggedDecile = -1
        var barVisible = false

        init(label: String, isTerminal: Bool) {
            self.label = label
            self.isTerminal = isTerminal
        }

        /// The text to write for `event`, if any, updating what has been shown.
        mutating func text(for event: UploadEvent) -> String? {
            switch event {
            case .started:
                started = .now
                lastLoggedDecile = -1
                lastDraw = nil
                return nil
            case .progress(let sent, let total):
                return progressText(sent: sent, total: total)
            case .retrying(let next, let delay, let reason):
                return clearBar() + "Upload failed (\(reason)); attempt \(next) in \(UploadProgressReporter.duration(delay)).\n"
            case .checkingVersions(let reason):
                return clearBar() + "The upload's outcome is unknown (\(reason)); checking the app's versions.\n"
            }
        }

        private mutating func progressText(sent: Int, total: Int) -> String? {
            let now = ContinuousClock.now
            let fraction = total > 0 ? Double(sent) / Double(total) : 1
            let elapsed = (now - started).seconds
            let rate = elapsed > 0 ? Double(sent) / elapsed : 0
            if isTerminal {
                if let lastDraw, now - lastDraw < .milliseconds(100), sent < total { return nil }
                lastDraw = now
                barVisible = true
                let width = 30
                let filled = Int(fraction * Double(width))
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                let (sentText, totalText) = (UploadProgressReporter.bytes(sent), UploadProgressReporter.bytes(total))
                return "\r\u{1B}[2KUploading \(label) [\(bar)] \(Int(fraction * 100))% "
                    + "\(sentText) of \(totalText), \(UploadProgressReporter.bytes(Int(rate)))/s"
            }
            let decile = Int(fraction * 10)
            let logDue = lastDraw.map { now - $0 >= .seconds(30) } ?? false
            guard decile > lastLoggedDecile || logDue else { return nil }
            lastLoggedDecile = decile
            lastDraw = now
            return "Uploading \(label): \(Int(fraction * 100))% (\(UploadProgressReporter.bytes(sent)) of \(UploadProgressReporter.bytes(total)))\n"
        }

        private mutating func clearBar() -> String {
            guard barVisible else { return "" }
            barVisible = false
            return "\n"
        }
    }

    /// `1.5 MB`, `980 kB`, `12 B` (decimal units, as network speeds are given).
    static func bytes(_ count: Int) -> String {
        let value = Double(count)
        switch value {
        case 1e9...: return String(format: "%.2f GB", value / 1e9)
        case 1e6...: return String(format: "%.1f MB", value / 1e6)
        case 1e3...: return String(format: "%.0f kB", value / 1e3)
        default: return "\(count) B"
        }
    }

    static func duration(_ duration: Duration) -> String {
        let seconds = duration.seconds
        return seconds < 1 ? "\(Int(seconds * 1000)) ms" : String(format: "%.0f s", seconds)
    }
}

extension Duration {
    /// The duration in seconds, for rates and messages.
    fileprivate var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
