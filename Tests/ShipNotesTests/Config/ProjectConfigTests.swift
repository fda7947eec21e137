import ConformanceSupport
import Foundation
import Testing

@testable import ShipNotes

/// `shipnotes.yml`: the documented examples read to the right values, each kind of mistake is one
/// error naming the key and the line, and `shipnotes.schema.json` agrees with the reader on every
/// case (the same list feeds both).
@Suite struct ProjectConfigTests {
    /// One config file and what reading it gives.
    struct Case: Sendable, CustomTestStringConvertible {
        enum Outcome: Sendable {
            case config(ProjectConfig)
            case error(ProjectConfigError)
        }

        let name: String
        let yaml: String
        let outcome: Outcome
        var testDescription: String { name }

        /// Whether JSON can hold what the YAML says: broken YAML, duplicate keys and a list as a
        /// key it cannot, so the schema never sees them (an editor's YAML parser reports them).
        var reachesSchema: Bool {
            switch outcome {
            case .config: return true
            case .error(.notYAML), .error(.duplicateKey), .error(.keyNotAName), .error(.notUTF8): return false
            case .error: return true
            }
        }
    }

    static let path = "shipnotes.yml"

    private static func config(_ build: (inout ProjectConfig) -> Void) -> ProjectConfig {
        var config = ProjectConfig()
        build(&config)
        return config
    }

    private static func accepted(_ name: String, _ yaml: String, _ build: (inout ProjectConfig) -> Void) -> Case {
        Case(name: name, yaml: yaml, outcome: .config(config(build)))
    }

    private static func rejected(_ name: String, _ yaml: String, _ error: ProjectConfigError) -> Case {
        Case(name: name, yaml: yaml, outcome: .error(error))
    }

    private static func invalid(_ name: String, _ yaml: String, key: String, line: Int, expected: String, found: String) -> Case {
        rejected(name, yaml, .invalidValue(path: path, key: key, line: line, expected: expected, found: found))
    }

    /// The README's examples, verbatim (``readmeExamplesAreCases`` checks that they still are).
    static let readmeExamples: [Case] = [
        accepted("README: git", """
            # shipnotes.yml
            app-id: 0123456789abcdef0123456789abcdef
            base-url: https://rink.hockeyapp.net
            token-file: .secrets/hockeyapp-token

            source: git
            tag-prefix: app/v
            merges: only
            paths: [apps/app, shared]
            template: tester

            notes-type: markdown
            tags: [beta, qa]
            notify: true
            status: available
            mandatory: false

            """) {
            $0.appId = "0123456789abcdef0123456789abcdef"
            $0.baseURL = "https://rink.hockeyapp.net"
            $0.tokenFile = ".secrets/hockeyapp-token"
            $0.source = .git
            $0.tagPrefix = "app/v"
            $0.merges = .only
            $0.paths = ["apps/app", "shared"]
            $0.template = "tester"
            $0.notesType = .markdown
            $0.tags = ["beta", "qa"]
            $0.notify = true
            $0.status = .available
            $0.mandatory = false
        },
        accepted("README: changelog", """
            changelog: docs/CHANGELOG.md
            release: latest
            notes-type: markdown

            """) {
            $0.changelog = "docs/CHANGELOG.md"
            $0.release = .latest
            $0.notesType = .markdown
        },
        accepted("README: file", """
            source: file
            notes-file: notes/next.textile
            notes-type: textile
            tags: [internal]

            """) {
            $0.source = .file
            $0.notesFile = "notes/next.textile"
            $0.notesType = .textile
            $0.tags = ["internal"]
        },
    ]

    static let otherExamples: [Case] = [
        accepted("empty file", "") { _ in },
        accepted("only comments", "# nothing set yet\n\n# app-id: later\n") { _ in },
        accepted("schema modeline", "# yaml-language-server: $schema=./shipnotes.schema.json\nnotify: false\n") {
            $0.notify = false
        },
        accepted("block lists, quoted text, a range", """
            app-id: '0123'
            base-url: http://127.0.0.1:8080/
            range: v1.2.0..v1.3.0
            merges: first-parent
            paths:
              - apps/app
              - "docs/*.md"
            tags:
              - beta
              - 2024 q1
            """) {
            $0.appId = "0123"
            $0.baseURL = "http://127.0.0.1:8080/"
            $0.range = "v1.2.0..v1.3.0"
            $0.merges = .firstParent
            $0.paths = ["apps/app", "docs/*.md"]
            $0.tags = ["beta", "2024 q1"]
        },
        accepted("a quoted version", "source: changelog\nrelease: '1.10'\n") {
            $0.source = .changelog
            $0.release = .version("1.10")
        },
        accepted("a version written as a tag", "release: v2.0.0-rc.1\n") { $0.release = .version("v2.0.0-rc.1") },
        accepted("unreleased", "release: unreleased\nchangelog: CHANGELOG.md\n") {
            $0.release = .unreleased
            $0.changelog = "CHANGELOG.md"
        },
        accepted("booleans in capitals, empty lists", "notify: True\nmandatory: FALSE\ntags: []\npaths: []\n") {
            $0.notify = true
            $0.mandatory = false
            $0.tags = []
            $0.paths = []
        },
        accepted("a flow mapping", "{app-id: abc, status: unavailable}\n") {
            $0.appId = "abc"
            $0.status = .unavailable
        },
    ]

    static let mistakes: [Case] = [
        // The README's two messages.
        invalid("README: notes-type", "app-id: abc\nsource: git\ntag-prefix: app/v\nnotes-type: html\n",
                key: "notes-type", line: 4, expected: "markdown or textile", found: "'html'"),
        rejected("README: unknown key", "source: git\ntag_prefix: app/v\n",
                 .unknownKey(path: path, key: "tag_prefix", line: 2, suggestion: "tag-prefix")),
        // The file as a whole.
        rejected("not YAML", "app-id: abc\ntags: [beta\n",
                 .notYAML(path: path, line: 3, problem: "while parsing a flow sequence, did not find expected ',' or ']'")),
        rejected("two documents", "app-id: abc\n---\napp-id: def\n",
                 .notYAML(path: path, line: 2, problem: "expected a single document in the stream, but found another document")),
        rejected("a list at the top", "- app-id: abc\n", .notAMapping(path: path, line: 1, found: "a list")),
        rejected("text at the top", "app-id abc\n", .notAMapping(path: path, line: 1, found: "'app-id abc'")),
        rejected("null at the top", "~\n", .notAMapping(path: path, line: 1, found: "no value")),
        rejected("duplicate key", "app-id: abc\nnotify: true\napp-id: def\n",
                 .duplicateKey(path: path, key: "app-id", line: 3, firstLine: 1)),
        rejected("a list as a key", "? [app-id]\n: abc\n", .keyNotAName(path: path, line: 1)),
        // Keys.
        rejected("camel case", "appId: abc\n", .unknownKey(path: path, key: "appId", line: 1, suggestion: "app-id")),
        rejected("a typo", "notes-tipe: markdown\n", .unknownKey(path: path, key: "notes-tipe", line: 1, suggestion: "notes-type")),
        rejected("singular", "notify: true\npath: [apps/app]\n", .unknownKey(path: path, key: "path", line: 2, suggestion: "paths")),
        rejected("nothing near", "colour: blue\n", .unknownKey(path: path, key: "colour", line: 1, suggestion: nil)),
        rejected("nested notes", "notes:\n  source: git\n", .unknownKey(path: path, key: "notes", line: 1, suggestion: nil)),
        rejected("token", "app-id: abc\ntoken: 0123abcd\n", .secretInFile(path: path, key: "token", line: 2)),
        rejected("apiToken", "apiToken: 0123abcd\n", .secretInFile(path: path, key: "apiToken", line: 1)),
        rejected("api-token", "api-token: 0123abcd\n", .secretInFile(path: path, key: "api-token", line: 1)),
        rejected("the variable's name", "HOCKEYAPP_API_TOKEN: x\n", .secretInFile(path: path, key: "HOCKEYAPP_API_TOKEN", line: 1)),
        rejected("token_file", "token_file: t\n", .unknownKey(path: path, key: "token_file", line: 1, suggestion: "token-file")),
        // Values.
        invalid("yes", "notify: yes\n", key: "notify", line: 1, expected: "true or false", found: "'yes'"),
        invalid("a quoted boolean", "mandatory: 'true'\n", key: "mandatory", line: 1, expected: "true or false", found: "'true'"),
        invalid("a number as a boolean", "mandatory: 1\n", key: "mandatory", line: 1, expected: "true or false",
                found: "the number 1"),
        invalid("an id of digits", "app-id: 0123\n", key: "app-id", line: 1, expected: "a non-empty string",
                found: "the number 0123 (quote it to make it text)"),
        invalid("an empty id", "app-id: ''\n", key: "app-id", line: 1, expected: "a non-empty string", found: "''"),
        invalid("no value", "notify: true\napp-id:\n", key: "app-id", line: 2, expected: "a non-empty string", found: "no value"),
        invalid("a mapping as text", "template:\n  name: tester\n", key: "template", line: 1, expected: "a non-empty string",
                found: "a mapping"),
        invalid("ftp", "base-url: ftp://example.com\n", key: "base-url", line: 1, expected: "an http or https URL",
                found: "'ftp://example.com'"),
        invalid("no scheme", "base-url: rink.hockeyapp.net\n", key: "base-url", line: 1, expected: "an http or https URL",
                found: "'rink.hockeyapp.net'"),
        invalid("an unknown source", "source: svn\n", key: "source", line: 1, expected: "git, changelog or file", found: "'svn'"),
        invalid("snake case merges", "merges: first_parent\n", key: "merges", line: 1,
                expected: "include, exclude, only or first-parent", found: "'first_parent'"),
        invalid("a capital", "notes-type: Markdown\n", key: "notes-type", line: 1, expected: "markdown or textile",
                found: "'Markdown'"),
        invalid("status", "status: public\n", key: "status", line: 1, expected: "available or unavailable", found: "'public'"),
        invalid("newest", "release: newest\n", key: "release", line: 1,
                expected: "latest, unreleased or a version such as 1.2.3", found: "'newest'"),
        invalid("a version as a number", "release: 1.10\n", key: "release", line: 1,
                expected: "latest, unreleased or a version such as 1.2.3", found: "the number 1.10 (quote it to make it text)"),
        invalid("one tag as text", "tags: beta\n", key: "tags", line: 1, expected: "a list of strings", found: "'beta'"),
        invalid("a number tag", "tags:\n  - beta\n  - 2024\n", key: "tags[1]", line: 3,
                expected: "a non-empty tag without commas", found: "the number 2024 (quote it to make it text)"),
        invalid("a tag with a comma", "tags: ['a,b']\n", key: "tags[0]", line: 1, expected: "a non-empty tag without commas",
                found: "'a,b'"),
        invalid("an empty path", "paths: [apps, '']\n", key: "paths[1]", line: 1, expected: "a non-empty string", found: "''"),
        invalid("a nested list", "paths:\n  - [apps]\n", key: "paths[0]", line: 2, expected: "a non-empty string", found: "a list"),
        // Sources.
        rejected("a git key with source changelog", "source: changelog\nchangelog: CHANGELOG.md\nrange: v1.0.0..HEAD\n",
                 .keyOfOtherSource(path: path, key: "range", line: 3, keySource: "git",
                                   conflictingKey: "source", conflictingLine: 1, conflictingSource: "changelog")),
        rejected("a file key with source git", "notes-file: notes.md\nsource: git\n",
                 .keyOfOtherSource(path: path, key: "notes-file", line: 1, keySource: "file",
                                   conflictingKey: "source", conflictingLine: 2, conflictingSource: "git")),
        rejected("a changelog key with source file", "source: file\nnotes-file: n.md\nchangelog: CHANGELOG.md\n",
                 .keyOfOtherSource(path: path, key: "changelog", line: 3, keySource: "changelog",
                                   conflictingKey: "source", conflictingLine: 1, conflictingSource: "file")),
        rejected("git and file keys", "paths: [app]\nnotes-file: n.md\n",
                 .keyOfOtherSource(path: path, key: "notes-file", line: 2, keySource: "file",
                                   conflictingKey: "paths", conflictingLine: 1, conflictingSource: "git")),
        rejected("keys of two sources", "tag-prefix: v\nnotify: true\nrelease: latest\n",
                 .keyOfOtherSource(path: path, key: "release", line: 3, keySource: "changelog",
                                   conflictingKey: "tag-prefix", conflictingLine: 1, conflictingSource: "git")),
    ]

    static let allCases = readmeExamples + otherExamples + mistakes

    // MARK: The reader

    @Test(arguments: allCases)
    func reads(_ example: Case) throws {
        switch example.outcome {
        case let .config(expected):
            var config = try ProjectConfig.parse(yaml: example.yaml, path: Self.path)
            #expect(config.directory == FileManager.default.currentDirectoryPath)
            config.directory = nil
            #expect(config == expected)
        case let .error(expected):
            #expect(throws: expected) { try ProjectConfig.parse(yaml: example.yaml, path: Self.path) }
        }
    }

    @Test func messagesReadAsOneSentence() {
        let notesType = ProjectConfigError.invalidValue(
            path: "shipnotes.yml", key: "notes-type", line: 4, expected: "markdown or textile", found: "'html'")
        #expect(notesType.localizedDescription == "shipnotes.yml:4: notes-type: expected markdown or textile, found 'html'.")
        #expect(ProjectConfigError.unknownKey(path: "shipnotes.yml", key: "tag_prefix", line: 2, suggestion: "tag-prefix")
            .localizedDescription == "shipnotes.yml:2: tag_prefix: unknown key; did you mean tag-prefix?")
        let secret = ProjectConfigError.secretInFile(path: "shipnotes.yml", key: "token", line: 2).localizedDescription
        #expect(secret.hasPrefix("shipnotes.yml:2: token: secrets are never read from the config file"))
        #expect(secret.contains("HOCKEYAPP_API_TOKEN") && secret.contains("token-file"))
        let unknown = ProjectConfigError.unknownKey(path: "a.yml", key: "colour", line: 1, suggestion: nil).localizedDescription
        #expect(unknown == "a.yml:1: colour: unknown key; the keys are \(ProjectConfig.keys.joined(separator: ", ")).")
        #expect(ProjectConfigError.keyOfOtherSource(
            path: "shipnotes.yml", key: "release", line: 3, keySource: "changelog",
            conflictingKey: "tag-prefix", conflictingLine: 1, conflictingSource: "git").localizedDescription
            == "shipnotes.yml:3: release: applies to source changelog, but tag-prefix (line 1) applies to source git; "
            + "keep one source's keys or set source.")
    }

    @Test func secretValuesAreNotRepeated() throws {
        let error = #expect(throws: ProjectConfigError.self) {
            try ProjectConfig.parse(yaml: "api_token: s3cr3t-value\n", path: Self.path)
        }
        #expect(error?.localizedDescription.contains("s3cr3t") == false)
    }

    @Test func theSourceFollowsFromTheKeys() throws {
        #expect(try ProjectConfig.parse(yaml: "range: v1..v2\n", path: Self.path).notesSource == .git)
        #expect(try ProjectConfig.parse(yaml: "release: latest\n", path: Self.path).notesSource == .changelog)
        #expect(try ProjectConfig.parse(yaml: "notes-file: n.md\n", path: Self.path).notesSource == .file)
        #expect(try ProjectConfig.parse(yaml: "source: git\n", path: Self.path).notesSource == .git)
        #expect(try ProjectConfig.parse(yaml: "notify: true\n", path: Self.path).notesSource == nil)
    }

    @Test func readmeExamplesAreCases() throws {
        let readme = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## The project config\n").dropFirst().first)
            .components(separatedBy: "\n## ").first!
        let blocks = section.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.count == Self.readmeExamples.count)
        #expect(blocks == Self.readmeExamples.map(\.yaml))
        // The messages the README shows are the reader's.
        for mistake in Self.mistakes where mistake.name.hasPrefix("README") {
            guard case let .error(error) = mistake.outcome else { continue }
            #expect(section.contains("Error: " + error.localizedDescription))
        }
    }

    // MARK: Files

    @Test func findsTheConfigAtTheRepositoryRoot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let repository = root.appendingPathComponent("repo")
        let nested = repository.appendingPathComponent("apps/app/Sources")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
        #expect(ProjectConfig.find(startingAt: nested.path) == nil)

        let file = repository.appendingPathComponent("shipnotes.yml")
        try "changelog: CHANGELOG.md\ntoken-file: /etc/token\n".write(to: file, atomically: true, encoding: .utf8)
        // A shipnotes.yml below the root is not the project's.
        try "app-id: nested\n".write(to: nested.appendingPathComponent("shipnotes.yml"), atomically: true, encoding: .utf8)
        let found = try #require(ProjectConfig.find(startingAt: nested.path))
        #expect(URL(fileURLWithPath: found).resolvingSymlinksInPath() == file.resolvingSymlinksInPath())

        let config = try ProjectConfig.load(path: found)
        #expect(config.changelog == "CHANGELOG.md")
        #expect(config.directory.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
            == repository.resolvingSymlinksInPath().path)
        #expect(URL(fileURLWithPath: config.resolve("CHANGELOG.md")).resolvingSymlinksInPath().path
            == repository.appendingPathComponent("CHANGELOG.md").resolvingSymlinksInPath().path)
        #expect(config.resolve(config.tokenFile!) == "/etc/token")

        // A worktree's or submodule's `.git` is a file.
        let worktree = root.appendingPathComponent("worktree")
        try FileManager.default.createDirectory(at: worktree, withIntermediateDirectories: true)
        try "gitdir: ../repo/.git/worktrees/w\n".write(to: worktree.appendingPathComponent(".git"), atomically: true, encoding: .utf8)
        try "notify: true\n".write(to: worktree.appendingPathComponent("shipnotes.yml"), atomically: true, encoding: .utf8)
        #expect(ProjectConfig.find(startingAt: worktree.path).map { URL(fileURLWithPath: $0).lastPathComponent } == "shipnotes.yml")
        #expect(ProjectConfig.find(startingAt: root.path) == nil)
    }

    @Test func fileProblems() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("shipnotes.yml").path
        #expect(throws: FileReadError.fileNotFound(path: missing)) { try ProjectConfig.load(path: missing) }
        #expect(throws: FileReadError.isDirectory(path: folder.path)) { try ProjectConfig.load(path: folder.path) }
        try Data([0x61, 0x3A, 0x20, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: missing))
        #expect(throws: ProjectConfigError.notUTF8(path: missing)) { try ProjectConfig.load(path: missing) }
        try "notes-type: html\n".write(toFile: missing, atomically: true, encoding: .utf8)
        #expect(throws: ProjectConfigError.invalidValue(path: missing, key: "notes-type", line: 1,
                                                         expected: "markdown or textile", found: "'html'")) {
            try ProjectConfig.load(path: missing)
        }
    }

    // MARK: The schema

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schemaURL = repositoryRoot.appendingPathComponent("shipnotes.schema.json")

    @Test func schemaHasTheReadersKeys() throws {
        let schema = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaURL)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["additionalProperties"] as? Bool == false)
        let properties = try #require(schema["properties"] as? [String: [String: Any]])
        #expect(Set(properties.keys) == Set(ProjectConfig.keys))
        for (key, property) in properties {
            #expect((property["description"] as? String)?.isEmpty == false, "\(key) has no description")
        }
    }

    @Test(.enabled(if: JSONSchemaCheck.shouldRun,
                   "python3 cannot import jsonschema (pip install jsonschema) and CONFORMANCE_DIR is unset: skipping the schema check"))
    func schemaAgreesWithTheReader() throws {
        guard JSONSchemaCheck.isAvailable else {
            Issue.record("CONFORMANCE_DIR is set but python3 cannot import jsonschema; install it with pip install jsonschema.")
            return
        }
        let cases = Self.allCases.filter(\.reachesSchema)
        let documents = try cases.map { try ConfigNode.compose(yaml: $0.yaml, path: Self.path)?.json ?? "{}" }
        let verdicts = try JSONSchemaCheck.validate(documents, against: Self.schemaURL)
        try #require(verdicts.count == cases.count)
        for (example, valid) in zip(cases, verdicts) {
            switch example.outcome {
            case .config: #expect(valid, "the schema rejects \(example.name), which shipnotes accepts")
            case .error: #expect(!valid, "the schema accepts \(example.name), which shipnotes rejects")
            }
        }
    }
}

/// Runs Python's `jsonschema` package on documents, in one process for all of them.
enum JSONSchemaCheck {
    static let isAvailable: Bool = (try? run(["-c", "import jsonschema"], input: Data()).status) == 0

    /// With `CONFORMANCE_DIR` set (as in CI) the check runs and a missing module fails it.
    static var shouldRun: Bool { isAvailable || CommonMarkSpec.conformanceDirectory != nil }

    private static let script = """
        import json, sys
        import jsonschema
        with open(sys.argv[1]) as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        print(json.dumps([validator.is_valid(document) for document in json.load(sys.stdin)]))
        """

    /// Whether each document (JSON text) is valid against the schema.
    static func validate(_ documents: [String], against schema: URL) throws -> [Bool] {
        let input = Data(("[" + documents.joined(separator: ",\n") + "]").utf8)
        let (status, output, error) = try run(["-c", script, schema.path], input: input)
        guard status == 0, let verdicts = try JSONSerialization.jsonObject(with: output) as? [Bool] else {
            throw Failure(message: String(decoding: error, as: UTF8.self))
        }
        return verdicts
    }

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { "python3 jsonschema failed: \(message)" }
    }

    private static func run(_ arguments: [String], input: Data) throws -> (status: Int32, output: Data, error: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let standardInput = Pipe(), standardOutput = Pipe(), standardError = Pipe()
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        process.standardError = standardError
        try process.run()
        standardInput.fileHandleForWriting.write(input)
        try standardInput.fileHandleForWriting.close()
        // Errors are short; output is read to its end first, then the error stream.
        let output = standardOutput.fileHandleForReading.readDataToEndOfFile()
        let error = standardError.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output, error)
    }
}
