import Foundation
import HockeyApp

/// The sandbox's mutable state, shared by the request handlers and the ``SandboxServer`` API:
/// armed faults, the record of uploads, and the stored versions.
actor SandboxRegistry {
    nonisolated let configuration: SandboxConfiguration
    nonisolated let store: VersionStore
    private(set) var uploads: [SandboxUploadRecord] = []
    private var faults: [ArmedFault] = []
    private var versions: [String: [SandboxStoredVersion]] = [:]

    init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        self.store = VersionStore(dataDirectory: configuration.dataDirectory)
    }

    /// Whether the token opens the API.
    nonisolated func accepts(token: String?) -> Bool {
        guard let token else { return false }
        return configuration.tokens.contains(token)
    }

    /// The configured app with this id.
    nonisolated func app(id: String) -> SandboxApp? {
        configuration.apps.first { $0.id == id }
    }

    /// Reads what earlier runs stored in the data folder, and drops the partial uploads a
    /// killed run left in its staging folder.
    func loadStoredVersions() throws(SandboxError) {
        do {
            try FileManager.default.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
            let staging = store.stagingRoot
            if FileManager.default.fileExists(atPath: staging.path) { try FileManager.default.removeItem(at: staging) }
        } catch {
            throw .storageFailed(path: configuration.dataDirectory.path, reason: error.systemReason)
        }
        for app in configuration.apps {
            versions[app.id] = store.loadVersions(appID: app.id)
        }
    }

    func inject(_ fault: SandboxFault, on endpoint: SandboxEndpoint, count: Int) {
        guard count > 0 else { return }
        faults.append(ArmedFault(fault: fault, endpoint: endpoint, remaining: count))
    }

    func removeAllFaults() {
        faults.removeAll()
    }

    /// The faults for one request to `endpoint`, counting that request against each.
    func takeFaults(for endpoint: SandboxEndpoint) -> FaultPlan {
        var plan = FaultPlan()
        for index in faults.indices where faults[index].endpoint == endpoint {
            plan.add(faults[index].fault)
            faults[index].remaining -= 1
        }
        faults.removeAll { $0.remaining <= 0 }
        return plan
    }

    func record(_ upload: SandboxUploadRecord) {
        uploads.append(upload)
    }

    func storedVersions(appID: String) -> [SandboxStoredVersion] {
        versions[appID] ?? []
    }

    /// Why a version could not be stored.
    enum CommitError: Error {
        case duplicate
        case storage(SandboxError)
    }

    /// Stores a new version, or replaces the one with the same bundle version when `replace` is set.
    /// Commits run one at a time, in turn, so the duplicate check and the id assignment of two
    /// concurrent uploads of one bundle version can't both succeed; the files are moved and
    /// `version.json` written on a blocking-work thread, not on the actor's.
    func commit(
        _ version: AppVersion, appID: String, baseURL: String, replace: Bool, notesSource: String,
        notesType: Int, files: [StagedFile]
    ) async throws(CommitError) -> SandboxStoredVersion {
        await takeCommitTurn()
        defer { passCommitTurn() }
        var existing = versions[appID] ?? []
        let sameBuild = existing.firstIndex { $0.version.version == version.version }
        if sameBuild != nil, !replace { throw .duplicate }
        var version = version
        version.id = sameBuild.flatMap { existing[$0].version.id } ?? (existing.compactMap(\.version.id).max() ?? 0) + 1
        let located = version.located(baseURL: baseURL, appID: appID)
        let store = self.store
        let stored: SandboxStoredVersion
        do {
            stored = try await BlockingWork.run {
                try store.write(version: located, appID: appID, notesSource: notesSource, notesType: notesType, files: files)
            }
        } catch let error as SandboxError {
            throw .storage(error)
        } catch {
            throw .storage(.storageFailed(path: store.versionDirectory(appID: appID, id: located.id ?? 0).path,
                                          reason: "the sandbox is stopping"))
        }
        // Other commits waited for their turn, so `versions[appID]` is still what `existing` was read from.
        if let sameBuild { existing[sameBuild] = stored } else { existing.append(stored) }
        versions[appID] = existing
        return stored
    }

    /// Whether a commit is running; the ones waiting for their turn, oldest first.
    private var committing = false
    private var commitQueue: [CheckedContinuation<Void, Never>] = []

    private func takeCommitTurn() async {
        guard committing else {
            committing = true
            return
        }
        await withCheckedContinuation { commitQueue.append($0) }
    }

    /// Hands the turn to the oldest waiting commit (which then runs with `committing` still set).
    private func passCommitTurn() {
        if commitQueue.isEmpty {
            committing = false
        } else {
            commitQueue.removeFirst().resume()
        }
    }
}
