// The inline scanner: RedCloth's longest-match scanner re-expressed as one pass over the bytes.
//
// At each position every construct that can start there is measured; the longest wins, and on a
// tie the construct RedCloth lists first. Plain text competes as a whole word (a maximal run of
// non-punctuation bytes), which is why markers inside words stay literal. Closers are found through
// `OccurrenceIndex` position lists, so a marker that never closes costs a binary search, not a
// rescan of the rest of the block: the pass stays linear however the markers are arranged.

/// Scans one block's inline text and renders it as HTML.
struct InlineScanner {
    let index: OccurrenceIndex
    let context: InlineContext
    let runs = RunCache()

    var text: [UInt8] { index.text }
    var hardBreaks: Bool { !context.options.contains(.noHardBreaks) }

    init(text: [UInt8], context: InlineContext) {
        self.index = OccurrenceIndex(text: text)
        self.context = context
    }

    /// The byte at `position`, or 0 (RedCloth's end marker) outside `segment`.
    func byte(_ position: Int, _ segment: Range<Int>) -> UInt8 {
        position >= segment.lowerBound && position < segment.upperBound ? index.text[position] : 0
    }

    /// Renders `segment` of the text, appending HTML to `result`.
    ///
    /// Nested phrases are rendered with an explicit stack rather than recursion: RedCloth lets
    /// `_emphasis_` nest as deep as the input goes, and the call stack must not.
    func render(_ segment: Range<Int>, into result: inout [UInt8]) {
        var stack: [RenderFrame] = []
        var frame = RenderFrame(segment: segment, position: segment.lowerBound, suffix: "")
        while true {
            if frame.position >= frame.segment.upperBound {
                flushPlain(frame, upTo: frame.segment.upperBound, into: &result)
                result.append(contentsOf: frame.suffix.utf8)
                guard let outer = stack.popLast() else { return }
                frame = outer
                continue
            }
            let position = frame.position
            let plainEnd = plainTokenEnd(at: position, in: frame.segment)
            guard let match = bestMatch(at: position, in: frame.segment, plainLength: plainEnd - position) else {
                frame.position = plainEnd
                continue
            }
            flushPlain(frame, upTo: position, into: &result)
            let nesting = emit(match, in: frame.segment, into: &result)
            frame.position = match.end
            frame.plainStart = match.end
            if let nesting {
                stack.append(frame)
                frame = RenderFrame(segment: nesting.inner, position: nesting.inner.lowerBound, suffix: nesting.suffix)
            }
        }
    }

    /// Appends the escaped plain text of `frame` that precedes `end`.
    private func flushPlain(_ frame: RenderFrame, upTo end: Int, into result: inout [UInt8]) {
        if frame.plainStart < end {
            InlineEscaping.appendText(text[frame.plainStart..<end], hardBreaks: hardBreaks, to: &result)
        }
    }

    /// The end of the plain-text token at `position`: a word of non-punctuation bytes that holds no
    /// dimension such as `2x4`, or else one byte.
    func plainTokenEnd(at position: Int, in segment: Range<Int>) -> Int {
        let first = text[position]
        guard InlineBytes.isPhraseByte(first) else { return position + 1 }
        let runEnd = min(runs.phraseRunEnd(from: position, in: text), segment.upperBound)
        // A word may not contain a dimension: it stops before the digit that completes `D x D`.
        var cursor = position
        while cursor < runEnd {
            if text[cursor] == UInt8(ascii: "x"), cursor + 1 < runEnd, InlineBytes.isDigit(text[cursor + 1]) {
                var before = cursor - 1
                if before >= position, text[before] == UInt8(ascii: "'") || text[before] == UInt8(ascii: "\"") {
                    before -= 1
                }
                if before >= position, InlineBytes.isDigit(text[before]) { return cursor + 1 }
            }
            cursor += 1
        }
        return runEnd
    }

    /// The longest construct starting at `position` that is at least as long as the plain token there.
    func bestMatch(at position: Int, in segment: Range<Int>, plainLength: Int) -> InlineMatch? {
        var best: InlineMatch?
        var bestLength = plainLength - 1
        func consider(_ candidate: InlineMatch?) {
            guard let candidate else { return }
            let length = candidate.scannedEnd - position
            if length > bestLength {
                best = candidate
                bestLength = length
            }
        }
        let first = text[position]
        switch first {
        case UInt8(ascii: "["):
            bracketCandidates(at: position, in: segment, consider: consider)
        case UInt8(ascii: "!"):
            consider(image(at: position, in: segment, bracketed: false))
        case UInt8(ascii: "\""):
            consider(link(at: position, in: segment, bracketed: false))
            consider(doubleQuote(at: position, in: segment))
            consider(openQuote(at: position, in: segment))
        case UInt8(ascii: "@"):
            consider(code(at: position, markerAt: position, in: segment))
        case UInt8(ascii: "<"):
            consider(codeTag(at: position, in: segment))
            consider(notextileTag(at: position, in: segment))
            consider(scriptTag(at: position, in: segment))
            consider(htmlTag(at: position, in: segment))
            consider(htmlComment(at: position, in: segment))
            consider(lineBreakTag(at: position, in: segment))
        case UInt8(ascii: "*"):
            consider(phrase(.strong, marker: "*", at: position, markerAt: position, in: segment))
            consider(phrase(.bold, marker: "**", at: position, markerAt: position, in: segment))
        case UInt8(ascii: "_"):
            consider(underscorePhrase(.emphasis, at: position, markerAt: position, in: segment))
            consider(underscorePhrase(.italic, at: position, markerAt: position, in: segment))
        case UInt8(ascii: "-"):
            consider(deletedPhrase(at: position, in: segment))
            consider(fixed("--", "&#8212;", at: position, in: segment))
            consider(fixed("->", "&#8594;", at: position, in: segment))
        case UInt8(ascii: " "):
            consider(deletedPhrase(at: position, in: segment))
            consider(fixed(" - ", " &#8211; ", at: position, in: segment))
            consider(ellipsis(at: position, in: segment))
            consider(symbol(at: position, in: segment))
        case UInt8(ascii: "+"):
            consider(phrase(.inserted, marker: "+", at: position, markerAt: position, in: segment))
        case UInt8(ascii: "^"):
            consider(spacedPhrase(.superscript, marker: UInt8(ascii: "^"), at: position, in: segment))
        case UInt8(ascii: "~"):
            consider(spacedPhrase(.`subscript`, marker: UInt8(ascii: "~"), at: position, in: segment))
        case UInt8(ascii: "%"):
            consider(spacedPhrase(.span, marker: UInt8(ascii: "%"), at: position, in: segment))
        case UInt8(ascii: "?"):
            consider(citation(at: position, markerAt: position, in: segment))
        case UInt8(ascii: "="):
            consider(passThrough(at: position, markerAt: position, in: segment))
        case UInt8(ascii: "`"):
            consider(snippet(at: position, markerAt: position, in: segment))
        case UInt8(ascii: "'"):
            consider(singleQuote(at: position, in: segment))
        case UInt8(ascii: "."):
            consider(ellipsis(at: position, in: segment))
            consider(dimension(at: position, in: segment))
        case UInt8(ascii: "("):
            consider(symbol(at: position, in: segment))
        case UInt8(ascii: "&"):
            consider(entity(at: position, in: segment))
        default:
            if InlineBytes.isUpper(first) {
                consider(capitals(at: position, in: segment))
                consider(acronym(at: position, in: segment))
            } else if InlineBytes.isDigit(first) {
                consider(dimension(at: position, in: segment))
            }
        }
        return best
    }

    /// The constructs that may open with `[`, in RedCloth's order.
    private func bracketCandidates(at position: Int, in segment: Range<Int>, consider: (InlineMatch?) -> Void) {
        let next = byte(position + 1, segment)
        switch next {
        case UInt8(ascii: "!"):
            consider(image(at: position, in: segment, bracketed: true))
        case UInt8(ascii: "\""):
            consider(link(at: position, in: segment, bracketed: true))
        case UInt8(ascii: "@"):
            consider(code(at: position, markerAt: position + 1, in: segment))
        case UInt8(ascii: "*"):
            consider(phrase(.strong, marker: "*", at: position, markerAt: position + 1, in: segment))
            consider(phrase(.bold, marker: "**", at: position, markerAt: position + 1, in: segment))
        case UInt8(ascii: "_"):
            consider(underscorePhrase(.emphasis, at: position, markerAt: position + 1, in: segment))
            consider(underscorePhrase(.italic, at: position, markerAt: position + 1, in: segment))
        case UInt8(ascii: "-"):
            consider(bracketedPhrase(.deleted, marker: UInt8(ascii: "-"), at: position, in: segment))
        case UInt8(ascii: "+"):
            consider(phrase(.inserted, marker: "+", at: position, markerAt: position + 1, in: segment))
        case UInt8(ascii: "^"):
            consider(bracketedPhrase(.superscript, marker: UInt8(ascii: "^"), at: position, in: segment))
        case UInt8(ascii: "~"):
            consider(bracketedPhrase(.`subscript`, marker: UInt8(ascii: "~"), at: position, in: segment))
        case UInt8(ascii: "%"):
            consider(bracketedPhrase(.span, marker: UInt8(ascii: "%"), at: position, in: segment))
        case UInt8(ascii: "?"):
            consider(citation(at: position, markerAt: position + 1, in: segment))
        case UInt8(ascii: "="):
            consider(passThrough(at: position, markerAt: position + 1, in: segment))
        case UInt8(ascii: "`"):
            consider(snippet(at: position, markerAt: position + 1, in: segment))
        default:
            break
        }
        consider(symbol(at: position, in: segment))
        consider(footnoteReference(at: position, in: segment))
        consider(version(at: position, in: segment))
    }
}

/// Inner text of a construct still to be rendered, and the markup that closes the construct.
struct InlineNesting {
    var inner: Range<Int>
    var suffix: String
}

/// One level of the render stack: a segment being scanned and what closes it.
struct RenderFrame {
    var segment: Range<Int>
    var position: Int
    var plainStart: Int
    var suffix: String

    init(segment: Range<Int>, position: Int, suffix: String) {
        self.segment = segment
        self.position = position
        self.plainStart = position
        self.suffix = suffix
    }
}

/// Memoised ends of byte runs, so that asking again from inside a run costs nothing.
final class RunCache {
    private var phraseRun = 0..<0
    private var numberRun = 0..<0

    /// The end of the maximal run of digits and dots containing `position`.
    func numberRunEnd(from position: Int, in text: [UInt8]) -> Int {
        if numberRun.contains(position) { return numberRun.upperBound }
        var cursor = position
        while cursor < text.count, InlineBytes.isDigit(text[cursor]) || text[cursor] == UInt8(ascii: ".") { cursor += 1 }
        numberRun = position..<cursor
        return cursor
    }

    /// The end of the maximal run of plain-word bytes containing `position`.
    func phraseRunEnd(from position: Int, in text: [UInt8]) -> Int {
        if phraseRun.contains(position) { return phraseRun.upperBound }
        var cursor = position
        while cursor < text.count, InlineBytes.isPhraseByte(text[cursor]) { cursor += 1 }
        phraseRun = position..<cursor
        return cursor
    }
}
