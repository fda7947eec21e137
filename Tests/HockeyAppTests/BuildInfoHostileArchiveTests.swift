import Foundation
import Testing

@testable import HockeyApp

/// Crafted builds (``SampleBuild/Hostile``) must fail as invalid builds, promptly and without
/// reading or inflating more than the plist limit.
@Suite struct BuildInfoHostileArchiveTests {
    /// Each crafted build with the reason it must be refused for.
    static let cases: [(SampleBuild.Hostile, String)] = [
        (.neverEndingStoredBlock, "its Info.plist's deflate stream does not end within its zip entry"),
        (.emptyStoredBlocksWithoutEnd, "its Info.plist's deflate stream does not end within its zip entry"),
        (.streamCutShort, "its Info.plist's deflate stream does not end within its zip entry"),
        (.compressedSizeTooSmall, "its Info.plist's deflate stream does not end within its zip entry"),
        (.uncompressedSizeTooSmall, "its Info.plist is not the size its zip entry declares"),
        (.inflatesPastLimit, "its Info.plist is larger than \(BuildInfo.plistSizeLimit) bytes"),
    ]

    @Test(arguments: cases)
    func aCraftedBuildIsRefusedPromptly(kind: SampleBuild.Hostile, reason: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("\(kind.rawValue).ipa")
        try SampleBuild.writeHostile(kind, to: url)
        let outcome = try #require(
            await Self.readOnItsOwnThread(url), "reading \(kind.rawValue) did not end within the deadline")
        #expect(throws: HockeyAppError.invalidBuild(path: url.path, reason: reason)) { try outcome.get() }
        #expect(HockeyAppError.invalidBuild(path: url.path, reason: reason).localizedDescription
            .contains("is not a valid build"))
    }

    /// Reads the build on a thread of its own, so that a reader that spins for ever cannot hold
    /// up the test run; nil when it has not ended within a generous deadline.
    static func readOnItsOwnThread(_ url: URL) async -> Result<BuildInfo, HockeyAppError>? {
        let (outcomes, continuation) = AsyncStream.makeStream(of: Result<BuildInfo, HockeyAppError>.self)
        Thread {
            continuation.yield(Result { () throws(HockeyAppError) in try BuildInfo.read(from: url) })
            continuation.finish()
        }.start()
        return await withTaskGroup(of: Result<BuildInfo, HockeyAppError>?.self) { group in
            group.addTask {
                for await outcome in outcomes { return outcome }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(20))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
