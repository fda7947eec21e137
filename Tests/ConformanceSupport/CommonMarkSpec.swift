import Foundation

/// One example of the CommonMark spec: the Markdown and the HTML the spec expects.
public struct CommonMarkExample: Sendable, CustomStringConvertible {
    /// The example's number, counting from 1 as the spec's HTML rendition does.
    public let number: Int
    /// The section heading the example appears under.
    public let section: String
    public let markdown: String
    public let html: String

    public var description: String { "example \(number) (\(section))" }
}

/// Reads the examples of the CommonMark spec (`spec.txt`) from the conformance folder.
public enum CommonMarkSpec {
    /// The folder named by `CONFORMANCE_DIR`, or nil when the variable is unset.
    public static var conformanceDirectory: URL? {
        guard let path = ProcessInfo.processInfo.environment["CONFORMANCE_DIR"], !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path)
    }

    /// How many examples spec 0.31.2 holds: a file that yields another number is not that spec
    /// (truncated, or another version), and the suites built on it would check the wrong cases.
    public static let expectedExampleCount = 652

    /// The spec's examples, or an empty list when `CONFORMANCE_DIR` is unset.
    ///
    /// - Throws: when the folder is set but `commonmark/spec.txt` cannot be read or does not hold
    ///   the spec's 652 examples, so that a suite fails instead of running zero cases.
    public static func examples() throws -> [CommonMarkExample] {
        guard let directory = conformanceDirectory else { return [] }
        return try examples(in: directory)
    }

    /// The examples of `directory/commonmark/spec.txt`.
    ///
    /// - Throws: when the file cannot be read or does not hold the spec's 652 examples.
    public static func examples(in directory: URL) throws -> [CommonMarkExample] {
        let url = directory.appendingPathComponent("commonmark/spec.txt")
        let examples = parse(try String(contentsOf: url, encoding: .utf8))
        guard examples.count == expectedExampleCount else {
            throw ConformanceDataError(path: url.path, found: examples.count, expected: expectedExampleCount, what: "examples")
        }
        return examples
    }

    /// Splits spec text into examples. Fences are 32 backticks followed by ` example`; the Markdown
    /// and HTML are separated by a line holding a single `.`; `→` stands for a tab.
    public static func parse(_ text: String) -> [CommonMarkExample] {
        let fence = String(repeating: "`", count: 32)
        var examples: [CommonMarkExample] = []
        var section = ""
        var markdown: [Substring] = []
        var html: [Substring] = []
        var state = 0  // 0 outside, 1 in Markdown, 2 in HTML
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            switch state {
            case 0:
                if line.hasPrefix(fence + " example") {
                    state = 1
                    markdown = []
                    html = []
                } else if line.hasPrefix("#") {
                    section = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
                }
            case 1:
                if line == "." { state = 2 } else { markdown.append(line) }
            default:
                if line == fence {
                    state = 0
                    examples.append(CommonMarkExample(
                        number: examples.count + 1,
                        section: section,
                        markdown: joined(markdown),
                        html: joined(html)
                    ))
                } else {
                    html.append(line)
                }
            }
        }
        return examples
    }

    private static func joined(_ lines: [Substring]) -> String {
        lines.map { $0 + "\n" }.joined().replacingOccurrences(of: "→", with: "\t")
    }
}

/// A conformance file that is there but does not hold what the suites expect of it.
public struct ConformanceDataError: Error, CustomStringConvertible {
    public let path: String
    public let found: Int
    public let expected: Int
    public let what: String

    public init(path: String, found: Int, expected: Int, what: String) {
        self.path = path
        self.found = found
        self.expected = expected
        self.what = what
    }

    public var description: String { "\(path) holds \(found) \(what), not the \(expected) the suites are written for" }
}
