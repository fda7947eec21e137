import CommonMark
import FuzzSupport
import ShipNotes
import Textile

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

// Markdown → Textile (TextileWriter over cmark's tree). Properties: no crash or memory error; the
// written Textile, rendered by our Textile renderer, shows what cmark's HTML of the Markdown shows
// (RenderingComparison, the comparison `shipnotes preview` reports; a difference is recorded by
// DifferenceLog, or stops the run with FUZZ_STRICT=1); linear cost of writing, on every input
// repeated to 16 and 64 KiB (LinearityCheck).

let linearity = LinearityCheck(prose: referenceProse) { bytes in
    TextileWriter.textileBytes(for: MarkdownDocument(bytes: bytes)).count
}

func fuzzMarkdownToTextile(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = fuzzInputBytes(start, count)
    var document: MarkdownDocument?
    var textile: [UInt8] = []
    let elapsed = LinearityCheck.time {
        document = MarkdownDocument(bytes: bytes)
        textile = TextileWriter.textileBytes(for: document!)
    }
    let comparison = RenderingComparison(
        markdownHTML: document!.html(), textileHTML: TextileDocument(bytes: textile).html()
    )
    if let difference = comparison.firstDifference {
        DifferenceLog.record(
            bytes, detail: difference.summary + "\n--- Textile:\n" + String(decoding: textile, as: UTF8.self),
            fileExtension: "md"
        )
    }
    linearity.check(bytes, elapsedNanoseconds: elapsed)
    return 0
}

exit(runFuzzer { fuzzMarkdownToTextile($0, $1) })
