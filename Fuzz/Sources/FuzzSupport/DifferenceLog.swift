#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a target keeps inputs that broke a property without crashing anything (a rendering that
/// differs from the reference, say): one file per distinct input in the folder that
/// `FUZZ_DIFFERENCES_DIR` names, called after a hash of its bytes so a rediscovered input is kept
/// once. With `FUZZ_STRICT=1` such an input stops the run instead, as a crash would, so that libFuzzer
/// minimises it.
public enum DifferenceLog {
    /// Records `input` (with `detail`, what differed, in a file beside it) or stops the process.
    public static func record(_ input: [UInt8], detail: String, fileExtension: String) {
        if let strict = getenv("FUZZ_STRICT"), String(cString: strict) == "1" {
            fatalError("property broken: \(detail)")
        }
        guard let folder = getenv("FUZZ_DIFFERENCES_DIR").map({ String(cString: $0) }), !folder.isEmpty else {
            return
        }
        let name = "\(folder)/\(hexHash(input))"
        write(input, to: "\(name).\(fileExtension)")
        write(Array(detail.utf8), to: "\(name).txt")
    }

    /// The 64-bit FNV-1a hash of `bytes` in hexadecimal: a stable file name, not a security measure.
    static func hexHash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func write(_ bytes: [UInt8], to path: String) {
        guard let file = fopen(path, "wb") else { return }
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
}
