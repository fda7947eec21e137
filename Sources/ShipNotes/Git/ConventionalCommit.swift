/// A commit title read by the Conventional Commits 1.0 rules: `type(scope)!: description`.
public struct ConventionalCommit: Sendable, Hashable, Codable {
    /// The type, lowercased (`feat`, `fix`, …).
    public let type: String
    public let scope: String?
    /// The text after `: `.
    public let description: String
    /// True for a `!` before the colon or a `BREAKING CHANGE:` / `BREAKING-CHANGE:` footer.
    public let isBreaking: Bool
    /// The footer's text, or the description when only `!` marks the change.
    public let breakingDescription: String?

    /// Reads `title`; `body` is searched for a breaking-change footer.
    ///
    /// - Returns: nil when the title is not conventional (`Update README`, `WIP`).
    public init?(title: String, body: String = "", trailers: [GitTrailer] = []) {
        let bytes = Array(title.utf8)
        var index = 0
        while index < bytes.count, Self.isTypeByte(bytes[index]) { index += 1 }
        guard index > 0, index < bytes.count else { return nil }
        let written = String(decoding: bytes[0..<index], as: UTF8.self)
        let type = written.lowercased()
        // `Uploads: …` and `GitHistory: …` are component names, not types: a type is written in
        // lower case, or is a known type in any case (`FEAT`, `Fix`).
        guard written == type || Self.knownTypes.contains(type) else { return nil }
        var scope: String?
        if bytes[index] == UInt8(ascii: "(") {
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ")")), close > index + 1 else { return nil }
            scope = String(decoding: bytes[(index + 1)..<close], as: UTF8.self).trimmingSpaces
            index = close + 1
        }
        var bang = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "!") {
            bang = true
            index += 1
        }
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == 0x20 else { return nil }
        let description = String(decoding: bytes[(index + 2)...], as: UTF8.self).trimmingSpaces
        guard !description.isEmpty else { return nil }
        self.type = type
        self.scope = scope.flatMap { $0.isEmpty ? nil : $0 }
        self.description = description
        let footer = Self.breakingFooter(body: body, trailers: trailers)
        self.isBreaking = bang || footer != nil
        self.breakingDescription = footer ?? (bang ? description : nil)
    }

    /// The types of the Conventional Commits convention and of the common configurations.
    static let knownTypes: Set<String> = ["feat", "feature", "fix", "bugfix", "perf", "revert", "refactor", "docs", "doc",
                                          "build", "ci", "deps", "test", "tests", "style", "chore", "security", "deprecate", "remove"]

    /// Letters, digits and `-`: what types are made of in practice (`feat`, `fix`, `build-deps`).
    private static func isTypeByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "-")
    }

    /// The text of a `BREAKING CHANGE:` footer. git's trailer parser does not know a key with a
    /// space, so the footer is looked for in the body: a line that starts with it, and the lines
    /// that continue it up to the next blank line or footer.
    static func breakingFooter(body: String, trailers: [GitTrailer]) -> String? {
        if let trailer = trailers.first(where: { $0.key == "BREAKING-CHANGE" || $0.key == "BREAKING CHANGE" }) {
            return trailer.value
        }
        guard body.utf8.count >= 16, body.utf8Contains("BREAKING") else { return nil }
        var found: [Substring]?
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if var text = found {
                if line.trimmingSpaces.isEmpty || line.contains(": ") && !line.hasPrefix(" ") { break }
                text.append(line.drop(while: { $0 == " " }))
                found = text
            } else if line.hasPrefix("BREAKING CHANGE: ") || line.hasPrefix("BREAKING-CHANGE: ") {
                found = [line.dropFirst("BREAKING CHANGE: ".count)]
            }
        }
        return found.map { $0.joined(separator: " ").trimmingSpaces }
    }
}

extension String {
    /// Whether the UTF-8 bytes hold `needle`'s: a byte search, not Foundation's Unicode-aware
    /// one, for the checks made on every commit of a long history.
    func utf8Contains(_ needle: String) -> Bool {
        var text = self
        var needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { pattern in
                guard let first = pattern.first else { return true }
                guard haystack.count >= pattern.count else { return false }
                var index = 0
                let last = haystack.count - pattern.count
                while index <= last {
                    if haystack[index] == first {
                        var matched = 1
                        while matched < pattern.count, haystack[index + matched] == pattern[matched] { matched += 1 }
                        if matched == pattern.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" || first == "\n" || first == "\r" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\n" || last == "\r" { slice.removeLast() }
        return String(slice)
    }
}
