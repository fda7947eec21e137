import Foundation

/// A header value of the form `type; key=value; key="quoted value"`, as in `Content-Type`
/// and `Content-Disposition`.
struct HeaderParameters: Hashable, Sendable {
    /// The part before the first `;`, lower-cased (`multipart/form-data`, `form-data`).
    var value: String
    /// The parameters with lower-cased keys; quoted values are unquoted and `key*` values
    /// (RFC 5987, `UTF-8''percent-encoded`) are decoded and stored under `key`.
    var parameters: [String: String]

    init(_ header: String) {
        var bytes = Array(header.utf8)[...]
        value = String(decoding: Self.take(&bytes, until: 0x3B), as: UTF8.self)
            .trimmingCharacters(in: .whitespaces).lowercased()
        parameters = [:]
        var extended: [String: String] = [:]
        while !bytes.isEmpty {
            bytes = bytes.dropFirst()  // the ";"
            let key = String(decoding: Self.take(&bytes, until: 0x3D, orUntil: 0x3B), as: UTF8.self)
                .trimmingCharacters(in: .whitespaces).lowercased()
            guard bytes.first == 0x3D else { continue }
            bytes = bytes.dropFirst()
            Self.skipSpaces(&bytes)
            let parameterValue = bytes.first == 0x22 ? Self.takeQuoted(&bytes) : Self.takeToken(&bytes)
            guard !key.isEmpty else { continue }
            if key.hasSuffix("*") {
                extended[String(key.dropLast())] = Self.decodeExtended(parameterValue)
            } else {
                parameters[key] = parameterValue
            }
        }
        for (key, decoded) in extended { parameters[key] = decoded }
    }

    private static func take(_ bytes: inout ArraySlice<UInt8>, until stop: UInt8, orUntil other: UInt8? = nil) -> ArraySlice<UInt8> {
        let end = bytes.firstIndex { $0 == stop || $0 == other } ?? bytes.endIndex
        defer { bytes = bytes[end...] }
        return bytes[..<end]
    }

    private static func skipSpaces(_ bytes: inout ArraySlice<UInt8>) {
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
    }

    /// A quoted string; a backslash escapes the next byte. Browsers and URLSession send file names raw.
    private static func takeQuoted(_ bytes: inout ArraySlice<UInt8>) -> String {
        bytes = bytes.dropFirst()
        var result: [UInt8] = []
        while let byte = bytes.first {
            bytes = bytes.dropFirst()
            if byte == 0x22 { break }
            if byte == 0x5C, let escaped = bytes.first {
                bytes = bytes.dropFirst()
                result.append(escaped)
            } else {
                result.append(byte)
            }
        }
        _ = take(&bytes, until: 0x3B)
        return String(decoding: result, as: UTF8.self)
    }

    private static func takeToken(_ bytes: inout ArraySlice<UInt8>) -> String {
        String(decoding: take(&bytes, until: 0x3B), as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    /// `UTF-8''na%C3%AFve.ipa` → `naïve.ipa`; other charsets are left percent-decoded as UTF-8.
    private static func decodeExtended(_ text: String) -> String {
        let parts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        let encoded = parts.count == 3 ? String(parts[2]) : text
        return encoded.removingPercentEncoding ?? encoded
    }
}
