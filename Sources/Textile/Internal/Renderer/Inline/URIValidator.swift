// RedCloth accepts a link target or image source only when it is a URI in the sense of its
// grammar (Mongrel's): a `#fragment`, `scheme:…`, `/absolute/path` or a relative path whose first
// segment holds a letter, digit or one of `$-_.`. This validator follows that grammar byte by byte
// so that the longest valid prefix, or the first valid end, is found in one forward pass.

/// Incremental check of RedCloth's URI grammar over the bytes fed so far.
struct URIValidator {
    private var count = 0
    private var fragmentValid = false
    private var schemeOpen = true
    private var absolute = false
    private var leadingSlashes = true
    private var inFirstSegment = true
    private var firstSegmentHasSafeByte = false
    private var firstSegmentValid = false

    /// Whether the bytes fed so far can still grow into a URI.
    private(set) var isViable = true

    /// Whether the bytes fed so far form a complete URI.
    var isValid: Bool {
        guard count > 0 else { return false }
        if absolute || fragmentValid { return true }
        if leadingSlashes { return true }
        return inFirstSegment ? firstSegmentHasSafeByte : firstSegmentValid
    }

    /// Whether the URI is complete and stays so whatever URI bytes follow.
    var staysValid: Bool { isValid && (absolute || firstSegmentHasSafeByte) }

    /// Feeds one byte, or a whole `%xx` escape as `escape`.
    mutating func feed(_ byte: UInt8, escape: Bool = false) {
        let isPathByte = escape || (byte != UInt8(ascii: "/") && byte != UInt8(ascii: ";") && byte != UInt8(ascii: "?"))
        if count == 0 {
            fragmentValid = byte == UInt8(ascii: "#") && !escape
            leadingSlashes = byte == UInt8(ascii: "/") && !escape
        } else {
            if fragmentValid, !isPathByte { fragmentValid = false }
            if leadingSlashes, byte != UInt8(ascii: "/") || escape { leadingSlashes = false }
        }
        count += 1
        if schemeOpen, !absolute {
            if !escape, InlineBytes.isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".")
            {
                // still a scheme
            } else if !escape, byte == UInt8(ascii: ":"), count > 1 {
                absolute = true
            } else {
                schemeOpen = false
            }
        }
        if leadingSlashes { return }
        guard inFirstSegment else { return }
        if !isPathByte, !firstSegmentHasSafeByte, !absolute {
            isViable = false
        }
        if isPathByte {
            if !escape, InlineBytes.isAlphanumeric(byte) || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            {
                firstSegmentHasSafeByte = true
            }
        } else {
            inFirstSegment = false
            firstSegmentValid = firstSegmentHasSafeByte
        }
    }
}

extension InlineScanner {
    /// The end of the longest URI starting at `start` (nil when none does), and whether RedCloth's
    /// scanner read past it (into a bare `%` or a path that could not complete), in which case it
    /// keeps the match but never stores the URL.
    func uriEnd(from start: Int, in segment: Range<Int>) -> (end: Int, readPast: Bool)? {
        var validator = URIValidator()
        var cursor = start
        var longest: Int?
        var viableEnd = start
        while let next = uriStep(at: cursor, in: segment, into: &validator), validator.isViable {
            cursor = next
            viableEnd = cursor
            if validator.isValid { longest = cursor }
        }
        if cursor == viableEnd, cursor < segment.upperBound, text[cursor] == UInt8(ascii: "%") { viableEnd += 1 }
        guard let longest else { return nil }
        return (longest, viableEnd > longest)
    }

    /// Feeds the URI byte (or escape) at `position` to `validator`; nil when no URI byte is there.
    func uriStep(at position: Int, in segment: Range<Int>, into validator: inout URIValidator) -> Int? {
        guard position < segment.upperBound else { return nil }
        let byte = text[position]
        if InlineBytes.isURIByte(byte) {
            validator.feed(byte)
            return position + 1
        }
        if byte == UInt8(ascii: "%"), position + 2 < segment.upperBound, InlineBytes.isHexDigit(text[position + 1]),
            InlineBytes.isHexDigit(text[position + 2])
        {
            validator.feed(byte, escape: true)
            return position + 3
        }
        return nil
    }
}
