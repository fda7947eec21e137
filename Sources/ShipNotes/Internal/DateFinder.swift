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
        let words = self.words(in: text)
        for (index, word) in words.enumerated() {
            if word.isNumber, word.range.count == 4, let match = isoDate(in: text, yearAt: word.range) {
                return match
            }
            if let match = proseDate(words, at: index, in: text) { return match }
        }
        return nil
    }

    private struct Word {
        var range: Range<Int>
        var isNumber: Bool
    }

    /// Runs of ASCII letters or digits; a digit-letter change starts a new word (`14th` is `14`, `th`).
    private static func words(in text: [UInt8]) -> [Word] {
        var words: [Word] = []
        var index = 0
        while index < text.count {
            let byte = text[index]
            let isDigit = ReleaseVersion.isDigit(byte)
            guard isDigit || ReleaseVersion.isLetter(byte) else {
                index += 1
                continue
            }
            let start = index
            while index < text.count, isDigit ? ReleaseVersion.isDigit(text[index]) : ReleaseVersion.isLetter(text[index]) {
                index += 1
            }
            words.append(Word(range: start..<index, isNumber: isDigit))
        }
        return words
    }

    private static func number(_ text: [UInt8], _ range: Range<Int>) -> Int {
        text[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// `YYYY-MM-DD` with one or more separators between the parts (`-`, `/`, `.`, an en or em dash).
    private static func isoDate(in text: [UInt8], yearAt yearRange: Range<Int>) -> Match? {
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

    /// `Month DD, YYYY` or `DD Month YYYY`, starting with the word at `index`.
    private static func proseDate(_ words: [Word], at index: Int, in text: [UInt8]) -> Match? {
        guard index + 2 < words.count || (index + 3 < words.count) else { return nil }
        var cursor = index
        var month: Int?
        var day: Int?
        if !words[cursor].isNumber {
            month = monthNumber(text, words[cursor].range)
            guard month != nil else { return nil }
            cursor += 1
            guard cursor < words.count, words[cursor].isNumber, words[cursor].range.count <= 2 else { return nil }
            day = number(text, words[cursor].range)
            cursor += 1
            if cursor < words.count, isOrdinalSuffix(text, words[cursor].range) { cursor += 1 }
        } else {
            guard words[cursor].range.count <= 2 else { return nil }
            day = number(text, words[cursor].range)
            cursor += 1
            if cursor < words.count, isOrdinalSuffix(text, words[cursor].range) { cursor += 1 }
            guard cursor < words.count, !words[cursor].isNumber else { return nil }
            month = monthNumber(text, words[cursor].range)
            guard month != nil else { return nil }
            cursor += 1
        }
        guard cursor < words.count, words[cursor].isNumber, words[cursor].range.count == 4, let month, let day else {
            return nil
        }
        // The parts must be close together: `June 14, 2022`, not `June fixes 14 ... 2022`.
        let span = words[index].range.lowerBound..<words[cursor].range.upperBound
        guard span.count <= 24, let date = ReleaseDate(year: number(text, words[cursor].range), month: month, day: day) else {
            return nil
        }
        return Match(date: date, range: span)
    }

    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ]

    private static func monthNumber(_ text: [UInt8], _ range: Range<Int>) -> Int? {
        guard range.count >= 3 else { return nil }
        let word = String(decoding: text[range].map { $0 | 0x20 }, as: UTF8.self)
        for (index, name) in months.enumerated() {
            if word == name || (word.count == 3 && name.hasPrefix(word)) || (word == "sept" && index == 8) {
                return index + 1
            }
        }
        return nil
    }

    private static func isOrdinalSuffix(_ text: [UInt8], _ range: Range<Int>) -> Bool {
        guard range.count == 2 else { return false }
        let word = String(decoding: text[range].map { $0 | 0x20 }, as: UTF8.self)
        return ["st", "nd", "rd", "th"].contains(word)
    }
}
