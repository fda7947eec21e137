/// The listed commits' positions in the log by object id, and each commit's listed parents by
/// position, filled in as the log is read.
///
/// A parent is usually listed after its children, so a child waits for it: when the parent comes,
/// the children waiting for it get its position. The work is done on the thread that reads git's
/// output while git writes the rest, not after the log. The ids are keyed by their bytes, not their
/// hex text: hashing and comparing four integers is several times cheaper than hashing and
/// comparing a 40-character string.
struct CommitIndex: Sendable {
    private var positions: [Key: Int] = [:]
    /// Children (position, parent slot) waiting for a parent that is not listed yet.
    private var waiting: [Key: [(child: Int, slot: Int)]] = [:]
    /// For each position, its parents' positions in order; -1 for a parent outside the log.
    private(set) var parents: [[Int]] = []

    /// Up to 32 bytes of an id (SHA-1's 20, SHA-256's 32), zero-padded.
    private struct Key: Hashable, Sendable {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        init?(_ id: String) {
            var words: [UInt64] = [0, 0, 0, 0]
            var count = 0
            for byte in id.utf8 {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                guard count < 64 else { return nil }
                words[count >> 4] = words[count >> 4] << 4 | UInt64(digit)
                count += 1
            }
            // The last word's digits to the top, as if the id went on with zeros.
            if count & 15 != 0 { words[count >> 4] <<= UInt64(4 * (16 - count & 15)) }
            self.words = (words[0], words[1], words[2], words[3])
        }

        static func == (left: Key, right: Key) -> Bool { left.words == right.words }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
        }
    }

    /// Records the next commit of the log; an id that is not hex (never from git) is left out.
    mutating func add(_ id: String, parents parentIds: [String]) {
        let position = parents.count
        var found = [Int](repeating: -1, count: parentIds.count)
        for (slot, parentId) in parentIds.enumerated() {
            guard let key = Key(parentId) else { continue }
            if let known = positions[key] {
                found[slot] = known
            } else {
                waiting[key, default: []].append((position, slot))
            }
        }
        parents.append(found)
        guard let key = Key(id) else { return }
        positions[key] = position
        if let children = waiting.removeValue(forKey: key) {
            for (child, slot) in children { parents[child][slot] = position }
        }
    }

    subscript(id: String) -> Int? {
        Key(id).flatMap { positions[$0] }
    }
}
