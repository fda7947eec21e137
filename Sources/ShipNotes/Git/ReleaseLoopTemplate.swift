import Foundation
import Mustache

/// A notes template cut at its top-level `{{#releases}} … {{/releases}}` sections, so that the
/// releases can be rendered on all cores at once and joined in order.
///
/// Rendering a body once per release with the release in front of the context is what Mustache
/// does for the section itself: a name the release lacks is looked up in the context, as the
/// section's stack would. The cut is made only where that holds: sections at the top level, no
/// delimiter change, no `{{.}}` and no transform such as `first()` (which need the section's own
/// position) in a body. Otherwise the template is rendered whole.
struct ReleaseLoopTemplate: Sendable {
    enum Segment: Sendable {
        /// Text outside the release sections, rendered with the context.
        case outside(MustacheTemplate)
        /// A release section's body, rendered once per release; with its commits sections cut
        /// out when they can be, for contexts that hold the commits' lines already.
        case perRelease(MustacheTemplate, CommitLineTemplate?)
    }

    let segments: [Segment]

    /// The commits sections of the release bodies, for the commits' lines to be rendered as they
    /// are read; nil when no release body has commits sections that can be cut.
    var commitLines: CommitLineTemplate? {
        for case let .perRelease(_, lines?) in segments { return lines }
        return nil
    }

    /// - Returns: nil when the template cannot be cut (the whole template is rendered instead).
    init?(text: String, prefix: String) {
        guard !text.contains("{{="), text.contains("{{#releases}}") else { return nil }
        var segments: [Segment] = []
        var rest = Substring(text)
        var depthBefore = 0
        while let open = rest.firstRange(of: "{{#releases}}") {
            let before = rest[..<open.lowerBound]
            depthBefore += Self.depthChange(before)
            guard depthBefore == 0 else { return nil }
            guard let close = rest[open.upperBound...].firstRange(of: "{{/releases}}") else { return nil }
            let body = rest[open.upperBound..<close.lowerBound]
            // A nested `{{#releases}}` or a section left open inside the body: not a simple loop.
            guard !body.contains("{{#releases}}"), Self.depthChange(body) == 0, !Self.readsTheSectionItself(body) else { return nil }
            let (outsideText, bodyStart) = Self.cutStandalone(before: before, tagEnd: open.upperBound, in: rest)
            let (bodyText, afterClose) = Self.cutStandalone(before: rest[bodyStart..<close.lowerBound], tagEnd: close.upperBound, in: rest)
            guard let outside = try? MustacheTemplate(string: prefix + outsideText),
                  let perRelease = try? MustacheTemplate(string: prefix + bodyText) else { return nil }
            segments.append(.outside(outside))
            segments.append(.perRelease(perRelease, CommitLineTemplate(releaseBody: bodyText, prefix: prefix)))
            rest = rest[afterClose...]
        }
        guard Self.depthChange(rest) == 0, let outside = try? MustacheTemplate(string: prefix + rest) else { return nil }
        segments.append(.outside(outside))
        self.segments = segments
    }

    /// Renders every segment; the releases of each section are split into one run of releases
    /// per core, each run rendered in order, and the runs joined in order.
    func render(_ context: NotesContext, library: MustacheLibrary?) -> String {
        var output = ""
        for segment in segments {
            switch segment {
            case let .outside(template):
                output += template.render(context, library: library)
            case let .perRelease(template, lines):
                // The lines are used only when they were rendered from this very body.
                let withLines = lines.flatMap { $0.body == context.renderedCommitBody ? $0.releaseTemplate : nil }
                output += Self.renderReleases(context, with: withLines ?? template, library: library)
            }
        }
        return output
    }

    private static func renderReleases(_ context: NotesContext, with template: MustacheTemplate, library: MustacheLibrary?) -> String {
        let releases = context.releases
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, releases.count))
        guard workers > 1, releases.count > 1 else {
            return releases.map { template.render(ReleaseScope(release: $0, context: context), library: library) }.joined()
        }
        // Runs of about equal work: a release costs about one unit plus one per commit.
        let total = releases.reduce(0) { $0 + $1.commitCount + 1 }
        var bounds = [0]
        var accumulated = 0
        for (index, release) in releases.enumerated() {
            accumulated += release.commitCount + 1
            if accumulated * workers >= total * bounds.count, bounds.count < workers { bounds.append(index + 1) }
        }
        if bounds.last != releases.count { bounds.append(releases.count) }
        let runBounds = bounds
        let parts = ParallelSlots<String>(count: runBounds.count - 1, initial: "")
        DispatchQueue.concurrentPerform(iterations: runBounds.count - 1) { run in
            var text = ""
            for index in runBounds[run]..<runBounds[run + 1] {
                text += template.render(ReleaseScope(release: releases[index], context: context), library: library)
            }
            parts.store(text, at: run)
        }
        return parts.values.joined()
    }
}

/// One release in front of the context, as a section over `releases` stacks them.
struct ReleaseScope: MustacheParent {
    let release: NotesRelease
    let context: NotesContext

    func child(named name: String) -> Any? {
        release.child(named: name) ?? context.child(named: name)
    }
}

extension ReleaseLoopTemplate {
    /// Whether a tag at the body's own level prints the release (`{{.}}`) or asks for its place in
    /// the section (`first()`, `index()`, any transform).
    static func readsTheSectionItself(_ body: Substring) -> Bool {
        var depth = 0
        var rest = body
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            let tag = rest[open.upperBound..<close.lowerBound]
            let kind = tag.first
            if kind == "/" { depth -= 1 }
            if depth == 0 {
                let name = tag.drop(while: { "#^&{ ".contains($0) }).trimmingSpaces
                if name == "." || name.hasPrefix(".}") || name.contains("(") { return true }
            }
            if kind == "#" || kind == "^" || kind == "$" || kind == "<" { depth += 1 }
            rest = rest[close.upperBound...]
        }
        return false
    }

    /// Sections opened minus sections closed in `text`.
    static func depthChange(_ text: Substring) -> Int {
        var depth = 0
        var rest = text
        while let tag = rest.firstRange(of: "{{") {
            let kind = rest[tag.upperBound...].first
            if kind == "#" || kind == "^" || kind == "$" || kind == "<" { depth += 1 }
            if kind == "/" { depth -= 1 }
            rest = rest[tag.upperBound...]
        }
        return depth
    }

    /// The text before a tag, and where the text after it starts, with Mustache's rule for a tag
    /// alone on its line: the line goes, with its indentation and line ending. Read by Unicode
    /// scalars: as a Character, CRLF is one, and neither "\r" nor "\n".
    static func cutStandalone(before: Substring, tagEnd: String.Index, in text: Substring) -> (Substring, String.Index) {
        let scalars = text.unicodeScalars
        let beforeScalars = before.unicodeScalars
        let lineStart = beforeScalars.lastIndex(of: "\n").map { scalars.index(after: $0) } ?? before.startIndex
        guard scalars[lineStart..<before.endIndex].allSatisfy({ $0 == " " || $0 == "\t" }) else { return (before, tagEnd) }
        var after = tagEnd
        while after < scalars.endIndex, scalars[after] == " " || scalars[after] == "\t" { after = scalars.index(after: after) }
        if after == scalars.endIndex { return (text[before.startIndex..<lineStart], after) }
        if scalars[after] == "\n" { return (text[before.startIndex..<lineStart], scalars.index(after: after)) }
        if scalars[after] == "\r", scalars.index(after: after) < scalars.endIndex, scalars[scalars.index(after: after)] == "\n" {
            return (text[before.startIndex..<lineStart], scalars.index(after, offsetBy: 2))
        }
        return (before, tagEnd)
    }
}
