// `_emphasis_` in RedCloth 4.3 is words joined by single underscores and runs to the *last*
// underscore that can close it, so it can nest inside itself as deep as the input goes. To keep
// the inline pass linear, the chain of valid pieces between consecutive underscores is computed
// once per block; each emphasis or italic opener then costs a binary search.

/// Underscore positions of one block and, for each, how far a chain of valid pieces runs from it.
final class UnderscoreChains {
    /// Positions of every `_`, ascending.
    let positions: [Int32]
    /// For each underscore index `j`, the first index `k >= j` whose following piece (up to the next
    /// underscore) is not valid emphasis text: empty, or not starting and ending with text.
    private let chainBreak: [Int32]

    init(text: [UInt8]) {
        var positions: [Int32] = []
        for index in text.indices where text[index] == UInt8(ascii: "_") { positions.append(Int32(index)) }
        var chainBreak = [Int32](repeating: 0, count: positions.count)
        var next = Int32(positions.count - 1)
        var j = positions.count - 1
        while j >= 0 {
            if j == positions.count - 1 || !Self.pieceIsValid(text, from: Int(positions[j]) + 1, to: Int(positions[j + 1])) {
                next = Int32(j)
            }
            chainBreak[j] = next
            j -= 1
        }
        self.positions = positions
        self.chainBreak = chainBreak
    }

    /// Text between two underscores that emphasis may hold: words separated by spaces, tabs or
    /// single newlines, starting and ending with a non-space byte.
    private static func pieceIsValid(_ text: [UInt8], from start: Int, to end: Int) -> Bool {
        guard start < end, InlineBytes.isTextByte(text[start]), InlineBytes.isTextByte(text[end - 1]) else { return false }
        var cursor = start
        while cursor < end {
            let byte = text[cursor]
            if !InlineBytes.isTextByte(byte) {
                guard InlineBytes.isPhraseSpace(byte), !(byte == 0x0A && text[cursor + 1] == 0x0A) else { return false }
            }
            cursor += 1
        }
        return true
    }

    /// The index of the underscore at `position`.
    private func indexOf(_ position: Int) -> Int? {
        let found = firstIndex(atOrAfter: position)
        return found < positions.count && Int(positions[found]) == position ? found : nil
    }

    private func firstIndex(atOrAfter position: Int) -> Int {
        var low = 0
        var high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if Int(positions[middle]) < position { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The last underscore before `limit` that closes emphasis opened by the underscore at `opener`.
    func emphasisCloser(opener: Int, limit: Int) -> Int? {
        guard let start = indexOf(opener) else { return nil }
        let lastInside = firstIndex(atOrAfter: limit) - 1
        let last = min(Int(chainBreak[start]), lastInside)
        return last > start ? Int(positions[last]) : nil
    }

    /// The first `__` closing italics whose text starts after the underscore at `opener` (the second
    /// of the opening pair), if it ends before `limit`.
    func italicCloser(opener: Int, limit: Int) -> Int? {
        guard let start = indexOf(opener) else { return nil }
        let breakIndex = Int(chainBreak[start])
        guard breakIndex > start, breakIndex + 1 < positions.count,
            positions[breakIndex + 1] == positions[breakIndex] + 1, Int(positions[breakIndex]) + 2 <= limit
        else { return nil }
        return Int(positions[breakIndex])
    }
}
