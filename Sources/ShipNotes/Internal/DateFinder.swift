/// Finds the first calendar date in a short text (a heading's title, a release's first line):
/// ISO dates (`2024-01-01`, also with `/`, `.` or dashes `—` between the parts, as some changelogs
/// write them) and dates in prose (`June 14, 2022`, `Jun 14 2022`, `14 Jun 2022`, `14th June, 2022`).
enum DateFinder {
    struct Match {
        var date: ReleaseDate
        /// The byte range the date took in the text.
        var range: Range<Int>
    }

    static func firstDate(in text: [UInt8]) -> Match? {
        text.withUnsafeBufferPointer { firstDate(in: $0) }
    }

    /// Looks at each word in turn, without collecting them: titles are read by the thousand.
    static func firstDate(in text: UnsafeBufferPointer<UInt8>) -> Match? {
        var word = nextWord(in: text, from: 0)
        while let current = word {
            if current.isNumber, current.range.count == 4, let match = isoDate(in: text, yearAt: current.range) {
                return match
            }
            if let match = proseDate(startingWith: current, in: text) { return match }
            word = nextWord(in: text, from: current.range.upperBound)
        }
        return nil
    }

    private struct Word {
        var range: Range<Int>
        var isNumber: Bool
    }

    /// The next run of ASCII letters or digits from `offset`; a digit-letter change starts a new
    /// word (`14th` is `14`, `th`).
    private static func nextWord(in text: UnsafeBufferPointer<UInt8>, from offset: Int) -> Word? {
        var index = offset
        while index < text.count, !ReleaseVersion.isDigit(text[index]), !ReleaseVersion.isLetter(text[index]) { index += 1 }
        guard index < text.count else { return nil }
        let start = index
        let isDigit = ReleaseVersion.isDigit(text[index])
        while index < text.count, isDigit ? ReleaseVersion.isDigit(text[index]) : ReleaseVersion.isLetter(text[index]) {
            index += 1
        }
        return Word(range: start..<index, isNumber: isDigit)
    }

    private static func number(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        text[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// `YYYY-MM-DD` with one or more separators between the parts (`-`, `/`, `.`, an en or em dash).
    private static func isoDate(in text: UnsafeBufferPointer<UInt8>, yearAt yearRange: Range<Int>) -> Match? {
        if yearRange.lowerBound > 0, ReleaseVersion.isDigit(text[yearRange.lowerBound - 1]) { return nil }
        var position = yearRange.upperBound
        var parts = [number(text, yearRange)]
        for _ in 0..<2 {
            let separatorStart = position
            while position < text.count {
                if text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "/") || text[position] == UInt8(ascii: ".") {
                    position += 1
                } else if position + 2 < text.count, text[position] == 0xE2, text[position + 1] == 0x80,
                    text[position + 2] == 0x93 || text[position + 2] == 0x94
                {
                    position += 3
                } else {
                    break
                }
            }
            guard position > separatorStart else { return nil }
            let digitsStart = position
            while position < text.count, position - digitsStart < 2, ReleaseVersion.isDigit(text[position]) { position += 1 }
            guard position > digitsStart else { return nil }
            parts.append(number(text, digitsStart..<position))
        }
        if position < text.count, ReleaseVersion.isDigit(text[position]) { return nil }
        guard (1900...2199).contains(parts[0]), let date = ReleaseDate(year: parts[0], month: parts[1], day: parts[2]) else {
            return nil
        }
        return Match(date: date, range: yearRange.lowerBound..<position)
    }

    /// `Month DD, YYYY` or `DD Month YYYY`, starting with `first`.
    private static func proseDate(startingWith first: Word, in text: UnsafeBufferPointer<UInt8>) -> Match? {
        var cursor: Word? = first
        func advance() { cursor = cursor.flatMap { nextWord(in: text, from: $0.range.upperBound) } }
        var month: Int?
        var day: Int?
        if !first.isNumber {
            guard let number = monthNumber(text, first.range) else { return nil }
            month = number
            advance()
            guard let word = cursor, word.isNumber, word.range.count <= 2 else { return nil }
            day = self.number(text, word.range)
            advance()
            if let word = cursor, isOrdinalSuffix(text, word.range) { advance() }
        } else {
            guard first.range.count <= 2 else { return nil }
            day = number(text, first.range)
            advance()
            if let word = cursor, isOrdinalSuffix(text, word.range) { advance() }
            guard let word = cursor, !word.isNumber, let number = monthNumber(text, word.range) else { return nil }
            month = number
            advance()
        }
        guard let year = cursor, year.isNumber, year.range.count == 4, let month, let day else { return nil }
        // The parts must be close together: `June 14, 2022`, not `June fixes 14 ... 2022`.
        let span = first.range.lowerBound..<year.range.upperBound
        guard span.count <= 24, let date = ReleaseDate(year: number(text, year.range), month: month, day: day) else {
            return nil
        }
        return Match(date: date, range: span)
    }

    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ]

    private static func monthNumber(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard range.count >= 3, range.count <= 9 else { return nil }
        let word = UnsafeBufferPointer(rebasing: text[range])
        for (index, name) in months.enumerated() {
            let bytes = name.utf8
            // The whole name, its first three letters, or "Sept".
            guard word.count == bytes.count || word.count == 3 || (index == 8 && word.count == 4) else { continue }
            if zip(word, bytes).allSatisfy({ $0 | 0x20 == $1 }) { return index + 1 }
        }
        return nil
    }

    private static func isOrdinalSuffix(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count == 2 else { return false }
        let pair = (text[range.lowerBound] | 0x20, text[range.lowerBound + 1] | 0x20)
        return pair == (0x73, 0x74) || pair == (0x6E, 0x64) || pair == (0x72, 0x64) || pair == (0x74, 0x68)
    }
}
