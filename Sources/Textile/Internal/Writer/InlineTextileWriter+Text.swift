extension InlineTextileWriter {
    /// Writes literal text, escaping what nearby bytes show to be a trigger and recording the
    /// phrase modifiers that only the whole block can decide on.
    mutating func writeText(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard !bytes.isEmpty else { return }
            var start = 0
            if output.last == UInt8(ascii: "\n"), BlockStartTrigger.startsListItem(bytes[...]) {
                // A line after a hard break that looks like a list item would start a list.
                TextileBytes.appendEntity(bytes[0], to: &output)
                start = 1
            }
            writeTextBytes(bytes, from: start)
        }
    }

    /// Bytes that need a look in `writeTextBytes`; every other byte is copied as it is.
    private static let needsAttention: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "*_-+^~%@!?=\"<>&([]{x\n\r".utf8 { table[Int(byte)] = true }
        return table
    }()

    private mutating func writeTextBytes(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) {
        let count = bytes.count
        var index = start
        let attention = Self.needsAttention
        while index < count {
            // Copy the run of ordinary bytes in one go.
            var runEnd = index
            while runEnd < count, !attention[Int(bytes[runEnd])] { runEnd += 1 }
            if runEnd > index {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<runEnd]))
                index = runEnd
                if index == count { break }
            }
            let byte = bytes[index]
            let next: UInt8? = index + 1 < count ? bytes[index + 1] : nil
            if output.count == attributeSlot, Self.opensAttributes(byte) {
                // `_(a)b_` is an `em` of class `a`, `"[en]a":url` a link in English: RedCloth
                // reads attributes right after a phrase's marker or a link's quote.
                TextileBytes.appendEntity(byte, to: &output)
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "^"),
                 UInt8(ascii: "~"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "!"):
                candidates.append(output.count)
                output.append(byte)
            case UInt8(ascii: "?"), UInt8(ascii: "="):
                // `??cite??` and `==notextile==` need the character doubled.
                if next == byte { candidates.append(output.count) }
                output.append(byte)
            case UInt8(ascii: "\""):
                if linkTextDepth > 0 {
                    output.append(contentsOf: "&quot;".utf8)
                } else {
                    candidates.append(output.count)
                    output.append(byte)
                }
            case 0x0A, 0x0D:
                // A character reference in the Markdown; a raw newline would break the line or the block.
                TextileBytes.appendEntity(byte, to: &output)
            case UInt8(ascii: "<") where linkTextDepth > 0:
                // RedCloth ends a link's text at a `<` or `>` that is not part of a tag.
                output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">") where linkTextDepth > 0:
                output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "<"):
                if TextileBytes.isLetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!")
                    || next == UInt8(ascii: "?") {
                    output.append(contentsOf: "&lt;".utf8)
                } else {
                    output.append(byte)
                }
            case UInt8(ascii: "&"):
                if Self.startsCharacterReference(bytes, at: index) {
                    output.append(contentsOf: "&amp;".utf8)
                } else {
                    output.append(byte)
                }
            case UInt8(ascii: "("):
                if linkTextDepth > 0 || Self.startsSymbolGlyph(bytes, at: index) || endsInCapitals(output) {
                    TextileBytes.appendEntity(byte, to: &output)
                } else {
                    output.append(byte)
                }
            case UInt8(ascii: "["):
                if Self.startsFootnoteReference(bytes, at: index) || Self.opensBracketedPhrase(next) {
                    TextileBytes.appendEntity(byte, to: &output)
                } else {
                    candidates.append(output.count)
                    output.append(byte)
                }
            case UInt8(ascii: "]"):
                candidates.append(output.count)
                output.append(byte)
            case UInt8(ascii: "x"):
                if Self.isDimensionSign(bytes, at: index, before: output) {
                    TextileBytes.appendEntity(byte, to: &output)
                } else {
                    output.append(byte)
                }
            default:
                output.append(byte)
            }
            index += 1
        }
    }

    /// Whether `byte` opens a class (`(`), language (`[`) or style (`{`) attribute.
    private static func opensAttributes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{")
    }

    /// Whether `&` at `index` starts something a renderer would read as a character reference.
    private static func startsCharacterReference(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var cursor = index + 1
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "#") { cursor += 1 }
        let nameStart = cursor
        while cursor < bytes.count, TextileBytes.isLetter(bytes[cursor]) || TextileBytes.isDigit(bytes[cursor]) {
            cursor += 1
        }
        return cursor > nameStart && cursor < bytes.count && bytes[cursor] == UInt8(ascii: ";")
    }

    /// Whether `(` at `index` starts `(c)`, `(r)` or `(tm)`, which become ©, ® and ™.
    private static func startsSymbolGlyph(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        func lower(_ offset: Int) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] | 0x20 : nil
        }
        let close = UInt8(ascii: ")")
        if (lower(1) == UInt8(ascii: "c") || lower(1) == UInt8(ascii: "r")) && bytes.count > index + 2 && bytes[index + 2] == close {
            return true
        }
        return lower(1) == UInt8(ascii: "t") && lower(2) == UInt8(ascii: "m") && bytes.count > index + 3
            && bytes[index + 3] == close
    }

    /// Whether the text written so far ends in two capitals, so that `(` would start an acronym's title.
    private func endsInCapitals(_ output: [UInt8]) -> Bool {
        guard output.count >= 2 else { return false }
        let isCapital = { (byte: UInt8) in byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        return isCapital(output[output.count - 1]) && isCapital(output[output.count - 2])
    }

    /// Whether `[` at `index` starts a footnote reference such as `[12]`.
    private static func startsFootnoteReference(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var cursor = index + 1
        while cursor < bytes.count, TextileBytes.isDigit(bytes[cursor]) { cursor += 1 }
        return cursor > index + 1 && cursor < bytes.count && bytes[cursor] == UInt8(ascii: "]")
    }

    /// Whether `byte` after `[` would open a bracketed phrase or link.
    private static func opensBracketedPhrase(_ byte: UInt8?) -> Bool {
        TextileBytes.isModifier(byte) || byte == UInt8(ascii: "\"")
    }

    /// Whether `x` at `index` sits between numbers (`2x3`, `2 x 3`, `.x2`), where RedCloth makes it ×:
    /// a digit, `.` or prime before it and a digit or `.` after it, each with at most one space between.
    private static func isDimensionSign(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, before output: [UInt8]) -> Bool {
        var back = output.count - 1
        if back >= 0, output[back] == UInt8(ascii: " ") { back -= 1 }
        guard back >= 0 else { return false }
        let previous = output[back]
        guard TextileBytes.isDigit(previous) || previous == UInt8(ascii: ".") || previous == UInt8(ascii: "'")
            || previous == UInt8(ascii: "\"")
        else {
            return false
        }
        var ahead = index + 1
        if ahead < bytes.count, bytes[ahead] == UInt8(ascii: " ") { ahead += 1 }
        return ahead < bytes.count && (TextileBytes.isDigit(bytes[ahead]) || bytes[ahead] == UInt8(ascii: "."))
    }
}
