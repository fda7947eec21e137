import Foundation
import Testing

@testable import HockeyApp
import ZIPFoundation

@Suite struct BuildInfoTests {
    /// An .ipa written by Python's zipfile with deflated entries, a binary main plist, and a framework's
    /// Info.plist listed first (which must not be mistaken for the app's).
    static let deflatedIPA = "UEsDBBQAAAAIAMsNfl0D4c46uAAAAO4AAAA4AAAAUGF5bG9hZC9EZWZsYXRlZC5hcHAvRnJhbWV3b3Jrcy9LaXQuZnJhbWV3b3JrL0luZm8ucGxpc3RVjs0OgjAQhM/2KWrvsHoTU0rkLyEhSmI18Whoo8QCDVSRt7eIF2+b2ZlvhgbvWuGX7PqqbXyydlcEy6ZsRdXcfHLiqbMhAUN0GR8ifikSrFXVG1ycwjyLMHEAdlorCRDzGBd5duTYMgCSPcHkbozeAgzD4F4nl1u29WTsoehaLTsz5hbm2IArjCC2Zqb/zbGqqErD0II+5MiiNHw2Qsnz7KEwifbXm85OZp7nUfjdiMKcpPDlMvQBUEsDBBQAAAAIAMsNfl0DwOaxuAAAAOYAAAAfAAAAUGF5bG9hZC9EZWZsYXRlZC5hcHAvSW5mby5wbGlzdEsqyMksLjEwuMrIxMzCysbOwckVLyDs7OZUmpeSk+qSWVyQk1jpl5ibGi8gBBP1TEnNK8lMy0wtiheQggkGZ+QXlYSlFhVn5ucFlxRl5qXHC/DDJKHi8QICvpl5mbmluf7BUKEsBheGlwxpDDkMiQwlDKkMKQwK6sLxAiJ5qSV6qRWJuQU5qXouqWk5iSWpKaFGesZ6hsEmRoYhhmZ6BhzCmnbRuQ1T12zaxgAGjIwQmoGbARXsBgBQSwMEFAAAAAgAyw1+XVbUQYsKAAAAWAIAAB0AAABQYXlsb2FkL0RlZmxhdGVkLmFwcC9EZWZsYXRlZGNgZBiFo5DqEABQSwECFAMUAAAACADLDX5dA+HOOrgAAADuAAAAOAAAAAAAAAAAAAAAgAEAAAAAUGF5bG9hZC9EZWZsYXRlZC5hcHAvRnJhbWV3b3Jrcy9LaXQuZnJhbWV3b3JrL0luZm8ucGxpc3RQSwECFAMUAAAACADLDX5dA8DmsbgAAADmAAAAHwAAAAAAAAAAAAAAgAEOAQAAUGF5bG9hZC9EZWZsYXRlZC5hcHAvSW5mby5wbGlzdFBLAQIUAxQAAAAIAMsNfl1W1EGLCgAAAFgCAAAdAAAAAAAAAAAAAACAAQMCAABQYXlsb2FkL0RlZmxhdGVkLmFwcC9EZWZsYXRlZFBLBQYAAAAAAwADAP4AAABIAgAAAAA="

    @Test(arguments: [false, true], [PropertyListSerialization.PropertyListFormat.xml, .binary])
    func readsTheMainInfoPlistStoredOrDeflatedInEitherFormat(
        deflated: Bool, format: PropertyListSerialization.PropertyListFormat
    ) throws {
        let method: CompressionMethod = deflated ? .deflate : .none
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("Probe.ipa")
        var framework = ZipFixture.sampleKeys
        framework["CFBundleVersion"] = "9999"
        try ZipFixture.write(to: url, entries: [
            ("Payload/Probe.app/Frameworks/Kit.framework/Info.plist", ZipFixture.plist(framework, format: format), method),
            ("Payload/Probe.app/Info.plist", ZipFixture.plist(ZipFixture.sampleKeys, format: format), method),
            ("Payload/Probe.app/Probe", Data(repeating: 7, count: 100_000), method),
        ])
        let info = try BuildInfo.read(from: url)
        #expect(info == BuildInfo(
            bundleVersion: "421", shortVersion: "2.3.1", bundleIdentifier: "net.example.Probe",
            displayName: "Probe ✓", minimumOSVersion: "16.0"))
    }

    @Test func readsAZippedMacApp() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("Probe.app.zip")
        var keys = ZipFixture.sampleKeys
        keys["MinimumOSVersion"] = nil
        keys["LSMinimumSystemVersion"] = "14.0"
        try ZipFixture.write(to: url, entries: [("Probe.app/Contents/Info.plist", ZipFixture.plist(keys, format: .xml), .deflate)])
        let info = try BuildInfo.read(from: url)
        #expect(info.bundleVersion == "421")
        #expect(info.minimumOSVersion == "14.0")
    }

    @Test func readsADeflatedIPAWithABinaryPlist() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("Deflated.ipa")
        try #require(Data(base64Encoded: Self.deflatedIPA)).write(to: url)
        let info = try BuildInfo.read(from: url)
        #expect(info.bundleVersion == "421")
        #expect(info.shortVersion == "2.3.1")
        #expect(info.displayName == "Déflated ✓")
    }

    @Test(arguments: [0, 3_000_000, 48 << 20])
    func readsBackWhatSampleBuildWrites(padding: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("Sample.ipa")
        try SampleBuild.write(to: url, bundleVersion: "77", shortVersion: "3.0", bundleID: "net.example.Probe", padding: padding)
        let info = try BuildInfo.read(from: url)
        #expect(info.bundleVersion == "77")
        #expect(info.shortVersion == "3.0")
        #expect(info.bundleIdentifier == "net.example.Probe")
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int
        #expect(try #require(size) > padding)
    }

    @Test func sampleBuildsHoldStoredEntriesOfTheExactPaddingAndReplaceOldFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("Sample.ipa")
        try Data(repeating: 1, count: 5_000_000).write(to: url)
        let padding = (2 << 20) + 12_345
        try SampleBuild.write(to: url, bundleVersion: "5", bundleID: "net.example.Probe", padding: padding)
        let first = try Data(contentsOf: url)
        try SampleBuild.write(to: url, bundleVersion: "5", bundleID: "net.example.Probe", padding: padding)
        #expect(try Data(contentsOf: url) == first)

        let archive = try Archive(url: url, accessMode: .read)
        let entries = Array(archive)
        #expect(entries.map(\.path) == ["Payload/Probe.app/Info.plist", "Payload/Probe.app/Probe"])
        #expect(entries.allSatisfy { !$0.isCompressed })
        let executable = try #require(entries.last)
        #expect(executable.uncompressedSize == UInt64(padding))
        var contents = Data()
        _ = try archive.extract(executable) { contents.append($0) }  // also checks the CRC-32
        #expect(contents.count == padding)
        // The padding repeats a 1 MiB pattern, so it reads the same one MiB further on, up to the short last chunk.
        #expect(contents[900_000..<1_000_000] == contents[(900_000 + (1 << 20))..<(1_000_000 + (1 << 20))])
        #expect(contents[(2 << 20)..<padding] == contents[0..<12_345])
        #expect(contents[0..<4096] != contents[4096..<8192])
    }

    @Test func aMissingFileIsReportedAsMissing() throws {
        #expect(throws: HockeyAppError.buildFileMissing(path: "/nonexistent/App.ipa")) {
            try BuildInfo.read(from: URL(fileURLWithPath: "/nonexistent/App.ipa"))
        }
    }

    @Test func aFileThatIsNotAZipIsAnInvalidBuild() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("App.ipa")
        try Data("<html>not a build</html>".utf8).write(to: url)
        #expect(throws: HockeyAppError.invalidBuild(
            path: url.path, reason: "it is not a zip archive (no end of central directory)")) {
            try BuildInfo.read(from: url)
        }
    }

    @Test func aZipWithoutAnAppIsAnInvalidBuild() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("App.ipa")
        try ZipFixture.write(to: url, entries: [("README.txt", Data("hello".utf8), .deflate)])
        #expect(throws: HockeyAppError.invalidBuild(path: url.path, reason: "it holds no Payload/NAME.app/Info.plist")) {
            try BuildInfo.read(from: url)
        }
    }

    @Test(arguments: [
        (Data("not a plist at all".utf8), "its Info.plist is not a property list"),
        (ZipFixture.plist(["CFBundleShortVersionString": "1.0"], format: .xml), "its Info.plist has no CFBundleVersion"),
        (ZipFixture.plist(["CFBundleVersion": ""], format: .binary), "its Info.plist has no CFBundleVersion"),
        (ZipFixture.plist(["CFBundleVersion", "1"], format: .xml), "its Info.plist is not a dictionary"),
    ])
    func aBadInfoPlistIsAnInvalidBuild(plist: Data, reason: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("App.ipa")
        try ZipFixture.write(to: url, entries: [("Payload/App.app/Info.plist", plist, .deflate)])
        #expect(throws: HockeyAppError.invalidBuild(path: url.path, reason: reason)) {
            try BuildInfo.read(from: url)
        }
    }

    @Test func aDamagedDeflatedInfoPlistIsAnInvalidBuild() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("App.ipa")
        let name = "Payload/App.app/Info.plist"
        let plist = ZipFixture.plist(ZipFixture.sampleKeys, format: .xml)
        try ZipFixture.write(to: url, entries: [(name, plist, .deflate)])
        // Overwrite the middle of the compressed bytes, which follow the 30-byte local header and the name.
        var bytes = try Data(contentsOf: url)
        let middle = 30 + name.utf8.count + 40
        bytes.replaceSubrange(middle..<(middle + 16), with: Data(repeating: 0xA5, count: 16))
        try bytes.write(to: url)
        #expect {
            try BuildInfo.read(from: url)
        } throws: { error in
            guard case .invalidBuild(url.path, let reason)? = error as? HockeyAppError else { return false }
            return reason == "its Info.plist cannot be decompressed"
                || reason == "its Info.plist is damaged (checksum mismatch)"
        }
    }

    @Test func anInfoPlistLargerThanTheLimitIsRefusedWithoutReadingIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("App.ipa")
        let huge = Data(repeating: 0x20, count: BuildInfo.plistSizeLimit + 1)
        try ZipFixture.write(to: url, entries: [("Payload/App.app/Info.plist", huge, .deflate)])
        #expect(throws: HockeyAppError.invalidBuild(
            path: url.path, reason: "its Info.plist is larger than \(BuildInfo.plistSizeLimit) bytes")) {
            try BuildInfo.read(from: url)
        }
    }

    @Test func aFolderIsUnreadableRatherThanInvalid() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("Folder.ipa")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        #expect(throws: HockeyAppError.buildFileUnreadable(path: url.path, reason: "it is a folder, not a file")) {
            try BuildInfo.read(from: url)
        }
    }
}
