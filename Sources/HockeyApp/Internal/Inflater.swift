/// A DEFLATE (RFC 1951) decoder for the small entries shipnotes reads out of a build, such as an ipa's
/// `Info.plist`. Pure Swift so the module needs no zlib; it favours clarity over speed (it decodes one
/// bit at a time), which is fine for a few kilobytes. Malformed input throws, never traps.
struct Inflater {
    /// Why a compressed stream could not be decoded.
    struct Failure: Error, Equatable {
        let reason: String
    }

    private let input: [UInt8]
    private var bytePosition = 0
    private var bitBuffer: UInt32 = 0
    private var bitCount = 0
    private var output: [UInt8] = []
    private let limit: Int

    /// Inflates a raw DEFLATE stream (no zlib or gzip header).
    /// - Parameters:
    ///   - data: the compressed bytes.
    ///   - limit: the largest output accepted; a longer output throws (a defence against zip bombs).
    /// - Returns: the decompressed bytes.
    static func inflate(_ data: [UInt8], limit: Int = 16 << 20) throws(Failure) -> [UInt8] {
        var inflater = Inflater(input: data, limit: limit)
        try inflater.run()
        return inflater.output
    }

    private init(input: [UInt8], limit: Int) {
        self.input = input
        self.limit = limit
    }

    private mutating func run() throws(Failure) {
        var isFinal = false
        while !isFinal {
            isFinal = try bits(1) == 1
            switch try bits(2) {
            case 0: try copyStoredBlock()
            case 1: try decodeBlock(literals: Self.fixedLiterals, distances: Self.fixedDistances)
            case 2:
                let (literals, distances) = try readDynamicTables()
                try decodeBlock(literals: literals, distances: distances)
            default: throw Failure(reason: "invalid block type")
            }
        }
    }

    private mutating func bits(_ count: Int) throws(Failure) -> Int {
        while bitCount < count {
            guard bytePosition < input.count else { throw Failure(reason: "unexpected end of data") }
            bitBuffer |= UInt32(input[bytePosition]) << UInt32(bitCount)
            bytePosition += 1
            bitCount += 8
        }
        let value = Int(bitBuffer & ((1 << UInt32(count)) - 1))
        bitBuffer >>= UInt32(count)
        bitCount -= count
        return value
    }

    private mutating func copyStoredBlock() throws(Failure) {
        bitBuffer = 0
        bitCount = 0
        guard bytePosition + 4 <= input.count else { throw Failure(reason: "unexpected end of data") }
        let length = Int(input[bytePosition]) | Int(input[bytePosition + 1]) << 8
        let complement = Int(input[bytePosition + 2]) | Int(input[bytePosition + 3]) << 8
        guard length == ~complement & 0xFFFF else { throw Failure(reason: "stored block length mismatch") }
        bytePosition += 4
        guard bytePosition + length <= input.count else { throw Failure(reason: "unexpected end of data") }
        guard output.count + length <= limit else { throw Failure(reason: "output exceeds \(limit) bytes") }
        output.append(contentsOf: input[bytePosition..<bytePosition + length])
        bytePosition += length
    }

    private mutating func decodeBlock(literals: HuffmanTable, distances: HuffmanTable) throws(Failure) {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                guard output.count < limit else { throw Failure(reason: "output exceeds \(limit) bytes") }
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < Self.lengthBases.count else { throw Failure(reason: "invalid length code") }
            let length = Self.lengthBases[lengthIndex] + (try bits(Self.lengthExtraBits[lengthIndex]))
            let distanceIndex = try decode(distances)
            guard distanceIndex < Self.distanceBases.count else { throw Failure(reason: "invalid distance code") }
            let distance = Self.distanceBases[distanceIndex] + (try bits(Self.distanceExtraBits[distanceIndex]))
            guard distance <= output.count else { throw Failure(reason: "distance before the start of the data") }
            guard output.count + length <= limit else { throw Failure(reason: "output exceeds \(limit) bytes") }
            let start = output.count - distance
            for offset in 0..<length {
                output.append(output[start + offset])
            }
        }
    }

    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private mutating func readDynamicTables() throws(Failure) -> (HuffmanTable, HuffmanTable) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            codeLengthLengths[Self.codeLengthOrder[index]] = try bits(3)
        }
        let codeLengths = try HuffmanTable(lengths: codeLengthLengths)
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(codeLengths)
            switch symbol {
            case 0...15:
                lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw Failure(reason: "repeat with no previous length") }
                lengths.append(contentsOf: repeatElement(previous, count: 3 + (try bits(2))))
            case 17:
                lengths.append(contentsOf: repeatElement(0, count: 3 + (try bits(3))))
            default:
                lengths.append(contentsOf: repeatElement(0, count: 11 + (try bits(7))))
            }
        }
        guard lengths.count == literalCount + distanceCount else { throw Failure(reason: "too many code lengths") }
        guard lengths[256] != 0 else { throw Failure(reason: "no end-of-block code") }
        return (
            try HuffmanTable(lengths: Array(lengths[0..<literalCount])),
            try HuffmanTable(lengths: Array(lengths[literalCount...]))
        )
    }

    /// Decodes one symbol by walking the canonical code one bit at a time.
    private mutating func decode(_ table: HuffmanTable) throws(Failure) -> Int {
        var code = 0
        var first = 0
        var index = 0
        for length in 1...15 {
            code |= try bits(1)
            let count = table.counts[length]
            if code - first < count {
                return table.symbols[index + code - first]
            }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw Failure(reason: "invalid Huffman code")
    }

    private static let lengthBases = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    private static let lengthExtraBits = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBases = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
        4097, 6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtraBits = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    private static let fixedLiterals = try! HuffmanTable(
        lengths: Array(repeating: 8, count: 144) + Array(repeating: 9, count: 112)
            + Array(repeating: 7, count: 24) + Array(repeating: 8, count: 8))
    private static let fixedDistances = try! HuffmanTable(lengths: Array(repeating: 5, count: 30))
}

/// A canonical Huffman code: how many codes have each length, and the symbols in code order.
struct HuffmanTable: Sendable {
    var counts = [Int](repeating: 0, count: 16)
    var symbols: [Int] = []

    init(lengths: [Int]) throws(Inflater.Failure) {
        for length in lengths {
            guard (0...15).contains(length) else { throw Inflater.Failure(reason: "invalid code length") }
            counts[length] += 1
        }
        counts[0] = 0
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 {
            offsets[length + 1] = offsets[length] + counts[length]
        }
        symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
    }
}
