import ConformanceSupport
import Foundation
import Testing

@testable import ShipNotes

/// The hosted repository behind `origin` and the links the notes give commits, pull requests,
/// issues and comparisons on GitHub, GitLab, Bitbucket and Gitea. Every case is a real repository
/// with `git remote add origin …`.
@Suite struct GitRemoteTests {
    struct Remote {
        let url: String
        let host: String
        let web: String
        let path: String
    }

    static let remotes: [Remote] = [
        Remote(url: "https://github.com/acme/app.git", host: "github", web: "https://github.com/acme/app", path: "acme/app"),
        Remote(url: "https://github.com/acme/app", host: "github", web: "https://github.com/acme/app", path: "acme/app"),
        Remote(url: "https://github.com/acme/app/", host: "github", web: "https://github.com/acme/app", path: "acme/app"),
        Remote(url: "https://ada@github.com/acme/app.git", host: "github", web: "https://github.com/acme/app", path: "acme/app"),
        // A token in the URL never reaches the links.
        Remote(url: "https://x-access-token:ghp_secret@github.com/acme/app.git", host: "github",
               web: "https://github.com/acme/app", path: "acme/app"),
        Remote(url: "ssh://git@github.com:22/acme/app.git", host: "github", web: "https://github.com/acme/app", path: "acme/app"),
        Remote(url: "git@github.com:acme/app.git", host: "github", web: "https://github.com/acme/app", path: "acme/app"),
        Remote(url: "git://github.com/acme/app.git", host: "github", web: "https://github.com/acme/app", path: "acme/app"),
        Remote(url: "https://gitlab.com/acme/app.git", host: "gitlab", web: "https://gitlab.com/acme/app", path: "acme/app"),
        Remote(url: "https://ada@gitlab.com/acme/app.git", host: "gitlab", web: "https://gitlab.com/acme/app", path: "acme/app"),
        Remote(url: "ssh://git@gitlab.com:22/acme/app.git", host: "gitlab", web: "https://gitlab.com/acme/app", path: "acme/app"),
        Remote(url: "git@gitlab.com:acme/app.git", host: "gitlab", web: "https://gitlab.com/acme/app", path: "acme/app"),
        Remote(url: "https://gitlab.com/acme/platform/app.git", host: "gitlab",
               web: "https://gitlab.com/acme/platform/app", path: "acme/platform/app"),
        Remote(url: "git@gitlab.com:acme/platform/app.git", host: "gitlab",
               web: "https://gitlab.com/acme/platform/app", path: "acme/platform/app"),
        Remote(url: "ssh://git@gitlab.example.com:2222/acme/app.git", host: "gitlab",
               web: "https://gitlab.example.com/acme/app", path: "acme/app"),
        Remote(url: "http://gitlab.internal/acme/app.git", host: "gitlab", web: "http://gitlab.internal/acme/app", path: "acme/app"),
        Remote(url: "https://bitbucket.org/acme/app.git", host: "bitbucket", web: "https://bitbucket.org/acme/app", path: "acme/app"),
        Remote(url: "https://ada@bitbucket.org/acme/app.git", host: "bitbucket", web: "https://bitbucket.org/acme/app", path: "acme/app"),
        Remote(url: "ssh://git@bitbucket.org:22/acme/app.git", host: "bitbucket", web: "https://bitbucket.org/acme/app", path: "acme/app"),
        Remote(url: "git@bitbucket.org:acme/app.git", host: "bitbucket", web: "https://bitbucket.org/acme/app", path: "acme/app"),
        Remote(url: "https://codeberg.org/acme/app.git", host: "gitea", web: "https://codeberg.org/acme/app", path: "acme/app"),
        Remote(url: "https://ada@codeberg.org/acme/app.git", host: "gitea", web: "https://codeberg.org/acme/app", path: "acme/app"),
        Remote(url: "ssh://git@codeberg.org:22/acme/app.git", host: "gitea", web: "https://codeberg.org/acme/app", path: "acme/app"),
        Remote(url: "git@codeberg.org:acme/app.git", host: "gitea", web: "https://codeberg.org/acme/app", path: "acme/app"),
        // A self-hosted server's HTTPS port is its web server's too.
        Remote(url: "https://gitea.example.com:3000/acme/app.git", host: "gitea",
               web: "https://gitea.example.com:3000/acme/app", path: "acme/app"),
    ]

    @Test func theRemoteNamesItsHostAndWebAddress() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        for remote in Self.remotes {
            try repo.git("config", "remote.origin.url", remote.url)
            let found = try await repo.notes().remote
            #expect(found?.host == remote.host, "\(remote.url)")
            #expect(found?.url == remote.web, "\(remote.url)")
            #expect(found?.path == remote.path, "\(remote.url)")
        }
    }

    /// GitHub's SSH over port 443 is `ssh.github.com`, which serves SSH alone on that port; the web
    /// pages stay on github.com.
    @Test func gitHubsSSHOverTheHTTPSPortLinksToGitHub() async throws {
        let repo = try TemporaryRepository()
        let id = try repo.commit("feat: one")
        try repo.git("remote", "add", "origin", "ssh://git@ssh.github.com:443/acme/app.git")
        let context = try await repo.notes()
        #expect(context.remote?.host == "github")
        #expect(context.remote?.url == "https://github.com/acme/app")
        #expect(context.releases[0].commits.first?.links.commit == "https://github.com/acme/app/commit/\(id)")
    }

    @Test(arguments: ["/srv/git/app.git", "../app.git", "./app", "file:///srv/git/app.git", "https://example.com/acme/app.git",
                      "https://github.com/acme"])
    func aLocalPathOrUnknownHostGivesNoLinks(url: String) async throws {
        let repo = try TemporaryRepository()
        let id = try repo.commit("feat: one (#3)")
        try repo.git("remote", "add", "origin", url)
        let context = try await repo.notes()
        #expect(context.remote == nil)
        let commit = try #require(context.releases[0].commits.first)
        #expect(commit.id == id)
        #expect(commit.links.commit == nil && commit.links.pullRequest == nil)
    }

    // MARK: Links

    struct Links: Sendable, CustomTestStringConvertible {
        let url: String
        let web: String
        /// What follows the web address, before the commit id, pull request or issue number.
        let commit: String
        let pullRequest: String
        let issue: String
        /// From v1.0.0 to v1.1.0, and from v1.1.0 to HEAD.
        let compare: String
        let compareToHead: String
        var testDescription: String { url }
    }

    static let links: [Links] = [
        Links(url: "https://github.com/acme/app.git", web: "https://github.com/acme/app", commit: "/commit/", pullRequest: "/pull/",
              issue: "/issues/", compare: "/compare/v1.0.0...v1.1.0", compareToHead: "/compare/v1.1.0...HEAD"),
        Links(url: "git@gitlab.com:acme/platform/app.git", web: "https://gitlab.com/acme/platform/app", commit: "/-/commit/",
              pullRequest: "/-/merge_requests/", issue: "/-/issues/", compare: "/-/compare/v1.0.0...v1.1.0",
              compareToHead: "/-/compare/v1.1.0...HEAD"),
        Links(url: "https://ada@bitbucket.org/acme/app.git", web: "https://bitbucket.org/acme/app", commit: "/commits/",
              pullRequest: "/pull-requests/", issue: "/issues/", compare: "/branches/compare/v1.1.0%0Dv1.0.0",
              compareToHead: "/branches/compare/HEAD%0Dv1.1.0"),
        Links(url: "ssh://git@codeberg.org/acme/app.git", web: "https://codeberg.org/acme/app", commit: "/commit/",
              pullRequest: "/pulls/", issue: "/issues/", compare: "/compare/v1.0.0...v1.1.0", compareToHead: "/compare/v1.1.0...HEAD"),
    ]

    @Test(arguments: links)
    func eachHostLinksCommitsPullRequestsIssuesAndComparisons(_ expected: Links) async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        try repo.tag("v1.0.0")
        try repo.git("checkout", "-q", "-b", "search")
        try repo.commit("feat: add search index", files: ["search.txt": "index\n"])
        try repo.git("checkout", "-q", "main")
        let merge = try repo.merge("search", message: "Merge pull request #12 from acme/search\n\nfeat: search box")
        let fix = try repo.commit("fix: crash\n\nRefs: #13, #14")
        try repo.tag("v1.1.0")
        try repo.commit("fix: after")
        try repo.git("remote", "add", "origin", expected.url)

        let context = try await repo.notes(GitHistoryOptions(allReleases: true, merges: .firstParent, grouping: .ungrouped))
        #expect(context.remote?.url == expected.web)
        let releases = context.releases
        #expect(releases.map(\.title) == ["Unreleased", "1.1.0", "1.0.0"])
        #expect(releases[1].compareURL == expected.web + expected.compare)
        #expect(releases[2].compareURL == nil)
        #expect(releases[0].compareURL == expected.web + expected.compareToHead)

        let commits = releases[1].commits
        #expect(commits.map(\.id) == [fix, merge])
        #expect(commits[0].links.commit == expected.web + expected.commit + fix)
        #expect(commits[0].links.issues == [expected.web + expected.issue + "13", expected.web + expected.issue + "14"])
        #expect(commits[0].links.pullRequest == nil)
        #expect(commits[1].links.pullRequest == expected.web + expected.pullRequest + "12")
        #expect(commits[1].links.commit == expected.web + expected.commit + merge)
    }

    @Test func withoutARemoteThereAreNoLinks() async throws {
        let repo = try TemporaryRepository()
        try repo.commit("feat: one")
        try repo.tag("v1.0.0")
        try repo.commit("fix: crash (#12)\n\nCloses: #13")

        let context = try await repo.notes()
        #expect(context.remote == nil)
        #expect(context.releases[0].compareURL == nil)
        let commit = try #require(context.releases[0].commits.first)
        #expect(commit.pullRequest == 12 && commit.issues == [13])
        #expect(commit.links.commit == nil && commit.links.pullRequest == nil && commit.links.issues.isEmpty)
    }

    /// `url.*.insteadOf` rules (here the repository's own, and on some machines the system's) point
    /// fetches at a mirror; the links must still go to the hosted repository.
    @Test(arguments: ["https://github.com/acme/app.git", "git@github.com:acme/app.git"])
    func insteadOfRewritesDoNotChangeTheLinks(url: String) async throws {
        let repo = try TemporaryRepository()
        let id = try repo.commit("feat: one")
        try repo.git("config", "url./srv/mirror/.insteadOf", "https://github.com/")
        try repo.git("config", "--add", "url./srv/mirror/.insteadOf", "git@github.com:")
        try repo.git("remote", "add", "origin", url)
        #expect(try repo.git("remote", "get-url", "origin") == "/srv/mirror/acme/app.git")

        let context = try await repo.notes()
        #expect(context.remote?.url == "https://github.com/acme/app")
        #expect(context.remote?.host == "github")
        #expect(context.releases[0].commits.first?.links.commit == "https://github.com/acme/app/commit/\(id)")
    }
}
