// Bulleted and numbered lists (`*`, `#`, mixed and nested, `#5` start, `#_` continuation) and
// definition lists (`- term := definition`).

/// The lists open at the current position, outermost first, and the item counters per depth.
struct ListLayout {
    /// `ul` or `ol` per depth; nil where a depth was skipped (`*` followed by `***`).
    var kinds: [String?] = []
    /// The number of the last item per depth, kept across lists so that `#_` can continue.
    var indexes: [Int?] = []
}

/// A list marker line: `*#* (class) ` and what it says.
struct ListStart {
    var nest: Int
    var kind: String
    /// Attributes written before the marks, which go to a newly opened list element.
    var listAttributes: TextileAttributes
    var start: String?
    var continues: Bool
    /// Attributes of the item itself.
    var itemAttributes: TextileAttributes
    /// Whether RedCloth stops producing output at this item (see `matchListStart`).
    var endsDocument = false
    /// Where the item's text begins.
    var end: Int
}

extension BlockScanner {
    /// Matches ` * item`, `## item`, `#5 item`, `#_ item`, `*(class) item` at `start`.
    func matchListStart(at start: Int) -> ListStart? {
        var cursor = start
        while byte(at: cursor) == UInt8(ascii: " ") { cursor += 1 }
        var listAttributes = TextileAttributes()
        if let parsed = TextileAttributes.parse(text[...], at: cursor, form: .listItem) {
            listAttributes = parsed.0
            cursor = parsed.end
        }
        var nest = 0
        var kind = "ul"
        while let next = byte(at: cursor), next == UInt8(ascii: "*") || next == UInt8(ascii: "#") {
            nest += 1
            kind = next == UInt8(ascii: "*") ? "ul" : "ol"
            cursor += 1
        }
        guard nest > 0 else { return nil }
        var startNumber: String?
        var continues = false
        if kind == "ol" {
            if byte(at: cursor) == UInt8(ascii: "_") {
                continues = true
                cursor += 1
            } else {
                let digitsStart = cursor
                while let next = byte(at: cursor), Self.isDigit(next) { cursor += 1 }
                if cursor > digitsStart { startNumber = String(decoding: text[digitsStart..<cursor], as: UTF8.self) }
            }
        }
        var itemAttributes = TextileAttributes()
        if let parsed = TextileAttributes.parse(text[...], at: cursor, form: .listItem) {
            itemAttributes = parsed.0
            cursor = parsed.end
        }
        // An empty `()` after a class, style or language group still reads as a group, one that
        // leaves RedCloth's scanner without a text register: its output ends once the list is laid out.
        var endsDocument = false
        while byte(at: cursor) == UInt8(ascii: "("), byte(at: cursor + 1) == UInt8(ascii: ")") {
            endsDocument = true
            cursor += 2
            if let parsed = TextileAttributes.parse(text[...], at: cursor, form: .phrase) { cursor = parsed.end }
        }
        guard byte(at: cursor) == UInt8(ascii: " ") else { return nil }
        while byte(at: cursor) == UInt8(ascii: " ") { cursor += 1 }
        return ListStart(nest: nest, kind: kind, listAttributes: listAttributes, start: startNumber,
                         continues: continues, itemAttributes: itemAttributes, endsDocument: endsDocument, end: cursor)
    }

    /// Opens lists and closes items as the new item's depth requires, then starts collecting it.
    /// `fromMain` is false when the item follows a line of text: RedCloth has cleared the list's own
    /// attributes, `#N` start and `#_` continuation by then.
    mutating func openListItem(_ item: ListStart, startsList: Bool = false, fromMain: Bool = false) {
        var item = item
        if !fromMain {
            item.listAttributes = TextileAttributes()
            item.start = nil
            item.continues = false
        }
        if startsList { list.kinds.removeAll() }
        layOutList(nest: item.nest, kind: item.kind, item: item)
        if item.endsDocument {
            block.removeAll()
            position = text.count
            isStopped = true
            return
        }
        registers.attributes = item.itemAttributes
        position = item.end
        state = .listContent
        if endsWithoutMark {
            // RedCloth's item text starts after the first space; the others are text of the item,
            // which matters only when nothing else follows to open it.
            var firstSpace = item.end
            while firstSpace > 0, text[firstSpace - 1] == UInt8(ascii: " ") { firstSpace -= 1 }
            if item.end - firstSpace > 1 { block.append(contentsOf: text[(firstSpace + 1)..<item.end]) }
        }
    }

    /// RedCloth's list layout step: counts the item, opens one list level when deeper, closes
    /// deeper levels, and closes the previous item unless it holds the list just opened.
    mutating func layOutList(nest: Int, kind: String, item: ListStart?) {
        while list.indexes.count < nest { list.indexes.append(nil) }
        if kind == "ol", nest > 0 {
            list.indexes[nest - 1] = (list.indexes[nest - 1] ?? 0) + 1
        }
        var isFirst = false
        if nest > list.kinds.count, let item {
            var attributes = item.listAttributes
            if item.continues {
                if let index = list.indexes[nest - 1] { attributes.start = String(index) }
            } else if let start = item.start {
                let number = Int(start) ?? 0
                list.indexes[nest - 1] = number
                attributes.start = start
            } else {
                list.indexes[nest - 1] = 1
            }
            if nest > 1 {
                html.append(UInt8(ascii: "\n"))
                html.append(contentsOf: repeatElement(UInt8(ascii: "\t"), count: nest - 1))
            }
            html.append(UInt8(ascii: "<"))
            html.append(contentsOf: kind.utf8)
            attributes.append(to: &html, options: options)
            html.append(contentsOf: ">\n".utf8)
            while list.kinds.count < nest { list.kinds.append(nil) }
            list.kinds[nest - 1] = kind
            isFirst = true
        }
        closeLists(downTo: nest, closingItems: !isFirst)
        if nest != 0, !isFirst { html.append(contentsOf: "</li>\n".utf8) }
        registers = BlockRegisters()
        registers.nest = list.kinds.count
        registers.type = "li_open"
    }

    /// Closes list levels deeper than `nest`, each after closing its last item.
    mutating func closeLists(downTo nest: Int = 0, closingItems: Bool = true) {
        var closesItem = closingItems
        while nest < list.kinds.count {
            let depth = list.kinds.count
            let kind = list.kinds.removeLast()
            guard let kind else { continue }
            if closesItem { html.append(contentsOf: "</li>\n".utf8) }
            closesItem = true
            html.append(contentsOf: repeatElement(UInt8(ascii: "\t"), count: depth - 1))
            html.append(contentsOf: "</".utf8)
            html.append(contentsOf: kind.utf8)
            html.append(UInt8(ascii: ">"))
            if depth <= 1 { html.append(UInt8(ascii: "\n")) }
        }
    }

    mutating func scanListContent() {
        let next = text[position]
        if next == UInt8(ascii: "\n") {
            if let returnEnd = matchDoubleReturn(at: position) {
                addBlock()
                closeLists()
                // RedCloth's layout step leaves "li_open" as the block type; blank lines left over
                // after a rule at the very end still render with it.
                registers = BlockRegisters()
                registers.type = "li_open"
                state = .main
                position = returnEnd
                return
            }
            if let item = matchListStart(at: position + 1) {
                addBlock()
                openListItem(item)
                return
            }
            block.append(next)
            position += 1
            return
        }
        appendRunToLineEnd()
    }

    // MARK: Definition lists

    mutating func scanDefinitionList() {
        let next = text[position]
        if next == UInt8(ascii: "\n") {
            if let returnEnd = matchDoubleReturn(at: position) {
                addBlock()
                html.append(contentsOf: "</dl>\n".utf8)
                state = .main
                position = returnEnd
                return
            }
            if byte(at: position + 1) == UInt8(ascii: "-"), byte(at: position + 2) == UInt8(ascii: " ") {
                addBlock()
                registers.type = "dt"
                position += 2
                while byte(at: position) == UInt8(ascii: " ") { position += 1 }
                return
            }
        }
        if next == UInt8(ascii: ":"), byte(at: position + 1) == UInt8(ascii: "=") {
            var cursor = position + 2
            while byte(at: cursor) == UInt8(ascii: " ") { cursor += 1 }
            if byte(at: cursor) == UInt8(ascii: "\n"), firstOccurrence(of: Array("=:".utf8), from: cursor + 2) == nil {
                // A long definition that never closes: RedCloth's scanner runs off the end of the
                // input inside it, so the pending block is the last output.
                addBlock()
                position = text.count
                isStopped = true
                return
            }
            if byte(at: cursor) == UInt8(ascii: "\n"), let close = firstOccurrence(of: Array("=:".utf8), from: cursor + 2) {
                // `:=` then a line end: a long definition rendered as a document of its own, up to `=:`.
                addBlock()
                var inner = BlockScanner(text: Array(text[(cursor + 1)..<close]), context: formatter.context)
                let rendered = inner.run(isWholeInput: false)
                var plain = BlockRegisters()
                formatter.render(type: "dd", text: rendered, registers: &plain, into: &html)
                position = close + 2
                return
            }
            addBlock()
            registers.type = "dd"
            position += 2
            return
        }
        block.append(next)
        position += 1
    }
}
