/// RedCloth's `sanitize_html`: before rendering, removes every tag outside a small list, keeps only
/// that tag's listed attributes (links and images only with `http:`, `https:` or `ftp:` URLs), and
/// drops `<![CDATA[`.
enum HTMLSanitizer {
    /// Allowed tags and, for each, the attributes kept.
    static let allowedTags: [String: [String]] = [
        "a": ["href", "title"], "img": ["src", "alt", "title"], "br": [], "i": [], "u": [], "b": [], "pre": [],
        "kbd": [], "code": ["lang"], "cite": [], "strong": [], "em": [], "ins": [], "sup": [], "sub": [], "del": [],
        "table": [], "tr": [], "td": ["colspan", "rowspan"], "th": [], "ol": ["start"], "ul": [], "li": [], "p": [],
        "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [], "blockquote": ["cite"], "notextile": [],
    ]

    static func clean(_ source: [UInt8]) -> [UInt8] {
        let text = removingCDATA(source)
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var nextClose = -1  // the first `>` at or after the last search, or text.count when none
        var index = 0
        while index < text.count {
            let byte = text[index]
            guard byte == UInt8(ascii: "<") else {
                result.append(byte)
                index += 1
                continue
            }
            var cursor = index + 1
            while cursor < text.count, text[cursor] == UInt8(ascii: "/") { cursor += 1 }
            let slashes = text[(index + 1)..<cursor]
            guard cursor < text.count, isASCIILetter(text[cursor]) else {
                result.append(byte)
                index += 1
                continue
            }
            let nameStart = cursor
            while cursor < text.count, isWordByte(text[cursor]) { cursor += 1 }
            let nameEnd = cursor
            if nextClose < cursor {
                nextClose = cursor
                while nextClose < text.count, text[nextClose] != UInt8(ascii: ">") { nextClose += 1 }
            }
            guard nextClose < text.count else {
                result.append(byte)
                index += 1
                continue
            }
            let inside = text[nameEnd..<nextClose]
            let trailing = trailingSlashPart(inside)
            let attributes = inside[inside.startIndex..<(inside.endIndex - trailing.count)]
            let name = String(decoding: text[nameStart..<nameEnd], as: UTF8.self).lowercased()
            if let allowed = allowedTags[name] {
                result.append(UInt8(ascii: "<"))
                result.append(contentsOf: slashes)
                result.append(contentsOf: name.utf8)
                for property in allowed {
                    if let value = attributeValue(property, in: attributes) {
                        result.append(UInt8(ascii: " "))
                        result.append(contentsOf: property.utf8)
                        result.append(contentsOf: "=\"".utf8)
                        for valueByte in value {
                            if valueByte == UInt8(ascii: "\"") { result.append(UInt8(ascii: "\\")) }
                            result.append(valueByte)
                        }
                        result.append(UInt8(ascii: "\""))
                    }
                }
                result.append(contentsOf: trailing)
                result.append(UInt8(ascii: ">"))
            }
            index = nextClose + 1
        }
        return result
    }

    private static func removingCDATA(_ text: [UInt8]) -> [UInt8] {
        let marker = Array("<![CDATA[".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if text[index] == UInt8(ascii: "<"), text[index...].starts(with: marker) {
                index += marker.count
            } else {
                result.append(text[index])
                index += 1
            }
        }
        return result
    }

    /// The longest suffix of the form `\s?/?` (the tag's self-closing part).
    private static func trailingSlashPart(_ inside: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = inside.endIndex
        if start > inside.startIndex, inside[start - 1] == UInt8(ascii: "/") { start -= 1 }
        if start > inside.startIndex, isRubySpace(inside[start - 1]) { start -= 1 }
        return inside[start..<inside.endIndex]
    }

    /// The first value of `property` written as `property = "v"`, `'v'` or `v`, tried in that order,
    /// skipping `src`/`href` values that are not http, https or ftp URLs.
    private static func attributeValue(_ property: String, in attributes: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        for quote in [UInt8(ascii: "\""), UInt8(ascii: "'"), 0] {
            guard let value = firstValue(property, quote: quote, in: attributes) else { continue }
            if property == "src" || property == "href" {
                let lowered = String(decoding: value.prefix(6), as: UTF8.self)
                guard lowered.hasPrefix("http:") || lowered.hasPrefix("https:") || lowered.hasPrefix("ftp:") else {
                    continue
                }
            }
            return value
        }
        return nil
    }

    /// Like Ruby's `/prop\s*=\s*q([^q]+)q/i` (with `q` empty meaning unquoted up to whitespace).
    private static func firstValue(_ property: String, quote: UInt8, in text: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let name = Array(property.utf8)
        var start = text.startIndex
        while start + name.count <= text.endIndex {
            defer { start += 1 }
            guard zip(text[start..<(start + name.count)], name).allSatisfy({ lowercase($0) == $1 }) else { continue }
            var cursor = start + name.count
            while cursor < text.endIndex, isRubySpace(text[cursor]) { cursor += 1 }
            guard cursor < text.endIndex, text[cursor] == UInt8(ascii: "=") else { continue }
            cursor += 1
            while cursor < text.endIndex, isRubySpace(text[cursor]) { cursor += 1 }
            if quote != 0 {
                guard cursor < text.endIndex, text[cursor] == quote else { continue }
                cursor += 1
            }
            let valueStart = cursor
            while cursor < text.endIndex, quote == 0 ? !isRubySpace(text[cursor]) : text[cursor] != quote { cursor += 1 }
            guard cursor > valueStart else { continue }
            if quote != 0, cursor >= text.endIndex { continue }
            return text[valueStart..<cursor]
        }
        return nil
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        let lowered = lowercase(byte)
        return lowered >= UInt8(ascii: "a") && lowered <= UInt8(ascii: "z")
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    private static func isRubySpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
