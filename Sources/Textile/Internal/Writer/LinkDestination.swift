/// Escapes link and image destinations the way cmark's HTML renderer does, so a URL written into
/// Textile comes out of a Textile renderer as the same `href` cmark would print.
///
/// cmark percent-encodes every byte outside a fixed safe set (ASCII letters, digits and
/// `-_.!~*'();/?:@&=+$,%#`); `&` and `'` are then HTML-escaped in attribute values.
enum LinkDestination {
    /// The bytes cmark leaves unencoded in an `href`, indexed by byte value.
    private static let safe: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = true }
        for byte in "-_.!~*'();/?:@&=+$,%#".utf8 { table[Int(byte)] = true }
        return table
    }()

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Appends `url` percent-encoded as cmark encodes it, leaving `&` and `'` as they are
    /// (a Textile renderer escapes those itself).
    static func appendPercentEncoded(_ url: String, to result: inout [UInt8]) {
        for byte in url.utf8 {
            if safe[Int(byte)] {
                result.append(byte)
            } else {
                result.append(UInt8(ascii: "%"))
                result.append(hexDigits[Int(byte >> 4)])
                result.append(hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    /// Appends `url` as an HTML attribute value: percent-encoded, then `&` and `'` escaped.
    static func appendAttributeValue(_ url: String, to result: inout [UInt8]) {
        var encoded: [UInt8] = []
        appendPercentEncoded(url, to: &encoded)
        for byte in encoded {
            switch byte {
            case UInt8(ascii: "&"): result.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "'"): result.append(contentsOf: "&#x27;".utf8)
            default: result.append(byte)
            }
        }
    }

    /// Appends `text` escaped for an HTML attribute value or element content.
    static func appendHTMLEscaped(_ text: String, to result: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendHTMLEscaped($0, to: &result) }
    }

    /// Appends UTF-8 `bytes` escaped for an HTML attribute value or element content.
    static func appendHTMLEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to result: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): result.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): result.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): result.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): result.append(contentsOf: "&quot;".utf8)
            default: result.append(byte)
            }
        }
    }
}
