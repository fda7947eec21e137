import Foundation
import Testing

@testable import HockeyApp

/// ``BuildInfo/read(fromArchive:path:)`` reads bytes in memory as ``BuildInfo/read(from:)`` reads a
/// file, and the zip reader under both refuses archives whose structure lies.
@Suite struct BuildInfoArchiveBytesTests {
    @Test(arguments: BuildInfoHostileArchiveTests.cases)
    func aCraftedBuildInMemoryIsRefusedAsFromAFile(kind: SampleBuild.Hostile, reason: String) {
        #expect(throws: HockeyAppError.invalidBuild(path: "memory.ipa", reason: reason)) {
            try BuildInfo.read(fromArchive: SampleBuild.hostileArchive(kind), path: "memory.ipa")
        }
    }

    @Test func readsASampleBuildInMemory() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("Sample.ipa")
        try SampleBuild.write(to: url, bundleVersion: "12", shortVersion: "4.5", bundleID: "net.example.Probe", padding: 10_000)
        let info = try BuildInfo.read(fromArchive: Data(contentsOf: url), path: "Sample.ipa")
        #expect(info == (try BuildInfo.read(from: url)))
        #expect(info.bundleVersion == "12")
        #expect(info.shortVersion == "4.5")
    }

    @Test func aDeflatedPlistWithHonestHeadersIsRead() throws {
        let plist = ZipFixture.plist(ZipFixture.sampleKeys, format: .binary)
        let stream = try ZipFixture.deflated(plist)
        let archive = ZipArchiveWriter(entries: [
            .init(name: "Payload/Probe.app/Info.plist", method: 8, data: stream, crc32: BoundedInflater.checksum(plist),
                  compressedSize: nil, uncompressedSize: UInt32(plist.count)),
        ]).archive()
        #expect(try BuildInfo.read(fromArchive: archive, path: "Probe.ipa").bundleVersion == "421")
    }

    /// Archives whose central directory or local header points where nothing of the kind is.
    @Test(arguments: [
        ("a central directory offset past its end", 16, UInt32(0x7FFF_FFFF), "its zip central directory is damaged"),
        ("an entry count above what the directory holds", 10, UInt32(0xFFFF), "it holds no Payload/NAME.app/Info.plist"),
    ])
    func aLyingEndRecordIsRefused(_ label: String, field: Int, value: UInt32, reason: String) throws {
        var archive = [UInt8](ZipArchiveWriter(entries: [
            .init(name: "Payload/Probe.app/Probe", method: 0, data: Data("binary".utf8), crc32: 0,
                  compressedSize: nil, uncompressedSize: 6),
        ]).archive())
        // The end record is the archive's last 22 bytes; `field` is an offset within it.
        let end = archive.count - 22 + field
        let width = field == 10 ? 2 : 4
        for index in 0..<width { archive[end + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
        #expect(throws: HockeyAppError.invalidBuild(path: "Probe.ipa", reason: reason), "\(label)") {
            try BuildInfo.read(fromArchive: Data(archive), path: "Probe.ipa")
        }
    }

    @Test func aLocalHeaderOffsetPastTheEndIsADamagedEntry() throws {
        let plist = ZipFixture.plist(ZipFixture.sampleKeys, format: .xml)
        var archive = [UInt8](ZipArchiveWriter(entries: [
            .init(name: "Payload/Probe.app/Info.plist", method: 0, data: plist, crc32: BoundedInflater.checksum(plist),
                  compressedSize: nil, uncompressedSize: UInt32(plist.count)),
        ]).archive())
        // The directory record follows the local header (30 bytes), the name and the data; its
        // local-header offset is 42 bytes into it.
        let record = 30 + "Payload/Probe.app/Info.plist".utf8.count + plist.count
        for index in 0..<4 { archive[record + 42 + index] = 0x7F }
        #expect(throws: HockeyAppError.invalidBuild(path: "Probe.ipa", reason: "the zip entry of its Info.plist is damaged")) {
            try BuildInfo.read(fromArchive: Data(archive), path: "Probe.ipa")
        }
    }

    @Test func anEmptyOrTinyInputIsNotAZip() {
        for bytes in [Data(), Data([0x50, 0x4B, 0x05, 0x06]), Data(repeating: 0, count: 100)] {
            #expect(throws: HockeyAppError.invalidBuild(
                path: "x.ipa", reason: "it is not a zip archive (no end of central directory)")) {
                try BuildInfo.read(fromArchive: bytes, path: "x.ipa")
            }
        }
    }
}
