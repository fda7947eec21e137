/// How the outline scanner decides, line by line, which block is open at the top level: the same
/// decisions cmark's block parser makes, kept to what changes whether a line is a top-level heading.
extension MarkdownOutline {
    /// The open top-level block while scanning.
    enum Block {
        case none
        case paragraph
        case fence(BlockStart.Fence)
        case html(HTMLBlock)
        case indentedCode
        case listItem
        case blockQuote
    }

    /// The line-by-line state machine behind ``MarkdownOutline/init(base:count:from:visitor:)``.
    struct Scanner {
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
