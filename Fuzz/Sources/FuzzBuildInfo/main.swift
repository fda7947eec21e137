import Foundation
import FuzzSupport
import HockeyApp

// A build's Info.plist read from an .ipa (a zip): the end record, the central directory, the entry,
// its inflation under a budget and the plist itself. Properties: no crash or memory error on any
// bytes, and no input that runs into libFuzzer's timeout (run.sh gives each input 20 s; reading a
// build must be bounded in bytes and time whatever the archive holds). Unreadable bytes are an
// `invalidBuild` error, which is fine.

func fuzzBuildInfo(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = Data(fuzzInputBytes(start, count))
    if let info = try? BuildInfo.read(fromArchive: data, path: "Fuzz.ipa") {
        _ = (info.bundleVersion, info.shortVersion, info.bundleIdentifier)
    }
    return 0
}

exit(runFuzzer { fuzzBuildInfo($0, $1) })
