import Foundation

/// Splits a `multipart/form-data` body (RFC 7578 over RFC 2046's syntax) into parts as it arrives,
/// chunk by chunk, calling back with each header, each run of body bytes and the end of each part.
///
/// Written for the sandbox's upload endpoint, where the body comes from any client: every byte
/// sequence is either parsed or refused with ``Failure``, never a trap, and the work is linear in the
/// body's size (each byte is looked at a bounded number of times; a body chunk is scanned with
/// `memchr` for the CR that can start a delimiter). Headers are capped in size, so a part cannot
/// grow a header without end.
///
/// The grammar followed: an optional preamble, then `--boundary`; after each delimiter either `--`
/// (the close delimiter, anything after it is an epilogue and ignored) or optional spaces and tabs
/// and CRLF, then the part's header lines (`name: value` CRLF, names made of RFC 9110 token
/// characters), an empty line, and the body up to the next CRLF `--boundary`.
struct MultipartStreamParser {
    /// Why a body is not multipart.
    enum Failure: Error, Equatable {
        case syntax
        case headersTooLong
    }

    /// Called with each header of a part, name and value (leading and trailing blanks dropped),
    /// decoded as UTF-8 (names are ASCII by then).
    var onHeader: (String, String) -> Void = { _, _ in }
    /// Called with body bytes of the current part, in order; one part's body may come in any number
    /// of calls, including none.
    var onBody: (UnsafeRawBufferPointer) -> Void = { _ in }
    /// Called at the end of each part (its delimiter seen).
    var onPartComplete: () -> Void = {}

    /// The most header bytes a part may have.
    static let maxHeaderBytes = 16 * 1024

    private enum State {
        case preamble
        /// After `--boundary`: `dashes` of the close delimiter seen, or blanks before the CRLF.
        case afterDelimiter(dashes: Int, sawCR: Bool)
        case headers
        case body
        case epilogue
    }

    /// CRLF `--boundary`: what ends a part's body. The first delimiter of a body may come without
    /// the CRLF, so the parser starts as if the body were preceded by one.
    private let delimiter: [UInt8]
    private var state = State.preamble
    /// The bytes at the end of the last chunk that may be the start of a delimiter: at most
    /// `delimiter.count - 1` of them, kept because the next chunk decides.
    private var carry: [UInt8] = [13, 10]
    private var headerLine: [UInt8] = []
    private var headerBytes = 0
    private var failure: Failure?

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// Whether the body so far ended with its close delimiter (or, leniently, with a delimiter
    /// that closed a part and nothing after it).
    var isComplete: Bool {
        switch state {
        case .epilogue: true
        case .afterDelimiter(let dashes, let sawCR): dashes == 0 && !sawCR
        default: false
        }
    }

    /// Parses the next chunk of the body.
    ///
    /// - Throws: ``Failure`` at the first byte that cannot be multipart; later calls throw it again.
    mutating func execute(_ chunk: UnsafeRawBufferPointer) throws(Failure) {
        if let failure { throw failure }
        guard !chunk.isEmpty else { return }
        do {
            try run(UnsafeRawBufferPointer(rebasing: chunk[resolveCarry(chunk)...]))
        } catch {
            failure = error
            throw error
        }
    }

    /// Settles the bytes carried from the last chunk, a proper prefix of the delimiter, against the
    /// start of `chunk`, and returns where parsing goes on in `chunk`. The delimiter holds a CR only
    /// at its start (a boundary cannot hold one), so when the carried bytes are not the start of a
    /// delimiter, no delimiter starts inside them either: they are body bytes.
    private mutating func resolveCarry(_ chunk: UnsafeRawBufferPointer) -> Int {
        guard !carry.isEmpty else { return 0 }
        let needed = delimiter.count - carry.count
        let compared = min(needed, chunk.count)
        let matches = delimiter.withUnsafeBytes { memcmp(chunk.baseAddress!, $0.baseAddress! + carry.count, compared) == 0 }
        if matches && compared < needed {
            carry.append(contentsOf: chunk)
            return chunk.count
        }
        if matches {
            carry.removeAll(keepingCapacity: true)
            endPart()
            return needed
        }
        carry.withUnsafeBytes { deliver($0, 0..<$0.count) }
        carry.removeAll(keepingCapacity: true)
        return 0
    }

    private mutating func run(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        var index = 0
        while index < bytes.count {
            switch state {
            case .preamble, .body:
                index = scanBody(bytes, from: index)
            case .afterDelimiter(let dashes, let sawCR):
                let byte = bytes[index]
                index += 1
                if sawCR {
                    guard byte == 10 else { throw .syntax }
                    state = .headers
                    headerBytes = 0
                } else if byte == UInt8(ascii: "-") {
                    state = dashes == 1 ? .epilogue : .afterDelimiter(dashes: 1, sawCR: false)
                } else if dashes == 0 && (byte == 32 || byte == 9) {
                    continue
                } else if dashes == 0 && byte == 13 {
                    state = .afterDelimiter(dashes: 0, sawCR: true)
                } else {
                    throw .syntax
                }
            case .headers:
                let byte = bytes[index]
                index += 1
                headerBytes += 1
                guard headerBytes <= Self.maxHeaderBytes else { throw .headersTooLong }
                if byte == 10 {
                    guard headerLine.last == 13 else { throw .syntax }
                    headerLine.removeLast()
                    if headerLine.isEmpty {
                        state = .body
                    } else {
                        try header(headerLine)
                        headerLine.removeAll(keepingCapacity: true)
                    }
                } else {
                    headerLine.append(byte)
                }
            case .epilogue:
                return
            }
        }
    }

    /// A delimiter was read: the part in progress, if any, is complete.
    private mutating func endPart() {
        if case .body = state { onPartComplete() }
        state = .afterDelimiter(dashes: 0, sawCR: false)
    }

    /// In the body (or the preamble, whose bytes are dropped): hands over the bytes before the next
    /// delimiter and returns the index after it, or keeps a possible start of one in `carry` and
    /// returns the end of `bytes`.
    private mutating func scanBody(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        let base = bytes.baseAddress!
        var search = start
        while search < bytes.count {
            guard let found = memchr(base + search, 13, bytes.count - search) else { break }
            let at = base.distance(to: UnsafeRawPointer(found))
            let available = min(delimiter.count, bytes.count - at)
            let matches = delimiter.withUnsafeBytes { memcmp(base + at, $0.baseAddress!, available) == 0 }
            if matches {
                deliver(bytes, start..<at)
                if available == delimiter.count {
                    endPart()
                    return at + delimiter.count
                }
                // The chunk ends inside what may be a delimiter: the next chunk tells.
                carry = Array(UnsafeRawBufferPointer(rebasing: bytes[at...]))
                return bytes.count
            }
            search = at + 1
        }
        deliver(bytes, start..<bytes.count)
        return bytes.count
    }

    private func deliver(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
        guard !range.isEmpty, case .body = state else { return }
        onBody(UnsafeRawBufferPointer(rebasing: bytes[range]))
    }

    /// One header line (without its CRLF): a token name, a colon, a value.
    private func header(_ line: [UInt8]) throws(Failure) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { throw .syntax }
        for byte in line[..<colon] where !Self.isTokenCharacter(byte) { throw .syntax }
        let isBlank = { (byte: UInt8) in byte == 32 || byte == 9 }
        var value = line[(colon + 1)...]
        while let first = value.first, isBlank(first) { value = value.dropFirst() }
        while let last = value.last, isBlank(last) { value = value.dropLast() }
        onHeader(String(decoding: line[..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// RFC 9110's `tchar`: the characters a header name is made of.
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
