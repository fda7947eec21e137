import Foundation
import Testing
import Textile

/// Renders every case of RedCloth's own fixtures with every variant they define and compares the HTML
/// byte for byte with what RedCloth 4.3 produces (the fixtures' expected HTML is RedCloth's output).
@Suite struct RedClothConformanceTests {
    /// Cases (`file:name [variant]`) known to differ from RedCloth, each with the reason.
    /// The test fails when one of them starts passing, so the list stays honest.
    static let knownDifferences: [(id: String, reason: String)] = [
    ]

    @Test(.enabled(if: RedClothFixtures.directory != nil, "CONFORMANCE_DIR is not set: RedCloth's fixtures are not available"))
    func everyFixtureRendersAsRedClothDoes() throws {
        let fixtures = try RedClothFixtures.load()
        #expect(!fixtures.isEmpty, "no fixtures found under \(RedClothFixtures.directory?.path ?? "")")
        let known = Set(Self.knownDifferences.map(\.id))
        var passed: [String: Int] = [:]
        var total: [String: Int] = [:]
        var unexpectedFailures: [String] = []
        var unexpectedPasses: [String] = []
        for fixture in fixtures {
            for variant in RedClothFixtures.variants {
                guard let expected = fixture.expected[variant.key] else { continue }
                let id = "\(fixture.id) [\(variant.key)]"
                let html = TextileDocument.html(fixture.input, options: variant.options)
                total[variant.key, default: 0] += 1
                if html == expected {
                    passed[variant.key, default: 0] += 1
                    if known.contains(id) { unexpectedPasses.append(id) }
                } else if !known.contains(id) {
                    unexpectedFailures.append("\(id)\n--- input:\n\(fixture.input)\n--- expected:\n\(expected)\n--- got:\n\(html)")
                }
            }
        }
        for variant in RedClothFixtures.variants {
            guard let count = total[variant.key] else { continue }
            print("RedCloth conformance \(variant.key): \(passed[variant.key, default: 0])/\(count)")
        }
        #expect(unexpectedFailures.isEmpty, "\(unexpectedFailures.count) cases differ from RedCloth:\n\(unexpectedFailures.prefix(10).joined(separator: "\n\n"))")
        #expect(unexpectedPasses.isEmpty, "listed as known differences but now pass: \(unexpectedPasses)")
        #expect(passed["html", default: 0] >= 530, "the issue requires at least 530 of the html cases")
    }

    @Test func knownDifferencesAreListedOnceEach() {
        let ids = Self.knownDifferences.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Self.knownDifferences.allSatisfy { !$0.reason.isEmpty })
    }
}
