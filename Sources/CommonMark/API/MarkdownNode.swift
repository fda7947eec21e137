/// A position range in the source text, as cmark reports it: 1-based lines and byte columns.
///
/// cmark leaves positions at zero for nodes it does not track (soft and hard breaks, for example).
/// Positions are kept in 32 bits, as cmark keeps them (which makes every node of a parsed tree 16
/// bytes smaller); a larger value given here is stored as `Int32.max`.
public struct SourceRange: Hashable, Sendable {
    private var storedStartLine: Int32
    private var storedStartColumn: Int32
    private var storedEndLine: Int32
    private var storedEndColumn: Int32

    public var startLine: Int {
        get { Int(storedStartLine) }
        set { storedStartLine = Int32(clamping: newValue) }
    }

    public var startColumn: Int {
        get { Int(storedStartColumn) }
        set { storedStartColumn = Int32(clamping: newValue) }
    }

    public var endLine: Int {
        get { Int(storedEndLine) }
        set { storedEndLine = Int32(clamping: newValue) }
    }

    public var endColumn: Int {
        get { Int(storedEndColumn) }
        set { storedEndColumn = Int32(clamping: newValue) }
    }

    public init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        storedStartLine = Int32(clamping: startLine)
        storedStartColumn = Int32(clamping: startColumn)
        storedEndLine = Int32(clamping: endLine)
        storedEndColumn = Int32(clamping: endColumn)
    }

    /// The range written as cmark writes `sourcepos`: `line:column-line:column`.
    public var description: String { "\(startLine):\(startColumn)-\(endLine):\(endColumn)" }
}

/// How a list marks its items.
public enum ListType: Hashable, Sendable {
    case bullet
    case ordered
}

/// The punctuation after an ordered list's number.
public enum ListDelimiter: Hashable, Sendable {
    /// Bullet lists have no delimiter.
    case none
    /// `1.`
    case period
    /// `1)`
    case paren
}

/// One node of a Markdown document, copied out of cmark's tree.
///
/// Every node type of cmark 0.30 has a case in ``Kind``; a node's literal content and attributes
/// live in its kind, its children in ``children``.
public struct MarkdownNode: Sendable {
    /// What a node is, with the data cmark keeps for that type.
    public enum Kind: Hashable, Sendable {
        case document
        case blockQuote
        /// A list. `start` is meaningful for ordered lists only (cmark reports 0 for bullet lists).
        case list(type: ListType, start: Int, tight: Bool, delimiter: ListDelimiter)
        case item
        /// A fenced or indented code block; `info` is the fence's info string (empty when indented).
        case codeBlock(info: String, literal: String)
        case htmlBlock(literal: String)
        case customBlock(onEnter: String, onExit: String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case customInline(onEnter: String, onExit: String)
        case emphasis
        case strong
        case link(destination: String, title: String)
        case image(source: String, title: String)
    }

    public var kind: Kind
    public var range: SourceRange

    /// The node's children, kept behind a reference so that dropping a deep tree is iterative
    /// (see `ChildStorage`); nil when there are none, which saves an allocation per leaf.
    fileprivate var storage: ChildStorage?

    /// The node's children, in document order.
    public var children: [MarkdownNode] {
        get { storage?.nodes ?? [] }
        set {
            if newValue.isEmpty {
                storage = nil
            } else if storage != nil && isKnownUniquelyReferenced(&storage!) {
                storage!.replaceNodes(with: newValue)
            } else {
                storage = ChildStorage(newValue)
            }
        }
    }

    /// Calls `body` with the node's children in place: no array is copied and no child retained,
    /// which is what a writer walking a large document wants.
    ///
    /// - Parameter body: receives the children in document order; the buffer is valid only
    ///   during the call.
    public func withChildren<Result>(_ body: (UnsafeBufferPointer<MarkdownNode>) throws -> Result) rethrows -> Result {
        guard let storage else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try storage.nodes.withUnsafeBufferPointer(body)
    }

    /// Whether the node has children, without copying them.
    public var hasChildren: Bool { storage != nil }

    public init(kind: Kind, children: [MarkdownNode] = [], range: SourceRange = SourceRange(startLine: 0, startColumn: 0, endLine: 0, endColumn: 0)) {
        self.kind = kind
        self.range = range
        self.storage = children.isEmpty ? nil : ChildStorage(children)
    }

    /// Whether this node is a block (document through thematic break) rather than an inline.
    public var isBlock: Bool {
        switch kind {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .customBlock,
             .paragraph, .heading, .thematicBreak:
            return true
        default:
            return false
        }
    }
}

extension MarkdownNode: Hashable {
    // Written by hand because the synthesised versions recurse once per level and a document
    // nested tens of thousands of levels deep would exhaust the stack.
    public static func == (lhs: MarkdownNode, rhs: MarkdownNode) -> Bool {
        var pending = [(lhs, rhs)]
        while let (left, right) = pending.popLast() {
            guard left.kind == right.kind, left.range == right.range else { return false }
            if left.storage === right.storage { continue }
            let leftChildren = left.children, rightChildren = right.children
            guard leftChildren.count == rightChildren.count else { return false }
            pending.append(contentsOf: zip(leftChildren, rightChildren))
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        var pending = [self]
        while let node = pending.popLast() {
            hasher.combine(node.kind)
            hasher.combine(node.range)
            let children = node.children
            hasher.combine(children.count)
            pending.append(contentsOf: children.reversed())
        }
    }
}

/// The children of one node.
///
/// A shallow subtree is released the ordinary way, recursively; a subtree deeper than
/// `recursionLimit` is taken apart one level at a time in `deinit` instead, because releasing it
/// recursively would overflow the stack on documents nested tens of thousands of levels deep. The
/// storage knows its subtree's height for that choice.
final class ChildStorage: Sendable {
    // Mutated only while uniquely referenced (copy-on-write in `MarkdownNode`), or in deinit.
    nonisolated(unsafe) private(set) var nodes: [MarkdownNode]
    /// Levels of storage below and including this one: 1 when no child has children.
    nonisolated(unsafe) private var height: Int

    /// Subtrees at most this tall are released recursively: a few hundred bytes of stack per level.
    static let recursionLimit = 256

    init(_ nodes: [MarkdownNode]) {
        self.nodes = nodes
        height = Self.height(of: nodes)
    }

    /// Replaces the children (the storage is uniquely referenced).
    func replaceNodes(with newNodes: [MarkdownNode]) {
        nodes = newNodes
        height = Self.height(of: newNodes)
    }

    private static func height(of nodes: [MarkdownNode]) -> Int {
        var tallest = 0
        for node in nodes {
            if let storage = node.storage, storage.height > tallest { tallest = storage.height }
        }
        return tallest + 1
    }

    deinit {
        guard height > Self.recursionLimit else { return }
        var pending = nodes
        nodes = []
        while var node = pending.popLast() {
            // A shorter subtree goes the ordinary way as `node` is dropped.
            guard node.storage != nil, node.storage!.height > Self.recursionLimit,
                  isKnownUniquelyReferenced(&node.storage!) else { continue }
            pending.append(contentsOf: node.storage!.nodes)
            node.storage!.nodes = []
        }
    }
}
