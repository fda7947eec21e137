import ConformanceSupport
import Foundation
import Testing

/// Whether the differential run against RedCloth happens: when `ruby -rredcloth` works, or when the
/// conformance folder is configured (CI), where a missing RedCloth must fail rather than skip.
enum RedClothRuby {
    static var shouldRun: Bool { RedClothProcess.isInstalled || CommonMarkSpec.conformanceDirectory != nil }
}

/// Random release-notes-like Textile rendered by this package and by real RedCloth 4.3, compared
/// byte for byte.
///
/// `FIDELITY_DOCUMENTS` sets the number of documents (default 500, a short batch for CI) and
/// `FIDELITY_SEED` the seed (decimal or `0x` hex; fixed by default, so that CI runs the same
/// documents every time); `FIDELITY_REPORT` how many differing documents are minimised and shown.
/// Documents on which RedCloth hangs are counted apart. Needs Debian's `ruby-redcloth`; without it
/// the test is skipped, unless `CONFORMANCE_DIR` is set.
@Suite struct RendererFidelityTests {
    static let defaultSeed: UInt64 = 0x5EED_2026

    static var documentCount: Int {
        ProcessInfo.processInfo.environment["FIDELITY_DOCUMENTS"].flatMap { Int($0) } ?? 500
    }

    /// How many differing documents are minimised and shown (`FIDELITY_REPORT`, default 5).
    static var reportedCount: Int {
        ProcessInfo.processInfo.environment["FIDELITY_REPORT"].flatMap { Int($0) } ?? 5
    }

    static var seed: UInt64 {
        guard let text = ProcessInfo.processInfo.environment["FIDELITY_SEED"], !text.isEmpty else { return defaultSeed }
        if text.lowercased().hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) ?? defaultSeed }
        return UInt64(text) ?? defaultSeed
    }

    @Test(.enabled(if: RedClothRuby.shouldRun, "ruby-redcloth is not installed"))
    func randomDocumentsRenderAsRedClothDoes() throws {
        guard RedClothProcess.isInstalled else {
            Issue.record("CONFORMANCE_DIR is set but RedCloth is not installed (apt-get install ruby-redcloth)")
            return
        }
        let redcloth = try RedClothProcess()
        var generator = RandomTextile(seed: Self.seed)
        var comparison = FidelityComparison()
        var next = 0
        while next < Self.documentCount {
            let count = min(FidelityComparison.batchSize, Self.documentCount - next)
            let inputs = (0..<count).map { _ in generator.document() }
            try comparison.compare(inputs, firstIndex: next, with: redcloth)
            next += count
        }
        print("renderer fidelity: \(comparison.documents) documents, \(comparison.differences.count) differ from RedCloth,"
              + " \(comparison.hung) RedCloth hung (seed \(Self.seed))")
        #expect(comparison.documents == Self.documentCount)
        guard !comparison.differences.isEmpty else { return }
        var reports: [String] = []
        for difference in comparison.differences.prefix(Self.reportedCount) {
            let small = try FidelityComparison.minimise(difference.input, with: redcloth) ?? difference
            reports.append("""
                document \(difference.index), minimised: \(small.input.debugDescription)
                --- RedCloth: \(small.expected.debugDescription)
                --- ours:     \(small.actual.debugDescription)
                """)
        }
        Issue.record("""
            \(comparison.differences.count) of \(comparison.documents) documents differ from RedCloth (seed \(Self.seed)):
            \(reports.joined(separator: "\n\n"))
            """)
    }
}
