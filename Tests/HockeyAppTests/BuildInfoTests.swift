import Foundation
import Testing

@testable import HockeyApp

@Suite struct BuildInfoTests {
    /// A plist deflated by zlib three ways, so each DEFLATE block type is decoded.
    static let deflatedPlists: [(blockType: String, base64: String)] = [
        ("dynamic", "hZDRaoNAEEWf61ds992dmJZSysbQaAKCTQRNoY/iTpql7iq6qcnfd42BEkvo68w9Zy7D50dVkm9sWlnpGfXYhBLURSWk/pzRbbZyn+ncd/h9uAmyj2RJ6lK2hiTbRRwFhLoAr3VdIkCYhSSJozQj1gGwXFNC98bULwBd17G8T7GiUn2whaSpamzMKbYy1wJMGEHtmcF+VcdOhSyM79zxLzz5wWpx0KLESKA2ciex4dDP7bo1jW3tazQMj7nqD4a4K3ODgsNlObKsc4Vj/j8m3VeNeR8qpufE2DBlD8y7hV/IMfM4/UO8SS3VQW3SG4j3xCa/DIfhTRzOT/SdHw=="),
        ("fixed", "s7GvyM1RKEstKs7Mz7NVMtQzUFJIzUvOT8nMS7dVCg1x07VQsrfjslF08XcOiQxwVSjIySwuUQgIdfLxdFZQ0tXXdywoyEnV13cJcVEI8PEMDlEAmqGv7+qnpKCUUVJSYKWvX15erpcIUqWXnJ8LUlisH1CUX5BaVFLpAzRMF6hBL6UkRQloDcR0FOcARVMyk0vsuDhtslMr7ZzdnErzUnJSPVNS80oy0zJTi2z0QeJA6eKSIqCr7fJSS/RSKxJzQRa6pKblJJakptjoQyXRTPFLzE1F109IT3BGflFJGMSJwWAV6CYY6RnrGeLSDtWJrsfECEOHb2ZeZm5prn8wDi2GZnoGCD02+pBgstEHB6IdFwA="),
        ("stored", "AdsBJP48P3htbCB2ZXJzaW9uPSIxLjAiIGVuY29kaW5nPSJVVEYtOCI/Pgo8IURPQ1RZUEUgcGxpc3QgUFVCTElDICItLy9BcHBsZS8vRFREIFBMSVNUIDEuMC8vRU4iICJodHRwOi8vd3d3LmFwcGxlLmNvbS9EVERzL1Byb3BlcnR5TGlzdC0xLjAuZHRkIj4KPHBsaXN0IHZlcnNpb249IjEuMCI+CjxkaWN0PgoJPGtleT5DRkJ1bmRsZUlkZW50aWZpZXI8L2tleT4KCTxzdHJpbmc+bmV0LmV4YW1wbGUuRGVmbGF0ZWQ8L3N0cmluZz4KCTxrZXk+Q0ZCdW5kbGVOYW1lPC9rZXk+Cgk8c3RyaW5nPkRlZmxhdGVkPC9zdHJpbmc+Cgk8a2V5PkNGQnVuZGxlU2hvcnRWZXJzaW9uU3RyaW5nPC9rZXk+Cgk8c3RyaW5nPjIuMy4xPC9zdHJpbmc+Cgk8a2V5PkNGQnVuZGxlVmVyc2lvbjwva2V5PgoJPHN0cmluZz40MjE8L3N0cmluZz4KCTxrZXk+TWluaW11bU9TVmVyc2lvbjwva2V5PgoJPHN0cmluZz4xNi4wPC9zdHJpbmc+CjwvZGljdD4KPC9wbGlzdD4K"),
    ]

    /// An .ipa written by Python's zipfile with deflated entries, a binary main plist, and a framework's
    /// Info.plist listed first (which must not be mistaken for the app's).
    static let deflatedIPA = "UEsDBBQAAAAIAMsNfl0D4c46uAAAAO4AAAA4AAAAUGF5bG9hZC9EZWZsYXRlZC5hcHAvRnJhbWV3b3Jrcy9LaXQuZnJhbWV3b3JrL0luZm8ucGxpc3RVjs0OgjAQhM/2KWrvsHoTU0rkLyEhSmI18Whoo8QCDVSRt7eIF2+b2ZlvhgbvWuGX7PqqbXyydlcEy6ZsRdXcfHLiqbMhAUN0GR8ifikSrFXVG1ycwjyLMHEAdlorCRDzGBd5duTYMgCSPcHkbozeAgzD4F4nl1u29WTsoehaLTsz5hbm2IArjCC2Zqb/zbGqqErD0II+5MiiNHw2Qsnz7KEwifbXm85OZp7nUfjdiMKcpPDlMvQBUEsDBBQAAAAIAMsNfl0DwOaxuAAAAOYAAAAfAAAAUGF5bG9hZC9EZWZsYXRlZC5hcHAvSW5mby5wbGlzdEsqyMksLjEwuMrIxMzCysbOwckVLyDs7OZUmpeSk+qSWVyQk1jpl5ibGi8gBBP1TEnNK8lMy0wtiheQggkGZ+QXlYSlFhVn5ucFlxRl5qXHC/DDJKHi8QICvpl5mbmluf7BUKEsBheGlwxpDDkMiQwlDKkMKQwK6sLxAiJ5qSV6qRWJuQU5qXouqWk5iSWpKaFGesZ6hsEmRoYhhmZ6BhzCmnbRuQ1T12zaxgAGjIwQmoGbARXsBgBQSwMEFAAAAAgAyw1+XVbUQYsKAAAAWAIAAB0AAABQYXlsb2FkL0RlZmxhdGVkLmFwcC9EZWZsYXRlZGNgZBiFo5DqEABQSwECFAMUAAAACADLDX5dA+HOOrgAAADuAAAAOAAAAAAAAAAAAAAAgAEAAAAAUGF5bG9hZC9EZWZsYXRlZC5hcHAvRnJhbWV3b3Jrcy9LaXQuZnJhbWV3b3JrL0luZm8ucGxpc3RQSwECFAMUAAAACADLDX5dA8DmsbgAAADmAAAAHwAAAAAAAAAAAAAAgAEOAQAAUGF5bG9hZC9EZWZsYXRlZC5hcHAvSW5mby5wbGlzdFBLAQIUAxQAAAAIAMsNfl1W1EGLCgAAAFgCAAAdAAAAAAAAAAAAAACAAQMCAABQYXlsb2FkL0RlZmxhdGVkLmFwcC9EZWZsYXRlZFBLBQYAAAAAAwADAP4AAABIAgAAAAA="

    @Test(arguments: deflatedPlists.map(\.base64))
    func inflatesEveryBlockType(base64: String) throws {
        let bytes = try Inflater.inflate([UInt8](try #require(Data(base64Encoded: base64))))
        let info = try BuildInfo.parse(plist: Data(bytes), path: "Info.plist")
        #expect(info == BuildInfo(
            bundleVersion: "421", shortVersion: "2.3.1", bundleIdentifier: "net.example.Deflated",
            displayName: "Deflated", minimumOSVersion: "16.0"))
    }

    @Test func rejectsTruncatedDeflateStreams() throws {
        let bytes = [UInt8](try #require(Data(base64Encoded: Self.deflatedPlists[0].base64)))
        #expect(throws: Inflater.Failure.self) { try Inflater.inflate(Array(bytes.prefix(100))) }
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

    @Test(arguments: [0, 3_000_000])
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
        var writer = try ZipArchiveWriter(url: url)
        try writer.addEntry(name: "README.txt", bytes: Array("hello".utf8))
        try writer.finish()
        #expect(throws: HockeyAppError.invalidBuild(path: url.path, reason: "it holds no Payload/NAME.app/Info.plist")) {
            try BuildInfo.read(from: url)
        }
    }
}
