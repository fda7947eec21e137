#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of a Markdown source, as byte offsets into the buffer it was read from.
///
/// `end` excludes the line ending (`\n` or `\r\n`); `next` is where the following line starts.
/// `indent` counts columns the way CommonMark does (a tab advances to the next multiple of four);
/// `firstNonSpace` is the offset of the first byte that is not a space or a tab.
struct SourceLine {
    var start: Int
    var end: Int
    var next: Int
    var firstNonSpace: Int
    var indent: Int

    var isBlank: Bool { firstNonSpace == end }
}

/// Walks the lines of a UTF-8 buffer with `memchr`, so that long lines cost no per-byte Swift work.
struct LineCursor {
    let base: UnsafePointer<UInt8>
    let count: Int
    private(set) var offset: Int

    init(base: UnsafePointer<UInt8>, count: Int, from offset: Int = 0) {
        self.base = base
        self.count = count
        self.offset = offset
    }

    /// The next line, or nil at the end of the buffer.
    @inline(__always)
    mutating func nextLine() -> SourceLine? {
        guard offset < count else { return nil }
        let start = offset
        var end: Int
        var next: Int
        if let found = memchr(base + start, 0x0A, count - start) {
            end = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            next = end + 1
        } else {
            end = count
            next = count
        }
        if end > start && base[end - 1] == 0x0D { end -= 1 }
        offset = next
        var position = start
        var indent = 0
        while position < end {
            let byte = base[position]
            if byte == 0x20 {
                indent += 1
            } else if byte == 0x09 {
                indent += 4 - indent % 4
            } else {
                break
            }
            position += 1
        }
        return SourceLine(start: start, end: end, next: next, firstNonSpace: position, indent: indent)
    }
}

extension UnsafePointer<UInt8> {
    /// Whether the bytes from `start` to `end` are only spaces and tabs.
    @inline(__always)
    func isWhitespace(from start: Int, to end: Int) -> Bool {
        var position = start
        while position < end {
            let byte = self[position]
            if byte != 0x20 && byte != 0x09 { return false }
            position += 1
        }
        return true
    }

    /// The offset of the first byte from `start` that is not a space or a tab (at most `end`).
    @inline(__always)
    func skipWhitespace(from start: Int, to end: Int) -> Int {
        var position = start
        while position < end, self[position] == 0x20 || self[position] == 0x09 { position += 1 }
        return position
    }

    /// The length of the run of `byte` starting at `start` (stopping at `end`).
    @inline(__always)
    func run(of byte: UInt8, from start: Int, to end: Int) -> Int {
        var position = start
        while position < end, self[position] == byte { position += 1 }
        return position - start
    }
}
