/// Checks UTF-8 without allocating: ASCII is skipped eight bytes at a time, multi-byte sequences
/// are checked against the well-formed ranges of the Unicode standard (table 3-7), so overlong
/// forms, surrogates and values past U+10FFFF are rejected.
public enum UTF8Validation {
    /// Whether `bytes` are well-formed UTF-8.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstInvalidOffset(bytes) == nil
    }

    /// The offset of the first byte that does not start a well-formed UTF-8 sequence, or nil when
    /// every byte is well-formed.
    ///
    /// - Parameter rejectingNUL: whether a NUL byte (well-formed, but never in text) counts as not
    ///   well-formed too: one pass then tells whether a file is UTF-8 text.
    public static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>, rejectingNUL: Bool = false) -> Int? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // High bits where a byte of `word` is zero (or, harmlessly, where it is not ASCII).
        @inline(__always) func zeroBytes(_ word: UInt64) -> UInt64 { rejectingNUL ? (word &- ones) & ~word & highs : 0 }
        var index = 0
        while index < count {
            // Plain ASCII, 32 bytes a step: most changelogs are nearly all ASCII.
            while index + 32 <= count {
                let raw = UnsafeRawPointer(base + index)
                let a = raw.loadUnaligned(as: UInt64.self), b = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                let c = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self), d = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                guard (a | b | c | d) & highs == 0, zeroBytes(a) | zeroBytes(b) | zeroBytes(c) | zeroBytes(d) == 0 else { break }
                index += 32
            }
            // The steps above may end exactly at the end (a length that is a multiple of 32).
            if index == count { break }
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & highs == 0, zeroBytes(word) == 0 {
                    index += 8
                    continue
                }
            }
            let lead = base[index]
            if lead < 0x80 {
                if lead == 0 && rejectingNUL { return index }
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = base[index + 1]
            guard second >= low && second <= high else { return index }
            for offset in 2..<length where base[index + offset] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }
}
