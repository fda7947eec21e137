import Foundation
import HockeyApp
import Hummingbird

/// Turns a fully received upload into a stored version and the API's answer.
struct VersionCreation {
    let registry: SandboxRegistry

    /// Validates the form, reads the build's versions, renders the notes and stores the version.
    /// - Returns: 201 with the version's JSON, or the 422/500 the service would answer.
    func create(form: UploadForm, app: SandboxApp, baseURL: String) async -> Response {
        let notesType: Int, status: Int, mandatory: Bool, replace: Bool
        do {
            notesType = try form.choice("notes_type", in: [NotesRenderer.textile, NotesRenderer.markdown],
                                        default: NotesRenderer.textile)
            status = try form.choice("status", in: [1, 2], default: 1)
            _ = try form.choice("notify", in: [0, 1, 2], default: 0)
            _ = try form.choice("release_type", in: [0, 1, 2, 3], default: 0)
            mandatory = try form.flag("mandatory")
            replace = try form.replacesExisting()
        } catch {
            return APIResponse.fieldError(error.field, error.message)
        }
        let build = form.build
        guard build != nil || form.hasSymbols else { return APIResponse.fieldError("ipa", "can't be blank") }

        // The version comes from the build's Info.plist; a symbols-only upload names it in
        // `bundle_version` / `bundle_short_version`, as the create-version call does.
        var info: BuildInfo?
        if let url = build?.stagedURL {
            do {
                info = try await BlockingWork.run { try BuildInfo.read(from: url) }
            } catch {
                if form.text("bundle_version") == nil { return APIResponse.fieldError("ipa", "is invalid") }
            }
        }
        guard let bundleVersion = info?.bundleVersion ?? form.text("bundle_version") else {
            return APIResponse.fieldError("bundle_version", "can't be blank")
        }

        // Counted in code points, as the server and the client's NotesClipper count.
        let notesSource = NotesClipper.serverPrefix(of: form.notes)
        let html: String
        do {
            html = try await BlockingWork.run { NotesRenderer.html(notesSource, notesType: notesType) ?? "" }
        } catch {
            return APIResponse.message("The sandbox is stopping", status: 503)
        }
        let now = Date()
        let version = AppVersion(
            version: bundleVersion,
            shortversion: info?.shortVersion ?? form.text("bundle_short_version"),
            title: app.title,
            appsize: build?.byteCount ?? 0,
            timestamp: Int(now.timeIntervalSince1970),
            minimumOSVersion: info?.minimumOSVersion,
            notes: html,
            status: status,
            mandatory: mandatory,
            external: false,
            restrictedToTags: form.text("tags") != nil,
            createdAt: now.formatted(.iso8601),
            updatedAt: now.formatted(.iso8601))
        do throws(SandboxRegistry.CommitError) {
            let stored = try await registry.commit(
                version, appID: app.id, baseURL: baseURL, replace: replace, notesSource: notesSource,
                notesType: notesType, files: form.files)
            return APIResponse.json(stored.version, status: 201)
        } catch {
            switch error {
            case .duplicate: return APIResponse.fieldError("bundle_version", "has already been taken")
            case .storage(let error): return APIResponse.message(error.localizedDescription, status: 500)
            }
        }
    }
}
