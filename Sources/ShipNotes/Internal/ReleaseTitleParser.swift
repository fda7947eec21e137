import Foundation

/// Reads a heading's title as a release title: its version, date and flags, or nothing when the
/// heading is not a release (a document title, a section such as `New Contributors`).
///
/// The title is first reduced to plain words: link brackets and destinations (`[1.2.3](url)`),
/// emphasis, code marks and inline HTML are dropped. Then a release is one of:
/// - an unreleased heading: `Unreleased`, `Unreleased Changes`, `Unreleased / Beta / …`, `Master`,
///   `Main`, `HEAD`, `Upcoming`, `Next`, or a placeholder version such as `x.y.z`;
/// - up to three words without digits (`Version`, `Release`, `Cargo`, `Rust`, `Swift`), then a
///   version (`1.2.3`, `v2.0`, `1.0.0-rc.2`), then anything: a date anywhere in the rest, and
///   `YANKED`, `unreleased` or `not released` as flags;
/// - with a configured prefix, the same after the prefix (`app-v1.2.3`); with a configured
///   pattern, whatever its first capture group (or the group named `version`) matches.
struct ReleaseTitleParser: Sendable {
    struct Title {
        var version: ReleaseVersion?
        var date: ReleaseDate?
        var isUnreleased: Bool
        var isYanked: Bool
        /// After the version, nothing but a date, punctuation and `YANKED`.
        var restIsOnlyDate = true
    }

    let versionPrefix: [UInt8]?
    let versionPattern: NSRegularExpression?

    init(versionPrefix: String?, versionPattern: NSRegularExpression?) {
        self.versionPrefix = versionPrefix.flatMap { $0.isEmpty ? nil : Array($0.lowercased().utf8) }
        self.versionPattern = versionPattern
    }

    /// - Parameter nested: the heading is deeper than the release level. It is a release only when
    ///   its title is a version and nothing else but a date (`### [1.0.1](url) (2024-01-02)`, as
    ///   conventional-changelog writes patch releases), never a section that names a version
    ///   (`### Changes in 2.0`, `### Rust 1.58.1`).
    func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, nested: Bool = false) -> Title? {
        if nested, versionPattern == nil, versionPrefix == nil, !Self.startsWithVersion(base, start, end) { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(end - start, 1)) { buffer -> Title? in
            let plain = buffer.baseAddress!
            let count = Self.plainText(base, start, end, into: plain)
            if let pattern = versionPattern,
                let title = parse(Array(UnsafeBufferPointer(start: plain, count: count)), pattern: pattern)
            {
                return !nested || title.restIsOnlyDate ? title : nil
            }
            guard let title = parse(plain: UnsafePointer(plain), count: count, nested: nested) else { return nil }
            return !nested || (title.version != nil && title.restIsOnlyDate) ? title : nil
        }
    }

    /// A cheap look at a deeper heading before its title is read: it must start with a digit or
    /// `v` and a digit, after any `[`, `*`, `_` or backtick.
    private static func startsWithVersion(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var position = start
        while position < end, [UInt8(ascii: "["), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`")].contains(base[position]) {
            position += 1
        }
        guard position < end else { return false }
        if ReleaseVersion.isDigit(base[position]) { return true }
        return base[position] | 0x20 == UInt8(ascii: "v") && position + 1 < end && ReleaseVersion.isDigit(base[position + 1])
    }

    private func parse(plain base: UnsafePointer<UInt8>, count: Int, nested: Bool) -> Title? {
        if !nested, let title = unreleasedTitle(base, count) { return title }
        var position = 0
        if let prefix = versionPrefix {
            guard count >= prefix.count, (0..<prefix.count).allSatisfy({ Self.lower(base[$0]) == prefix[$0] }) else {
                return nil
            }
            position = prefix.count
        }
        var words = 0
        while true {
            position = base.skipWhitespace(from: position, to: count)
            guard position < count else { return nil }
            if ReleaseVersion.isDigit(base[position])
                || (base[position] | 0x20 == UInt8(ascii: "v") && position + 1 < count && ReleaseVersion.isDigit(base[position + 1]))
            {
                break
            }
            // A word before the version: letters and punctuation, no digits, not a word that makes
            // the heading about a version rather than a release of it (`Upgrading to 2.0`).
            let wordStart = position
            var hasLetters = false
            while position < count, base[position] != 0x20, base[position] != 0x09 {
                if ReleaseVersion.isDigit(base[position]) { return nil }
                if ReleaseVersion.isLetter(base[position]) || base[position] >= 0x80 { hasLetters = true }
                position += 1
            }
            if hasLetters {
                words += 1
                if nested || words > 3 || Self.isStopWord(base, wordStart, position) { return nil }
            }
        }
        guard let (version, length) = ReleaseVersion.parse(base, position, count) else { return nil }
        let after = position + length
        if after < count {
            let byte = base[after]
            let endsSentence = byte == UInt8(ascii: ".") && (after + 1 == count || base[after + 1] == 0x20)
            guard !ReleaseVersion.isIdentifierByte(byte), byte != UInt8(ascii: ".") || endsSentence else { return nil }
        }
        return Title(version: version, rest: UnsafeBufferPointer(start: base + after, count: count - after))
    }

    private func unreleasedTitle(_ base: UnsafePointer<UInt8>, _ count: Int) -> Title? {
        let unreleased = Title(version: nil, date: nil, isUnreleased: true, isYanked: false)
        let title = UnsafeBufferPointer(start: base, count: count)
        if Self.startsWithWord(title, "unreleased") || Self.startsWithWord(title, "not yet released")
            || Self.startsWithWord(title, "next release")
        {
            return unreleased
        }
        for word in Self.unreleasedTitles where Self.equalsIgnoringCase(title, word) { return unreleased }
        // A template's placeholder version: `x.y.z`, `X.Y.Z`, `vX.Y.Z`.
        var position = 0
        if position < count, base[position] | 0x20 == UInt8(ascii: "v") { position += 1 }
        var parts = 0
        while position < count, [UInt8(ascii: "x"), UInt8(ascii: "y"), UInt8(ascii: "z")].contains(base[position] | 0x20) {
            parts += 1
            position += 1
            guard position < count, base[position] == UInt8(ascii: ".") else { break }
            position += 1
        }
        if parts >= 2, position == count || base[position] == 0x20 { return unreleased }
        return nil
    }

    /// Titles that are an unreleased section all by themselves.
    private static let unreleasedTitles: [StaticString] = ["master", "main", "head", "upcoming", "next", "vnext", "tbd"]

    /// Whether `text` starts with `word` (ASCII, any case) followed by the end or a non-letter.
    static func startsWithWord(_ text: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard text.count >= length, matchesIgnoringCase(text, at: 0, word) else { return false }
        return text.count == length || !ReleaseVersion.isLetter(text[length])
    }

    static func equalsIgnoringCase(_ text: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        text.count == word.utf8CodeUnitCount && matchesIgnoringCase(text, at: 0, word)
    }

    /// Whether `word` (lower-case ASCII) occurs in `text` at `offset`, in any case.
    @inline(__always)
    static func matchesIgnoringCase(_ text: UnsafeBufferPointer<UInt8>, at offset: Int, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard offset + length <= text.count else { return false }
        let bytes = word.utf8Start
        for index in 0..<length where lower(text[offset + index]) != bytes[index] { return false }
        return true
    }

    /// Whether `word` (lower-case ASCII) occurs anywhere in `text`, in any case.
    static func containsIgnoringCase(_ text: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let first = word.utf8Start[0]
        var offset = 0
        while offset + word.utf8CodeUnitCount <= text.count {
            if lower(text[offset]) == first, matchesIgnoringCase(text, at: offset, word) { return true }
            offset += 1
        }
        return false
    }

    private func parse(_ plain: [UInt8], pattern: NSRegularExpression) -> Title? {
        let text = String(decoding: plain, as: UTF8.self)
        let range = NSRange(text.startIndex..., in: text)
        guard let match = pattern.firstMatch(in: text, range: range) else { return nil }
        var group = match.range(withName: "version")
        if group.location == NSNotFound, match.numberOfRanges > 1 { group = match.range(at: 1) }
        if group.location == NSNotFound { group = match.range }
        guard let versionRange = Range(group, in: text) else { return nil }
        let versionText = String(text[versionRange])
        let version = ReleaseVersion(versionText) ?? ReleaseVersion.single(versionText)
        guard let version else { return nil }
        let rest = Array(text[versionRange.upperBound...].utf8)
        return rest.withUnsafeBufferPointer { Title(version: version, rest: $0) }
    }

    private static let stopWords: [StaticString] = [
        "to", "from", "since", "before", "after", "until", "upgrading", "migrating", "migration", "upgrade",
    ]

    private static func isStopWord(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let word = UnsafeBufferPointer(start: base + start, count: end - start)
        return stopWords.contains { equalsIgnoringCase(word, $0) }
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// A title as plain words: `[Unreleased]` becomes `Unreleased`.
    static func plainText(_ title: String) -> String {
        Array(title.utf8).withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return "" }
            return String(unsafeUninitializedCapacity: buffer.count) { plain in
                plainText(base, 0, buffer.count, into: plain.baseAddress!)
            }
        }
    }

    /// The title's words without Markdown: `[1.2.3](https://…) - *2024-01-01*` becomes
    /// `1.2.3 - 2024-01-01`.
    ///
    /// - Parameter plain: room for `end - start` bytes (plain text is never longer).
    /// - Returns: how many bytes were written.
    static func plainText(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into plain: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        @inline(__always) func append(_ byte: UInt8) {
            // Spaces at the start are dropped as they come, spaces at the end once all is written.
            if byte == 0x20 && count == 0 { return }
            plain[count] = byte
            count += 1
        }
        var position = start
        // Once a search for a closing `)`, `]` or `>` has failed, none follows: later openers are
        // text without searching again, which keeps a title of thousands of openers linear.
        var noClosingParen = false, noClosingBracket = false, noClosingAngle = false
        while position < end {
            let byte = base[position]
            switch byte {
            case UInt8(ascii: "\\") where position + 1 < end:
                append(base[position + 1])
                position += 2
                continue
            case UInt8(ascii: "]"):
                // A link's destination: `](url)` or a reference `][label]`.
                if position + 1 < end, base[position + 1] == UInt8(ascii: "(") || base[position + 1] == UInt8(ascii: "[") {
                    let isParen = base[position + 1] == UInt8(ascii: "(")
                    if !(isParen ? noClosingParen : noClosingBracket) {
                        let close = isParen ? UInt8(ascii: ")") : UInt8(ascii: "]")
                        var scan = position + 2
                        while scan < end, base[scan] != close { scan += 1 }
                        if scan < end {
                            position = scan + 1
                            continue
                        }
                        if isParen { noClosingParen = true } else { noClosingBracket = true }
                    }
                }
            case UInt8(ascii: "<"):
                // Inline HTML (`<a name="…"></a>`): dropped up to its `>`.
                var scan = position + 1
                if !noClosingAngle, scan < end, ReleaseVersion.isLetter(base[scan]) || base[scan] == UInt8(ascii: "/") {
                    while scan < end, base[scan] != UInt8(ascii: ">") { scan += 1 }
                    if scan < end {
                        position = scan + 1
                        continue
                    }
                    noClosingAngle = true
                }
                append(byte)
            case UInt8(ascii: "["), UInt8(ascii: "*"), UInt8(ascii: "`"):
                break
            case UInt8(ascii: "_"):
                // Emphasis marks stand next to a space or the title's ends; `snake_case` keeps its `_`.
                let before = position == start ? 0x20 : base[position - 1]
                let after = position + 1 == end ? 0x20 : base[position + 1]
                let isMark = before == 0x20 || before == UInt8(ascii: "_") || after == 0x20 || after == UInt8(ascii: "_")
                if !isMark { append(byte) }
            case 0x09:
                append(0x20)
            case 0x0A, 0x0D:
                append(0x20)
            default:
                append(byte)
            }
            position += 1
        }
        while count > 0, plain[count - 1] == 0x20 { count -= 1 }
        return count
    }
}

extension ReleaseTitleParser.Title {
    /// A release title with `version`, reading its date and flags from what follows the version.
    init(version: ReleaseVersion, rest: UnsafeBufferPointer<UInt8>) {
        self.version = version
        let match = DateFinder.firstDate(in: rest)
        date = match?.date
        // Whether the rest is a date and punctuation at most: what a nested release title holds.
        var others = 0
        for (index, byte) in rest.enumerated() where !(match?.range.contains(index) ?? false) {
            if ReleaseVersion.isDigit(byte) || ReleaseVersion.isLetter(byte) || byte >= 0x80 { others += 1 }
        }
        isYanked = ReleaseTitleParser.containsIgnoringCase(rest, "yanked")
        restIsOnlyDate = others == (isYanked ? 6 : 0)
        isUnreleased = ReleaseTitleParser.containsIgnoringCase(rest, "unreleased")
            || ReleaseTitleParser.containsIgnoringCase(rest, "not released")
            || ReleaseTitleParser.containsIgnoringCase(rest, "not yet released")
    }
}
