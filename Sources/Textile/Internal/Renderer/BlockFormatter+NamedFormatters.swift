// RedCloth renders a block whose signature names any public method of its HTML formatter with
// that method, even the ones meant for inline use (`link. x`, `caps. x`, `amp. x`); these are
// the ones `BlockFormatter.render(type:…)` does not cover itself.

/// Formatter methods whose output ignores the text and attributes.
private let fixedOutputs: [String: String] = [
    "emdash": "&#8212;", "endash": " &#8211; ", "arrow": "&#8594;", "trademark": "&#8482;",
    "registered": "&#174;", "copyright": "&#169;", "amp": "&amp;", "gt": "&gt;", "lt": "&lt;",
    "quot": "&quot;", "squot": "&#8217;", "apos": "&#39;",
]

extension BlockFormatter {
    /// Appends the output of the formatter method `type`; false when RedCloth has no such method.
    func appendNamedFormatter(_ type: String, text: [UInt8], registers: inout BlockRegisters, into result: inout [UInt8]) -> Bool {
        let options = context.options
        if let fixed = fixedOutputs[type] {
            result.append(contentsOf: fixed.utf8)
            return true
        }
        switch type {
        case "link":
            result.append(contentsOf: "<a href=\"\"".utf8)
            registers.attributes.appendFoldingStyle(to: &result, options: options)
            result.append(contentsOf: "></a>".utf8)
        case "image":
            registers.attributes.textAlign = nil
            result.append(contentsOf: "<img src=\"\"".utf8)
            registers.attributes.appendFoldingStyle(to: &result, options: options)
            result.append(contentsOf: " alt=\"\" />".utf8)
        case "caps":
            if options.contains(.noSpanCaps) {
                result.append(contentsOf: text)
            } else {
                registers.attributes.className = "caps"
                appendElement("span", text: text, attributes: &registers.attributes, into: &result)
            }
        case "acronym":
            result.append(contentsOf: "<acronym".utf8)
            registers.attributes.appendFoldingStyle(to: &result, options: options)
            result.append(UInt8(ascii: ">"))
            appendCaps(text, into: &result)
            result.append(contentsOf: "</acronym>".utf8)
        case "snip":
            result.append(contentsOf: "<pre".utf8)
            registers.attributes.appendFoldingStyle(to: &result, options: options)
            result.append(contentsOf: "><code>".utf8)
            result.append(contentsOf: text)
            result.append(contentsOf: "</code></pre>\n".utf8)
        case "td":
            result.append(contentsOf: "\t\t".utf8)
            appendElement("td", text: text, attributes: &registers.attributes, into: &result)
            result.append(UInt8(ascii: "\n"))
        case "footno":
            if registers.attributes.id == nil { registers.attributes.id = String(decoding: text, as: UTF8.self) }
            let id = Array((registers.attributes.id ?? "").utf8)
            result.append(contentsOf: "<sup class=\"footnote\" id=\"fnr".utf8)
            result.append(contentsOf: id)
            result.append(contentsOf: "\"><a href=\"#fn".utf8)
            result.append(contentsOf: id)
            result.append(contentsOf: "\">".utf8)
            result.append(contentsOf: text)
            result.append(contentsOf: "</a></sup>".utf8)
        case "entity":
            result.append(UInt8(ascii: "&"))
            result.append(contentsOf: text)
            result.append(UInt8(ascii: ";"))
        case "quote1", "quote2":
            result.append(contentsOf: (type == "quote1" ? "&#8216;" : "&#8220;").utf8)
            result.append(contentsOf: text)
            result.append(contentsOf: (type == "quote1" ? "&#8217;" : "&#8221;").utf8)
        case "ellipsis":
            result.append(contentsOf: text)
            result.append(contentsOf: "&#8230;".utf8)
        case "dim":
            for byte in text {
                switch byte {
                case UInt8(ascii: "x"): result.append(contentsOf: "&#215;".utf8)
                case UInt8(ascii: "'"): result.append(contentsOf: "&#8242;".utf8)
                case UInt8(ascii: "\""): result.append(contentsOf: "&#8243;".utf8)
                default: result.append(byte)
                }
            }
        default:
            return false
        }
        return true
    }

    private func appendCaps(_ text: [UInt8], into result: inout [UInt8]) {
        if context.options.contains(.noSpanCaps) {
            result.append(contentsOf: text)
            return
        }
        result.append(contentsOf: (context.options.contains(.filterClasses) ? "<span>" : "<span class=\"caps\">").utf8)
        result.append(contentsOf: text)
        result.append(contentsOf: "</span>".utf8)
    }
}
