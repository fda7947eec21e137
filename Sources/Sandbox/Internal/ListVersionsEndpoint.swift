import HockeyApp
import Hummingbird

/// `GET /api/2/apps/{id}/app_versions`: the app's versions, newest first.
struct ListVersionsEndpoint: Sendable {
    let registry: SandboxRegistry

    func handle(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let appID = context.parameters.get("id") ?? ""
        let plan = await registry.takeFaults(for: .listVersions)
        for try await _ in request.body {}
        if plan.dropAfterBodyBytes != nil {
            // A listing has no body to count, so the connection drops as soon as it is read.
            await context.dropConnection()
            return Response(status: .internalServerError)
        }
        let response: Response
        if let status = plan.failBeforeStoringStatus ?? plan.failAfterStoringStatus {
            response = APIResponse.injectedFailure(status: status)
        } else if !registry.accepts(token: request.headers[RequestHeaders.token]) {
            response = APIResponse.unauthorized()
        } else if registry.app(id: appID) == nil {
            response = APIResponse.appNotFound()
        } else {
            let baseURL = request.head.authority.map { "http://\($0)" } ?? "http://\(registry.configuration.host)"
            let versions = await registry.storedVersions(appID: appID)
                .reversed()
                .map { $0.version.located(baseURL: baseURL, appID: appID) }
            response = APIResponse.json(AppVersionList(appVersions: Array(versions)), status: 200)
        }
        await plan.applyDelay()
        return response
    }
}
