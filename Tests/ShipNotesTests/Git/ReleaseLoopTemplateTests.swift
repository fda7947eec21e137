import ConformanceSupport
import Foundation
@testable import ShipNotes
import Testing

/// The releases of a template are rendered in parallel when the template can be cut at its
/// `{{#releases}}` sections; the result must be what Mustache gives for the whole template.
@Suite struct ReleaseLoopTemplateTests {
    /// A history with four releases, merges, a breaking change, co-authors and a GitHub remote.
    static func context() async throws -> (NotesContext, TemporaryRepository) {
        let repository = try TemporaryRepository()
        try repository.git("remote", "add", "origin", "git@github.com:acme/app.git")
        for release in 0..<4 {
            try repository.commit("feat(ui): screen \(release)\n\nCo-authored-by: Bo <bo@example.com>")
            try repository.commit("fix: crash \(release) (#\(release + 10))")
            try repository.git("checkout", "-q", "-b", "topic\(release)")
            try repository.commit("docs: page \(release)")
            try repository.git("checkout", "-q", "main")
            try repository.merge("topic\(release)", message: "Merge pull request #\(release + 20) from acme/topic\(release)\n\nTopic \(release)")
            try repository.tag("v1.\(release).0", message: release % 2 == 0 ? "Release 1.\(release)" : nil)
        }
        try repository.commit("refactor!: drop the old API")
        try repository.commit("Update the readme")
        let context = try await GitHistory(directory: repository.path).notes(GitHistoryOptions(allReleases: true))
        return (context, repository)
    }

    @Test func builtInTemplatesRenderTheSameInParallel() async throws {
        let (context, repository) = try await Self.context()
        #expect(context.releases.count == 5)
        for name in NotesTemplate.builtInNames {
            let template = try NotesTemplate.load(name)
            #expect(template.rendersReleasesInParallel, "\(name) is rendered one release at a time")
            let parallel = template.render(context)
            #expect(parallel == template.renderWhole(context), "\(name)")
            #expect(parallel.contains("1.3.0"))
        }
        _ = repository
    }

    @Test(arguments: [
        // Two release sections with text between and around them (Keep a Changelog's links).
        "# Notes\n{{#releases}}\n## {{title}}\n{{/releases}}\nbetween\n{{#releases}}\n[{{title}}]: {{compareURL}}\n{{/releases}}\nend\n",
        // Tags inline with text, not alone on their lines.
        "start {{#releases}}<{{title}}>{{/releases}} end\n",
        // Indented standalone tags and CRLF line endings.
        "  {{#releases}}  \r\n* {{title}}{{#date}} {{date}}{{/date}}\r\n  {{/releases}}\r\ntail\r\n",
        // Context fields read inside a release (the remote, the next version).
        "{{#releases}}\n{{title}} {{remote.url}} {{#isUnreleased}}{{nextVersion}}{{/isUnreleased}}\n{{/releases}}\n",
        // Groups and commits with parent lookups (a commit has no title: the group's is used).
        "{{#releases}}\n{{#groups}}\n{{#commits}}\n{{title}}: {{description}} {{#coAuthors}}{{name}}{{/coAuthors}}\n{{/commits}}\n{{/groups}}\n{{/releases}}\n",
    ])
    func templatesThatCanBeCutRenderTheSame(_ text: String) async throws {
        let (context, repository) = try await Self.context()
        let template = try NotesTemplate(text: text, path: "cut.md.mustache")
        #expect(template.rendersReleasesInParallel)
        #expect(template.render(context) == template.renderWhole(context))
        _ = repository
    }

    @Test(arguments: [
        // Inside another section: cutting would break the outer section.
        "{{#remote}}\n{{#releases}}\n{{title}}\n{{/releases}}\n{{/remote}}\n",
        // The position in the section is asked for.
        "{{#releases}}\n{{^first()}}---\n{{/first()}}\n{{title}}\n{{/releases}}\n",
        // The release itself is printed.
        "{{#releases}}{{.}}{{/releases}}\n",
        // Other delimiters.
        "{{=<% %>=}}\n<%#releases%><%title%><%/releases%>\n",
    ])
    func templatesThatCannotBeCutAreRenderedWhole(_ text: String) async throws {
        let (context, repository) = try await Self.context()
        let template = try NotesTemplate(text: text, path: "whole.md.mustache")
        #expect(!template.rendersReleasesInParallel)
        #expect(template.render(context) == template.renderWhole(context))
        _ = repository
    }
}
