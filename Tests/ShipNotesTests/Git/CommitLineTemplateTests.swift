import ConformanceSupport
import Foundation
import Mustache
@testable import ShipNotes
import Testing

/// Each commit's part of a template is rendered as the commit is read from git, by steps compiled
/// from the commits section when it is simple enough, else by swift-mustache with the commit
/// alone on the stack. Either way the notes must be what swift-mustache gives for the whole
/// template.
@Suite struct CommitLineTemplateTests {
    /// Commits of every kind the steps meet: scoped, breaking with a footer, merges of pull
    /// requests, squash merges, co-authors, issues, an empty body, a non-conventional subject.
    static func repository(remote: String?) throws -> TemporaryRepository {
        let repository = try TemporaryRepository()
        if let remote { try repository.git("remote", "add", "origin", remote) }
        try repository.commit("feat(ui): a screen\n\nCo-authored-by: Bo <bo@example.com>")
        try repository.commit("fix: a crash (#12)\n\nCloses #7")
        try repository.tag("v1.0.0", message: "First")
        try repository.git("checkout", "-q", "-b", "topic")
        try repository.commit("docs: a page")
        try repository.git("checkout", "-q", "main")
        try repository.merge("topic", message: "Merge pull request #20 from acme/topic\n\nThe docs")
        try repository.commit("refactor(core)!: drop the old API\n\nBREAKING CHANGE: `run` is gone")
        try repository.commit("Update the readme")
        return repository
    }

    static func commits(remote: String?) async throws -> [NotesCommit] {
        let repository = try repository(remote: remote)
        let context = try await GitHistory(directory: repository.path).notes(GitHistoryOptions(allReleases: true))
        return context.releases.flatMap { $0.groups.flatMap(\.commits) }
    }

    @Test(arguments: [
        "- {{#scope}}**{{scope}}:** {{/scope}}{{description}}\n",
        "{{id}} {{shortId}} {{&subject}} {{{type}}} {{isBreaking}} {{isMerge}} {{pullRequest}} {{date}}\n",
        "{{links.commit}} {{links.pullRequest}} {{nothing}} {{author.name}} {{author.email}} {{links.nothing}} {{scope.x}}\n",
        "{{^scope}}none{{/scope}}{{#isBreaking}}!{{/isBreaking}}{{^isMerge}}plain{{/isMerge}}{{! a note }}|{{body}}|\n",
        "{{#pullRequest}}#{{pullRequest}}{{/pullRequest}}{{#breakingDescription}}{{breakingDescription}}{{/breakingDescription}}\n",
        "{{#links.commit}}[{{shortId}}]({{links.commit}}){{/links.commit}}{{^links.commit}}{{shortId}}{{/links.commit}}\r\n",
        "{{#subject}}{{#type}}{{type}}{{/type}}{{/subject}}{{^nothing}}no{{/nothing}}{{#author.name}}{{date}}{{/author.name}}\n",
        "{{#coAuthors}}{{name}} {{/coAuthors}}{{#issues}}#{{/issues}}{{description}}\n",
        "  {{ description }}  ",
    ])
    func stepsRenderWhatMustacheRenders(_ body: String) async throws {
        let program = try #require(CommitLineProgram(body: Substring(body)), "not compiled: \(body.debugDescription)")
        let mustache = try MustacheTemplate(string: NotesTemplate.textPragma + body)
        for remote in [nil, "git@github.com:acme/app.git"] {
            let commits = try await Self.commits(remote: remote)
            #expect(commits.count == 6)
            var compiled = 0
            for commit in commits {
                let expected = mustache.render(commit)
                if let line = program.render(commit) {
                    compiled += 1
                    #expect(line == expected, "\(body.debugDescription) for \(commit.subject)")
                }
            }
            // Only a list section makes the steps hand a commit to swift-mustache, and only when
            // the list has items.
            #expect(compiled == (body.contains("{{#coAuthors}}") ? 4 : 6), "\(body.debugDescription)")
        }
    }

    @Test(arguments: [
        // A section tag alone on its line: Mustache drops the line.
        "{{#scope}}\n{{scope}}\n{{/scope}}\n",
        "- {{description}}\n  {{! a comment alone }}\n",
        // The top of the stack, a partial, a transform, other delimiters, a tag over two lines.
        "{{.}}\n", "{{> line}}\n", "{{#first()}}x{{/first()}}\n", "{{=<% %>=}}<%id%>\n", "{{! two\nlines }}{{id}}\n",
        // Sections that do not close, or close another name.
        "{{#scope}}x\n", "{{#scope}}x{{/type}}\n",
    ])
    func bodiesOutsideTheStepsAreNotCompiled(_ body: String) {
        #expect(CommitLineProgram(body: Substring(body)) == nil, "\(body.debugDescription)")
    }

    @Test(arguments: [
        // A group's title, a release's version or date: the line depends on where the commit is.
        "{{#commits}}- {{title}}: {{description}}\n{{/commits}}",
        "{{#commits}}- {{version}} {{description}}\n{{/commits}}",
        "{{#commits}}{{#commits}}x{{/commits}}{{/commits}}",
        // Two commits sections with different bodies.
        "{{#commits}}a{{/commits}}{{#commits}}b{{/commits}}",
    ])
    func sectionsThatReadOutsideTheCommitAreNotCut(_ releaseBody: String) {
        #expect(CommitLineTemplate(releaseBody: Substring(releaseBody), prefix: NotesTemplate.textPragma) == nil)
    }

    @Test func builtInTemplatesRenderLinesAsTheyAreRead() async throws {
        let repository = try Self.repository(remote: "https://gitlab.com/acme/app.git")
        for name in NotesTemplate.builtInNames {
            let template = try NotesTemplate.load(name)
            var options = GitHistoryOptions(allReleases: true, grouping: template.grouping ?? CommitGrouping())
            options.template = template
            let context = try await GitHistory(directory: repository.path).notes(options)
            // The tester template reads the group's title inside its commits: it is rendered whole.
            #expect((context.renderedCommitBody != nil) == (name != "tester"), "\(name)")
            if name == "grouped" { #expect(template.commitLines?.program != nil) }
            let notes = template.render(context)
            #expect(notes == template.renderWhole(context), "\(name)")
            #expect(notes.contains("a crash"), "\(name)")
            // Lines rendered for one template are not used by another.
            for other in NotesTemplate.builtInNames where other != name {
                let otherTemplate = try NotesTemplate.load(other)
                #expect(otherTemplate.render(context) == otherTemplate.renderWhole(context), "\(other) after \(name)")
            }
            // The lines are not part of the JSON context.
            let json = String(decoding: try JSONEncoder().encode(context), as: UTF8.self)
            #expect(!json.contains("renderedLine") && !json.contains("renderedCommitBody") && json.contains("\"shortId\""))
        }
    }

    @Test(arguments: [
        // Standalone section lines inside the commits: lines rendered by swift-mustache.
        ("{{#releases}}\n{{#groups}}\n{{#commits}}\n- {{description}}\n{{#body}}\n  {{body}}\n{{/body}}\n.\n{{/commits}}\n{{/groups}}\n{{/releases}}\n", "mustache"),
        // The body's last line is a tag alone: its newline is not always printed, so no cut.
        ("{{#releases}}\n{{#groups}}\n{{#commits}}\n- {{description}}\n{{#body}}\n  {{body}}\n{{/body}}\n{{/commits}}\n{{/groups}}\n{{/releases}}\n", "whole"),
        // The commits section inline with other text: no cut.
        ("{{#releases}}{{#groups}}<{{#commits}}{{#authors}}{{name}}; {{/authors}}{{/commits}}>{{/groups}}{{/releases}}\n", "whole"),
        // Outside a group: no cut.
        ("{{#releases}}\n{{title}}\n{{#commits}}\n- {{description}}\n{{/commits}}\n{{/releases}}\n", "whole"),
        // People inside the commits: steps, which leave a commit with co-authors to swift-mustache.
        ("{{#releases}}\n{{#groups}}\n{{title}}\n{{#commits}}\n- {{#authors}}{{name}}; {{/authors}}{{description}}\n{{/commits}}\n{{/groups}}\n{{/releases}}\n", "steps"),
        // Steps, with the commits of the breaking changes left to Mustache, and text right after.
        ("{{#releases}}\n{{#breakingChanges}}! {{description}}\n{{/breakingChanges}}\n{{#groups}}\n  {{#commits}}  \n* {{shortId}} {{#scope}}({{scope}}) {{/scope}}{{subject}}\n  {{/commits}}\nend of {{title}}\n{{/groups}}\n{{/releases}}\n", "steps"),
    ])
    func ownTemplatesRenderLinesAsTheyAreRead(_ text: String, how: String) async throws {
        let repository = try Self.repository(remote: "git@github.com:acme/app.git")
        let template = try NotesTemplate(text: text, path: "own.md.mustache")
        #expect((template.commitLines != nil) == (how != "whole"))
        #expect((template.commitLines?.program != nil) == (how == "steps"))
        var options = GitHistoryOptions(allReleases: true)
        options.template = template
        let context = try await GitHistory(directory: repository.path).notes(options)
        #expect((context.renderedCommitBody != nil) == (how != "whole"))
        let notes = template.render(context)
        #expect(notes == template.renderWhole(context))
        #expect(notes.contains("a crash") || notes.contains("Bo; ") || notes.contains("1.0.0"), "\(notes)")
    }

    @Test func peopleRenderTheirNames() async throws {
        let repository = try Self.repository(remote: nil)
        let template = try NotesTemplate(text: "{{#releases}}{{#contributors}}{{name}} <{{email}}>;{{/contributors}}{{/releases}}\n", path: "people.md.mustache")
        let notes = template.render(try await GitHistory(directory: repository.path).notes(GitHistoryOptions(allReleases: true)))
        #expect(notes.contains("Bo <bo@example.com>;"))
        #expect(!notes.contains("name <"))
    }
}
