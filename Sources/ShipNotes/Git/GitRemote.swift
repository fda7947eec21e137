/// A hosted repository read from a remote URL, and the web links that its host gives commits,
/// pull requests, issues and comparisons.
public struct GitRemote: Sendable, Hashable, Codable {
    public enum Host: String, Sendable, Codable, CaseIterable {
        case github, gitlab, bitbucket, gitea
    }

    public let host: Host
    /// The web address of the repository, without a trailing slash or `.git`
    /// (`https://github.com/owner/name`).
    public let webURL: String
    /// `owner/name`; GitLab groups may add levels (`group/sub/name`).
    public let path: String

    public init(host: Host, webURL: String, path: String) {
        self.host = host
        self.webURL = webURL
        self.path = path
    }

    /// Reads a remote URL in the forms git accepts: `https://host/owner/name(.git)`,
    /// `ssh://git@host(:port)/owner/name.git`, `git@host:owner/name.git`, `git://host/owner/name`.
    /// The host kind comes from the host name (`github.com`, `gitlab.com`, `bitbucket.org`,
    /// `codeberg.org`, or a name containing `gitlab`, `gitea` or `forgejo` for self-hosted servers).
    ///
    /// - Returns: nil for a local path or a host it cannot tell.
    public init?(url: String) {
        var text = Substring(url.trimmingSpaces)
        var scheme = "https"
        var hostAndPort: Substring
        if let range = text.range(of: "://") {
            let given = text[..<range.lowerBound].lowercased()
            guard ["https", "http", "ssh", "git", "git+ssh", "ssh+git"].contains(given) else { return nil }
            if given == "http" { scheme = "http" }
            text = text[range.upperBound...]
            guard let slash = text.firstIndex(of: "/") else { return nil }
            hostAndPort = text[..<slash]
            text = text[text.index(after: slash)...]
            if let at = hostAndPort.lastIndex(of: "@") { hostAndPort = hostAndPort[hostAndPort.index(after: at)...] }
            // An SSH or git port is not the web server's; an HTTP(S) one is.
            if given != "https" && given != "http", let colon = hostAndPort.firstIndex(of: ":") {
                hostAndPort = hostAndPort[..<colon]
            }
        } else if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") {
            // scp-like syntax: [user@]host:owner/name.git
            hostAndPort = text[..<colon]
            if let at = hostAndPort.lastIndex(of: "@") { hostAndPort = hostAndPort[hostAndPort.index(after: at)...] }
            text = text[text.index(after: colon)...]
        } else {
            return nil
        }
        var path = String(text)
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix(".git") { path.removeLast(4) }
        while path.hasPrefix("/") { path.removeFirst() }
        let hostName = hostAndPort.lowercased()
        guard !hostName.isEmpty, path.split(separator: "/").count >= 2, let host = Self.host(named: hostName) else { return nil }
        // Bitbucket's HTTPS clone URLs carry the user (`https://user@bitbucket.org/…`), dropped above;
        // its SSH host is the web host too.
        self.host = host
        self.path = path
        // SSH over the HTTPS port has its own host name; the web pages are on the main one.
        let webHost = ["ssh.github.com": "github.com", "altssh.gitlab.com": "gitlab.com",
                       "altssh.bitbucket.org": "bitbucket.org"][hostName] ?? String(hostAndPort)
        self.webURL = "\(scheme)://\(webHost)/\(path)"
    }

    private static func host(named name: String) -> Host? {
        let bare = name.split(separator: ":").first.map(String.init) ?? name
        switch bare {
        case "github.com", "ssh.github.com": return .github
        case "gitlab.com": return .gitlab
        case "bitbucket.org": return .bitbucket
        case "codeberg.org", "gitea.com": return .gitea
        default:
            if bare.contains("github") { return .github }
            if bare.contains("gitlab") { return .gitlab }
            if bare.contains("bitbucket") { return .bitbucket }
            if bare.contains("gitea") || bare.contains("forgejo") { return .gitea }
            return nil
        }
    }

    public func commitURL(_ id: String) -> String {
        switch host {
        case .github, .gitea: return "\(webURL)/commit/\(id)"
        case .gitlab: return "\(webURL)/-/commit/\(id)"
        case .bitbucket: return "\(webURL)/commits/\(id)"
        }
    }

    public func pullRequestURL(_ number: Int) -> String {
        switch host {
        case .github: return "\(webURL)/pull/\(number)"
        case .gitlab: return "\(webURL)/-/merge_requests/\(number)"
        case .bitbucket: return "\(webURL)/pull-requests/\(number)"
        case .gitea: return "\(webURL)/pulls/\(number)"
        }
    }

    public func issueURL(_ number: Int) -> String {
        switch host {
        case .github, .gitea: return "\(webURL)/issues/\(number)"
        case .gitlab: return "\(webURL)/-/issues/\(number)"
        case .bitbucket: return "\(webURL)/issues/\(number)"
        }
    }

    /// The changes from `base` to `head` (tags, or `HEAD`).
    public func compareURL(from base: String, to head: String) -> String {
        switch host {
        case .github, .gitea: return "\(webURL)/compare/\(base)...\(head)"
        case .gitlab: return "\(webURL)/-/compare/\(base)...\(head)"
        case .bitbucket: return "\(webURL)/branches/compare/\(head)%0D\(base)"
        }
    }
}
