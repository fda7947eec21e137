/// A changelog's releases as found by ``ChangelogReader/outline(bytes:path:)``: every heading read,
/// no body copied yet. ``release(at:)`` reads one release's notes; ``changelog()`` reads them all.
public struct ChangelogOutline: Sendable {
    /// The name messages give the file.
    public let path: String
    /// The heading level of the releases.
    public let releaseLevel: Int
    /// Every release heading, in file order.
    public let headings: [ReleaseHeading]

    struct Span: Sendable {
        /// The release heading's index in `markdownHeadings`.
        var headingIndex: Int
        var bodyStart: Int
        var bodyEnd: Int
    }

    let source: ChangelogSource
    let spans: [Span]
    let markdownHeadings: [MarkdownOutline.Heading]
    let definitions: [MarkdownOutline.Definition]

    init(
        path: String, releaseLevel: Int, headings: [ReleaseHeading], source: ChangelogSource, spans: [Span],
        markdownHeadings: [MarkdownOutline.Heading], definitions: [MarkdownOutline.Definition]
    ) {
        self.path = path
        self.releaseLevel = releaseLevel
        self.headings = headings
        self.source = source
        self.spans = spans
        self.markdownHeadings = markdownHeadings
        self.definitions = definitions
    }

    /// Reads the release at `index` of ``headings``: its body, sections and the link reference
    /// definitions it uses.
    public func release(at index: Int) -> Release {
        source.withBytes { buffer in
            var extractor = ReleaseExtractor(base: buffer.baseAddress!, outline: self, manyReleases: false)
            return extractor.release(at: index)
        }
    }

    /// Reads every release.
    public func changelog() -> Changelog {
        let releases = source.withBytes { buffer in
            var extractor = ReleaseExtractor(base: buffer.baseAddress!, outline: self, manyReleases: true)
            return headings.indices.map { extractor.release(at: $0) }
        }
        return Changelog(path: path, releaseLevel: releaseLevel, releases: releases)
    }
}
