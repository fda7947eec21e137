import Foundation

/// Reads a composed `shipnotes.yml` into a ``ProjectConfig``, checking each key as it goes and
/// reporting the first mistake in file order.
///
/// The checks are the ones `shipnotes.schema.json` states, pattern for pattern, so that an editor
/// validating the file and the command reading it agree; the tests check both on the same cases.
struct ProjectConfigReader {
    let path: String

    /// Text with something other than white space in it.
    static let textPattern = #"\S"#
    /// An `http://` or `https://` URL with a host.
    static let urlPattern = #"^https?://[^\s/?#]+(?:[/?#]\S*)?$"#
    /// `latest`, `unreleased`, or a version as `--version` takes it (`1.2.3`, `v1.2.3`, `[1.2.3]`).
    static let releasePattern =
        #"^(?:latest|unreleased|\[?[vV]?[0-9]+(?:\.[0-9]+)*(?:[-+.]?[0-9A-Za-z][0-9A-Za-z.+-]*)?\]?)$"#
    /// A tag: text without commas (the API takes tags as one comma-separated field).
    static let tagPattern = #"^[^,]*[^,\s][^,]*$"#

    /// The notes source each source-specific key belongs to.
    static let sourceOfKey: [String: ProjectConfig.NotesSource] = [
        "range": .git, "tag-prefix": .git, "merges": .git, "paths": .git, "template": .git,
        "changelog": .changelog, "release": .changelog, "notes-file": .file,
    ]

    func read(yaml: String, directory: String) throws -> ProjectConfig {
        var config = ProjectConfig(directory: directory)
        guard let root = try ConfigNode.compose(yaml: yaml, path: path) else { return config }
        guard case let .mapping(entries) = root.value else {
            throw ProjectConfigError.notAMapping(path: path, line: root.line, found: root.found)
        }
        var firstLines: [String: Int] = [:]
        for entry in entries {
            if let firstLine = firstLines[entry.key] {
                throw ProjectConfigError.duplicateKey(path: path, key: entry.key, line: entry.keyLine, firstLine: firstLine)
            }
            firstLines[entry.key] = entry.keyLine
            try apply(entry, to: &config)
        }
        try checkSources(entries)
        return config
    }

    // MARK: Keys

    private func apply(_ entry: ConfigNode.Entry, to config: inout ProjectConfig) throws {
        let value = Value(reader: self, entry: entry)
        switch entry.key {
        case "app-id": config.appId = try value.text()
        case "base-url": config.baseURL = try value.text(Self.urlPattern, expected: "an http or https URL")
        case "token-file": config.tokenFile = try value.text()
        case "source": config.source = try value.choice(of: ProjectConfig.NotesSource.self)
        case "range": config.range = try value.text()
        case "tag-prefix": config.tagPrefix = try value.text()
        case "merges": config.merges = try value.choice(of: MergeMode.self)
        case "paths": config.paths = try value.list()
        case "template": config.template = try value.text()
        case "changelog": config.changelog = try value.text()
        case "release":
            let text = try value.text(Self.releasePattern, expected: "latest, unreleased or a version such as 1.2.3")
            config.release = text == "latest" ? .latest : text == "unreleased" ? .unreleased : .version(text)
        case "notes-file": config.notesFile = try value.text()
        case "notes-type": config.notesType = try value.choice(of: ProjectConfig.NotesType.self)
        case "tags": config.tags = try value.list(Self.tagPattern, expected: "a non-empty tag without commas")
        case "notify": config.notify = try value.flag()
        case "status": config.status = try value.choice(of: ProjectConfig.Status.self)
        case "mandatory": config.mandatory = try value.flag()
        default:
            if Self.isSecret(entry.key) {
                throw ProjectConfigError.secretInFile(path: path, key: entry.key, line: entry.keyLine)
            }
            throw ProjectConfigError.unknownKey(path: path, key: entry.key, line: entry.keyLine,
                                                suggestion: Self.suggestion(for: entry.key))
        }
    }

    /// Keys of two notes sources, or a key of a source other than `source`'s, are a mistake: the
    /// file would mean two things.
    private func checkSources(_ entries: [ConfigNode.Entry]) throws {
        var chosen: (key: String, line: Int, source: ProjectConfig.NotesSource)?
        if let entry = entries.first(where: { $0.key == "source" }), case let .string(name) = entry.value.value,
           let source = ProjectConfig.NotesSource(rawValue: name) {
            chosen = ("source", entry.value.line, source)
        }
        for entry in entries {
            guard let source = Self.sourceOfKey[entry.key] else { continue }
            guard let first = chosen else {
                chosen = (entry.key, entry.keyLine, source)
                continue
            }
            if first.source != source {
                throw ProjectConfigError.keyOfOtherSource(
                    path: path, key: entry.key, line: entry.keyLine, keySource: source.rawValue,
                    conflictingKey: first.key, conflictingLine: first.line, conflictingSource: first.source.rawValue)
            }
        }
    }

    /// Whether a key would hold a secret: `token`, `api-token`, `apiToken`, `HOCKEYAPP_API_TOKEN`,
    /// `secret`, `password`, `api-key`. `token-file` names a file and is not one.
    static func isSecret(_ key: String) -> Bool {
        let name = normalized(key)
        if name == "tokenfile" { return false }
        return ["token", "secret", "password", "passwd"].contains { name.contains($0) } || name == "apikey"
    }

    /// The known key `key` is nearest to: the same letters in another case or spelling
    /// (`appId`, `tag_prefix`), else one at most two edits away.
    static func suggestion(for key: String) -> String? {
        if let same = ProjectConfig.keys.first(where: { normalized($0) == normalized(key) }) { return same }
        let scored = ProjectConfig.keys.map { ($0, editDistance(key.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    private static func normalized(_ key: String) -> String {
        String(key.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Levenshtein distance, by characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    // MARK: Values

    /// One key's value, read as the type the key takes.
    private struct Value {
        let reader: ProjectConfigReader
        let entry: ConfigNode.Entry

        /// `textExpected`: the key takes text, so a number gets a hint to quote it (`app-id: 0123`).
        private func mistake(_ node: ConfigNode, key: String? = nil, expected: String, textExpected: Bool = false)
            -> ProjectConfigError
        {
            // A scalar is reported on its own line; an empty value, a list or a mapping on the key's.
            let line: Int
            switch node.value {
            case .null, .list, .mapping: line = key == nil ? entry.keyLine : node.line
            default: line = node.line
            }
            var found = node.found
            if case .number = node.value, textExpected {
                found += " (quote it to make it text)"
            }
            return .invalidValue(path: reader.path, key: key ?? entry.key, line: line, expected: expected, found: found)
        }

        private func string(_ node: ConfigNode, key: String? = nil, pattern: String, expected: String) throws -> String {
            guard case let .string(text) = node.value, ConfigNode.matches(pattern, text) else {
                throw mistake(node, key: key, expected: expected, textExpected: true)
            }
            return text
        }

        func text(_ pattern: String = ProjectConfigReader.textPattern, expected: String = "a non-empty string") throws -> String {
            try string(entry.value, pattern: pattern, expected: expected)
        }

        func choice<Choice: RawRepresentable & CaseIterable>(of _: Choice.Type) throws -> Choice where Choice.RawValue == String {
            let names = Choice.allCases.map(\.rawValue)
            let expected = names.dropLast().joined(separator: ", ") + " or " + names.last!
            guard case let .string(text) = entry.value.value, let choice = Choice(rawValue: text) else {
                throw mistake(entry.value, expected: expected)
            }
            return choice
        }

        func flag() throws -> Bool {
            guard case let .bool(flag) = entry.value.value else { throw mistake(entry.value, expected: "true or false") }
            return flag
        }

        func list(_ pattern: String = ProjectConfigReader.textPattern, expected: String = "a non-empty string") throws -> [String] {
            guard case let .list(items) = entry.value.value else { throw mistake(entry.value, expected: "a list of strings") }
            return try items.enumerated().map { index, item in
                try string(item, key: "\(entry.key)[\(index)]", pattern: pattern, expected: expected)
            }
        }
    }
}
