import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Turns an HTTP answer into a version or into one readable error, whatever shape the body has:
/// the API's two JSON error shapes, or a page from a proxy that is not JSON at all.
enum ResponseInterpreter {
    /// The version of a 2xx answer: a JSON object in the API's shape, naming the version by its id
    /// or its bundle version (every field being optional, any object would decode otherwise).
    static func version(status: Int, body: Data) throws(HockeyAppError) -> AppVersion {
        let version: AppVersion
        do {
            version = try JSONDecoder().decode(AppVersion.self, from: body)
        } catch {
            throw .unexpectedResponse(status: status, reason: "its body is not a version: \(readableText(of: body, status: status))")
        }
        guard version.id != nil || version.version != nil else {
            throw .unexpectedResponse(
                status: status, reason: "its body is not a version (it has neither an id nor a version): \(readableText(of: body, status: status))")
        }
        return version
    }

    /// The version list of a 2xx answer.
    static func versionList(status: Int, body: Data) throws(HockeyAppError) -> [AppVersion] {
        do {
            return try JSONDecoder().decode(AppVersionList.self, from: body).appVersions
        } catch {
            throw .unexpectedResponse(status: status, reason: "its body is not a version list: \(readableText(of: body, status: status))")
        }
    }

    /// The error a non-2xx answer stands for.
    static func error(status: Int, body: Data) -> HockeyAppError {
        let apiError = try? JSONDecoder().decode(APIErrorBody.self, from: body)
        switch status {
        case 401:
            return .tokenRejected(status: status)
        case 403:
            return .forbidden(status: status, message: apiError?.summary ?? readableText(of: body, status: status))
        case 500...:
            return .serverFailed(status: status, message: apiError?.summary ?? readableText(of: body, status: status))
        default:
            break
        }
        switch apiError {
        case .fields(let errors)?:
            if errors.keys.contains(where: { ["app", "app_id", "public_identifier"].contains($0) }) {
                return .appNotFound(status: status)
            }
            let versionMessages = (errors["bundle_version"] ?? []) + (errors["version"] ?? [])
            if versionMessages.contains(where: { $0.contains("taken") || $0.contains("exist") }) {
                return .versionExists(status: status)
            }
            return .rejected(status: status, message: apiError!.summary)
        case .message(let message)?:
            let lowered = message.lowercased()
            if lowered.contains("app") && lowered.contains("not found") { return .appNotFound(status: status) }
            if lowered.contains("already") && (lowered.contains("version") || lowered.contains("exist")) {
                return .versionExists(status: status)
            }
            return .rejected(status: status, message: message)
        case nil:
            return .rejected(status: status, message: readableText(of: body, status: status))
        }
    }

    /// A short, single-line rendering of a body that is not in an API shape: an HTML page's title or
    /// first heading, else its text without tags; the status's reason phrase when nothing is left.
    static func readableText(of body: Data, status: Int) -> String {
        let text = String(decoding: body.prefix(64 << 10), as: UTF8.self)
        var candidate: String
        if let title = firstElement("title", in: text) ?? firstElement("h1", in: text) {
            candidate = title
        } else {
            candidate = stripTags(text)
        }
        candidate = decodeEntities(candidate)
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if candidate.isEmpty {
            return HTTPURLResponse.localizedString(forStatusCode: status)
        }
        if candidate.count > 160 { candidate = String(candidate.prefix(157)) + "..." }
        return candidate
    }

    private static func firstElement(_ name: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(name)", options: .caseInsensitive),
            let openEnd = text[open.upperBound...].firstIndex(of: ">"),
            let close = text.range(of: "</\(name)>", options: .caseInsensitive, range: openEnd..<text.endIndex)
        else { return nil }
        let inner = stripTags(String(text[text.index(after: openEnd)..<close.lowerBound]))
        return inner.allSatisfy(\.isWhitespace) ? nil : inner
    }

    private static func stripTags(_ text: String) -> String {
        var result = ""
        var inTag = false
        for character in text {
            if character == "<" {
                inTag = true
                result.append(" ")
            } else if character == ">" && inTag {
                inTag = false
            } else if !inTag {
                result.append(character)
            }
        }
        return result
    }

    private static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&nbsp;", with: " ")
            .replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
