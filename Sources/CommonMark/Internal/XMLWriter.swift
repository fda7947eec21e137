/// Writes a `MarkdownNode` tree in cmark's XML format, byte for byte as `cmark_render_xml` does,
/// so tests can prove that the Swift copy of a tree kept everything cmark knew.
struct XMLWriter {
    private(set) var result = ""
    private let sourcePositions: Bool

    init(options: MarkdownOptions) {
        sourcePositions = options.contains(.sourcePositions)
    }

    /// Renders `root` with the XML prologue cmark writes.
    static func render(_ root: MarkdownNode, options: MarkdownOptions) -> String {
        var writer = XMLWriter(options: options)
        writer.result += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE document SYSTEM \"CommonMark.dtd\">\n"
        writer.visit(root)
        return writer.result
    }

    /// Visits the tree depth first with an explicit stack, so deep documents cannot overflow.
    mutating func visit(_ root: MarkdownNode) {
        var stack: [(node: MarkdownNode, depth: Int, entering: Bool)] = [(root, 0, true)]
        while let (node, depth, entering) = stack.popLast() {
            if !entering {
                indent(depth)
                result += "</\(Self.name(of: node.kind))>\n"
                continue
            }
            let hasChildren = open(node, depth: depth)
            if hasChildren {
                stack.append((node, depth, false))
                for child in node.children.reversed() {
                    stack.append((child, depth + 2, true))
                }
            }
        }
    }

    /// Writes a node's opening tag (and the whole element for literals and empty nodes).
    /// Returns whether the caller must write its children and closing tag.
    private mutating func open(_ node: MarkdownNode, depth: Int) -> Bool {
        let name = Self.name(of: node.kind)
        indent(depth)
        result += "<" + name
        if sourcePositions && node.range.startLine != 0 {
            result += " sourcepos=\"\(node.range.description)\""
        }
        var literal: String?
        switch node.kind {
        case .document:
            result += " xmlns=\"http://commonmark.org/xml/1.0\""
        case let .text(text), let .code(text), let .htmlBlock(text), let .htmlInline(text):
            literal = text
        case let .codeBlock(info, text):
            if !info.isEmpty { attribute("info", info) }
            literal = text
        case let .list(type, start, tight, delimiter):
            if type == .ordered {
                result += " type=\"ordered\" start=\"\(start)\" delim=\""
                result += delimiter == .paren ? "paren\"" : "period\""
            } else {
                result += " type=\"bullet\""
            }
            result += tight ? " tight=\"true\"" : " tight=\"false\""
        case let .heading(level):
            result += " level=\"\(level)\""
        case let .link(url, title), let .image(url, title):
            attribute("destination", url)
            if !title.isEmpty { attribute("title", title) }
        case let .customBlock(onEnter, onExit), let .customInline(onEnter, onExit):
            attribute("on_enter", onEnter)
            attribute("on_exit", onExit)
        default:
            break
        }
        if let literal {
            result += " xml:space=\"preserve\">"
            escape(literal)
            result += "</" + name + ">\n"
            return false
        }
        if node.children.isEmpty {
            result += " />\n"
            return false
        }
        result += ">\n"
        return true
    }

    private mutating func attribute(_ name: String, _ value: String) {
        result += " " + name + "=\""
        escape(value)
        result += "\""
    }

    private mutating func indent(_ depth: Int) {
        result += String(repeating: " ", count: depth)
    }

    /// cmark escapes `&`, `<`, `>` and `"` in XML text and attributes.
    private mutating func escape(_ text: String) {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": scalars.append(contentsOf: "&amp;".unicodeScalars)
            case "<": scalars.append(contentsOf: "&lt;".unicodeScalars)
            case ">": scalars.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": scalars.append(contentsOf: "&quot;".unicodeScalars)
            default: scalars.append(scalar)
            }
        }
        result += String(scalars)
    }

    /// The element name cmark uses for each node type.
    static func name(of kind: MarkdownNode.Kind) -> String {
        switch kind {
        case .document: "document"
        case .blockQuote: "block_quote"
        case .list: "list"
        case .item: "item"
        case .codeBlock: "code_block"
        case .htmlBlock: "html_block"
        case .customBlock: "custom_block"
        case .paragraph: "paragraph"
        case .heading: "heading"
        case .thematicBreak: "thematic_break"
        case .text: "text"
        case .softBreak: "softbreak"
        case .lineBreak: "linebreak"
        case .code: "code"
        case .htmlInline: "html_inline"
        case .customInline: "custom_inline"
        case .emphasis: "emph"
        case .strong: "strong"
        case .link: "link"
        case .image: "image"
        }
    }
}
