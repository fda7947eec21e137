import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension HockeyAppClient {
    /// Uploads a build (and/or its symbols) with its notes, retrying without ever creating a duplicate.
    ///
    /// - An attempt that cannot have reached the server complete (connection refused, a DNS failure, the
    ///   connection lost before the last body byte, a 5xx before the body was read) is retried with
    ///   exponential backoff.
    /// - After an attempt whose outcome is unknown (a timeout, a lost connection or an answer that is
    ///   not HTTP once the whole body was sent, or a 5xx after it), the app's versions are listed
    ///   first: if the build's bundle version is there, the upload succeeded; if not, it is retried.
    /// - A 4xx answer is final, except "this bundle version already exists" after an unknown outcome,
    ///   which is checked against the list the same way.
    /// - A redirect is final: it is never followed (see ``RedirectPolicy``).
    /// - Only a 201 (or 200) whose body is a version counts as success.
    ///
    /// - Parameters:
    ///   - job: what to send; its files are checked before anything is sent.
    ///   - events: progress, retries and checks, called from any thread.
    /// - Returns: the version the server created.
    /// - Throws: ``HockeyAppError``, one readable sentence.
    public func upload(
        _ job: UploadJob, events: (@Sendable (UploadEvent) -> Void)? = nil
    ) async throws(HockeyAppError) -> UploadResult {
        try job.validate()
        let identity = try job.ipa.map { url throws(HockeyAppError) in try BuildIdentity(ipa: url) } ?? nil
        var request = URLRequest(url: uploadURL(appID: job.appID))
        request.httpMethod = "POST"
        authorize(&request)

        var attempt = 0
        var outcomeWasUnknown = false
        while true {
            attempt += 1
            let body = try MultipartBody(job: job)
            events?(.started(attempt: attempt, totalBytes: body.contentLength))
            let outcome = await send(request, body: body) { sent, total in
                events?(.progress(sentBytes: sent, totalBytes: total))
            }

            let retryReason: String
            let finalError: HockeyAppError
            switch outcome {
            case .response(let status, let data, _) where status == 201 || status == 200:
                let version = try ResponseInterpreter.version(status: status, body: data)
                return UploadResult(version: version, responseJSON: data, attempts: attempt, confirmedByListing: false, status: status)

            case .response(let status, let data, _) where (200..<300).contains(status):
                // The API answers an upload with 201 and the version; another 2xx (202, 204) comes from
                // something else, and whether it stored the build cannot be told from it.
                throw .unexpectedResponse(
                    status: status,
                    reason: "the API answers an upload with 201 and the new version: \(ResponseInterpreter.readableText(of: data, status: status))")

            case .redirected(let status, let location):
                throw .redirected(status: status, location: location, upload: true)

            case .response(let status, let data, let bodyComplete) where status >= 500:
                let error = ResponseInterpreter.error(status: status, body: data)
                finalError = error
                if bodyComplete {
                    outcomeWasUnknown = true
                    let reason = "the server answered \(status) after receiving the whole build"
                    if let found = try await findUploadedVersion(job: job, identity: identity, reason: reason, events: events) {
                        return UploadResult(version: found.version, responseJSON: found.json, attempts: attempt, confirmedByListing: true)
                    }
                    retryReason = "\(reason), and the version is not on the server"
                } else {
                    retryReason = "the server answered \(status) before receiving the whole build"
                }

            case .response(let status, let data, _):
                let error = ResponseInterpreter.error(status: status, body: data)
                // An earlier attempt whose outcome was unknown may be the one that created the version.
                if case .versionExists = error, outcomeWasUnknown,
                    let found = try await findUploadedVersion(
                        job: job, identity: identity, reason: "the server says this bundle version exists", events: events)
                {
                    return UploadResult(version: found.version, responseJSON: found.json, attempts: attempt, confirmedByListing: true)
                }
                throw error

            case .notDelivered(let reason):
                retryReason = reason
                finalError = .unreachable(host: hostDescription, reason: reason, attempts: attempt)

            case .ambiguous(let reason):
                outcomeWasUnknown = true
                let context = "\(reason) after the whole build was sent"
                if let found = try await findUploadedVersion(job: job, identity: identity, reason: context, events: events) {
                    return UploadResult(version: found.version, responseJSON: found.json, attempts: attempt, confirmedByListing: true)
                }
                retryReason = "\(context), and the version is not on the server"
                finalError = .outcomeUnknown(
                    reason: "attempt \(attempt) of \(retryPolicy.maxAttempts) ended with \(context), and the version "
                        + "is not on the server yet; check the app's versions before uploading again")

            case .localFailure(let error):
                throw error

            case .cancelled:
                throw .cancelled
            }

            guard attempt < retryPolicy.maxAttempts else { throw finalError }
            let delay = retryPolicy.delay(after: attempt)
            events?(.retrying(nextAttempt: attempt + 1, delay: delay, reason: retryReason))
            try await pause(after: attempt)
        }
    }

    /// Lists the app's versions and returns the one this job created, if it is there.
    /// - Throws: ``HockeyAppError/outcomeUnknown(reason:)`` when there is no way to tell.
    private func findUploadedVersion(
        job: UploadJob, identity: BuildIdentity?, reason: String, events: (@Sendable (UploadEvent) -> Void)?
    ) async throws(HockeyAppError) -> (version: AppVersion, json: Data)? {
        guard let identity else {
            throw .outcomeUnknown(
                reason: "\(reason), and without a build's bundle version the client cannot tell whether it was stored; "
                    + "check the app's versions before uploading again")
        }
        events?(.checkingVersions(reason: reason))
        let versions: [AppVersion]
        do {
            versions = try await appVersions(appID: job.appID)
        } catch {
            if case .cancelled = error { throw error }
            throw .outcomeUnknown(
                reason: "\(reason), and the app's versions could not be listed (\(error.errorDescription ?? "")); "
                    + "check them before uploading again")
        }
        guard let match = versions.first(where: identity.matches) else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (match, (try? encoder.encode(match)) ?? Data("{}".utf8))
    }
}

/// What identifies an upload in the app's version list: the build's versions and size.
struct BuildIdentity: Sendable {
    let info: BuildInfo
    let size: Int

    /// Reads the identity of an .ipa or zipped .app; nil for builds whose versions the client cannot
    /// read (an .apk), which are then never retried after an unknown outcome.
    init?(ipa url: URL) throws(HockeyAppError) {
        let name = url.lastPathComponent.lowercased()
        guard name.hasSuffix(".ipa") || name.hasSuffix(".app.zip") else { return nil }
        info = try BuildInfo.read(from: url)
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Whether a listed version is this build: same bundle version, and the same short version and
    /// size where the server reports them.
    func matches(_ version: AppVersion) -> Bool {
        guard version.version == info.bundleVersion else { return false }
        if let short = version.shortversion, let ours = info.shortVersion, short != ours { return false }
        if let appsize = version.appsize, appsize != size { return false }
        return true
    }
}
