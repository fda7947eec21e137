import ConformanceSupport
import Foundation
import Testing
import Textile
import Yams

/// One case of RedCloth's own fixture files: an input and the HTML expected per rendering variant.
struct RedClothFixture: Sendable, CustomTestStringConvertible {
    /// `file.yml:name` (or `file.yml:#index` for unnamed cases), unique across the suite.
    var id: String
    var input: String
    /// Expected HTML keyed by the fixture's variant key (`html`, `filtered_html`, …).
    var expected: [String: String]

    var testDescription: String { id }
}

/// Reads RedCloth's YAML fixtures from the folder named by `CONFORMANCE_DIR`.
enum RedClothFixtures {
    /// The rendering options each fixture key stands for, as RedCloth's own spec harness applies them.
    static let variants: [(key: String, options: TextileOptions)] = [
        ("html", []),
        ("filtered_html", [.filterHTML]),
        ("sanitized_html", [.sanitizeHTML]),
        ("lite_mode_html", [.liteMode]),
        ("no_span_caps_html", [.noSpanCaps]),
        ("html_no_breaks", [.noHardBreaks]),
        ("class_filtered_html", [.filterClasses]),
        ("id_filtered_html", [.filterIDs]),
        ("style_filtered_html", [.filterStyles]),
    ]

    /// `$CONFORMANCE_DIR/redcloth`, or nil when the variable is unset.
    static var directory: URL? {
        guard let root = ProcessInfo.processInfo.environment["CONFORMANCE_DIR"], !root.isEmpty else { return nil }
        return URL(fileURLWithPath: root).appendingPathComponent("redcloth")
    }

    /// RedCloth 4.3's fixture files: each must be there, so that a missing one fails the suite
    /// instead of leaving its cases out.
    static let fileNames = [
        "basic.yml", "code.yml", "definitions.yml", "extra_whitespace.yml", "filter_html.yml", "filter_pba.yml",
        "html.yml", "images.yml", "instiki.yml", "links.yml", "lists.yml", "poignant.yml", "sanitize_html.yml",
        "table.yml", "textism.yml", "threshold.yml",
    ]

    /// How many of the cases carry an `html` expectation in those files.
    static let htmlCaseCount = 541

    /// Every case of every file of `fileNames` in `directory`, in file order.
    ///
    /// - Throws: when a file is missing or unreadable, or the files do not hold the 541 `html` cases.
    static func load() throws -> [RedClothFixture] {
        guard let directory else { return [] }
        return try load(from: directory)
    }

    /// Every case of the files of `fileNames` in `directory`.
    ///
    /// - Throws: when a file is missing or unreadable, or the files do not hold the 541 `html` cases.
    static func load(from directory: URL) throws -> [RedClothFixture] {
        let files = fileNames
        var fixtures: [RedClothFixture] = []
        for file in files {
            let yaml = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            var seen: Set<String> = []
            for (index, document) in try Yams.compose_all(yaml: yaml).enumerated() {
                guard let fields = document.mapping, let input = fields["in"]?.scalar?.string else { continue }
                var id = "\(file):" + (fields["name"]?.scalar?.string ?? "#\(index)")
                if seen.contains(id) { id += " #\(index)" }
                seen.insert(id)
                var expected: [String: String] = [:]
                for variant in variants {
                    if let html = fields[variant.key]?.scalar?.string { expected[variant.key] = html }
                }
                fixtures.append(RedClothFixture(id: id, input: input, expected: expected))
            }
        }
        let htmlCases = fixtures.filter { $0.expected["html"] != nil }.count
        guard htmlCases == htmlCaseCount else {
            throw ConformanceDataError(path: directory.path, found: htmlCases, expected: htmlCaseCount, what: "html cases")
        }
        return fixtures
    }
}
