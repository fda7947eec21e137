// changelog-bench: times ChangelogReader in process on one changelog, for Benchmarks/jobs/changelog.sh.
//
//   changelog-bench FILE [--iterations N] [--warmup N] [--min-time SECONDS] [--list-only]
//
// The file is read once into memory; each iteration then times only the reader, so the figures are
// the reader's throughput without process start or I/O (the whole-process numbers are hyperfine's).
//   list     `outline(bytes:path:)`: every release heading with its version, date and line (--list).
//   extract  outline, then the release in the middle of the file by version (--version V): the
//            selection's duplicate check and the copy of one body and its link definitions.
// Without --list-only a file with no release is an error; with it, the reader's error is timed too
// (pathological inputs often hold no release heading), and only the list is timed.
//
// --min-time repeats each measurement past N iterations until that much time has been timed, so
// that a read of a few microseconds gets thousands of samples (at most 100,000).
//
// Prints key=value lines. MB is 10^6 bytes; `*_mb_per_s` uses the median iteration,
// `*_best_mb_per_s` the fastest.

import Foundation
import ShipNotes

struct Arguments {
    var path = ""
    var iterations = 20
    var warmup = 3
    var minimumSeconds = 0.0
    var listOnly = false

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            switch argument {
            case "--iterations": iterations = Self.number(rest.popFirst())
            case "--warmup": warmup = Self.number(rest.popFirst())
            case "--min-time":
                guard let text = rest.popFirst(), let value = Double(text) else { Self.usage() }
                minimumSeconds = value
            case "--list-only": listOnly = true
            default:
                if argument.hasPrefix("-") || !path.isEmpty { Self.usage() }
                path = argument
            }
        }
        if path.isEmpty || iterations < 1 || warmup < 0 { Self.usage() }
    }

    static func number(_ text: String?) -> Int {
        guard let text, let value = Int(text) else { usage() }
        return value
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: changelog-bench FILE [--iterations N] [--warmup N] [--min-time SECONDS] [--list-only]\n".utf8))
        exit(2)
    }
}

/// Times of one measured operation, in seconds, sorted.
struct Timing {
    var seconds: [Double]

    var best: Double { seconds[0] }
    var median: Double {
        let count = seconds.count
        return count % 2 == 1 ? seconds[count / 2] : (seconds[count / 2 - 1] + seconds[count / 2]) / 2
    }

    func report(_ name: String, bytes: Int) {
        let megabytes = Double(bytes) / 1_000_000
        print("\(name)_iterations=\(seconds.count)")
        print("\(name)_best_ms=\(format(best * 1000))")
        print("\(name)_median_ms=\(format(median * 1000))")
        print("\(name)_mb_per_s=\(format(megabytes / median))")
        print("\(name)_best_mb_per_s=\(format(megabytes / best))")
    }
}

func format(_ value: Double) -> String { String(format: "%.3f", value) }

/// Runs `body` `warmup` times untimed, then at least `iterations` times timed with the monotonic
/// clock, and on until `minimumSeconds` have been timed. What `body` returns is summed into
/// `checksum`, so that no call can be optimised away.
func measure(warmup: Int, iterations: Int, minimumSeconds: Double, checksum: inout Int, _ body: () -> Int) -> Timing {
    let clock = ContinuousClock()
    for _ in 0..<warmup { checksum &+= body() }
    var seconds: [Double] = []
    seconds.reserveCapacity(iterations)
    var total = 0.0
    while seconds.count < iterations || (total < minimumSeconds && seconds.count < 100_000) {
        var result = 0
        let elapsed = clock.measure { result = body() }
        checksum &+= result
        let parts = elapsed.components
        let time = Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
        seconds.append(time)
        total += time
    }
    return Timing(seconds: seconds.sorted())
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("changelog-bench: \(message)\n".utf8))
    exit(1)
}

let arguments = Arguments(CommandLine.arguments)
guard let data = FileManager.default.contents(atPath: arguments.path) else { fail("cannot read \(arguments.path)") }
let bytes = [UInt8](data)
let reader: ChangelogReader
do { reader = try ChangelogReader() } catch { fail("\(error)") }
var checksum = 0

print("file=\(arguments.path)")
print("bytes=\(bytes.count)")

// What the first call gives decides what the timed calls must give.
let firstOutline: ChangelogOutline?
do {
    firstOutline = try reader.outline(bytes: bytes, path: arguments.path)
} catch {
    if !arguments.listOnly { fail(error.localizedDescription) }
    firstOutline = nil
    print("list_error=\(String(describing: error).prefix(while: { $0 != "(" }))")
}
print("releases=\(firstOutline?.headings.count ?? 0)")

/// `measure` with the command line's iteration settings.
@MainActor func timed(_ body: () -> Int) -> Timing {
    measure(
        warmup: arguments.warmup, iterations: arguments.iterations, minimumSeconds: arguments.minimumSeconds,
        checksum: &checksum, body)
}

let list = timed {
    do {
        let outline = try reader.outline(bytes: bytes, path: arguments.path)
        return outline.headings.count &+ (outline.headings.last?.line ?? 0)
    } catch {
        return -1
    }
}
list.report("list", bytes: bytes.count)

if !arguments.listOnly, let outline = firstOutline {
    let middle = outline.headings.count / 2
    guard let version = outline.headings[middle].version?.written else { fail("the middle release has no version") }
    let extracted: Release
    do { extracted = try outline.releases(.version(version))[0] } catch { fail(error.localizedDescription) }
    print("extract_version=\(version)")
    print("extract_notes_bytes=\(extracted.notes.utf8.count)")
    let extract = timed {
        do {
            let outline = try reader.outline(bytes: bytes, path: arguments.path)
            let release = try outline.releases(.version(version))[0]
            return release.body.utf8.count &+ release.linkDefinitions.count
        } catch {
            fail("\(version): \(error.localizedDescription)")
        }
    }
    extract.report("extract", bytes: bytes.count)
    // The extraction alone, on an outline made once: how much of `extract` is the body's copy.
    let select = timed {
        let release = try? outline.releases(.version(version))[0]
        return release?.body.utf8.count ?? -1
    }
    print("extract_only_median_ms=\(format(select.median * 1000))")
}
print("checksum=\(checksum)")
