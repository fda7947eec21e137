/// CommonMark's block-start conditions, each checked on one line from its first non-space byte
/// `p` to the end of its content `end` (spec 0.31, sections 4 and 5). The caller has already
/// checked that the line is indented by at most three columns where the spec requires it.
enum BlockStart {
    /// An ATX heading (`## Title ##`): its level and the title's byte range without the opening
    /// and closing `#` sequences and the spaces around them.
    struct ATXHeading {
        var level: Int
        var titleStart: Int
        var titleEnd: Int
    }

    @inline(__always)
    static func atxHeading(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> ATXHeading? {
        let level = base.run(of: UInt8(ascii: "#"), from: p, to: end)
        guard level >= 1, level <= 6 else { return nil }
        let afterHashes = p + level
        guard afterHashes == end || base[afterHashes] == 0x20 || base[afterHashes] == 0x09 else { return nil }
        let titleStart = base.skipWhitespace(from: afterHashes, to: end)
        var titleEnd = end
        while titleEnd > titleStart, base[titleEnd - 1] == 0x20 || base[titleEnd - 1] == 0x09 { titleEnd -= 1 }
        // A closing sequence of `#`s counts only when a space precedes it (or it is the whole title).
        var hashes = titleEnd
        while hashes > titleStart, base[hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
        if hashes == titleStart {
            titleEnd = titleStart
        } else if hashes < titleEnd, base[hashes - 1] == 0x20 || base[hashes - 1] == 0x09 {
            titleEnd = hashes
            while titleEnd > titleStart, base[titleEnd - 1] == 0x20 || base[titleEnd - 1] == 0x09 { titleEnd -= 1 }
        }
        return ATXHeading(level: level, titleStart: titleStart, titleEnd: titleEnd)
    }

    /// An opening code fence: three or more backticks (with no backtick in the info string) or tildes.
    struct Fence: Equatable {
        var marker: UInt8
        var length: Int
    }

    @inline(__always)
    static func fenceOpening(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> Fence? {
        let marker = base[p]
        guard marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") else { return nil }
        let length = base.run(of: marker, from: p, to: end)
        guard length >= 3 else { return nil }
        if marker == UInt8(ascii: "`") {
            var position = p + length
            while position < end {
                if base[position] == marker { return nil }
                position += 1
            }
        }
        return Fence(marker: marker, length: length)
    }

    /// Whether the line closes `fence`: the same marker, at least as long, then only spaces.
    @inline(__always)
    static func closesFence(_ fence: Fence, _ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> Bool {
        guard p < end, base[p] == fence.marker else { return false }
        let length = base.run(of: fence.marker, from: p, to: end)
        return length >= fence.length && base.isWhitespace(from: p + length, to: end)
    }

    /// A thematic break: three or more `*`, `-` or `_` (all the same), spaces and tabs between.
    @inline(__always)
    static func isThematicBreak(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> Bool {
        let marker = base[p]
        guard marker == UInt8(ascii: "*") || marker == UInt8(ascii: "-") || marker == UInt8(ascii: "_") else {
            return false
        }
        var count = 0
        var position = p
        while position < end {
            let byte = base[position]
            if byte == marker {
                count += 1
            } else if byte != 0x20 && byte != 0x09 {
                return false
            }
            position += 1
        }
        return count >= 3
    }

    /// A setext underline: `=`s (level 1) or `-`s (level 2), then only spaces.
    @inline(__always)
    static func setextUnderlineLevel(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> Int? {
        let marker = base[p]
        guard marker == UInt8(ascii: "=") || marker == UInt8(ascii: "-") else { return nil }
        let length = base.run(of: marker, from: p, to: end)
        guard base.isWhitespace(from: p + length, to: end) else { return nil }
        return marker == UInt8(ascii: "=") ? 1 : 2
    }

    /// A list item's marker: where its content starts (in columns from the start of the line),
    /// whether the item is empty on this line, and whether it is an ordered item numbered 1.
    struct ListMarker {
        var contentIndent: Int
        var contentStart: Int
        var isEmpty: Bool
        var isBullet: Bool
        var startsAtOne: Bool
        /// Five or more spaces followed the marker: the item starts with indented code.
        var startsWithIndentedCode = false

        /// Whether the marker may interrupt a paragraph (spec 5.2: not empty, and ordered lists start at 1).
        var canInterruptParagraph: Bool { !isEmpty && (isBullet || startsAtOne) }
    }

    @inline(__always)
    static func listMarker(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int, indent: Int) -> ListMarker? {
        let first = base[p]
        var markerEnd: Int
        var isBullet = false
        var startsAtOne = false
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "*") {
            markerEnd = p + 1
            isBullet = true
        } else if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") {
            var position = p
            while position < end, position - p < 9, base[position] >= UInt8(ascii: "0"), base[position] <= UInt8(ascii: "9") {
                position += 1
            }
            guard position < end, base[position] == UInt8(ascii: ".") || base[position] == UInt8(ascii: ")") else {
                return nil
            }
            var value = 0
            for index in p..<position { value = value * 10 + Int(base[index] - UInt8(ascii: "0")) }
            startsAtOne = value == 1
            markerEnd = position + 1
        } else {
            return nil
        }
        let markerColumns = indent + (markerEnd - p)
        if markerEnd == end {
            return ListMarker(contentIndent: markerColumns + 1, contentStart: end, isEmpty: true, isBullet: isBullet, startsAtOne: startsAtOne)
        }
        guard base[markerEnd] == 0x20 || base[markerEnd] == 0x09 else { return nil }
        var column = markerColumns
        var position = markerEnd
        while position < end, base[position] == 0x20 || base[position] == 0x09 {
            column += base[position] == 0x09 ? 4 - column % 4 : 1
            position += 1
        }
        if position == end {
            return ListMarker(contentIndent: markerColumns + 1, contentStart: end, isEmpty: true, isBullet: isBullet, startsAtOne: startsAtOne)
        }
        // Five or more spaces after the marker: the item starts with indented code one column in.
        if column - markerColumns >= 5 {
            return ListMarker(
                contentIndent: markerColumns + 1, contentStart: markerEnd + 1, isEmpty: false, isBullet: isBullet,
                startsAtOne: startsAtOne, startsWithIndentedCode: true)
        }
        return ListMarker(contentIndent: column, contentStart: position, isEmpty: false, isBullet: isBullet, startsAtOne: startsAtOne)
    }

    /// Whether a line that its container (a list item, a block quote) does not take ends that
    /// container instead of continuing its paragraph lazily. cmark checks it against the outer
    /// container, so every list marker counts (empty items and any number too), but an HTML block of
    /// kind 7 does not.
    @inline(__always)
    static func endsLazyContinuation(_ base: UnsafePointer<UInt8>, _ line: SourceLine) -> Bool {
        if interruptsParagraph(base, line) { return true }
        guard line.indent <= 3, !line.isBlank else { return false }
        return listMarker(base, line.firstNonSpace, line.end, indent: line.indent) != nil
    }

    /// Whether a line may interrupt an open paragraph, and so can never be its lazy continuation.
    @inline(__always)
    static func interruptsParagraph(_ base: UnsafePointer<UInt8>, _ line: SourceLine) -> Bool {
        guard line.indent <= 3, !line.isBlank else { return false }
        let p = line.firstNonSpace, end = line.end
        switch base[p] {
        case UInt8(ascii: "#"):
            return atxHeading(base, p, end) != nil
        case UInt8(ascii: "`"), UInt8(ascii: "~"):
            return fenceOpening(base, p, end) != nil
        case UInt8(ascii: ">"):
            return true
        case UInt8(ascii: "<"):
            if let kind = HTMLBlock.start(base, p, end) { return kind.canInterruptParagraph }
            return false
        case UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if isThematicBreak(base, p, end) { return true }
            return listMarker(base, p, end, indent: line.indent)?.canInterruptParagraph ?? false
        default:
            return false
        }
    }
}
