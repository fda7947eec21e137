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
    var lineCount = 0

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

extension MarkdownOutline {
    /// The open top-level block while scanning.
    private enum Block {
        case none
        case paragraph
        case fence(BlockStart.Fence)
        case html(HTMLBlock)
        case indentedCode
        case listItem
        case blockQuote
    }

    private struct Scanner {
        let base: UnsafePointer<UInt8>
        var cursor: LineCursor
        var block = Block.none
        var lineNumber = 0

        // The open top-level paragraph.
        var paragraphLine = 0
        var paragraphStart = 0
        var paragraphTitleStart = 0
        var paragraphOnlyDefinitions = false
        /// The previous line was `[label]:` alone: its destination may follow on this line.
        var pendingLabel: PendingLabel?
        typealias PendingLabel = (line: Int, start: Int, end: Int, labelStart: Int, labelEnd: Int)

        // Inside a list item or a block quote.
        var itemContentIndent = 0
        var innerParagraphOpen = false
        var innerFence: BlockStart.Fence?
        var lastLineWasBlank = false
        var itemHasContent = false

        init(base: UnsafePointer<UInt8>, count: Int, from offset: Int) {
            self.base = base
            cursor = LineCursor(base: base, count: count, from: offset)
        }

        mutating func run<Visitor: MarkdownHeadingVisitor>(into outline: inout MarkdownOutline, visitor: inout Visitor) {
            var reported = 0
            while let line = cursor.nextLine() {
                lineNumber += 1
                if !continues(line, outline: &outline) { startBlock(line, outline: &outline) }
                if outline.headings.count > reported {
                    visitor.visit(outline.headings[reported], at: reported)
                    reported += 1
                }
            }
            outline.lineCount = lineNumber
        }

        /// Offers `line` to the open block. Returns true when the block took it; false when the line
        /// must start a new top-level block (the open block has been closed).
        @inline(__always)
        private mutating func continues(_ line: SourceLine, outline: inout MarkdownOutline) -> Bool {
            switch block {
            case .none:
                return false
            case let .fence(fence):
                if line.indent <= 3, !line.isBlank, BlockStart.closesFence(fence, base, line.firstNonSpace, line.end) {
                    block = .none
                }
                return true
            case let .html(kind):
                if kind.endsAtBlankLine {
                    if line.isBlank { block = .none }
                } else if kind.endsOnLine(base, line.start, line.end) {
                    block = .none
                }
                return true
            case .indentedCode:
                if line.isBlank || line.indent >= 4 { return true }
                block = .none
                return false
            case .paragraph:
                return continuesParagraph(line, outline: &outline)
            case .listItem:
                if line.isBlank {
                    // An item may start with one blank line only when it has content: `-` then a
                    // blank line is an empty item that has ended.
                    if !itemHasContent {
                        block = .none
                        return true
                    }
                    lastLineWasBlank = true
                    if innerFence == nil { innerParagraphOpen = false }
                    return true
                }
                if line.indent >= itemContentIndent {
                    lastLineWasBlank = false
                    itemHasContent = true
                    classifyInner(from: line.firstNonSpace, to: line.end, relativeIndent: line.indent - itemContentIndent)
                    return true
                }
                // The next item of a list (the usual case in a changelog): opened here, without
                // asking again what the line starts. A rule (`* * *`) is not an item.
                if line.indent <= 3, !BlockStart.isThematicBreak(base, line.firstNonSpace, line.end),
                    let marker = BlockStart.listMarker(base, line.firstNonSpace, line.end, indent: line.indent)
                {
                    openListItem(marker, lineEnd: line.end)
                    return true
                }
                if !lastLineWasBlank, innerParagraphOpen, innerFence == nil, !BlockStart.endsLazyContinuation(base, line) {
                    return true
                }
                block = .none
                return false
            case .blockQuote:
                if line.isBlank {
                    block = .none
                    return true
                }
                if line.indent <= 3, base[line.firstNonSpace] == UInt8(ascii: ">") {
                    enterQuoteLine(line)
                    return true
                }
                if innerParagraphOpen, innerFence == nil, !BlockStart.endsLazyContinuation(base, line) { return true }
                block = .none
                return false
            }
        }

        /// A line after an open top-level paragraph, in cmark's order: a setext underline first,
        /// then anything that interrupts a paragraph, then a continuation line. A paragraph that so
        /// far holds only link definitions is not a heading's text: an underline there starts the
        /// paragraph's text instead.
        private mutating func continuesParagraph(_ line: SourceLine, outline: inout MarkdownOutline) -> Bool {
            let label = pendingLabel
            pendingLabel = nil
            if line.isBlank {
                block = .none
                return true
            }
            let p = line.firstNonSpace
            if line.indent <= 3 {
                if let level = BlockStart.setextUnderlineLevel(base, p, line.end) {
                    if let label, paragraphOnlyDefinitions { startParagraphText(atLabel: label) }
                    if !paragraphOnlyDefinitions {
                        outline.headings.append(Heading(
                            level: level, line: paragraphLine, lastLine: lineNumber, start: paragraphStart, end: line.next,
                            titleStart: paragraphTitleStart, titleEnd: previousContentEnd, isSetext: true))
                        block = .none
                        return true
                    }
                } else if BlockStart.interruptsParagraph(base, line) {
                    block = .none
                    return false
                }
            }
            if paragraphOnlyDefinitions {
                if let label {
                    if let parts = LinkDefinitionLine.parseDestination(
                        base, p, line.end, labelStart: label.labelStart, labelEnd: label.labelEnd)
                    {
                        outline.definitions.append(Definition(line: label.line, lastLine: lineNumber, start: label.start, end: line.next, parts: parts))
                        return true
                    }
                    startParagraphText(atLabel: label)
                } else if let parts = LinkDefinitionLine.parse(base, p, line.end) {
                    outline.definitions.append(Definition(line: lineNumber, lastLine: lineNumber, start: line.start, end: line.next, parts: parts))
                    return true
                } else if let found = LinkDefinitionLine.parseLabel(base, p, line.end),
                    base.isWhitespace(from: found.afterColon, to: line.end)
                {
                    pendingLabel = (lineNumber, line.start, line.end, found.start, found.end)
                    return true
                } else {
                    // The definitions end; the paragraph's text starts on this line.
                    paragraphOnlyDefinitions = false
                    paragraphLine = lineNumber
                    paragraphStart = line.start
                    paragraphTitleStart = p
                }
            }
            previousContentEnd = line.end
            return true
        }

        /// `[label]:` with no destination after it is text: the paragraph's text starts there.
        private mutating func startParagraphText(atLabel label: PendingLabel) {
            paragraphOnlyDefinitions = false
            paragraphLine = label.line
            paragraphStart = label.start
            paragraphTitleStart = label.labelStart - 1
            previousContentEnd = label.end
        }

        /// Where the previous line's content ended (the end of a setext heading's title).
        private var previousContentEnd = 0

        private mutating func startBlock(_ line: SourceLine, outline: inout MarkdownOutline) {
            if line.isBlank { return }
            if line.indent >= 4 {
                block = .indentedCode
                return
            }
            let p = line.firstNonSpace, end = line.end
            switch base[p] {
            case UInt8(ascii: "#"):
                if let heading = BlockStart.atxHeading(base, p, end) {
                    outline.headings.append(Heading(
                        level: heading.level, line: lineNumber, lastLine: lineNumber, start: line.start, end: line.next,
                        titleStart: heading.titleStart, titleEnd: heading.titleEnd, isSetext: false))
                    block = .none
                    return
                }
            case UInt8(ascii: "`"), UInt8(ascii: "~"):
                if let fence = BlockStart.fenceOpening(base, p, end) {
                    block = .fence(fence)
                    return
                }
            case UInt8(ascii: ">"):
                block = .blockQuote
                innerParagraphOpen = false
                innerFence = nil
                enterQuoteLine(line)
                return
            case UInt8(ascii: "<"):
                if let kind = HTMLBlock.start(base, p, end) {
                    block = kind.endsAtBlankLine || !kind.endsOnLine(base, p, end) ? .html(kind) : .none
                    return
                }
            case UInt8(ascii: "["):
                if let parts = LinkDefinitionLine.parse(base, p, end) {
                    outline.definitions.append(Definition(line: lineNumber, lastLine: lineNumber, start: line.start, end: line.next, parts: parts))
                    openParagraph(line, onlyDefinitions: true)
                    return
                }
                if let found = LinkDefinitionLine.parseLabel(base, p, end), base.isWhitespace(from: found.afterColon, to: end) {
                    openParagraph(line, onlyDefinitions: true)
                    pendingLabel = (lineNumber, line.start, line.end, found.start, found.end)
                    return
                }
            case UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if BlockStart.isThematicBreak(base, p, end) {
                    block = .none
                    return
                }
                if let marker = BlockStart.listMarker(base, p, end, indent: line.indent) {
                    openListItem(marker, lineEnd: end)
                    return
                }
            default:
                break
            }
            openParagraph(line, onlyDefinitions: false)
        }

        private mutating func openListItem(_ marker: BlockStart.ListMarker, lineEnd end: Int) {
            block = .listItem
            itemContentIndent = marker.contentIndent
            innerParagraphOpen = false
            innerFence = nil
            lastLineWasBlank = false
            itemHasContent = !marker.isEmpty
            if !marker.isEmpty {
                classifyInner(
                    from: base.skipWhitespace(from: marker.contentStart, to: end), to: end,
                    relativeIndent: marker.startsWithIndentedCode ? 4 : 0)
            }
        }

        private mutating func openParagraph(_ line: SourceLine, onlyDefinitions: Bool) {
            block = .paragraph
            paragraphLine = lineNumber
            paragraphStart = line.start
            paragraphTitleStart = line.firstNonSpace
            paragraphOnlyDefinitions = onlyDefinitions
            pendingLabel = nil
            previousContentEnd = line.end
        }

        /// A line inside a block quote: its content after `>` and one optional space.
        private mutating func enterQuoteLine(_ line: SourceLine) {
            var content = line.firstNonSpace + 1
            if content < line.end, base[content] == 0x20 || base[content] == 0x09 { content += 1 }
            let p = base.skipWhitespace(from: content, to: line.end)
            if p == line.end {
                if innerFence == nil { innerParagraphOpen = false }
                return
            }
            classifyInner(from: p, to: line.end, relativeIndent: p - content)
        }

        /// Tracks, for the content of a container line, whether a paragraph or a fence is open inside
        /// the container afterwards: that decides whether the next less-indented line is a lazy
        /// continuation (and so stays in the container).
        private mutating func classifyInner(from p: Int, to end: Int, relativeIndent: Int) {
            if let fence = innerFence {
                if relativeIndent <= 3, BlockStart.closesFence(fence, base, p, end) { innerFence = nil }
                return
            }
            if p == end {
                innerParagraphOpen = false
                return
            }
            if relativeIndent >= 4 { return }  // indented code, or a paragraph's continuation
            switch base[p] {
            case UInt8(ascii: "`"), UInt8(ascii: "~"):
                if let fence = BlockStart.fenceOpening(base, p, end) {
                    innerFence = fence
                    innerParagraphOpen = false
                    return
                }
            case UInt8(ascii: "#"):
                if BlockStart.atxHeading(base, p, end) != nil {
                    innerParagraphOpen = false
                    return
                }
            case UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="):
                if BlockStart.isThematicBreak(base, p, end) {
                    innerParagraphOpen = false
                    return
                }
                if innerParagraphOpen, BlockStart.setextUnderlineLevel(base, p, end) != nil {
                    innerParagraphOpen = false
                    return
                }
                if let marker = BlockStart.listMarker(base, p, end, indent: 0) {
                    innerParagraphOpen = !marker.isEmpty
                    return
                }
            case UInt8(ascii: "<"):
                if HTMLBlock.start(base, p, end) != nil {
                    innerParagraphOpen = false
                    return
                }
            default:
                break
            }
            innerParagraphOpen = true
        }
    }
}
