// Tables: an optional `table(attributes).` line, then rows `(attributes). |cell|cell|` whose cells
// may carry `_` (header), `\N` (colspan), `/N` (rowspan), alignment and classes before a `. `.

struct TableMatch {
    struct Cell {
        var attributes: TextileAttributes
        var text: Range<Int>
    }

    struct Row {
        var attributes: TextileAttributes
        var cells: [Cell]
        /// Whether the row ended at a line end (or the end of input) and so gets its `</tr>`;
        /// RedCloth leaves a row open when it stops at a cell that never closes.
        var isClosed: Bool
    }

    var attributes: TextileAttributes
    var rows: [Row]
    /// Just past the last complete cell.
    var end: Int
}

extension BlockScanner {
    /// Reads as many complete table rows as start at `start`; nil when not even one cell is complete.
    func matchTable(at start: Int) -> TableMatch? {
        var cursor = start
        var tableAttributes = TextileAttributes()
        if text[start...].starts(with: "table".utf8) {
            cursor += 5
            if let parsed = TextileAttributes.parse(text[...], at: cursor, form: .block) {
                tableAttributes = parsed.0
                cursor = parsed.end
            }
            guard byte(at: cursor) == UInt8(ascii: ".") else { return nil }
            cursor += 1
            while byte(at: cursor) == UInt8(ascii: " ") { cursor += 1 }
            guard byte(at: cursor) == UInt8(ascii: "\n") else { return nil }
            cursor += 1
        }
        var rows: [TableMatch.Row] = []
        var end = -1
        while let row = matchTableRow(at: cursor) {
            rows.append(row.row)
            guard !row.row.cells.isEmpty else { break }
            end = row.end
            guard row.row.isClosed, byte(at: row.end) == UInt8(ascii: "\n") else { break }
            cursor = row.end + 1
        }
        guard end >= 0 else { return nil }
        return TableMatch(attributes: tableAttributes, rows: rows, end: end)
    }

    /// One row; nil when no row starts here. A row with no complete cell is still returned when
    /// something follows its `|` on the line, since RedCloth has opened it by then.
    func matchTableRow(at start: Int) -> (row: TableMatch.Row, end: Int)? {
        var cursor = start
        var rowAttributes = TextileAttributes()
        if byte(at: cursor) != UInt8(ascii: "|") {
            // `attributes. |` — the attributes may be empty, leaving just `. `.
            let parsed = TextileAttributes.parse(text[...], at: cursor, form: .block)
            var afterDot = parsed?.end ?? cursor
            guard byte(at: afterDot) == UInt8(ascii: ".") else { return nil }
            afterDot += 1
            while byte(at: afterDot) == UInt8(ascii: " ") { afterDot += 1 }
            guard byte(at: afterDot) == UInt8(ascii: "|") else { return nil }
            rowAttributes = parsed?.0 ?? TextileAttributes()
            cursor = afterDot
        }
        cursor += 1
        var cells: [TableMatch.Cell] = []
        while true {
            guard let next = byte(at: cursor), next != UInt8(ascii: "\n"), next != 0 else {
                return cells.isEmpty ? nil : (TableMatch.Row(attributes: rowAttributes, cells: cells, isClosed: true), cursor)
            }
            guard let cell = matchTableCell(at: cursor) else {
                return (TableMatch.Row(attributes: rowAttributes, cells: cells, isClosed: false), cursor)
            }
            cells.append(cell.cell)
            cursor = cell.end
        }
    }

    /// One cell starting after its opening `|`; `end` is just past its closing `|`.
    func matchTableCell(at start: Int) -> (cell: TableMatch.Cell, end: Int)? {
        var attributes = TextileAttributes()
        var contentStart = start
        let parsed = TextileAttributes.parse(text[...], at: start, form: .cell)
        let attributesEnd = parsed?.end ?? start
        if byte(at: attributesEnd) == UInt8(ascii: ".") {
            var afterSpaces = attributesEnd + 1
            while byte(at: afterSpaces) == UInt8(ascii: " ") { afterSpaces += 1 }
            // The cell's text cannot start with a line break: before one, the text keeps the last
            // space, and with no space at all the signature is no signature but text.
            if byte(at: afterSpaces) != UInt8(ascii: "\n") {
                attributes = parsed?.0 ?? TextileAttributes()
                contentStart = afterSpaces
            } else if afterSpaces > attributesEnd + 1 {
                attributes = parsed?.0 ?? TextileAttributes()
                contentStart = afterSpaces - 1
            }
        }
        var cursor = contentStart
        while true {
            guard let next = byte(at: cursor), next != 0 else { return nil }
            if next == UInt8(ascii: "|") {
                return (TableMatch.Cell(attributes: attributes, text: contentStart..<cursor), cursor + 1)
            }
            if next == UInt8(ascii: "\n") {
                if byte(at: cursor + 1) == UInt8(ascii: "\n") {
                    guard byte(at: cursor + 2) == UInt8(ascii: "|"), cursor > contentStart else { return nil }
                    return (TableMatch.Cell(attributes: attributes, text: contentStart..<(cursor + 2)), cursor + 3)
                }
                // A continuation line: its first byte is text, even a `|`.
                guard let continued = byte(at: cursor + 1), continued != 0 else { return nil }
                cursor += 2
                continue
            }
            cursor += 1
        }
    }

    mutating func emitTable(_ table: TableMatch) {
        html.append(contentsOf: "<table".utf8)
        table.attributes.append(to: &html, options: options)
        html.append(contentsOf: ">\n".utf8)
        for row in table.rows {
            html.append(contentsOf: "\t<tr".utf8)
            row.attributes.append(to: &html, options: options)
            html.append(contentsOf: ">\n".utf8)
            for cell in row.cells {
                let name = cell.attributes.isHeader ? "th" : "td"
                html.append(contentsOf: "\t\t<".utf8)
                html.append(contentsOf: name.utf8)
                cell.attributes.append(to: &html, options: options)
                html.append(UInt8(ascii: ">"))
                InlineRenderer.render(text[cell.text], context: formatter.context, into: &html)
                html.append(contentsOf: "</".utf8)
                html.append(contentsOf: name.utf8)
                html.append(contentsOf: ">\n".utf8)
            }
            if row.isClosed { html.append(contentsOf: "\t</tr>\n".utf8) }
        }
        html.append(contentsOf: "</table>\n".utf8)
        registers = BlockRegisters()
        position = table.end
        state = .paragraph
    }
}
