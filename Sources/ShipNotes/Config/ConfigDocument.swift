import Foundation
import Yams

/// A YAML document as the project config reads it: Yams' composed nodes, with each plain scalar
/// typed by YAML 1.2's core schema and every node's line kept for messages.
///
/// Yams resolves plain scalars by YAML 1.1 rules, where `yes`, `no`, `on` and `off` are booleans
/// and `1_000` is a number. Editors validate the file against `shipnotes.schema.json` with YAML 1.2
/// parsers, so the reader types scalars the 1.2 way itself: the file then means the same to both.
struct ConfigNode: Equatable {
    enum Value: Equatable {
        case null
        case bool(Bool)
        /// A number as written (`12`, `1.10`, `0x1F`, `.inf`), so that messages can quote it.
        case number(String)
        case string(String)
        case list([ConfigNode])
        /// The keys in file order, duplicates kept (the reader reports them).
        case mapping([Entry])
    }

    struct Entry: Equatable {
        let key: String
        let keyLine: Int
        let value: ConfigNode
    }

    let value: Value
    let line: Int

    /// Composes `yaml`: nil for a file with no document (empty, or only comments).
    ///
    /// - Throws: ``ProjectConfigError/notYAML(path:line:problem:)`` for text that does not parse,
    ///   ``ProjectConfigError/keyNotAName(path:line:)`` for a list or mapping used as a key.
    static func compose(yaml: String, path: String) throws -> ConfigNode? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let (line, problem) = Self.describe(error)
            throw ProjectConfigError.notYAML(path: path, line: line, problem: problem)
        }
        return try root.map { try ConfigNode($0, path: path) }
    }

    private init(_ node: Node, path: String) throws {
        line = node.mark?.line ?? 1
        switch node {
        case let .scalar(scalar):
            value = scalar.style == .plain ? Self.coreValue(scalar.string) : .string(scalar.string)
        case let .sequence(sequence):
            value = .list(try sequence.map { try ConfigNode($0, path: path) })
        case let .mapping(mapping):
            value = .mapping(try mapping.map { key, value in
                guard case let .scalar(name) = key else {
                    throw ProjectConfigError.keyNotAName(path: path, line: key.mark?.line ?? 1)
                }
                return Entry(key: name.string, keyLine: key.mark?.line ?? 1, value: try ConfigNode(value, path: path))
            })
        }
    }

    /// A plain scalar typed by the YAML 1.2 core schema (tag resolution, section 10.3.2).
    static func coreValue(_ text: String) -> Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        return matches(coreNumber, text) ? .number(text) : .string(text)
    }

    private static let coreNumber =
        #"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"#

    /// Whether `pattern` (an ICU regular expression) matches within `text`, as JSON Schema's
    /// `pattern` does: anchors in the pattern decide whether it must match the whole text.
    static func matches(_ pattern: String, _ text: String) -> Bool {
        // Compiled per call: a config is read once per run, and a shared instance would have to be
        // Sendable on every platform.
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The line and the parser's problem, in lower case without its trailing snippet.
    private static func describe(_ error: YamlError) -> (Int, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return (mark.line, text)
        case let .reader(problem, _, _, _):
            return (1, problem)
        default:
            return (1, "\(error)")
        }
    }

    /// What the value is, for messages: `'html'`, `true`, `the number 12`, `a list`.
    var found: String {
        switch value {
        case .null: return "no value"
        case let .bool(flag): return flag ? "true" : "false"
        case let .number(text): return "the number \(text)"
        case let .string(text): return "'\(text)'"
        case .list: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// The document as JSON, as an editor's YAML 1.2 parser sees it (the last of duplicate keys
    /// wins there); the tests validate it against `shipnotes.schema.json`.
    var json: String {
        switch value {
        case .null: return "null"
        case let .bool(flag): return flag ? "true" : "false"
        case let .number(text): return Self.jsonNumber(text)
        case let .string(text): return Self.jsonString(text)
        case let .list(items): return "[" + items.map(\.json).joined(separator: ",") + "]"
        case let .mapping(entries):
            return "{" + entries.map { Self.jsonString($0.key) + ":" + $0.value.json }.joined(separator: ",") + "}"
        }
    }

    private static func jsonNumber(_ text: String) -> String {
        let unsigned = text.hasPrefix("+") ? String(text.dropFirst()) : text
        if unsigned.hasPrefix("0o"), let value = Int(unsigned.dropFirst(2), radix: 8) { return String(value) }
        if unsigned.hasPrefix("0x"), let value = Int(unsigned.dropFirst(2), radix: 16) { return String(value) }
        if let value = Int(unsigned) { return String(value) }
        let lowered = unsigned.lowercased()
        if lowered.hasSuffix(".inf") { return lowered.hasPrefix("-") ? "-Infinity" : "Infinity" }
        if lowered == ".nan" { return "NaN" }
        return Double(unsigned).map { "\($0)" } ?? "0"
    }

    private static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
