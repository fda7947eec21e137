// Next-occurrence lookups that keep the inline scanner linear: every closer search is a binary
// search in a position list built once per block, never a rescan of the rest of the line.

/// What a position list records.
struct OccurrenceKey: Hashable {
    /// The bytes that must appear at the position.
    var needle: [UInt8]
    /// Only positions whose preceding byte is text (not whitespace), as a phrase closer needs.
    var afterText = false
    /// Only positions followed by a byte that ends a phrase: space, punctuation or newline.
    var beforePhraseEnd = false
}

/// Byte classes with their own position lists (classes a single needle cannot express).
enum ByteClass: Hashable {
    /// A byte that ends a URL: not allowed in one, or a `%` that does not start a `%xx` escape.
    case urlBreak
    /// A letter, digit or one of `$-_.`, which a relative URL's first segment needs.
    case urlSafe
    /// `/`, `;` or `?`, which end a URL's first path segment.
    case pathBreak
}

/// Sorted position lists over one block's bytes, built lazily per key.
final class OccurrenceIndex {
    let text: [UInt8]
    private var lists: [OccurrenceKey: [Int32]] = [:]
    private var classLists: [ByteClass: [Int32]] = [:]
    private var barrierList: [Int32]?

    init(text: [UInt8]) {
        self.text = text
    }

    /// Chains of underscores for `_emphasis_` and `__italics__`, built on first use.
    private(set) lazy var underscoreChains = UnderscoreChains(text: text)

    /// The first position `>= from` and `< limit` recorded under `key`, if any.
    func next(_ key: OccurrenceKey, from: Int, limit: Int) -> Int? {
        if from >= limit { return nil }
        let list = positions(for: key)
        return Self.firstAtOrAfter(from, in: list, limit: limit)
    }

    /// The first position `>= from` where a phrase's text cannot continue: a blank line, a NUL or a
    /// whitespace byte that the grammar does not allow between words.
    func nextBarrier(from: Int) -> Int {
        if barrierList == nil {
            var list: [Int32] = []
            for index in text.indices {
                let byte = text[index]
                if byte == 0 || byte == 0x0B || byte == 0x0C || byte == 0x0D {
                    list.append(Int32(index))
                } else if byte == 0x0A, index + 1 < text.count, text[index + 1] == 0x0A {
                    list.append(Int32(index))
                }
            }
            barrierList = list
        }
        return Self.firstAtOrAfter(from, in: barrierList!, limit: Int.max) ?? Int.max
    }

    /// The first position `>= from` holding a byte of `byteClass`, or `text.count` when none does.
    func next(_ byteClass: ByteClass, from: Int) -> Int {
        if classLists[byteClass] == nil {
            var list: [Int32] = []
            for index in text.indices where belongs(index, to: byteClass) { list.append(Int32(index)) }
            classLists[byteClass] = list
        }
        return Self.firstAtOrAfter(from, in: classLists[byteClass]!, limit: Int.max) ?? text.count
    }

    /// The last position `< before` and `>= from` recorded under `key`, if any.
    func previous(_ key: OccurrenceKey, before: Int, from: Int) -> Int? {
        let list = positions(for: key)
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if Int(list[middle]) < before { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let found = Int(list[low - 1])
        return found >= from ? found : nil
    }

    private func belongs(_ index: Int, to byteClass: ByteClass) -> Bool {
        let byte = text[index]
        switch byteClass {
        case .urlBreak:
            if InlineBytes.isURIByte(byte) { return false }
            if byte == UInt8(ascii: "%"), index + 2 < text.count, InlineBytes.isHexDigit(text[index + 1]),
                InlineBytes.isHexDigit(text[index + 2])
            {
                return false
            }
            // The two hex digits of an escape are URL bytes themselves.
            return true
        case .urlSafe:
            return InlineBytes.isAlphanumeric(byte) || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        case .pathBreak:
            return byte == UInt8(ascii: "/") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "?")
        }
    }

    private func positions(for key: OccurrenceKey) -> [Int32] {
        if let list = lists[key] { return list }
        var list: [Int32] = []
        let needle = key.needle
        let first = needle[0]
        let count = text.count
        var index = 0
        while index + needle.count <= count {
            if text[index] == first, matches(needle, at: index), accepts(key, at: index) {
                list.append(Int32(index))
            }
            index += 1
        }
        lists[key] = list
        return list
    }

    private func matches(_ needle: [UInt8], at index: Int) -> Bool {
        var offset = 1
        while offset < needle.count {
            if text[index + offset] != needle[offset] { return false }
            offset += 1
        }
        return true
    }

    private func accepts(_ key: OccurrenceKey, at index: Int) -> Bool {
        if key.afterText, index == 0 || !InlineBytes.isTextByte(text[index - 1]) { return false }
        if key.beforePhraseEnd {
            let after = index + key.needle.count
            if after < text.count {
                let byte = text[after]
                if !(byte == 0x20 || byte == 0x0A || InlineBytes.isPunctuation(byte)) { return false }
            }
        }
        return true
    }

    private static func firstAtOrAfter(_ from: Int, in list: [Int32], limit: Int) -> Int? {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if Int(list[middle]) < from { low = middle + 1 } else { high = middle }
        }
        guard low < list.count else { return nil }
        let found = Int(list[low])
        return found < limit ? found : nil
    }
}
