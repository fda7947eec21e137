/// The top-level headings and link reference definitions of a Markdown document, found in one pass
/// over its lines with CommonMark's block rules.
///
/// Only the document's own blocks matter to a changelog: a heading inside a list item, a block
/// quote, a code block or an HTML block is not a release. So the scanner keeps just enough of the
/// block structure to know whether each line is at the top level: the open top-level block, and,
/// inside a list item or block quote, whether a paragraph or a fence is open there (which decides
/// lazy continuation lines and where the container ends). Everything is byte offsets; nothing is
/// copied.
struct MarkdownOutline {
    /// A heading, kept in 32-bit fields (files are under 2 GiB): a large changelog has tens of
    /// thousands, and every page of memory a process touches first costs a page fault.
    struct Heading {
        private var storedLevel: UInt8
        private var storedIsSetext: Bool
        private var storedLine: Int32
        private var storedLastLine: Int32
        private var storedStart: Int32
        private var storedEnd: Int32
        private var storedTitleStart: Int32
        private var storedTitleEnd: Int32

        init(level: Int, line: Int, lastLine: Int, start: Int, end: Int, titleStart: Int, titleEnd: Int, isSetext: Bool) {
            storedLevel = UInt8(level)
            storedIsSetext = isSetext
            storedLine = Int32(truncatingIfNeeded: line)
            storedLastLine = Int32(truncatingIfNeeded: lastLine)
            storedStart = Int32(truncatingIfNeeded: start)
            storedEnd = Int32(truncatingIfNeeded: end)
            storedTitleStart = Int32(truncatingIfNeeded: titleStart)
            storedTitleEnd = Int32(truncatingIfNeeded: titleEnd)
        }

        var level: Int { Int(storedLevel) }
        /// The 1-based line of the heading (for setext headings, its first text line).
        var line: Int { Int(storedLine) }
        /// The 1-based line the heading ends on (the underline of a setext heading).
        var lastLine: Int { Int(storedLastLine) }
        /// Byte offset where the heading's first line starts.
        var start: Int { Int(storedStart) }
        /// Byte offset just past the heading's last line and its line ending.
        var end: Int { Int(storedEnd) }
        /// The title's bytes (for a setext heading, every text line, to be joined).
        var titleStart: Int { Int(storedTitleStart) }
        var titleEnd: Int { Int(storedTitleEnd) }
        var isSetext: Bool { storedIsSetext }
    }

    /// A link reference definition, in 32-bit fields as ``Heading`` is.
    struct Definition {
        private var storedLine: Int32
        private var storedLastLine: Int32
        private var storedStart: Int32
        private var storedEnd: Int32
        private var storedParts: (Int32, Int32, Int32, Int32, Int32, Int32)

        init(line: Int, lastLine: Int, start: Int, end: Int, parts: LinkDefinitionLine) {
            storedLine = Int32(truncatingIfNeeded: line)
            storedLastLine = Int32(truncatingIfNeeded: lastLine)
            storedStart = Int32(truncatingIfNeeded: start)
            storedEnd = Int32(truncatingIfNeeded: end)
            storedParts = (
                Int32(truncatingIfNeeded: parts.labelStart), Int32(truncatingIfNeeded: parts.labelEnd),
                Int32(truncatingIfNeeded: parts.destinationStart), Int32(truncatingIfNeeded: parts.destinationEnd),
                Int32(truncatingIfNeeded: parts.titleStart ?? -1), Int32(truncatingIfNeeded: parts.titleEnd ?? -1)
            )
        }

        var line: Int { Int(storedLine) }
        /// The line the definition ends on (the next one when its destination stands alone there).
        var lastLine: Int { Int(storedLastLine) }
        var start: Int { Int(storedStart) }
        var end: Int { Int(storedEnd) }
        var parts: LinkDefinitionLine {
            LinkDefinitionLine(
                labelStart: Int(storedParts.0), labelEnd: Int(storedParts.1), destinationStart: Int(storedParts.2),
                destinationEnd: Int(storedParts.3), titleStart: storedParts.4 < 0 ? nil : Int(storedParts.4),
                titleEnd: storedParts.5 < 0 ? nil : Int(storedParts.5))
        }
    }

    var headings: [Heading] = []
    var definitions: [Definition] = []

    /// Scans `count` bytes at `base`, starting at `offset` (past a byte order mark).
    init(base: UnsafePointer<UInt8>, count: Int, from offset: Int = 0) {
        var ignored = IgnoringHeadings()
        self.init(base: base, count: count, from: offset, visitor: &ignored)
    }

    /// Scans and shows `visitor` each heading as soon as it is found, while its bytes are still in
    /// the cache (reading the titles after the scan costs a cache miss per heading).
    init<Visitor: MarkdownHeadingVisitor>(base: UnsafePointer<UInt8>, count: Int, from offset: Int = 0, visitor: inout Visitor) {
        // Room for more than changelogs hold: memory reserved and never touched costs nothing,
        // while growing copies the array and touches new pages.
        headings.reserveCapacity(count / 256 + 16)
        definitions.reserveCapacity(count / 1024 + 16)
        var scanner = Scanner(base: base, count: count, from: offset)
        scanner.run(into: &self, visitor: &visitor)
    }
}

/// Sees each top-level heading of a document as the scanner finds it.
protocol MarkdownHeadingVisitor {
    /// - Parameter index: the heading's index in ``MarkdownOutline/headings``.
    mutating func visit(_ heading: MarkdownOutline.Heading, at index: Int)
}

private struct IgnoringHeadings: MarkdownHeadingVisitor {
    func visit(_ heading: MarkdownOutline.Heading, at index: Int) {}
}
