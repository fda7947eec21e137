/// Link reference labels: how CommonMark matches them, and which ones a piece of Markdown uses.
enum LinkReferenceLabels {
    /// A label as CommonMark matches it: case-folded, inner whitespace collapsed to one space,
    /// trimmed.
    static func normalize(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(bytes.count)
        var pendingSpace = false
        var isASCII = true
        for byte in bytes {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !collapsed.isEmpty
                continue
            }
            if pendingSpace {
                collapsed.append(0x20)
                pendingSpace = false
            }
            if byte >= 0x80 { isASCII = false }
            collapsed.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        let text = String(decoding: collapsed, as: UTF8.self)
        return isASCII ? text : text.lowercased()
    }

    /// The normalised labels of the references in `markdown`: full (`[text][label]`), collapsed
    /// (`[label][]`) and shortcut (`[label]`) references, outside fenced code. Inline links
    /// (`[text](url)`) are not references.
    static func referenced(in markdown: [UInt8]) -> [String] {
        markdown.withUnsafeBufferPointer { buffer -> [String] in
            guard let base = buffer.baseAddress else { return [] }
            var labels: [String] = []
            var cursor = LineCursor(base: base, count: buffer.count)
            var fence: BlockStart.Fence?
            while let line = cursor.nextLine() {
                if line.isBlank { continue }
                if let open = fence {
                    if BlockStart.closesFence(open, base, line.firstNonSpace, line.end) { fence = nil }
                    continue
                }
                if let opening = BlockStart.fenceOpening(base, line.firstNonSpace, line.end) {
                    fence = opening
                    continue
                }
                collectLabels(base, line.firstNonSpace, line.end, into: &labels)
            }
            return labels
        }
    }

    private static func collectLabels(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into labels: inout [String]) {
        var position = start
        var open: Int?
        while position < end {
            let byte = base[position]
            if byte == UInt8(ascii: "\\") {
                position += 2
                continue
            }
            if byte == UInt8(ascii: "[") {
                open = position
            } else if byte == UInt8(ascii: "]"), let first = open {
                open = nil
                let label = UnsafeBufferPointer(start: base + first + 1, count: position - first - 1)
                let next = position + 1
                if next < end, base[next] == UInt8(ascii: "(") {
                    position = next
                    continue
                }
                if next < end, base[next] == UInt8(ascii: "[") {
                    var close = next + 1
                    while close < end, base[close] != UInt8(ascii: "]"), base[close] != UInt8(ascii: "[") { close += 1 }
                    if close < end, base[close] == UInt8(ascii: "]") {
                        let second = UnsafeBufferPointer(start: base + next + 1, count: close - next - 1)
                        labels.append(normalize(second.isEmpty ? label : second))
                        position = close + 1
                        continue
                    }
                }
                if !label.isEmpty { labels.append(normalize(label)) }
            }
            position += 1
        }
    }
}
