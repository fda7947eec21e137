import Foundation

/// Why `shipnotes.yml` could not be read. Each case reads as one sentence naming the file and the
/// line, and for a key its dotted path (`tags[1]` for a list item).
public enum ProjectConfigError: Error, Equatable, Sendable, LocalizedError {
    /// The file is not UTF-8 text.
    case notUTF8(path: String)
    /// The text does not parse as YAML (or holds more than one document); `problem` is the parser's.
    case notYAML(path: String, line: Int, problem: String)
    /// The top level is not a mapping of keys; `found` describes what it is ("a list").
    case notAMapping(path: String, line: Int, found: String)
    /// A key is a list or a mapping rather than a name.
    case keyNotAName(path: String, line: Int)
    /// A key appears twice in the same mapping.
    case duplicateKey(path: String, key: String, line: Int, firstLine: Int)
    /// A key the config does not have; `suggestion` is the known key it is nearest to, if one is close.
    case unknownKey(path: String, key: String, line: Int, suggestion: String?)
    /// A key that would hold the API token: secrets never come from the file.
    case secretInFile(path: String, key: String, line: Int)
    /// A value of the wrong type or outside the allowed values.
    case invalidValue(path: String, key: String, line: Int, expected: String, found: String)
    /// A key that belongs to one notes source where another is chosen, by `source` itself or by a
    /// key of that other source (`conflictingKey`, on `conflictingLine`).
    case keyOfOtherSource(path: String, key: String, line: Int, keySource: String,
                          conflictingKey: String, conflictingLine: Int, conflictingSource: String)

    public var errorDescription: String? {
        switch self {
        case let .notUTF8(path):
            return "\(path): not UTF-8 text."
        case let .notYAML(path, line, problem):
            return "\(path):\(line): not valid YAML: \(problem)."
        case let .notAMapping(path, line, found):
            return "\(path):\(line): expected a mapping of keys such as app-id: and source:, found \(found)."
        case let .keyNotAName(path, line):
            return "\(path):\(line): a key must be a name such as app-id, not a list or a mapping."
        case let .duplicateKey(path, key, line, firstLine):
            return "\(path):\(line): \(key) appears twice (first on line \(firstLine))."
        case let .unknownKey(path, key, line, suggestion):
            if let suggestion { return "\(path):\(line): \(key): unknown key; did you mean \(suggestion)?" }
            return "\(path):\(line): \(key): unknown key; the keys are \(ProjectConfig.keys.joined(separator: ", "))."
        case let .secretInFile(path, key, line):
            return "\(path):\(line): \(key): secrets are never read from the config file; set the "
                + "HOCKEYAPP_API_TOKEN environment variable or name a file holding the token with token-file."
        case let .invalidValue(path, key, line, expected, found):
            return "\(path):\(line): \(key): expected \(expected), found \(found)."
        case let .keyOfOtherSource(path, key, line, keySource, conflictingKey, conflictingLine, conflictingSource):
            if conflictingKey == "source" {
                return "\(path):\(line): \(key): applies to source \(keySource), but source is \(conflictingSource) "
                    + "(line \(conflictingLine))."
            }
            return "\(path):\(line): \(key): applies to source \(keySource), but \(conflictingKey) (line "
                + "\(conflictingLine)) applies to source \(conflictingSource); keep one source's keys or set source."
        }
    }
}
