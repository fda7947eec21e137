// Byte classes of RedCloth's inline grammar and the three escapings it applies to text.

/// Byte classes used by the inline scanner, named after the grammar's character classes.
enum InlineBytes {
    /// Whitespace in the grammar's sense: space, tab, newline, vertical tab, form feed, carriage return.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Punctuation that ends a run of plain text (RedCloth's `PUNCT`).
    static func isPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
            UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"),
            UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"),
            UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"):
            return true
        default:
            return false
        }
    }

    /// A byte that may sit inside a run of plain text: not whitespace, not NUL, and not punctuation
    /// other than the two quote characters.
    static func isPhraseByte(_ byte: UInt8) -> Bool {
        if byte == 0 || isSpace(byte) { return false }
        if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") { return true }
        return !isPunctuation(byte)
    }

    /// A byte that may start or continue the text of a phrase (`chars` in the grammar).
    static func isTextByte(_ byte: UInt8) -> Bool {
        byte != 0 && !isSpace(byte)
    }

    /// Whitespace allowed between the words of a phrase (`mspace`).
    static func isPhraseSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isUpper(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }

    static func isAlpha(_ byte: UInt8) -> Bool {
        isUpper(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isAlpha(byte) || isDigit(byte)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }

    /// A byte of an XML name after its first character (`NameChar`).
    static func isNameByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "?")
    }

    /// The first byte of an XML name (`Name`).
    static func isNameStartByte(_ byte: UInt8) -> Bool {
        isAlpha(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
    }

    /// A byte a URL may contain without escaping; `%` counts only before two hex digits (checked by the caller).
    static func isURIByte(_ byte: UInt8) -> Bool {
        if byte < 0x21 || byte == 0x7F { return false }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "%"): return false
        default: return true
        }
    }

    /// Trailing bytes that RedCloth strips from the end of a link's URL.
    static func isTrailingURLPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
            UInt8(ascii: "]"), UInt8(ascii: "["), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"),
            UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("),
            UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"),
            UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}

/// The escapings RedCloth applies: to running text, to preformatted text (code) and to attribute values.
enum InlineEscaping {
    /// Escapes running text: `&` `<` `>` as entities, `"` as `&quot;`, `'` as a right single quote,
    /// and each newline as a hard break (or a plain newline when hard breaks are off).
    static func appendText(_ bytes: ArraySlice<UInt8>, hardBreaks: Bool, to result: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): result.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): result.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): result.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): result.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): result.append(contentsOf: "&#8217;".utf8)
            case UInt8(ascii: "\n"): result.append(contentsOf: hardBreaks ? "<br />\n".utf8 : "\n".utf8)
            default: result.append(byte)
            }
        }
    }

    /// Escapes preformatted text: only `&`, `<` and `>`.
    static func appendPreformatted(_ bytes: ArraySlice<UInt8>, to result: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): result.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): result.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): result.append(contentsOf: "&gt;".utf8)
            default: result.append(byte)
            }
        }
    }

    /// Escapes an attribute value the way RedCloth does (`'` becomes `&#39;`).
    static func appendAttribute(_ bytes: ArraySlice<UInt8>, to result: inout [UInt8]) {
        TextileAttributes.appendEscapedAttributeValue(bytes, to: &result)
    }
}
