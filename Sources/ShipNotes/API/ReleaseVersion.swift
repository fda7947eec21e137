/// A release's version number as a changelog writes it, and in the normalised form used to match
/// and order versions.
///
/// Numeric parts come first (at least two: `2.0`, `1.2.3`, `1.2.3.4`); a pre-release part may follow
/// with a hyphen (`1.0.0-rc.2`), a dot (`1.0.0.beta.1`, as CocoaPods writes it) or nothing
/// (`4.0.0rc4`), and build metadata after `+`. The normalised form drops a leading `v` and writes
/// the pre-release part after a hyphen in lower case: `v1.0.0.Beta.1` becomes `1.0.0-beta.1`.
/// Versions compare as Semantic Versioning orders them, missing numeric parts counting as zero.
public struct ReleaseVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The version as the changelog writes it, such as `v1.2.3` or `1.0.0.beta.1`.
    public let written: String
    /// The normalised version, such as `1.2.3` or `1.0.0-beta.1`.
    public let normalized: String
    /// The numeric parts: `[1, 2, 3]`.
    public let numbers: [Int]
    /// The pre-release identifiers: `["beta", "1"]`; empty for a final release.
    public let prerelease: [String]

    /// Whether this is a pre-release (alpha, beta, release candidate and the like).
    public var isPrerelease: Bool { !prerelease.isEmpty }

    public var description: String { normalized }

    /// Parses a whole string as a version: `1.2.3`, `v1.2.3`, `[1.2.3]`, `1.0.0-rc.2`.
    ///
    /// - Returns: nil when the string is not a version.
    public init?(_ text: String) {
        var trimmed = Substring(text).drop(while: \.isWhitespace)
        while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
        if trimmed.first == "[", trimmed.last == "]" { trimmed = trimmed.dropFirst().dropLast() }
        let bytes = Array(trimmed.utf8)
        guard let (version, length) = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.flatMap { Self.parse($0, 0, buffer.count) }
        }), length == bytes.count else { return nil }
        self = version
    }

    /// A version that may be a single number (`42`), for titles matched by a configured pattern.
    static func single(_ text: String) -> ReleaseVersion? {
        let bytes = Array(text.utf8)
        guard let (version, length) = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.flatMap { parse($0, 0, buffer.count, minimumParts: 1) }
        }), length == bytes.count else { return nil }
        return version
    }

    /// - Parameter normalized: the normalised form when the caller knows it (a plain `1.2.3`).
    init(written: String, numbers: [Int], prerelease: [String], normalized: String? = nil) {
        self.written = written
        self.numbers = numbers
        self.prerelease = prerelease
        if let normalized {
            self.normalized = normalized
        } else {
            var text = numbers.map(String.init).joined(separator: ".")
            if !prerelease.isEmpty { text += "-" + prerelease.joined(separator: ".") }
            self.normalized = text
        }
    }

    /// Parses a version token at `start`: an optional `v`, two or more numeric parts, then an
    /// optional pre-release part and build metadata.
    ///
    /// - Returns: the version and the number of bytes it took, or nil when no version starts there.
    static func parse(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, minimumParts: Int = 2
    ) -> (ReleaseVersion, Int)? {
        var position = start
        if position < end, base[position] == UInt8(ascii: "v") || base[position] == UInt8(ascii: "V") { position += 1 }
        var numbers: [Int] = []
        while true {
            let digitsStart = position
            var value = 0
            while position < end, isDigit(base[position]) {
                if position - digitsStart == 9 { return nil }  // not a version part: a date, a hash
                value = value * 10 + Int(base[position] - UInt8(ascii: "0"))
                position += 1
            }
            guard position > digitsStart else { return nil }
            numbers.append(value)
            guard position + 1 < end, base[position] == UInt8(ascii: "."), isDigit(base[position + 1]) else { break }
            position += 1
        }
        guard numbers.count >= minimumParts else { return nil }
        let numbersEnd = position

        var prerelease: [String] = []
        var cursor = position
        if cursor < end {
            let separator = base[cursor]
            var identifiersStart: Int?
            if separator == UInt8(ascii: "-"), cursor + 1 < end, isIdentifierByte(base[cursor + 1]) {
                identifiersStart = cursor + 1
            } else if separator == UInt8(ascii: "."), cursor + 1 < end, isLetter(base[cursor + 1]) {
                identifiersStart = cursor + 1
            } else if isLetter(separator), startsPrereleaseWord(base, cursor, end) {
                identifiersStart = cursor
            }
            if let first = identifiersStart {
                cursor = first
                var identifier: [UInt8] = []
                while cursor < end {
                    let byte = base[cursor]
                    if isIdentifierByte(byte) {
                        identifier.append(byte | (isLetter(byte) ? 0x20 : 0))
                        cursor += 1
                    } else if byte == UInt8(ascii: "."), cursor + 1 < end, isIdentifierByte(base[cursor + 1]), !identifier.isEmpty {
                        prerelease.append(String(decoding: identifier, as: UTF8.self))
                        identifier.removeAll(keepingCapacity: true)
                        cursor += 1
                    } else {
                        break
                    }
                }
                if !identifier.isEmpty { prerelease.append(String(decoding: identifier, as: UTF8.self)) }
                position = cursor
            }
        }
        // Build metadata is kept in the written form only: it does not order versions.
        if position + 1 < end, base[position] == UInt8(ascii: "+"), isIdentifierByte(base[position + 1]) {
            position += 1
            while position < end, isIdentifierByte(base[position]) || (base[position] == UInt8(ascii: ".")
                && position + 1 < end && isIdentifierByte(base[position + 1]))
            {
                position += 1
            }
        }
        let written = String(decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
        // Most versions are already normal (`1.2.3`): the written digits are the normalised form.
        let numbersStart = base[start] | 0x20 == UInt8(ascii: "v") ? start + 1 : start
        var isPlain = prerelease.isEmpty && position == numbersEnd
        var index = numbersStart
        while isPlain, index < numbersEnd {
            if base[index] == UInt8(ascii: "0"), index + 1 < numbersEnd, ReleaseVersion.isDigit(base[index + 1]),
                index == numbersStart || base[index - 1] == UInt8(ascii: ".")
            {
                isPlain = false
            }
            index += 1
        }
        let normalized = isPlain
            ? (numbersStart == start ? written : String(decoding: UnsafeBufferPointer(start: base + numbersStart, count: numbersEnd - numbersStart), as: UTF8.self))
            : nil
        return (ReleaseVersion(written: written, numbers: numbers, prerelease: prerelease, normalized: normalized), position - start)
    }

    /// Words that start a pre-release part written straight after the numbers (`4.0.0rc4`, `2.0b1`).
    private static func startsPrereleaseWord(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        for word in ["alpha", "beta", "rc", "pre", "preview", "dev", "a", "b"] {
            let bytes = Array(word.utf8)
            guard end - start >= bytes.count else { continue }
            var matches = true
            for (index, byte) in bytes.enumerated() where base[start + index] | 0x20 != byte {
                matches = false
                break
            }
            guard matches else { continue }
            let after = start + bytes.count
            // `1.2.3a` is a pre-release only when a number or the end follows: not `1.2.3 and`.
            if after == end || isDigit(base[after]) || base[after] == UInt8(ascii: ".") || !isIdentifierByte(base[after]) {
                return word.count > 1 || (after < end && isDigit(base[after]))
            }
        }
        return false
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    @inline(__always) static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: "-")
    }

    // MARK: Matching and ordering

    /// Versions are equal when they are the same version however written (`v1.2.3` and `1.2.3`;
    /// `1.50` and `1.50.0`).
    public static func == (lhs: ReleaseVersion, rhs: ReleaseVersion) -> Bool {
        compare(lhs, rhs) == 0
    }

    public func hash(into hasher: inout Hasher) {
        var numbers = self.numbers
        while numbers.count > 1, numbers.last == 0 { numbers.removeLast() }
        hasher.combine(numbers)
        hasher.combine(prerelease)
    }

    public static func < (lhs: ReleaseVersion, rhs: ReleaseVersion) -> Bool {
        compare(lhs, rhs) < 0
    }

    private static func compare(_ lhs: ReleaseVersion, _ rhs: ReleaseVersion) -> Int {
        for index in 0..<max(lhs.numbers.count, rhs.numbers.count) {
            let left = index < lhs.numbers.count ? lhs.numbers[index] : 0
            let right = index < rhs.numbers.count ? rhs.numbers[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        // A final release follows its pre-releases.
        switch (lhs.prerelease.isEmpty, rhs.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for index in 0..<max(lhs.prerelease.count, rhs.prerelease.count) {
            guard index < lhs.prerelease.count else { return -1 }
            guard index < rhs.prerelease.count else { return 1 }
            let left = lhs.prerelease[index], right = rhs.prerelease[index]
            if left == right { continue }
            switch (Int(left), Int(right)) {
            case let (l?, r?): return l < r ? -1 : 1
            case (.some, nil): return -1
            case (nil, .some): return 1
            case (nil, nil): return left < right ? -1 : 1
            }
        }
        return 0
    }

    // MARK: Codable, as `{"written": "v1.2.3", "normalized": "1.2.3"}`

    private enum CodingKeys: String, CodingKey {
        case written, normalized
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let written = try container.decode(String.self, forKey: .written)
        guard let version = ReleaseVersion(written) ?? ReleaseVersion.single(written) else {
            throw DecodingError.dataCorruptedError(forKey: .written, in: container, debugDescription: "\(written) is not a version")
        }
        self = version
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(written, forKey: .written)
        try container.encode(normalized, forKey: .normalized)
    }
}
