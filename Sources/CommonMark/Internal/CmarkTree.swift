import CCmark

/// Copies a cmark tree into Swift values and builds cmark trees back from them.
///
/// Both directions walk with explicit stacks rather than recursion, so a document nested tens of
/// thousands of levels deep (block quotes, emphasis) cannot overflow the call stack.
enum CmarkTree {
    /// Parses UTF-8 bytes with cmark, copies the whole tree and frees it before returning.
    static func parse(_ bytes: [UInt8], options: MarkdownOptions, inputIsValidUTF8: Bool = false) -> MarkdownNode {
        let document = CmarkTree.parseDocument(bytes, options: treeOptions(options, inputIsValidUTF8: inputIsValidUTF8))
        defer { cmark_node_free(document) }
        return copy(document, freeingCopiedBlocks: true)
    }

    /// The cmark options for parsing a tree that will be copied: `options`, cmark's UTF-8 check
    /// unless the caller has done it, and source positions (cmark only fixes the positions of
    /// inlines that span lines when asked for them).
    static func treeOptions(_ options: MarkdownOptions, inputIsValidUTF8: Bool) -> Int32 {
        options.rawValue | (inputIsValidUTF8 ? 0 : CMARK_OPT_VALIDATE_UTF8) | CMARK_OPT_SOURCEPOS
    }

    /// Runs cmark's parser; the caller frees the returned tree with `cmark_node_free`.
    static func parseDocument(_ bytes: [UInt8], options: Int32) -> OpaquePointer {
        // cmark needs a valid pointer even for empty input.
        let storage = bytes.isEmpty ? [0] : bytes
        return storage.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress!, bytes.count, options)! }
        }
    }

    /// Copies the tree under `root` into a `MarkdownNode`.
    ///
    /// Walks the C tree through its first-child, next-sibling and parent links. Finished nodes
    /// wait in one shared `finished` stack until their parent closes; the parent then takes its
    /// children from the top of that stack into an array of exactly the right size.
    ///
    /// - Parameters:
    ///   - root: the C tree; the caller still frees it.
    ///   - freeingCopiedBlocks: free each child of `root` but the last once it is copied, so the
    ///     copy reuses the C nodes' memory instead of growing the heap by as much again (which,
    ///     on large documents, costs more in page faults than the copy itself).
    static func copy(_ root: OpaquePointer, freeingCopiedBlocks: Bool) -> MarkdownNode {
        // The open containers, outermost first, each with the index in `finished` where its
        // children start.
        var open: [(node: MarkdownNode, firstChild: Int)] = []
        var finished: [MarkdownNode] = []
        var node = root
        while true {
            let value = MarkdownNode(kind: kind(of: node), range: range(of: node))
            if let first = cmark_node_first_child(node) {
                open.append((value, finished.count))
                node = first
                continue
            }
            if node == root { return value }
            finished.append(value)
            // Close every container whose last child this was, then go on with the next sibling.
            while true {
                if let sibling = cmark_node_next(node) {
                    if freeingCopiedBlocks && cmark_node_parent(node) == root {
                        cmark_node_free(node)  // Unlinks it from `root` first.
                    }
                    node = sibling
                    break
                }
                var (container, firstChild) = open.removeLast()
                container.children = takeNodes(from: &finished, startingAt: firstChild)
                node = cmark_node_parent(node)!
                if node == root { return container }
                finished.append(container)
            }
        }
    }

    /// Removes `nodes[start...]` and returns them in an array of their exact count, moving them
    /// rather than copying, so no reference count changes.
    private static func takeNodes(from nodes: inout [MarkdownNode], startingAt start: Int) -> [MarkdownNode] {
        let count = nodes.count - start
        let taken = nodes.withUnsafeMutableBufferPointer { source in
            let moved = source.baseAddress! + start
            return [MarkdownNode](unsafeUninitializedCapacity: count) { target, initialized in
                target.baseAddress!.moveInitialize(from: moved, count: count)
                initialized = count
                // Refill the vacated slots with a node that owns nothing, for `removeLast` to drop.
                moved.initialize(repeating: MarkdownNode(kind: .softBreak), count: count)
            }
        }
        nodes.removeLast(count)
        return taken
    }

    /// Builds a cmark tree for `root`. The caller frees it with `cmark_node_free`.
    static func build(_ root: MarkdownNode) -> OpaquePointer {
        let top = makeNode(root)
        // Pairs of (C parent, Swift children still to append, next index).
        var stack: [(parent: OpaquePointer, node: MarkdownNode, next: Int)] = [(top, root, 0)]
        while !stack.isEmpty {
            let frame = stack[stack.count - 1]
            if frame.next == frame.node.children.count {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            let child = frame.node.children[frame.next]
            let cChild = makeNode(child)
            cmark_node_append_child(frame.parent, cChild)
            if !child.children.isEmpty {
                stack.append((cChild, child, 0))
            }
        }
        return top
    }

    /// Renders a C tree to HTML with cmark's own renderer.
    static func renderHTML(_ node: OpaquePointer, options: MarkdownOptions) -> String {
        takeString(cmark_render_html(node, options.rawValue | CMARK_OPT_VALIDATE_UTF8))
    }

    /// Copies a string that cmark allocated and releases it with cmark's own allocator.
    static func takeString(_ cString: UnsafeMutablePointer<CChar>?) -> String {
        guard let cString else { return "" }
        defer { cmark_get_default_mem_allocator().pointee.free(cString) }
        return String(cString: cString)
    }

    // MARK: - Node fields

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func range(of node: OpaquePointer) -> SourceRange {
        SourceRange(
            startLine: Int(cmark_node_get_start_line(node)),
            startColumn: Int(cmark_node_get_start_column(node)),
            endLine: Int(cmark_node_get_end_line(node)),
            endColumn: Int(cmark_node_get_end_column(node))
        )
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let delimiter: ListDelimiter
            switch cmark_node_get_list_delim(node) {
            case CMARK_PERIOD_DELIM: delimiter = .period
            case CMARK_PAREN_DELIM: delimiter = .paren
            default: delimiter = .none
            }
            return .list(
                type: ordered ? .ordered : .bullet,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0,
                delimiter: delimiter
            )
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(literal: string(cmark_node_get_literal(node)))
        case CMARK_NODE_CUSTOM_BLOCK:
            return .customBlock(onEnter: string(cmark_node_get_on_enter(node)), onExit: string(cmark_node_get_on_exit(node)))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: return .htmlInline(string(cmark_node_get_literal(node)))
        case CMARK_NODE_CUSTOM_INLINE:
            return .customInline(onEnter: string(cmark_node_get_on_enter(node)), onExit: string(cmark_node_get_on_exit(node)))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default:
            // cmark 0.30 has no other node types; an unknown one is kept as an empty custom block.
            return .customBlock(onEnter: "", onExit: "")
        }
    }

    private static func makeNode(_ node: MarkdownNode) -> OpaquePointer {
        func make(_ type: cmark_node_type) -> OpaquePointer { cmark_node_new(type)! }
        switch node.kind {
        case .document: return make(CMARK_NODE_DOCUMENT)
        case .blockQuote: return make(CMARK_NODE_BLOCK_QUOTE)
        case let .list(type, start, tight, delimiter):
            let list = make(CMARK_NODE_LIST)
            cmark_node_set_list_type(list, type == .ordered ? CMARK_ORDERED_LIST : CMARK_BULLET_LIST)
            cmark_node_set_list_start(list, Int32(start))
            cmark_node_set_list_tight(list, tight ? 1 : 0)
            switch delimiter {
            case .none: cmark_node_set_list_delim(list, CMARK_NO_DELIM)
            case .period: cmark_node_set_list_delim(list, CMARK_PERIOD_DELIM)
            case .paren: cmark_node_set_list_delim(list, CMARK_PAREN_DELIM)
            }
            return list
        case .item: return make(CMARK_NODE_ITEM)
        case let .codeBlock(info, literal):
            let block = make(CMARK_NODE_CODE_BLOCK)
            cmark_node_set_fence_info(block, info)
            cmark_node_set_literal(block, literal)
            return block
        case let .htmlBlock(literal): return literalNode(CMARK_NODE_HTML_BLOCK, literal)
        case let .customBlock(onEnter, onExit): return customNode(CMARK_NODE_CUSTOM_BLOCK, onEnter, onExit)
        case .paragraph: return make(CMARK_NODE_PARAGRAPH)
        case let .heading(level):
            let heading = make(CMARK_NODE_HEADING)
            cmark_node_set_heading_level(heading, Int32(level))
            return heading
        case .thematicBreak: return make(CMARK_NODE_THEMATIC_BREAK)
        case let .text(literal): return literalNode(CMARK_NODE_TEXT, literal)
        case .softBreak: return make(CMARK_NODE_SOFTBREAK)
        case .lineBreak: return make(CMARK_NODE_LINEBREAK)
        case let .code(literal): return literalNode(CMARK_NODE_CODE, literal)
        case let .htmlInline(literal): return literalNode(CMARK_NODE_HTML_INLINE, literal)
        case let .customInline(onEnter, onExit): return customNode(CMARK_NODE_CUSTOM_INLINE, onEnter, onExit)
        case .emphasis: return make(CMARK_NODE_EMPH)
        case .strong: return make(CMARK_NODE_STRONG)
        case let .link(destination, title): return linkNode(CMARK_NODE_LINK, destination, title)
        case let .image(source, title): return linkNode(CMARK_NODE_IMAGE, source, title)
        }
    }

    private static func literalNode(_ type: cmark_node_type, _ literal: String) -> OpaquePointer {
        let node = cmark_node_new(type)!
        cmark_node_set_literal(node, literal)
        return node
    }

    private static func customNode(_ type: cmark_node_type, _ onEnter: String, _ onExit: String) -> OpaquePointer {
        let node = cmark_node_new(type)!
        cmark_node_set_on_enter(node, onEnter)
        cmark_node_set_on_exit(node, onExit)
        return node
    }

    private static func linkNode(_ type: cmark_node_type, _ url: String, _ title: String) -> OpaquePointer {
        let node = cmark_node_new(type)!
        cmark_node_set_url(node, url)
        cmark_node_set_title(node, title)
        return node
    }
}
