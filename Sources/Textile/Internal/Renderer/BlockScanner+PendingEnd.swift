// The end of a long definition (`:=` … `=:`), which RedCloth renders as a document of its own but
// without the end-of-input mark its scanner otherwise gets: when the text ends while one of its
// scanner's tokens could still go on (`p. `, `|a|`, `- x`, a line break before `*`), that token's
// action never runs and its bytes are lost. Text already taken into the open block is kept.
//
// Each check answers "could the bytes from here to the end still grow into a longer token of the
// current state?" for the tokens of that state in RedCloth's block scanner.

extension BlockScanner {
    /// Whether scanning in the current state stops at `position`: the rest of the text is a token
    /// still open at the end.
    func pendingTokenRunsToEnd() -> Bool {
        let next = text[position]
        switch state {
        case .main:
            return next != UInt8(ascii: "\n") && mainTokenRunsToEnd(from: position)
        case .paragraph, .blockquote:
            return next == UInt8(ascii: "\n")
                && (blankLineRunsToEnd(from: position, thenBlockStart: true) || listStartRunsToEnd(from: position + 1)
                    || endTagRunsToEnd(from: position + 1, closedTagCounts: false))
        case .notextile, .blockCode, .preformatted:
            return next == UInt8(ascii: "\n") && blankLineRunsToEnd(from: position, thenBlockStart: true)
        case .footnote:
            return next == UInt8(ascii: "\n") && blankLineRunsToEnd(from: position, thenBlockStart: false)
        case .listContent:
            return next == UInt8(ascii: "\n")
                && (blankLineRunsToEnd(from: position, thenBlockStart: false) || listStartRunsToEnd(from: position + 1))
        case .definitionList:
            if next == UInt8(ascii: "\n") {
                if blankLineRunsToEnd(from: position, thenBlockStart: false) { return true }
                // a line break, `-` and spaces: the start of the next term
                guard byte(at: position + 1) == UInt8(ascii: "-") else { return false }
                return indentEnd(from: position + 2) == text.count
            }
            // `:` or `:=` and spaces: a definition that may yet be a long one
            guard next == UInt8(ascii: ":") else { return false }
            guard let equals = byte(at: position + 1) else { return true }
            return equals == UInt8(ascii: "=") && indentEnd(from: position + 2) == text.count
        case .htmlBlock:
            // spaces and a closing tag, which the spaces after it may still join
            return (next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "<"))
                && endTagRunsToEnd(from: position, closedTagCounts: true)
        case .preTag:
            // the start of `</pre>`, perhaps after `</code>` and spaces
            guard next == UInt8(ascii: "<") else { return false }
            let rest = text[position...]
            let codeEnd = Array("</code>".utf8), preEnd = Array("</pre>".utf8)
            if codeEnd.starts(with: rest) || preEnd.starts(with: rest) { return true }
            guard rest.starts(with: codeEnd) else { return false }
            let afterSpaces = rest.dropFirst(codeEnd.count).drop(while: Self.isSpace)
            return preEnd.starts(with: afterSpaces)
        case .scriptTag, .ignoredLine:
            return false
        }
    }

    /// The tokens of RedCloth's `main` state: block signatures, rules, lists, tables, definition
    /// lists, link aliases, floated images and block-level HTML.
    func mainTokenRunsToEnd(from start: Int) -> Bool {
        let end = text.count
        let indented = indentEnd(from: start)
        if indented == end { return true }
        let first = text[start]
        // `***`, `---`, `___`: a rule may always grow
        if first == UInt8(ascii: "*") || first == UInt8(ascii: "-") || first == UInt8(ascii: "_"),
           text[start..<end].allSatisfy({ $0 == first }) {
            return true
        }
        if Self.isLetter(first), signatureRunsToEnd(from: start) { return true }
        // `- term … :=`: its terms may run on over anything but a blank line, so the token is open
        // to the end unless one follows
        if first == UInt8(ascii: "-"), byte(at: start + 1) == UInt8(ascii: " "), !contains(Array("\n\n".utf8), from: start) {
            return true
        }
        // `[name]url` or `[!<`: no space up to the end
        if first == UInt8(ascii: "["), !text[start..<end].contains(where: Self.isSpace) { return true }
        if first == UInt8(ascii: "!"), start + 1 == end { return true }
        if text[indented] == UInt8(ascii: "<"), blockTagRunsToEnd(from: indented, isIndented: indented > start) {
            return true
        }
        if listStartRunsToEnd(from: start) { return true }
        // a table row: attributes and `. ` before its first `|`
        guard let afterAttributes = attributesEnd(from: start, verticalAlignment: true) else { return true }
        var cursor = afterAttributes
        if byte(at: cursor) == UInt8(ascii: ".") {
            cursor += 1
            while byte(at: cursor) == UInt8(ascii: " ") { cursor += 1 }
            if cursor == end { return true }
        } else if cursor != start {
            return false
        }
        return byte(at: cursor) == UInt8(ascii: "|") && tableRunsToEnd(from: cursor)
    }

    /// `type`, attributes, `.` or `..`, a `bq` citation and spaces: a block signature not yet
    /// followed by its text.
    func signatureRunsToEnd(from start: Int) -> Bool {
        let end = text.count
        var cursor = start + 1
        while let next = byte(at: cursor), Self.isLetter(next) || Self.isDigit(next) { cursor += 1 }
        guard isSignatureName(start..<cursor) else { return false }
        guard let afterAttributes = attributesEnd(from: cursor, verticalAlignment: true) else { return true }
        cursor = afterAttributes
        if cursor == end { return true }
        guard text[cursor] == UInt8(ascii: ".") else { return false }
        cursor += 1
        if byte(at: cursor) == UInt8(ascii: ".") { cursor += 1 }
        if byte(at: cursor) == UInt8(ascii: ":") {
            while let next = byte(at: cursor), !Self.isSpace(next) { cursor += 1 }
        }
        while byte(at: cursor) == UInt8(ascii: " ") { cursor += 1 }
        return cursor == end
    }

    /// Whether letters and digits can name a block: `bq`, `bc`, `pre`, `notextile`, `table` and
    /// `fn1` only on their own, never inside a longer name (RedCloth's type names exclude them).
    func isSignatureName(_ range: Range<Int>) -> Bool {
        let name = text[range]
        let reserved: [[UInt8]] = [Array("bq".utf8), Array("bc".utf8), Array("pre".utf8), Array("notextile".utf8), Array("table".utf8)]
        if reserved.contains(where: { name.elementsEqual($0) }) { return true }
        let isFootnote = name.starts(with: "fn".utf8) && name.count > 2 && name.dropFirst(2).allSatisfy(Self.isDigit)
        if isFootnote { return true }
        if reserved.contains(where: { name.firstRange(of: $0) != nil }) { return false }
        var cursor = range.lowerBound
        while let found = text[cursor..<range.upperBound].firstRange(of: "fn".utf8) {
            if found.upperBound < range.upperBound, Self.isDigit(text[found.upperBound]) { return false }
            cursor = found.lowerBound + 1
        }
        return true
    }

    /// The type of a signature open at the end whose name is already followed by something, and
    /// a footnote's number when something follows it.
    func signatureTypeStored(from start: Int) -> (type: String, footnote: String?)? {
        guard Self.isLetter(text[start]), signatureRunsToEnd(from: start) else { return nil }
        var cursor = start + 1
        while let next = byte(at: cursor), Self.isLetter(next) || Self.isDigit(next) { cursor += 1 }
        let name = text[start..<cursor]
        // a footnote's type is `fn`, stored as its number starts
        if name.starts(with: "fn".utf8), name.count > 2, name.dropFirst(2).allSatisfy(Self.isDigit) {
            return ("fn", cursor < text.count ? String(decoding: name.dropFirst(2), as: UTF8.self) : nil)
        }
        guard cursor < text.count else { return nil }
        return (String(decoding: name, as: UTF8.self), nil)
    }

    /// Spaces, alignment, attributes, `*` and `#` markers, a start number: a list item not yet
    /// followed by the space that completes its token.
    func listStartRunsToEnd(from start: Int) -> Bool {
        let end = text.count
        var cursor = start
        while byte(at: cursor) == UInt8(ascii: " ") { cursor += 1 }
        guard let afterAttributes = attributesEnd(from: cursor, verticalAlignment: false) else { return true }
        cursor = afterAttributes
        let markersStart = cursor
        while let next = byte(at: cursor), next == UInt8(ascii: "*") || next == UInt8(ascii: "#") { cursor += 1 }
        guard cursor > markersStart else { return false }
        // a start number or `_` only after `#`
        if text[cursor - 1] == UInt8(ascii: "#") {
            if byte(at: cursor) == UInt8(ascii: "_") {
                cursor += 1
            } else {
                while let next = byte(at: cursor), Self.isDigit(next) { cursor += 1 }
            }
        }
        guard let afterItemAttributes = attributesEnd(from: cursor, verticalAlignment: false) else { return true }
        // the first space after the markers completes the token
        return afterItemAttributes == end
    }

    /// A line break, spaces or tabs, more line breaks and then the start of a block signature.
    func blankLineRunsToEnd(from lineBreak: Int, thenBlockStart: Bool) -> Bool {
        let end = text.count
        var cursor = indentEnd(from: lineBreak + 1)
        if cursor == end { return true }
        guard text[cursor] == UInt8(ascii: "\n") else { return false }
        while byte(at: cursor) == UInt8(ascii: "\n") { cursor += 1 }
        if cursor == end { return true }
        guard thenBlockStart, Self.isLetter(text[cursor]) else { return false }
        let nameStart = cursor
        cursor += 1
        while let next = byte(at: cursor), Self.isLetter(next) || Self.isDigit(next) { cursor += 1 }
        guard isSignatureName(nameStart..<cursor) else { return false }
        guard let afterAttributes = attributesEnd(from: cursor, verticalAlignment: true) else { return true }
        cursor = afterAttributes
        while byte(at: cursor) == UInt8(ascii: ".") { cursor += 1 }
        return cursor == end
    }

    /// A table from its first `|`: cells run to the next `|` (across line breaks but not blank
    /// lines), and after a row a line break must start the next row.
    func tableRunsToEnd(from bar: Int) -> Bool {
        let end = text.count
        var cursor = bar + 1
        var rowHasCell = false
        while cursor < end {
            if text[cursor] == UInt8(ascii: "\n") {
                guard rowHasCell else { return false }
                guard let afterAttributes = attributesEnd(from: cursor + 1, verticalAlignment: true) else { return true }
                var rowStart = afterAttributes
                if byte(at: rowStart) == UInt8(ascii: ".") {
                    rowStart += 1
                    while byte(at: rowStart) == UInt8(ascii: " ") { rowStart += 1 }
                } else if rowStart != cursor + 1 {
                    return false
                }
                if rowStart == end { return true }
                guard text[rowStart] == UInt8(ascii: "|") else { return false }
                cursor = rowStart + 1
                rowHasCell = false
                continue
            }
            while cursor < end, text[cursor] != UInt8(ascii: "|") {
                if text[cursor] == UInt8(ascii: "\n") {
                    guard let following = byte(at: cursor + 1) else { return true }
                    if following == UInt8(ascii: "\n") {
                        // a blank line inside a cell is allowed only right before its closing `|`
                        guard let closing = byte(at: cursor + 2) else { return true }
                        guard closing == UInt8(ascii: "|") else { return false }
                        cursor += 2
                        break
                    }
                    // after a line break the cell's text goes on, a `|` included
                    cursor += 2
                    continue
                }
                cursor += 1
            }
            if cursor == end { return true }
            cursor += 1
            rowHasCell = true
        }
        return true
    }

    func contains(_ needle: [UInt8], from start: Int) -> Bool {
        guard start < text.count else { return false }
        return text[start...].firstRange(of: needle) != nil
    }

    /// Skips block attributes from `start` as RedCloth orders them: first alignment and padding
    /// (`<`, `>`, `=`, `(`, `)`, and with `verticalAlignment` also `-`, `^`, `~`), then `(class#id)`,
    /// `{style}` and `[lang]` groups. Returns nil when they run to the end of the text (so more of
    /// them may follow), else where they stop.
    func attributesEnd(from start: Int, verticalAlignment: Bool) -> Int? {
        let end = text.count
        var cursor = start
        var readsGroupsOnly = false
        while cursor < end {
            let next = text[cursor]
            switch next {
            case UInt8(ascii: "("), UInt8(ascii: "{"), UInt8(ascii: "["):
                var inner = cursor + 1
                switch next {
                case UInt8(ascii: "("):
                    while inner < end, TextileAttributes.isClassByte(text[inner]) { inner += 1 }
                    if inner < end, text[inner] == UInt8(ascii: "#") {
                        inner += 1
                        while inner < end, TextileAttributes.isClassByte(text[inner]), text[inner] != UInt8(ascii: " ") { inner += 1 }
                    }
                case UInt8(ascii: "{"):
                    while inner < end, TextileAttributes.isStyleByte(text[inner]) { inner += 1 }
                default:
                    while inner < end, TextileAttributes.isLanguageByte(text[inner]) { inner += 1 }
                }
                if inner == end { return nil }
                let closer = next == UInt8(ascii: "(") ? UInt8(ascii: ")") : next == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if text[inner] == closer, inner > cursor + 1 {
                    cursor = inner + 1
                    readsGroupsOnly = true
                } else if next == UInt8(ascii: "("), !readsGroupsOnly {
                    cursor += 1  // padding
                } else {
                    return cursor
                }
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: ")"):
                guard !readsGroupsOnly else { return cursor }
                cursor += 1
            case UInt8(ascii: "-"), UInt8(ascii: "^"), UInt8(ascii: "~"):
                guard verticalAlignment, !readsGroupsOnly else { return cursor }
                cursor += 1
            default:
                return cursor
            }
        }
        return nil
    }
}
