/// One version of an app as the HockeyApp API describes it: the body of a 201 upload answer and
/// one element of `GET /api/2/apps/APP_ID/app_versions`.
///
/// Every field is optional because the server omits fields it has no value for, and a client must
/// not fail on an answer that lacks a field it does not need. Keys are the API's snake_case names.
public struct AppVersion: Codable, Hashable, Sendable {
    /// The server's id of this version (the `ID` in `/app_versions/ID`).
    public var id: Int?
    /// The bundle version (`CFBundleVersion`, Android `versionCode`): what identifies an upload.
    public var version: String?
    /// The marketing version (`CFBundleShortVersionString`, Android `versionName`).
    public var shortversion: String?
    /// The app's title.
    public var title: String?
    /// The size of the uploaded build in bytes.
    public var appsize: Int?
    /// Seconds since 1970 when the version was created.
    public var timestamp: Int?
    /// The device family, such as `iPhone/iPod` or `iPhone/iPod/iPad`.
    public var deviceFamily: String?
    /// The minimum OS version the build runs on.
    public var minimumOSVersion: String?
    /// The release notes, rendered to HTML by the server.
    public var notes: String?
    /// 1: the version cannot be downloaded; 2: it is available.
    public var status: Int?
    /// Whether installing this version is mandatory.
    public var mandatory: Bool?
    /// Whether the build is hosted outside HockeyApp.
    public var external: Bool?
    /// The management page of this version.
    public var configURL: String?
    /// The public download page of the app.
    public var publicURL: String?
    /// The direct download URL of the build.
    public var downloadURL: String?
    /// The tags downloads are restricted to, if any.
    public var restrictedToTags: Bool?
    /// ISO 8601 creation time.
    public var createdAt: String?
    /// ISO 8601 time of the last change.
    public var updatedAt: String?

    /// Creates a version; every field defaults to absent.
    public init(
        id: Int? = nil, version: String? = nil, shortversion: String? = nil, title: String? = nil,
        appsize: Int? = nil, timestamp: Int? = nil, deviceFamily: String? = nil,
        minimumOSVersion: String? = nil, notes: String? = nil, status: Int? = nil,
        mandatory: Bool? = nil, external: Bool? = nil, configURL: String? = nil,
        publicURL: String? = nil, downloadURL: String? = nil, restrictedToTags: Bool? = nil,
        createdAt: String? = nil, updatedAt: String? = nil
    ) {
        self.id = id
        self.version = version
        self.shortversion = shortversion
        self.title = title
        self.appsize = appsize
        self.timestamp = timestamp
        self.deviceFamily = deviceFamily
        self.minimumOSVersion = minimumOSVersion
        self.notes = notes
        self.status = status
        self.mandatory = mandatory
        self.external = external
        self.configURL = configURL
        self.publicURL = publicURL
        self.downloadURL = downloadURL
        self.restrictedToTags = restrictedToTags
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, version, shortversion, title, appsize, timestamp, notes, status, mandatory, external
        case deviceFamily = "device_family"
        case minimumOSVersion = "minimum_os_version"
        case configURL = "config_url"
        case publicURL = "public_url"
        case downloadURL = "download_url"
        case restrictedToTags = "restricted_to_tags"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// The answer of `GET /api/2/apps/APP_ID/app_versions`: `{"app_versions": [...], "status": "success"}`.
public struct AppVersionList: Codable, Hashable, Sendable {
    /// The app's versions, newest first.
    public var appVersions: [AppVersion]
    /// `success` when the listing worked.
    public var status: String?

    /// Creates a listing.
    public init(appVersions: [AppVersion], status: String? = "success") {
        self.appVersions = appVersions
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case appVersions = "app_versions"
        case status
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        appVersions = try container.decodeIfPresent([AppVersion].self, forKey: .appVersions) ?? []
        status = try container.decodeIfPresent(String.self, forKey: .status)
    }
}
