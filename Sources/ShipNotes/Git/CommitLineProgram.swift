/// A commits section body compiled to a list of steps, for the bodies that are plain text with
/// values and sections on a commit's scalar fields: `- {{#scope}}**{{scope}}:** {{/scope}}{{description}}`.
///
/// swift-mustache spends about 10 µs on such a line (a name split, a handful of dynamic casts
/// and a copy of the commit for each tag), which for 50,000 commits is longer than git takes to
/// list them. The steps look each name up once, with the commit's own `child(named:)`, and treat
/// what comes back as swift-mustache does: `Absent` is null, a `Bool` is its value, a `String` or
/// an `Int` is there (even when empty, as swift-mustache has it) and prints its description.
/// Anything else (a list, a person) makes `render` return nil, and the line is rendered by
/// swift-mustache instead. Bodies with other tags, or with a tag that could stand alone on its
/// line (Mustache then removes the line, by rules this does not repeat), are not compiled.
struct CommitLineProgram: Sendable {
    indirect enum Step: Sendable {
        case text(String)
        case value([String])
        case section([String], inverted: Bool, [Step])
    }

    let steps: [Step]

    /// - Returns: nil when `body` holds anything but text, values, sections and comments, or a
    ///   section or comment tag alone on its line.
    init?(body: Substring) {
        guard !Self.hasStandaloneCandidate(body), let tags = MustacheTag.tags(in: body) else { return nil }
        var stack: [(name: Substring, inverted: Bool, steps: [Step])] = [("", false, [])]
        var textStart = body.startIndex
        for tag in tags {
            if tag.range.lowerBound > textStart { stack[stack.count - 1].steps.append(.text(String(body[textStart..<tag.range.lowerBound]))) }
            textStart = tag.range.upperBound
            if tag.kind == "!" { continue }
            let name = tag.name
            guard !name.isEmpty, !name.hasPrefix("."), !name.contains("("), !name.contains(" "), !name.contains("{"), !name.contains("}")
            else { return nil }
            let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !path.contains("") else { return nil }
            switch tag.kind {
            case "#", "^":
                stack.append((name, tag.kind == "^", []))
            case "/":
                guard stack.count > 1, stack[stack.count - 1].name == name else { return nil }
                let section = stack.removeLast()
                stack[stack.count - 1].steps.append(.section(path, inverted: section.inverted, section.steps))
            case _ where tag.isValue:
                stack[stack.count - 1].steps.append(.value(path))
            default:
                return nil
            }
        }
        guard stack.count == 1 else { return nil }
        if textStart < body.endIndex { stack[0].steps.append(.text(String(body[textStart...]))) }
        steps = stack[0].steps
    }

    /// The commit's line, or nil when a name leads to a value these steps do not read.
    func render(_ commit: NotesCommit) -> String? {
        var output = ""
        return Self.run(steps, commit, into: &output) ? output : nil
    }

    private enum Reading {
        case null, truth(Bool), text(String)
    }

    private static func run(_ steps: [Step], _ commit: NotesCommit, into output: inout String) -> Bool {
        for step in steps {
            switch step {
            case let .text(text):
                output += text
            case let .value(path):
                guard let reading = read(path, in: commit) else { return false }
                switch reading {
                case .null: break
                case let .truth(value): output += value ? "true" : "false"
                case let .text(text): output += text
                }
            case let .section(path, inverted, body):
                guard let reading = read(path, in: commit) else { return false }
                let shown: Bool
                switch reading {
                case .null: shown = inverted
                case let .truth(value): shown = value != inverted
                case .text: shown = !inverted
                }
                if shown, !run(body, commit, into: &output) { return false }
            }
        }
        return true
    }

    /// The value at `path`, as swift-mustache reads it for the commit alone on the stack: a name
    /// the commit does not answer is null, and so is a name asked of a value that has no fields.
    private static func read(_ path: [String], in commit: NotesCommit) -> Reading? {
        var value: Any? = commit.child(named: path[0])
        for name in path.dropFirst() {
            switch value {
            case nil: return .null
            case let parent as NotesCommitLinks: value = parent.child(named: name)
            case let parent as NotesPerson: value = parent.child(named: name)
            case is Absent, is String, is Int, is Bool: return .null
            default: return nil
            }
        }
        switch value {
        case nil, is Absent: return .null
        case let truth as Bool: return .truth(truth)
        case let text as String: return .text(text)
        case let number as Int: return .text(String(number))
        default: return nil
        }
    }

    /// Whether a line of `body` holds a section or comment tag and nothing else but other tags
    /// and spaces, or a tag runs over a line's end: Mustache may then drop the line.
    static func hasStandaloneCandidate(_ body: Substring) -> Bool {
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let tags = MustacheTag.tags(in: line) else { return true }
            if tags.contains(where: \.canStandAlone) && !MustacheTag.hasText(line, outside: tags) { return true }
        }
        return false
    }
}
