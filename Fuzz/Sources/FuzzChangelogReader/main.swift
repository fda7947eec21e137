import FuzzSupport
import ShipNotes

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

// The changelog reader (dialect detection, release titles, dates, sections). Properties: no crash or
// memory error on any bytes (unreadable input is a thrown error, which is fine), and linear cost on
// every input repeated to 16 and 64 KiB (LinearityCheck).

let reader = try! ChangelogReader()

/// Reads `bytes` as `shipnotes notes --changelog` does: the outline, then every release's fields.
func readChangelog(_ bytes: [UInt8]) {
    guard let changelog = try? reader.read(bytes: bytes, path: "CHANGELOG.md") else { return }
    for release in changelog.releases { _ = (release.version?.written, release.date, release.body.utf8.count) }
}

let linearity = LinearityCheck(prose: referenceProse) { bytes in
    readChangelog(bytes)
    return 0
}

func fuzzChangelogReader(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = fuzzInputBytes(start, count)
    let elapsed = LinearityCheck.time { readChangelog(bytes) }
    linearity.check(bytes, elapsedNanoseconds: elapsed)
    return 0
}

exit(runFuzzer { fuzzChangelogReader($0, $1) })
