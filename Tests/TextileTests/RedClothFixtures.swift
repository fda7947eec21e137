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

    /// Every case of every `*.yml` file in `directory`, in file order.
    static func load() throws -> [RedClothFixture] {
        guard let directory else { return [] }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yml") }
            .sorted()
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
        return fixtures
    }
}
