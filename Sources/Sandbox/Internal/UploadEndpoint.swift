import Foundation
import HockeyApp
import Hummingbird

/// `POST /api/2/apps/{id}/app_versions/upload`: reads the multipart body to disk as it arrives,
/// then validates, stores the version and answers like the service.
struct UploadEndpoint: Sendable {
    let registry: SandboxRegistry

    func handle(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let appID = context.parameters.get("id") ?? ""
        let plan = await registry.takeFaults(for: .upload)
        var record = SandboxUploadRecord(request: request, appID: appID)

        // Like the service, the answer to a bad token or app is known from the head alone; the
        // body is still read to its end so the client sees the answer rather than a reset.
        let app = registry.app(id: appID)
        let early: Response? =
            if let status = plan.failBeforeStoringStatus { APIResponse.injectedFailure(status: status) }
            else if !registry.accepts(token: request.headers[RequestHeaders.token]) { APIResponse.unauthorized() }
            else if app == nil { APIResponse.appNotFound() }
            else { nil }

        let boundary = request.headers[.contentType].map(HeaderParameters.init)
            .flatMap { $0.value == "multipart/form-data" ? $0.parameters["boundary"] : nil }
            .flatMap { $0.isEmpty ? nil : $0 }
        var staging: URL?
        if early == nil, boundary != nil {
            do {
                staging = try registry.store.makeStagingDirectory()
            } catch {
                return await answer(APIResponse.message(error.localizedDescription, status: 500), record, plan)
            }
        }
        defer { if let staging { try? FileManager.default.removeItem(at: staging) } }
        let reader = boundary.map { UploadBodyReader(boundary: $0, stagingDirectory: staging) }

        do {
            for try await chunk in request.body {
                record.bodyBytesReceived += chunk.readableBytes
                if let limit = plan.dropAfterBodyBytes, record.bodyBytesReceived >= limit {
                    return await drop(context, record, reader)
                }
                try await reader?.consume(chunk)
            }
        } catch {
            // The client went away mid-body: nothing to answer, but the attempt is on record.
            record.capture(reader)
            await registry.record(record)
            throw error
        }
        if plan.dropAfterBodyBytes != nil {
            // The body was shorter than the limit: drop once it has all arrived.
            return await drop(context, record, reader)
        }
        let readError: MultipartReadError?
        do {
            readError = try await reader?.finish()
        } catch {
            record.capture(reader)
            await registry.record(record)
            throw error
        }
        record.capture(reader)

        if let early { return await answer(early, record, plan) }
        guard let app else { return await answer(APIResponse.appNotFound(), record, plan) }
        guard let reader else {
            return await answer(
                APIResponse.message("The request body must be multipart/form-data with a boundary", status: 400),
                record, plan)
        }
        switch readError {
        case .malformed?:
            return await answer(APIResponse.message("The multipart body is malformed", status: 400), record, plan)
        case .fieldTooLong(let name)?:
            return await answer(APIResponse.fieldError(name, "is too long"), record, plan)
        case .storage(let path, let reason)?:
            return await answer(
                APIResponse.message(SandboxError.storageFailed(path: path, reason: reason).localizedDescription, status: 500),
                record, plan)
        case nil:
            break
        }

        let form = UploadForm(fields: reader.fields, files: reader.files)
        let baseURL = request.head.authority.map { "http://\($0)" } ?? "http://\(registry.configuration.host)"
        var response = await VersionCreation(registry: registry)
            .create(form: form, app: app, baseURL: baseURL)
        if response.status.code == 201, let status = plan.failAfterStoringStatus {
            response = APIResponse.injectedFailure(status: status)
        }
        return await answer(response, record, plan)
    }

    /// Records the request, waits out an injected delay, and answers.
    private func answer(_ response: Response, _ record: SandboxUploadRecord, _ plan: FaultPlan) async -> Response {
        var record = record
        record.responseStatus = Int(response.status.code)
        await registry.record(record)
        await plan.applyDelay()
        return response
    }

    /// Records the request and closes the connection without an answer.
    private func drop(
        _ context: SandboxRequestContext, _ record: SandboxUploadRecord, _ reader: UploadBodyReader?
    ) async -> Response {
        var record = record
        record.capture(reader)
        await registry.record(record)
        await context.dropConnection()
        // Nothing can be written on a closed connection; Hummingbird discards this.
        return Response(status: .internalServerError)
    }
}

/// Header names the API uses.
enum RequestHeaders {
    static let token = HTTPFields.Element.Name("X-HockeyAppToken")!
}

extension SandboxUploadRecord {
    /// A record of the request's head; the body's parts are added as they are read.
    init(request: Request, appID: String) {
        self.init(
            appID: appID,
            headers: request.headers.map { field in
                SandboxHeader(
                    name: field.name.canonicalName,
                    value: field.name == RequestHeaders.token ? "<redacted>" : field.value)
            },
            contentLength: request.headers[.contentLength].flatMap { Int($0) },
            hadToken: request.headers[RequestHeaders.token] != nil,
            fields: [], files: [], bodyBytesReceived: 0, responseStatus: nil)
    }

    /// Copies the parts the reader has taken apart so far.
    mutating func capture(_ reader: UploadBodyReader?) {
        guard let reader else { return }
        fields = reader.fields
        files = reader.files.map {
            SandboxReceivedFile(
                fieldName: $0.fieldName, fileName: $0.fileName, contentType: $0.contentType, byteCount: $0.byteCount)
        }
    }
}
