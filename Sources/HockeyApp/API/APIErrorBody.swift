/// The two shapes of error body the HockeyApp API answers with.
///
/// - `{"errors": {"field": ["message", …]}}` for validation failures (`422`), encoded as ``fields(_:)``;
/// - `{"status": "error", "message": "…"}` for everything else (`401`, `404`, …), encoded as ``message(_:)``.
public enum APIErrorBody: Codable, Hashable, Sendable {
    /// Messages per request field, such as `["bundle_version": ["has already been taken"]]`.
    case fields([String: [String]])
    /// One message for the whole request.
    case message(String)

    enum CodingKeys: String, CodingKey {
        case errors, status, message
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let errors = try? container.decode([String: [String]].self, forKey: .errors) {
            self = .fields(errors)
        } else if let errors = try? container.decode([String: String].self, forKey: .errors) {
            // Some endpoints answer one string per field instead of a list.
            self = .fields(errors.mapValues { [$0] })
        } else if let message = try container.decodeIfPresent(String.self, forKey: .message) {
            self = .message(message)
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "neither \"errors\" nor \"message\" is present"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .fields(let errors):
            try container.encode(errors, forKey: .errors)
        case .message(let message):
            try container.encode("error", forKey: .status)
            try container.encode(message, forKey: .message)
        }
    }

    /// Every message of the body as one readable clause, fields in alphabetical order:
    /// `bundle_version has already been taken; ipa is missing`.
    public var summary: String {
        switch self {
        case .message(let message):
            return message
        case .fields(let errors):
            return errors.keys.sorted().flatMap { field in
                (errors[field] ?? []).map { field == "base" ? $0 : "\(field) \($0)" }
            }.joined(separator: "; ")
        }
    }
}

extension APIErrorBody {
    /// What the server answers (with 401) for an unknown token.
    public static let invalidToken = APIErrorBody.message("user not found or token invalid")
    /// What the server answers (with 404, or 422 on the upload endpoints) for an unknown app id.
    public static let appNotFound = APIErrorBody.message("app not found")
    /// What the server answers (with 422) when the bundle version was uploaded before.
    public static let bundleVersionTaken = APIErrorBody.fields(["bundle_version": ["has already been taken"]])
}
