import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads Markdown changelogs as projects write them: finds the release headings, their versions,
/// dates and flags, and each release's notes.
///
/// The reader works on the file's UTF-8 bytes in one pass: it finds the document's top-level
/// headings with CommonMark's block rules (so a `## 1.0` inside a code fence, an HTML comment or a
/// list item is not a release), then reads each heading's title. The first heading that reads as
/// a release fixes the release level; below it, a heading at that level that is not a release
/// (`## New Contributors`) stays in the release it follows, a deeper heading is a section, and a
/// higher-level heading that is not a release ends the list.
///
/// ```swift
/// let outline = try ChangelogReader().outline(bytes: Array(data), path: "CHANGELOG.md")
/// let notes = try outline.releases(.latest)[0].notes
/// ```
public struct ChangelogReader: Sendable {
    /// Settings for changelogs whose titles the built-in shapes do not cover.
    public struct Options: Sendable, Hashable {
        /// Text every release title starts with, before the version (`app-v` for `app-v1.2.3`).
        public var versionPrefix: String?
        /// A regular expression tried on each title (after Markdown marks are removed) before the
        /// built-in shapes; its group named `version`, or else its first group, is the version.
        public var versionPattern: String?

        public init(versionPrefix: String? = nil, versionPattern: String? = nil) {
            self.versionPrefix = versionPrefix
            self.versionPattern = versionPattern
        }
    }

    let titleParser: ReleaseTitleParser

    /// - Throws: `ChangelogError.invalidVersionPattern` when the pattern does not compile.
    public init(options: Options = Options()) throws {
        var pattern: NSRegularExpression?
        if let text = options.versionPattern {
            do {
                pattern = try NSRegularExpression(pattern: text, options: [.caseInsensitive])
            } catch {
                throw ChangelogError.invalidVersionPattern(pattern: text, reason: "\(error.localizedDescription)")
            }
        }
        titleParser = ReleaseTitleParser(versionPrefix: options.versionPrefix, versionPattern: pattern)
    }

    /// Finds every release of a changelog without reading their bodies yet.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - path: the name messages give the file.
    /// - Throws: `ChangelogError` when the file is not UTF-8 text or holds no release heading. A
    ///   version given twice is an error only when it is selected (real changelogs have such
    ///   leftovers from merged branches).
    public func outline(bytes: [UInt8], path: String) throws -> ChangelogOutline {
        try outline(ChangelogSource(bytes: bytes), path: path)
    }

    /// Finds every release of the changelog file at `path` (mapped into memory, not copied).
    ///
    /// - Throws: `FileReadError` when the file is missing or unreadable; `ChangelogError` as
    ///   ``outline(bytes:path:)`` does.
    public func outline(contentsOfFile path: String) throws -> ChangelogOutline {
        try outline(ChangelogSource(contentsOfFile: path), path: path)
    }

    /// Reads every release of a changelog, bodies and all.
    public func read(bytes: [UInt8], path: String) throws -> Changelog {
        try outline(bytes: bytes, path: path).changelog()
    }

    private func outline(_ source: ChangelogSource, path: String) throws -> ChangelogOutline {
        try source.withBytes { buffer in try outline(buffer, source: source, path: path) }
    }

    private func outline(_ buffer: UnsafeBufferPointer<UInt8>, source: ChangelogSource, path: String) throws -> ChangelogOutline {
        guard let base = buffer.baseAddress, buffer.count > 0 else { throw ChangelogError.noReleases(path: path) }
        let count = buffer.count
        guard count < Int(Int32.max) else { throw FileReadError.unreadable(path: path, reason: "it is larger than 2 GiB") }
        // One pass for both checks; a file that is not UTF-8 is reported as binary when it holds a NUL.
        if var offset = UTF8Validation.firstInvalidOffset(buffer, rejectingNUL: true) {
            if base[offset] != 0, let nul = memchr(base + offset, 0, count - offset) {
                offset = UnsafePointer<UInt8>(nul.assumingMemoryBound(to: UInt8.self)) - base
            }
            let line = Self.lineNumber(base, at: offset)
            throw base[offset] == 0 ? ChangelogError.notText(path: path, line: line) : ChangelogError.notUTF8(path: path, line: line)
        }
        let contentStart = count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
        var collector = ReleaseCollector(base: base, count: count, titleParser: titleParser)
        let markdown = MarkdownOutline(base: base, count: count, from: contentStart, visitor: &collector)
        var headings = collector.headings, spans = collector.spans
        guard let releaseLevel = collector.releaseLevel, !spans.isEmpty else { throw ChangelogError.noReleases(path: path) }
        for index in spans.indices {
            spans[index].bodyEnd = index + 1 < spans.count
                ? markdown.headings[spans[index + 1].headingIndex].start : collector.listEnd
            if headings[index].date == nil {
                let heading = markdown.headings[spans[index].headingIndex]
                let next = spans[index].headingIndex + 1
                let nextStart = next < markdown.headings.count ? markdown.headings[next].start : count
                headings[index].date = Self.dateOnFirstLine(base, from: heading.end, to: nextStart)
            }
        }
        return ChangelogOutline(
            path: path, releaseLevel: releaseLevel, headings: headings, source: source, spans: spans,
            markdownHeadings: markdown.headings, definitions: markdown.definitions)
    }

    /// The heading's text as written: an ATX title, or a setext heading's lines joined by spaces.
    static func titleText(_ base: UnsafePointer<UInt8>, _ heading: MarkdownOutline.Heading) -> String {
        let bytes = UnsafeBufferPointer(start: base + heading.titleStart, count: heading.titleEnd - heading.titleStart)
        guard heading.isSetext, bytes.contains(0x0A) else { return String(decoding: bytes, as: UTF8.self) }
        return bytes.split(separator: 0x0A)
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
            .joined(separator: " ")
    }

    /// A date given alone on the release's first line (`_2026-06-08_`, `Released on 2024-01-01`,
    /// `Current stable, released 2026-08-20`), for titles without one.
    private static func dateOnFirstLine(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> ReleaseDate? {
        var cursor = LineCursor(base: base, count: end, from: start)
        while let line = cursor.nextLine() {
            if line.isBlank { continue }
            guard line.end - line.firstNonSpace <= 100 else { return nil }
            var text: [UInt8] = []
            for index in line.firstNonSpace..<line.end {
                let byte = base[index]
                if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") {
                    continue
                }
                text.append(byte)
            }
            guard let match = DateFinder.firstDate(in: text) else { return nil }
            let leading = text.prefix(while: { $0 == 0x20 }).count
            var trailing = text.count
            while trailing > leading, text[trailing - 1] == 0x20 || text[trailing - 1] == UInt8(ascii: ".") { trailing -= 1 }
            let alone = match.range == leading..<trailing
            let lowered = String(decoding: text.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
            return alone || lowered.contains("releas") ? match.date : nil
        }
        return nil
    }

    static func lineNumber(_ base: UnsafePointer<UInt8>, at offset: Int) -> Int {
        var line = 1
        var position = 0
        while position < offset, let found = memchr(base + position, 0x0A, offset - position) {
            line += 1
            position = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base + 1
        }
        return line
    }
}

/// Reads each heading's title as the scanner finds it: the first release fixes the release level,
/// deeper headings are sections unless they are a version and a date alone (a patch release
/// nested under its minor one), and a higher non-release heading ends the list.
private struct ReleaseCollector: MarkdownHeadingVisitor {
    let base: UnsafePointer<UInt8>
    let count: Int
    let titleParser: ReleaseTitleParser
    var headings: [ReleaseHeading] = []
    var spans: [ChangelogOutline.Span] = []
    var releaseLevel: Int?
    var listEnd: Int
    var listEnded = false

    init(base: UnsafePointer<UInt8>, count: Int, titleParser: ReleaseTitleParser) {
        self.base = base
        self.count = count
        self.titleParser = titleParser
        listEnd = count
        headings.reserveCapacity(count / 1024 + 16)
        spans.reserveCapacity(count / 1024 + 16)
    }

    mutating func visit(_ heading: MarkdownOutline.Heading, at index: Int) {
        guard !listEnded else { return }
        let nested = releaseLevel.map { heading.level > $0 } ?? false
        guard let title = titleParser.parse(base, heading.titleStart, heading.titleEnd, nested: nested) else {
            if let level = releaseLevel, heading.level < level {
                listEnd = heading.start
                listEnded = true
            }
            return
        }
        if releaseLevel == nil { releaseLevel = heading.level }
        headings.append(ReleaseHeading(
            version: title.version, date: title.date, title: ChangelogReader.titleText(base, heading), level: heading.level,
            line: heading.line, isUnreleased: title.isUnreleased, isYanked: title.isYanked,
            isPrerelease: title.version?.isPrerelease ?? false))
        spans.append(ChangelogOutline.Span(headingIndex: index, bodyStart: heading.end, bodyEnd: count))
    }
}
