import HockeyApp

extension AppVersion {
    /// The version with its URLs pointing at this sandbox, shaped like the service's
    /// (`/manage/apps/…`, `/apps/…`), so a restarted sandbox on another port answers working links.
    func located(baseURL: String, appID: String) -> AppVersion {
        var version = self
        let id = version.id.map(String.init) ?? "0"
        version.configURL = "\(baseURL)/manage/apps/\(appID)/app_versions/\(id)"
        version.publicURL = "\(baseURL)/apps/\(appID)"
        version.downloadURL = "\(baseURL)/apps/\(appID)/app_versions/\(id)"
        return version
    }
}
