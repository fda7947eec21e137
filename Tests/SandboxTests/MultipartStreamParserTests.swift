import Foundation
@testable import Sandbox
import Testing

/// The sandbox's own multipart parser: the same parts whatever the chunking, the grammar's corners,
/// and refusals (never a trap) for what is not multipart.
@Suite struct MultipartStreamParserTests {
    /// What a parse produced: headers and body per part, and the verdict.
    struct Parsed: Equatable {
        var parts: [(headers: [String], body: [UInt8])] = []
        var failure: MultipartStreamParser.Failure?
        var complete = false

        static func == (a: Parsed, b: Parsed) -> Bool {
            a.failure == b.failure && a.complete == b.complete && a.parts.count == b.parts.count
                && zip(a.parts, b.parts).allSatisfy { $0.headers == $1.headers && $0.body == $1.body }
        }
    }

    final class Collector {
        var parsed = Parsed()
        var headers: [String] = []
        var body: [UInt8] = []
    }

    static func parse(_ text: String, boundary: String = "B0undary", chunkSize: Int = .max) -> Parsed {
        parse(Array(text.utf8), boundary: boundary, chunkSize: chunkSize)
    }

    static func parse(_ bytes: [UInt8], boundary: String = "B0undary", chunkSize: Int = .max) -> Parsed {
        let collector = Collector()
        var parser = MultipartStreamParser(boundary: boundary)
        parser.onHeader = { collector.headers.append("\($0)=\($1)") }
        parser.onBody = { collector.body.append(contentsOf: $0) }
        parser.onPartComplete = {
            collector.parsed.parts.append((collector.headers, collector.body))
            collector.headers = []
            collector.body = []
        }
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + min(chunkSize, bytes.count))
            do {
                try bytes[offset..<end].withUnsafeBytes { try parser.execute($0) }
            } catch {
                collector.parsed.failure = error as? MultipartStreamParser.Failure
                return collector.parsed
            }
            offset = end
        }
        collector.parsed.complete = parser.isComplete
        return collector.parsed
    }

    static let form = "--B0undary\r\nContent-Disposition: form-data; name=\"notes\"\r\n\r\n* one\r\n* two\r\n"
        + "--B0undary\r\nContent-Disposition: form-data; name=\"ipa\"; filename=\"A.ipa\"\r\nContent-Type:  application/octet-stream \r\n\r\n"
        + "PK\r\n--B0undar\r\n-\r\r\n--B0undary--\r\n"

    @Test func readsFieldsAndFiles() {
        let parsed = Self.parse(Self.form)
        #expect(parsed.failure == nil && parsed.complete)
        #expect(parsed.parts.count == 2)
        #expect(parsed.parts.first?.headers == ["Content-Disposition=form-data; name=\"notes\""])
        #expect(parsed.parts.first?.body == Array("* one\r\n* two".utf8))
        #expect(parsed.parts.last?.headers.last == "Content-Type=application/octet-stream")
        // Near-delimiters inside a body are body bytes: a shorter boundary, a CR before the CRLF.
        #expect(parsed.parts.last?.body == Array("PK\r\n--B0undar\r\n-\r".utf8))
    }

    /// Every chunk size from 1 byte up gives what the whole body gives, so a delimiter, a CRLF or a
    /// header split between chunks is read the same.
    @Test func chunkingChangesNothing() {
        let whole = Self.parse(Self.form)
        for size in 1...Self.form.utf8.count {
            #expect(Self.parse(Self.form, chunkSize: size) == whole, "chunks of \(size) bytes")
        }
    }

    @Test func preambleAndEpilogueAreIgnored() {
        let parsed = Self.parse("This is a preamble.\r\n--B0undary\r\nA: b\r\n\r\nx\r\n--B0undary--\r\nepilogue --B0undary\r\n")
        #expect(parsed.complete && parsed.parts.count == 1 && parsed.parts[0].body == [UInt8(ascii: "x")])
    }

    @Test func blanksAfterADelimiterAreTransportPadding() {
        let parsed = Self.parse("--B0undary \t\r\nA: b\r\n\r\nx\r\n--B0undary--")
        #expect(parsed.failure == nil && parsed.complete && parsed.parts.count == 1)
    }

    @Test(arguments: [
        "--B0undary\r\nN\u{E4}me: x\r\n\r\nx\r\n--B0undary--",  // a header name that is not a token
        "--B0undary\r\n\u{FF}\r\n\r\nx\r\n--B0undary--",
        "--B0undary\r\nno colon\r\n\r\nx\r\n--B0undary--",
        "--B0undary\r\n: empty name\r\n\r\nx\r\n--B0undary--",
        "--B0undary\r\nA: b\n\r\n\r\nx\r\n--B0undary--",  // a bare LF
        "--B0undaryx\r\nA: b\r\n\r\n",  // the delimiter run into other characters
        "--B0undary-x",
    ])
    func malformedInputIsRefused(text: String) {
        #expect(Self.parse(text).failure == .syntax)
    }

    @Test func headersAreBounded() {
        let text = "--B0undary\r\nA: " + String(repeating: "v", count: MultipartStreamParser.maxHeaderBytes) + "\r\n\r\n"
        #expect(Self.parse(text).failure == .headersTooLong)
    }

    @Test(arguments: ["", "no delimiter at all", "--B0undary\r\nA: b\r\n\r\nunterminated body", "--B0undary\r\nA: b"])
    func anUnfinishedBodyIsNotComplete(text: String) {
        let parsed = Self.parse(text)
        #expect(parsed.failure == nil && !parsed.complete)
    }

    /// Every byte value in every position of a small form: refused or parsed, never a trap (the
    /// parser this one replaced indexed a 128-entry table with header-name bytes).
    @Test func everyByteAnywhereIsParsedOrRefused() {
        let form = Array("--B0undary\r\nA: b\r\n\r\nxy\r\n--B0undary--\r\n".utf8)
        for position in form.indices {
            for byte in UInt8.min...UInt8.max {
                var bytes = form
                bytes[position] = byte
                _ = Self.parse(bytes, chunkSize: 7)
            }
        }
    }
}
