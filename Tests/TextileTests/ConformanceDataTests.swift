import ConformanceSupport
import Foundation
import Testing

/// The conformance loaders fail on a folder that lacks what the suites check, so that a missing or
/// truncated file fails the run instead of leaving it with zero cases to run.
@Suite struct ConformanceDataTests {
    /// A temporary folder with `files` (relative path → contents) copied or written into it.
    private static func folder(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-conformance-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    @Test func aMissingSpecThrows() throws {
        let root = try Self.folder([:])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: (any Error).self) { try CommonMarkSpec.examples(in: root) }
    }

    @Test func aTruncatedSpecThrowsNamingTheCount() throws {
        let fence = String(repeating: "`", count: 32)
        let root = try Self.folder(["commonmark/spec.txt": "# Tabs\n\n\(fence) example\n→foo\n.\n<pre><code>foo\n</code></pre>\n\(fence)\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let error = try #require(throws: ConformanceDataError.self) { try CommonMarkSpec.examples(in: root) }
        #expect(error.found == 1 && error.expected == 652)
    }

    @Test func redClothFixturesWithAFileMissingThrow() throws {
        let root = try Self.folder(["basic.yml": "---\nname: one\nin: a\nhtml: <p>a</p>\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: (any Error).self) { try RedClothFixtures.load(from: root) }
    }

    @Test func redClothFixturesWithTooFewCasesThrow() throws {
        var files: [String: String] = [:]
        for name in RedClothFixtures.fileNames { files[name] = "---\nname: \(name)\nin: a\nhtml: <p>a</p>\n" }
        let root = try Self.folder(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let error = try #require(throws: ConformanceDataError.self) { try RedClothFixtures.load(from: root) }
        #expect(error.found == RedClothFixtures.fileNames.count && error.expected == 541)
    }
}
