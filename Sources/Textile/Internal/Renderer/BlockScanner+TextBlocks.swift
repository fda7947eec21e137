// Collecting the text of paragraphs, quotations, code, footnotes and indented lines until the
// block ends: at a blank line, at a closing HTML tag, at a list, or at the end of input.

extension BlockScanner {
    // MARK: Text blocks (p, h1…, bq, notextile and unknown signatures)

    mutating func scanTextBlock() {
        let byte = text[position]
        guard byte == UInt8(ascii: "\n") else {
            appendRunToLineEnd()
            return
        }
        if let returnEnd = matchDoubleReturn(at: position) {
            let startsNext = matchNextBlockStart(at: returnEnd)
            finishTextBlockAtDoubleReturn(returnRange: position..<returnEnd, nextBlockFollows: startsNext)
            position = returnEnd
            return
        }
        if state != .notextile, matchEndTagLine(at: position + 1) {
            // A closing HTML tag on its own line ends the block; the tag is read again from main.
            if extended != nil { addExtendedBlock(); endExtended() } else { addBlock() }
            if state == .blockquote { html.append(contentsOf: "</blockquote>\n".utf8) }
            state = .main
            return
        }
        if state == .paragraph, let listStart = matchListStart(at: position + 1) {
            addBlock()
            openListItem(listStart, startsList: true)
            return
        }
        block.append(byte)
        position += 1
    }

    mutating func finishTextBlockAtDoubleReturn(returnRange: Range<Int>, nextBlockFollows: Bool) {
        let isExtended = extended != nil
        switch state {
        case .notextile:
            if isExtended {
                block.append(contentsOf: text[returnRange])
                addExtendedBlock()
                if nextBlockFollows {
                    endExtended()
                    state = .main
                } else {
                    html.append(contentsOf: text[returnRange])
                }
            } else {
                addBlock()
                html.append(contentsOf: text[returnRange])
                state = .main
            }
        case .blockquote:
            if isExtended {
                addExtendedBlock()
                if nextBlockFollows {
                    html.append(contentsOf: "</blockquote>\n".utf8)
                    endExtended()
                    state = .main
                }
            } else {
                addBlock()
                html.append(contentsOf: "</blockquote>\n".utf8)
                state = .main
            }
        default:
            if isExtended {
                addExtendedBlock()
                if nextBlockFollows {
                    endExtended()
                    state = .main
                }
            } else {
                addBlock()
                state = .main
            }
        }
    }

    // MARK: Code blocks (bc, pre)

    mutating func scanCodeBlock() {
        let byte = text[position]
        guard byte == UInt8(ascii: "\n"), let returnEnd = matchDoubleReturn(at: position) else {
            let end = byte == UInt8(ascii: "\n") ? position + 1 : lineEnd(from: position)
            InlineEscaping.appendPreformatted(text[position..<end], to: &block)
            position = end
            return
        }
        let nextBlockFollows = matchNextBlockStart(at: returnEnd)
        let isCode = state == .blockCode
        if extended != nil {
            addBlockCode(keepRegisters: true)
            if isCode { html.append(contentsOf: text[position..<returnEnd]) }
            if nextBlockFollows {
                if isCode {
                    ByteText.stripTrailingWhitespace(&html)
                    html.append(contentsOf: "</pre>\n".utf8)
                }
                endExtended()
                state = .main
            }
        } else {
            addBlockCode()
            if isCode { html.append(contentsOf: "</pre>\n".utf8) }
            state = .main
        }
        position = returnEnd
    }

    // MARK: Footnotes

    mutating func scanFootnote() {
        let byte = text[position]
        if byte == UInt8(ascii: "\n"), let returnEnd = matchDoubleReturn(at: position) {
            addBlock()
            state = .main
            position = returnEnd
            return
        }
        if byte == UInt8(ascii: "\n") {
            block.append(byte)
            position += 1
        } else {
            appendRunToLineEnd()
        }
    }

    /// The index of the next line end at or after `start`, or the end of the text.
    /// Stops at NUL too, RedCloth's end-of-input mark.
    func lineEnd(from start: Int) -> Int {
        var cursor = start
        while cursor < text.count, text[cursor] != UInt8(ascii: "\n"), text[cursor] != 0 { cursor += 1 }
        return cursor
    }

    /// Appends the bytes up to (not including) the next line end to the block.
    mutating func appendRunToLineEnd() {
        let end = lineEnd(from: position)
        block.append(contentsOf: text[position..<end])
        position = end
    }

    // MARK: Lines starting with a space

    mutating func scanIgnoredLine() {
        if text[position] == UInt8(ascii: "\n") {
            position += 1
            addBlock()
            state = .main
        } else {
            appendRunToLineEnd()
        }
    }
}
