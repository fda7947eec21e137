import Foundation

/// What the notes read out of one commit's message: the title a reader should see (a merged pull
/// request's title rather than `Merge pull request #12 from …`), its Conventional Commits parts,
/// the pull request and issues it names, its co-authors, and the commit it reverts.
struct CommitReading: Sendable {
    let title: String
    /// The message after the title: for a merged pull request, after the pull request's title.
    let body: String
    let conventional: ConventionalCommit?
    let pullRequest: Int?
    let issues: [Int]
    let coAuthors: [NotesPerson]
    /// The id (maybe abbreviated) in `This reverts commit <id>.` of a `Revert "…"` commit.
    let revertedId: String?

    init(_ commit: GitCommit) {
        var title = commit.subject
        var body = commit.body
        var pullRequest: Int?
        if commit.isMerge, let (number, prTitle, rest) = Self.mergedPullRequest(commit) {
            pullRequest = number
            if let prTitle {
                title = prTitle
                body = rest
            }
        }
        if pullRequest == nil { pullRequest = Self.trailingPullRequest(title) }
        self.title = title
        self.body = body
        self.pullRequest = pullRequest
        conventional = ConventionalCommit(title: title, body: body, trailers: commit.trailers)
        var issues: [Int] = []
        var coAuthors: [NotesPerson] = []
        for trailer in commit.trailers {
            switch trailer.key.lowercased() {
            case "co-authored-by":
                if let person = Self.person(trailer.value),
                   person.email.lowercased() != commit.authorEmail.lowercased(),
                   !coAuthors.contains(where: { $0.email.lowercased() == person.email.lowercased() }) {
                    coAuthors.append(person)
                }
            case _ where Self.issueKeywords.contains(trailer.key.lowercased()):
                for number in Self.issueNumbers(trailer.value) where !issues.contains(number) { issues.append(number) }
            default:
                break
            }
        }
        // `Closes #13`: a Conventional Commits footer (`token #value`) and GitHub's closing keyword,
        // which git's trailer parser (`Key: value` only) does not read.
        if body.utf8Contains(" #") {
            for line in body.split(separator: "\n") {
                guard let space = line.firstIndex(of: " "), line[line.index(after: space)...].hasPrefix("#") else { continue }
                guard Self.issueKeywords.contains(line[..<space].lowercased()) else { continue }
                for number in Self.issueNumbers(String(line[space...])) where !issues.contains(number) { issues.append(number) }
            }
        }
        self.issues = issues
        self.coAuthors = coAuthors
        revertedId = Self.revertedId(commit)
    }

    /// The footer keys that name issues.
    static let issueKeywords: Set<String> = ["refs", "ref", "closes", "close", "closed", "fixes", "fix", "fixed",
                                             "resolves", "resolve", "resolved"]

    /// GitHub's `Merge pull request #12 from owner/branch`, bors' and homu's
    /// `Auto merge of #12 - owner:branch, r=reviewer`, and GitLab's `Merge branch 'x' into 'y'` with
    /// `See merge request group/name!12`: the number, the title (the body's first line) and the
    /// rest of the body.
    private static func mergedPullRequest(_ commit: GitCommit) -> (Int, String?, String)? {
        let subject = commit.subject
        var number: Int?
        for prefix in ["Merge pull request #", "Auto merge of #", "Merge PR #"] where subject.hasPrefix(prefix) {
            number = Int(subject.dropFirst(prefix.count).prefix(while: \.isNumber))
        }
        if number == nil, subject.hasPrefix("Merge branch "),
           let range = commit.body.range(of: "See merge request ", options: .backwards),
           let bang = commit.body[range.upperBound...].firstIndex(of: "!") {
            number = Int(commit.body[commit.body.index(after: bang)...].prefix(while: \.isNumber))
        }
        guard let number else { return nil }
        let lines = commit.body.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let first = lines.first.map { $0.trimmingSpaces } ?? ""
        if first.isEmpty || first.hasPrefix("See merge request ") { return (number, nil, commit.body) }
        return (number, first, lines.count > 1 ? String(lines[1]).trimmingSpaces : "")
    }

    /// A squash merge's or GitHub's merge-button title: `Fix the thing (#123)`.
    private static func trailingPullRequest(_ title: String) -> Int? {
        let bytes = title.utf8
        guard bytes.last == UInt8(ascii: ")") else { return nil }
        var number = 0
        var digits = 0
        var index = bytes.index(before: bytes.endIndex)
        while index > bytes.startIndex {
            index = bytes.index(before: index)
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                guard digits < 9 else { return nil }
                number += Int(byte - UInt8(ascii: "0")) * [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000][digits]
                digits += 1
                continue
            }
            guard byte == UInt8(ascii: "#"), digits > 0, index > bytes.startIndex,
                  bytes[bytes.index(before: index)] == UInt8(ascii: "(") else { return nil }
            return number
        }
        return nil
    }

    /// `Name <email>`.
    static func person(_ text: String) -> NotesPerson? {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else { return nil }
        let name = text[..<open].trimmingSpaces
        let email = text[text.index(after: open)..<close].trimmingSpaces
        guard !email.isEmpty else { return nil }
        return NotesPerson(name: name.isEmpty ? email : name, email: email)
    }

    /// `#12`, `#12, #13`, `owner/name#12` and URLs ending `/issues/12`: the numbers.
    static func issueNumbers(_ text: String) -> [Int] {
        var numbers: [Int] = []
        var rest = Substring(text)
        while let hash = rest.firstIndex(where: { $0 == "#" || $0 == "/" }) {
            let digits = rest[rest.index(after: hash)...].prefix(while: \.isASCIIDigit)
            let isIssuePath = rest[..<hash].hasSuffix("issues") || rest[..<hash].hasSuffix("pull")
            if !digits.isEmpty, rest[hash] == "#" || isIssuePath, let number = Int(digits) { numbers.append(number) }
            rest = rest[rest.index(after: hash)...]
        }
        return numbers
    }

    /// Whether the subject is git's for a revert: `Revert "…"`, or `Reapply "…"` (git 2.43 and
    /// later, for a revert of a revert).
    static func isRevertSubject(_ subject: String) -> Bool {
        subject.hasPrefix("Revert ") || subject.hasPrefix("Reapply ")
    }

    /// git's own revert message: `Revert "…"` with `This reverts commit <id>.` in the body.
    static func revertedId(_ commit: GitCommit) -> String? {
        guard isRevertSubject(commit.subject), commit.body.utf8Contains("This reverts commit "),
              let range = commit.body.range(of: "This reverts commit ") else { return nil }
        let id = commit.body[range.upperBound...].prefix(while: \.isHexDigit)
        return id.count >= 7 ? String(id).lowercased() : nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
