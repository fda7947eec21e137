import FuzzSupport
import Textile

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

// Textile → HTML (the RedCloth-compatible renderer). Properties: no crash or memory error on any
// bytes, and linear cost on every input repeated to 16 and 64 KiB (LinearityCheck).

let linearity = LinearityCheck(prose: referenceProse) { bytes in
    TextileDocument(bytes: bytes).html().utf8.count
}

func fuzzTextileRenderer(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = fuzzInputBytes(start, count)
    let elapsed = LinearityCheck.time { _ = TextileDocument(bytes: bytes).html() }
    linearity.check(bytes, elapsedNanoseconds: elapsed)
    return 0
}

exit(runFuzzer { fuzzTextileRenderer($0, $1) })
