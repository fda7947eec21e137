/// Byte classes the Textile writer asks about when deciding whether a character could trigger markup.
enum TextileBytes {
    /// Whether `byte` continues a word: an ASCII letter or digit, or any byte of a non-ASCII character.
    @inline(__always)
    static func isWord(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return byte >= 0x80
        }
    }

    /// Whether `byte` is whitespace; a missing byte (the edge of a block) counts as whitespace.
    @inline(__always)
    static func isSpaceOrEdge(_ byte: UInt8?) -> Bool {
        guard let byte else { return true }
        return byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Whether `byte` is one of Textile's phrase modifiers (`*_-+^~%@!?=`).
    @inline(__always)
    static func isModifier(_ byte: UInt8?) -> Bool {
        switch byte {
        case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "^"),
             UInt8(ascii: "~"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "?"),
             UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    /// Whether `byte` is ASCII punctuation.
    @inline(__always)
    static func isPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
            || (0x7B...0x7E).contains(byte)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Appends the decimal character reference (`&#42;`) that spells the ASCII `byte` without
    /// triggering anything.
    static func appendEntity(_ byte: UInt8, to result: inout [UInt8]) {
        result.append(UInt8(ascii: "&"))
        result.append(UInt8(ascii: "#"))
        if byte >= 100 { result.append(UInt8(ascii: "0") + byte / 100) }
        if byte >= 10 { result.append(UInt8(ascii: "0") + (byte / 10) % 10) }
        result.append(UInt8(ascii: "0") + byte % 10)
        result.append(UInt8(ascii: ";"))
    }
}
