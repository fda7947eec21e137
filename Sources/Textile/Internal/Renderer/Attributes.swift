// Attributes written in Textile source: `(class#id)`, `{style}`, `[lang]`, alignment `<` `>` `=` `<>`,
// vertical alignment `-` `^` `~`, padding `(` `)`, and for table cells `_` `\2` `/3`.
// Used by the block pass (blocks, list items, table rows and cells) and by the inline pass
// (phrases, links, images).
// `parse(_:at:form:)` reads the parts a position's `Form` allows (phrase, block, list item, cell);
// `append(to:options:)` renders them; `appendFoldingStyle` also updates the registers the way
// RedCloth's `pba` does (block pass only).

/// The attributes parsed from one Textile signature, rendered the way RedCloth's `pba` does.
struct TextileAttributes: Equatable {
    /// The grammar a position accepts; RedCloth's signatures differ in which parts they allow.
    enum Form {
        /// `(class#id)`, `{style}` and `[lang]` only (phrases and links).
        case phrase
        /// Alignment, vertical alignment and padding, then class, style and lang (blocks, table rows).
        case block
        /// Horizontal alignment and padding only, then class, style and lang (list items).
        case listItem
        /// `_` header mark, `\N` colspan and `/N` rowspan, then what `.block` accepts (table cells).
        case cell
    }

    var className: String?
    var id: String?
    var style: String?
    var lang: String?
    var textAlign: String?
    var verticalAlign: String?
    var float: String?
    var paddingLeft = 0
    var paddingRight = 0
    var colspan: String?
    var rowspan: String?
    var title: String?
    var start: String?
    /// Set by a `_` in a table cell's signature: the cell renders as `<th>`.
    var isHeader = false

    /// Parses attributes of the given `form` starting at `index`; returns nil when none were consumed.
    static func parse(_ text: ArraySlice<UInt8>, at index: Int, form: Form) -> (TextileAttributes, end: Int)? {
        var attributes = TextileAttributes()
        var position = index
        let end = text.endIndex
        if form == .cell {
            if position < end, text[position] == UInt8(ascii: "_") {
                attributes.isHeader = true
                position += 1
            }
            while position < end, text[position] == UInt8(ascii: "\\") || text[position] == UInt8(ascii: "/") {
                let digits = digitRun(text, from: position + 1)
                if digits == position + 1 { break }
                let number = String(decoding: text[(position + 1)..<digits], as: UTF8.self)
                if text[position] == UInt8(ascii: "\\") { attributes.colspan = number } else { attributes.rowspan = number }
                position = digits
            }
        }
        if form != .phrase {
            alignment: while position < end {
                switch text[position] {
                case UInt8(ascii: "<"):
                    if position + 1 < end, text[position + 1] == UInt8(ascii: ">") {
                        attributes.textAlign = "justify"
                        position += 2
                    } else {
                        attributes.textAlign = "left"
                        position += 1
                    }
                case UInt8(ascii: ">"):
                    attributes.textAlign = "right"
                    position += 1
                case UInt8(ascii: "="):
                    attributes.textAlign = "center"
                    position += 1
                case UInt8(ascii: "("):
                    // A `(` that opens a well-formed `(class#id)` group ends the alignment part.
                    if classGroupEnd(text, from: position) != nil { break alignment }
                    attributes.paddingLeft += 1
                    position += 1
                case UInt8(ascii: ")"):
                    attributes.paddingRight += 1
                    position += 1
                case UInt8(ascii: "-") where form != .listItem:
                    attributes.verticalAlign = "middle"
                    position += 1
                case UInt8(ascii: "^") where form != .listItem:
                    attributes.verticalAlign = "top"
                    position += 1
                case UInt8(ascii: "~") where form != .listItem:
                    attributes.verticalAlign = "bottom"
                    position += 1
                default:
                    break alignment
                }
            }
        }
        while position < end {
            switch text[position] {
            case UInt8(ascii: "("):
                guard let group = classGroupEnd(text, from: position) else { return finish(attributes, position, index) }
                if let className = group.className {
                    attributes.className = String(decoding: text[className], as: UTF8.self)
                }
                if let id = group.id {
                    attributes.id = String(decoding: text[id], as: UTF8.self)
                }
                position = group.end
            case UInt8(ascii: "{"):
                guard let close = styleEnd(text, from: position + 1) else { return finish(attributes, position, index) }
                attributes.style = String(decoding: text[(position + 1)..<close], as: UTF8.self)
                position = close + 1
            case UInt8(ascii: "["):
                var cursor = position + 1
                while cursor < end, isLanguageByte(text[cursor]) { cursor += 1 }
                guard cursor > position + 1, cursor < end, text[cursor] == UInt8(ascii: "]") else {
                    return finish(attributes, position, index)
                }
                attributes.lang = String(decoding: text[(position + 1)..<cursor], as: UTF8.self)
                position = cursor + 1
            default:
                return finish(attributes, position, index)
            }
        }
        return finish(attributes, position, index)
    }

    /// The end of the one `(class#id)`, `{style}` or `[lang]` group at `index`, if one is there.
    static func groupEnd(_ text: ArraySlice<UInt8>, at index: Int) -> Int? {
        guard index < text.endIndex else { return nil }
        switch text[index] {
        case UInt8(ascii: "("):
            return classGroupEnd(text, from: index)?.end
        case UInt8(ascii: "{"):
            return styleEnd(text, from: index + 1).map { $0 + 1 }
        case UInt8(ascii: "["):
            var cursor = index + 1
            while cursor < text.endIndex, isLanguageByte(text[cursor]) { cursor += 1 }
            guard cursor > index + 1, cursor < text.endIndex, text[cursor] == UInt8(ascii: "]") else { return nil }
            return cursor + 1
        default:
            return nil
        }
    }

    private static func finish(_ attributes: TextileAttributes, _ position: Int, _ start: Int) -> (TextileAttributes, end: Int)? {
        position > start ? (attributes, position) : nil
    }

    private static func digitRun(_ text: ArraySlice<UInt8>, from index: Int) -> Int {
        var cursor = index
        while cursor < text.endIndex, text[cursor] >= UInt8(ascii: "0"), text[cursor] <= UInt8(ascii: "9") { cursor += 1 }
        return cursor
    }

    /// Matches `(class)`, `(#id)` or `(class#id)` at `index` (which holds the `(`).
    private static func classGroupEnd(_ text: ArraySlice<UInt8>, from index: Int)
        -> (className: Range<Int>?, id: Range<Int>?, end: Int)?
    {
        var cursor = index + 1
        let end = text.endIndex
        while cursor < end, isClassByte(text[cursor]) { cursor += 1 }
        let className: Range<Int>? = cursor > index + 1 ? (index + 1)..<cursor : nil
        var id: Range<Int>?
        if cursor < end, text[cursor] == UInt8(ascii: "#") {
            let idStart = cursor + 1
            cursor = idStart
            while cursor < end, isClassByte(text[cursor]), text[cursor] != UInt8(ascii: " ") { cursor += 1 }
            guard cursor > idStart else { return nil }
            id = idStart..<cursor
        }
        guard className != nil || id != nil, cursor < end, text[cursor] == UInt8(ascii: ")") else { return nil }
        return (className, id, cursor + 1)
    }

    /// Finds the `}` closing a style that starts at `index`, honouring RedCloth's style alphabet and `url(…)`.
    private static func styleEnd(_ text: ArraySlice<UInt8>, from index: Int) -> Int? {
        var cursor = index
        let end = text.endIndex
        while cursor < end {
            let byte = text[cursor]
            if byte == UInt8(ascii: "}") { return cursor > index ? cursor : nil }
            if isStyleByte(byte) {
                cursor += 1
                continue
            }
            // `url(` may follow at least one style character.
            if byte == UInt8(ascii: "("), cursor >= index + 4, cursor - 3 > index,
                text[(cursor - 3)..<cursor].elementsEqual("url".utf8)
            {
                var inner = cursor + 1
                while inner < end, isStyleURLByte(text[inner]) { inner += 1 }
                guard inner > cursor + 1, inner < end, text[inner] == UInt8(ascii: ")") else { return nil }
                cursor = inner + 1
                continue
            }
            return nil
        }
        return nil
    }

    static func isClassByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: " ")
    }

    static func isLanguageByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    static func isStyleByte(_ byte: UInt8) -> Bool {
        if isAlphanumeric(byte) { return true }
        switch byte {
        case UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: ";"), UInt8(ascii: "-"), UInt8(ascii: "_"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "."), UInt8(ascii: "%"), UInt8(ascii: "'"),
            UInt8(ascii: "\""):
            return true
        default:
            return false
        }
    }

    private static func isStyleURLByte(_ byte: UInt8) -> Bool {
        if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
            return true
        }
        switch byte {
        case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "."), UInt8(ascii: "\\"), UInt8(ascii: "/"),
            UInt8(ascii: "#"), UInt8(ascii: "?"), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "@"),
            UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// Appends ` style="…" class="…" lang="…" id="…" …` in RedCloth's order, honouring
    /// `filterStyles`, `filterClasses` and `filterIDs`. Alignment and padding become style entries
    /// even when written styles are filtered, as in RedCloth.
    func append(to result: inout [UInt8], options: TextileOptions) {
        var copy = self
        copy.appendFoldingStyle(to: &result, options: options)
    }

    /// Like `append(to:options:)`, and then keeps the composed style the way RedCloth's `pba` leaves
    /// its registers: alignment is folded in once, while float, vertical alignment and padding are
    /// prefixed again each time the same attributes are rendered (as for every paragraph of a `bq..`).
    mutating func appendFoldingStyle(to result: inout [UInt8], options: TextileOptions) {
        if options.contains(.filterStyles) { style = nil }
        if options.contains(.filterClasses) { className = nil }
        if options.contains(.filterIDs) { id = nil }
        var composed = style
        if let written = composed, written.utf8.last != UInt8(ascii: ";") { composed = written + ";" }
        for (name, value) in [("float", float), ("text-align", textAlign), ("vertical-align", verticalAlign)] {
            if let value { composed = "\(name):\(value);" + (composed ?? "") }
        }
        if paddingRight > 0 { composed = "padding-right:\(paddingRight)em;" + (composed ?? "") }
        if paddingLeft > 0 { composed = "padding-left:\(paddingLeft)em;" + (composed ?? "") }
        style = composed
        textAlign = nil
        if let composed { Self.appendAttribute("style", composed, to: &result) }
        if let className { Self.appendAttribute("class", className, to: &result) }
        if let lang { Self.appendAttribute("lang", lang, to: &result) }
        if let id { Self.appendAttribute("id", id, to: &result) }
        if let colspan { Self.appendAttribute("colspan", colspan, to: &result) }
        if let rowspan { Self.appendAttribute("rowspan", rowspan, to: &result) }
        if let title { Self.appendAttribute("title", title, to: &result) }
        if let start { Self.appendAttribute("start", start, to: &result) }
    }

    /// Appends ` name="value"` with the value escaped as RedCloth escapes attribute values.
    static func appendAttribute(_ name: String, _ value: String, to result: inout [UInt8]) {
        result.append(UInt8(ascii: " "))
        result.append(contentsOf: name.utf8)
        result.append(contentsOf: "=\"".utf8)
        appendEscapedAttributeValue(value.utf8, to: &result)
        result.append(UInt8(ascii: "\""))
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` the way RedCloth escapes attribute values.
    static func appendEscapedAttributeValue<Bytes: Sequence>(_ value: Bytes, to result: inout [UInt8]) where Bytes.Element == UInt8 {
        for byte in value {
            switch byte {
            case UInt8(ascii: "&"): result.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): result.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): result.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): result.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): result.append(contentsOf: "&#39;".utf8)
            case UInt8(ascii: "\n"): result.append(contentsOf: "<br />\n".utf8)
            default: result.append(byte)
            }
        }
    }
}
