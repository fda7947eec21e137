#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Synchronization

/// Checks that a piece of work grows linearly with its input: the fuzzer's input is repeated to
/// `amplifiedSize / 4` bytes and to `amplifiedSize` bytes (16 and 64 KiB: large enough that timer
/// and scheduler noise is small beside the work), the work is timed on both, and four times the
/// input may cost at most `growthLimit` times as much (linear work costs 4 times as much,
/// work that grows with the square of its input 16 times).
///
/// A fuzzer's inputs are small (libFuzzer's default is at most 4 KiB), too small for a path that
/// grows faster than linearly to stand out; repeated, the input keeps its constructs, so such a path
/// shows in the ratio, whatever a byte of the input costs (text full of markup costs many times what
/// prose does and is still linear). The measure is the thread's CPU time; each size is timed up to
/// three times and the fastest run counts, so a cache or allocator hiccup does not read as a finding.
public struct LinearityCheck: Sendable {
    /// The larger size the input is repeated up to; the smaller is a quarter of it.
    public let amplifiedSize: Int
    /// How many times the smaller size's time the larger may take.
    public let growthLimit: Double
    /// Time the larger size may take beyond that, for fixed costs and timer noise.
    public let allowanceNanoseconds: Double
    private let work: @Sendable ([UInt8]) -> Int
    /// What the work costs per byte of prose: an input whose own run costs far more per byte is
    /// always checked, not only when sampled.
    private let nanosecondsPerByte: Double

    /// Measures `work` on `prose` as the reference rate. `work` returns the size of what it made
    /// (0 when it makes nothing to speak of). Disabled, so that `check` does nothing, when
    /// the environment sets `FUZZ_LINEARITY=0`.
    public init(
        prose: String, amplifiedSize: Int = 64 * 1024, growthLimit: Double = 10, allowanceMilliseconds: Double = 5,
        work: @escaping @Sendable ([UInt8]) -> Int
    ) {
        self.amplifiedSize = amplifiedSize
        self.growthLimit = growthLimit
        self.allowanceNanoseconds = allowanceMilliseconds * 1_000_000
        self.work = work
        let reference = Self.repeated(Array(prose.utf8), to: amplifiedSize)
        var best = Double.infinity
        for _ in 0..<5 { best = min(best, Self.time { _ = work(reference) }) }
        nanosecondsPerByte = best / Double(reference.count)
    }

    /// Whether the check runs (`FUZZ_LINEARITY` is not `0`).
    public static var isEnabled: Bool { getenv("FUZZ_LINEARITY").map { String(cString: $0) } != "0" }

    /// Stops the process (a finding libFuzzer records with the input) when `input` repeated to the
    /// larger size costs more than `growthLimit` times what it costs repeated to the smaller one.
    ///
    /// The repeated runs are most of a target's time, so they are made for every `sampling`-th
    /// input and for any input whose own run, `elapsedNanoseconds`, cost over 20 times prose's rate (and a
    /// millisecond, so that the fixed cost of a call does not make every small input count).
    public func check(_ input: [UInt8], elapsedNanoseconds: Double) {
        guard Self.isEnabled, input.count >= 8, input.count * 16 <= amplifiedSize else { return }
        let counter = Self.calls.add(1, ordering: .relaxed).newValue
        let costly = elapsedNanoseconds > 20 * nanosecondsPerByte * Double(input.count) + 1_000_000
        guard costly || counter % Self.sampling == 0 else { return }
        let small = Self.repeated(input, to: amplifiedSize / 4), large = Self.repeated(input, to: amplifiedSize)
        var smallTime = Double.infinity, largeTime = Double.infinity
        var smallOutput = 0, largeOutput = 0
        for _ in 0..<3 {
            smallTime = min(smallTime, Self.time { smallOutput = work(small) })
            largeTime = min(largeTime, Self.time { largeOutput = work(large) })
            // The work may grow with its output where the output itself grows faster than the input
            // (RedCloth copies the rest of a paragraph for every unclosed `<notextile>`, and the
            // renderer must write the same bytes): the budget follows input and output together.
            let growth = Double(large.count + largeOutput) / Double(small.count + smallOutput)
            let budget = growthLimit * smallTime * growth / 4 + allowanceNanoseconds
            if largeTime <= budget { return }
        }
        fatalError(
            "not linear: the input repeated to \(large.count) bytes took \(Int(largeTime / 1_000_000)) ms, "
                + "\((largeTime / smallTime * 10).rounded() / 10) times its \(small.count)-byte repetition "
                + "(\(Int(smallTime / 1_000_000)) ms); the limit is \(Int(growthLimit)) times"
        )
    }

    /// One input in this many gets the amplified run whatever its own time.
    static let sampling = 16
    private static let calls = Atomic<Int>(0)

    /// `bytes` repeated, whole copies only, to at least `size` bytes (at least one copy).
    static func repeated(_ bytes: [UInt8], to size: Int) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        var result: [UInt8] = []
        result.reserveCapacity(size + bytes.count)
        repeat { result += bytes } while result.count < size
        return result
    }

    /// CPU time of the calling thread spent in `body`, in nanoseconds. CPU time, not wall time, so
    /// that other processes on a busy machine (a build beside the fuzzer) do not read as the work
    /// growing faster than its input; the work is single-threaded.
    public static func time(_ body: () -> Void) -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) * 1e9 + Double(end.tv_nsec - start.tv_nsec)
    }
}
