import Foundation
import HockeyApp
import Hummingbird

/// JSON answers in the API's shapes.
enum APIResponse {
    /// `value` encoded as JSON with the given status.
    static func json(_ value: some Encodable, status: Int) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: .init(code: status),
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `{"errors": {field: [message]}}`.
    static func fieldError(_ field: String, _ message: String, status: Int = 422) -> Response {
        json(APIErrorBody.fields([field: [message]]), status: status)
    }

    /// `{"status": "error", "message": …}`.
    static func message(_ message: String, status: Int) -> Response {
        json(APIErrorBody.message(message), status: status)
    }

    static func unauthorized() -> Response {
        message("Unauthorized: the X-HockeyAppToken header is missing or not a valid API token", status: 401)
    }

    static func appNotFound() -> Response {
        fieldError("app", "not found")
    }

    /// The answer of a `failBeforeStoring` / `failAfterStoring` fault.
    static func injectedFailure(status: Int) -> Response {
        message("The sandbox answered \(status) because a fault was injected", status: status)
    }
}
