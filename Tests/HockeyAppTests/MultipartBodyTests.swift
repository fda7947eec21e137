import Foundation
import Testing

@testable import HockeyApp

@Suite struct MultipartBodyTests {
    /// Reads a stream to its end with reads of `chunk` bytes.
    static func drain(_ stream: InputStream, chunk: Int) -> [UInt8]? {
        stream.open()
        defer { stream.close() }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = stream.read(&buffer, maxLength: chunk)
            if count < 0 { return nil }
            if count == 0 { return result }
            result += buffer[0..<count]
        }
    }

    @Test(arguments: [1, 7, 4096, 65_536, 1 << 20])
    func theStreamYieldsExactlyTheDeclaredBytes(chunk: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ipa = folder.url.appendingPathComponent("My \"App\".ipa")
        let content = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(content).write(to: ipa)
        let job = UploadJob(appID: "abc", ipa: ipa, notes: "Zeile 1\nZeile 2 — ✓", tags: ["a", "b"])
        let body = try MultipartBody(job: job, boundary: "BOUNDARY")
        let counter = TransferCounter(total: body.contentLength, onProgress: nil)
        let bytes = try #require(Self.drain(MultipartInputStream(body: body, counter: counter), chunk: chunk))

        #expect(bytes.count == body.contentLength)
        #expect(counter.isComplete)
        let expected = Array("""
            --BOUNDARY\r
            Content-Disposition: form-data; name="notes"\r
            \r
            Zeile 1
            Zeile 2 — ✓\r
            --BOUNDARY\r
            Content-Disposition: form-data; name="notes_type"\r
            \r
            1\r
            --BOUNDARY\r
            Content-Disposition: form-data; name="tags"\r
            \r
            a,b\r
            --BOUNDARY\r
            Content-Disposition: form-data; name="ipa"; filename="My %22App%22.ipa"\r
            Content-Type: application/octet-stream\r
            \r

            """.utf8) + content + Array("\r\n--BOUNDARY--\r\n".utf8)
        #expect(bytes == expected)
    }

    @Test func aFileThatShrinksWhileStreamingFailsTheStreamWithAClearReason() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ipa = folder.url.appendingPathComponent("App.ipa")
        try Data(repeating: 1, count: 10_000).write(to: ipa)
        let body = try MultipartBody(job: UploadJob(appID: "abc", ipa: ipa), boundary: "B")
        try Data(repeating: 1, count: 10).write(to: ipa)
        let counter = TransferCounter(total: body.contentLength, onProgress: nil)
        #expect(Self.drain(MultipartInputStream(body: body, counter: counter), chunk: 4096) == nil)
        #expect(counter.fileFailure == .buildFileUnreadable(path: ipa.path, reason: "it became shorter while it was being uploaded"))
    }

    @Test func boundariesAreFreshAndLongEnoughNotToOccurInABuild() {
        let first = MultipartBody.makeBoundary()
        let second = MultipartBody.makeBoundary()
        #expect(first != second)
        #expect(first.count == "shipnotes-".count + 32)
    }
}

@Suite struct NotesClipperTests {
    @Test func notesWithinTheLimitAreUntouched() {
        let notes = String(repeating: "é", count: NotesClipper.serverLimit)
        #expect(NotesClipper.clip(notes) == notes)
    }

    @Test func clipsAtTheLastWholeLine() {
        let line = String(repeating: "x", count: 99) + "\n"
        let notes = String(repeating: line, count: 60)
        let clipped = NotesClipper.clip(notes)
        #expect(clipped == String(repeating: line, count: 48) + String(repeating: "x", count: 99))
    }

    @Test func clipsALongParagraphAtAWordWithAnEllipsis() {
        let notes = String(repeating: "word ", count: 2_000)
        let clipped = NotesClipper.clip(notes, to: 23)
        #expect(clipped == "word word word word…")
        #expect(NotesClipper.length(of: clipped) <= 23)
    }

    @Test(arguments: ["🇫🇷", "👩🏽‍💻", "e\u{301}", "漢"])
    func neverSplitsACharacter(character: String) {
        let notes = String(repeating: character, count: 6_000)
        let clipped = NotesClipper.clip(notes)
        #expect(NotesClipper.length(of: clipped) <= NotesClipper.serverLimit)
        #expect(clipped.dropLast().allSatisfy { String($0) == character })
        #expect(clipped.hasSuffix("…"))
        #expect(String(decoding: Array(clipped.utf8), as: UTF8.self) == clipped)
    }
}
