import CommonMark

/// What an inline node looks like at its edges once written, and its plain text.
///
/// The writer needs the neighbours of a phrase to choose between `_em_` and the bracketed
/// `[_em_]`, and to know whether a link's URL would run into the next character.
enum InlineShape {
    /// The first byte `node` writes, or nil when it writes nothing.
    static func firstByte(of node: MarkdownNode) -> UInt8? {
        switch node.kind {
        case .text(let text): return text.utf8.first
        case .softBreak: return UInt8(ascii: " ")
        case .lineBreak: return UInt8(ascii: "\n")
        case .code: return UInt8(ascii: "@")
        case .htmlInline(let html): return html.utf8.first
        case .customInline(let onEnter, _): return onEnter.utf8.first ?? node.withChildren { $0.isEmpty ? nil : firstByte(of: $0[0]) }
        case .emphasis: return UInt8(ascii: "_")
        case .strong: return UInt8(ascii: "*")
        case .link: return UInt8(ascii: "\"")
        case .image: return UInt8(ascii: "!")
        default: return node.withChildren { $0.isEmpty ? nil : firstByte(of: $0[0]) }
        }
    }

    /// The second byte written after `nodes[index]`, nil at the end of the block. When it cannot
    /// be told (the next node is not text), a letter stands for it: the cautious guess.
    static func secondByte(after index: Int, in nodes: UnsafeBufferPointer<MarkdownNode>, following: UInt8?) -> UInt8? {
        guard index + 1 < nodes.count else { return nil }
        if case .text(let text) = nodes[index + 1].kind {
            var bytes = text.utf8.makeIterator()
            _ = bytes.next()
            if let second = bytes.next() { return second }
            return index + 2 < nodes.count ? firstByte(of: nodes[index + 2]) : following
        }
        return UInt8(ascii: "x")
    }

    /// The last byte of `node`'s content as a reader sees it: the last character of its text,
    /// looking inside phrases and links.
    static func lastByte(of node: MarkdownNode) -> UInt8? {
        var current = node
        while true {
            switch current.kind {
            case .text(let text): return text.utf8.last
            case .softBreak: return UInt8(ascii: " ")
            case .lineBreak: return UInt8(ascii: "\n")
            case .code: return UInt8(ascii: "@")
            case .htmlInline(let html): return html.utf8.last
            case .image: return UInt8(ascii: "!")
            default:
                guard let last = current.children.last else { return nil }
                current = last
            }
        }
    }

    /// The text of `nodes` without markup, as cmark writes an image's `alt`.
    static func plainText(of nodes: [MarkdownNode]) -> String {
        var text = ""
        var pending = Array(nodes.reversed())
        while let node = pending.popLast() {
            switch node.kind {
            case .text(let literal), .code(let literal), .htmlInline(let literal): text += literal
            case .softBreak, .lineBreak: text += "\n"
            default: pending.append(contentsOf: node.children.reversed())
            }
        }
        return text
    }

    /// Whether a code span in `nodes`, at any depth, holds `<`, `>` or `"`. RedCloth ends a
    /// `"text":url` link's text at them, and entities inside code would show as typed.
    static func containsCodeEndingLinkText(_ nodes: [MarkdownNode]) -> Bool {
        var pending = nodes
        while let node = pending.popLast() {
            if case .code(let code) = node.kind {
                if code.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") }) {
                    return true
                }
                continue
            }
            pending.append(contentsOf: node.children)
        }
        return false
    }

    /// Whether any node in `nodes`, at any depth, is a hard line break.
    static func containsLineBreak(_ nodes: [MarkdownNode]) -> Bool {
        var pending = nodes
        while let node = pending.popLast() {
            if case .lineBreak = node.kind { return true }
            pending.append(contentsOf: node.children)
        }
        return false
    }
}
