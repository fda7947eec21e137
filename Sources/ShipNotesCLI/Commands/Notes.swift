import ArgumentParser
import Foundation
import ShipNotes

extension ShipNotesCommand {
    /// `shipnotes notes`: a release's notes out of a CHANGELOG file or git history, ready to
    /// preview and upload.
    struct Notes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "notes",
            abstract: "Print the notes of a release from a CHANGELOG file or from git history.",
            discussion: """
                With --changelog: finds the release headings of a Markdown changelog (Keep a Changelog, `## v1.2.3`, \
                `## Version 1.2.3`, `1.2.3 / 2024-01-01` underlined with ===, `## Rust 1.98`, `## [Unreleased]` \
                and more) and prints one release's notes with the link definitions they use, so that they \
                render the same on their own. Without a selection, json prints the whole changelog and the \
                other formats the latest release.

                Examples:
                  shipnotes notes --changelog CHANGELOG.md --list
                  shipnotes notes --changelog CHANGELOG.md --version 1.4.0 > notes.md
                  shipnotes notes --changelog CHANGELOG.md --latest --format html
                  shipnotes notes --changelog CHANGELOG.md --since 1.2.0 --format textile
                  shipnotes notes --changelog CHANGELOG.md --unreleased --format json
                  shipnotes notes --changelog CHANGELOG.md --version-prefix app-v --latest

                With --git [RANGE]: reads the commits of RANGE (A..B, or by default those since the \
                newest version tag in HEAD's history; every commit when there is none), groups them by \
                Conventional Commits type and renders them with a Mustache template (built in: \
                \(NotesTemplate.builtInNames.joined(separator: ", ")); or --template PATH). --all-releases \
                gives every commit to the oldest tag that contains it. --format json prints the template's \
                context (the README lists its fields).

                Examples:
                  shipnotes notes --git
                  shipnotes notes --git v1.2.0..v1.3.0 --format html
                  shipnotes notes --git --all-releases --template keep-a-changelog
                  shipnotes notes --git --tag-prefix app/v --path apps/app --template tester
                  shipnotes notes --git --merges first-parent --group feat=New --group fix=Fixed
                  shipnotes notes --git --bumped-version
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case markdown, textile, html, json
        }

        @Option(help: ArgumentHelp("The changelog to read; '-' reads standard input.", valueName: "file"))
        var changelog: String?

        @OptionGroup(title: "Notes from git history")
        var git: GitSourceOptions

        @OptionGroup(title: "Project config")
        var configOptions: ConfigOptions

        @Option(name: .customLong("version"), help: ArgumentHelp(
            "The release to print: 1.2.3, v1.2.3 or [1.2.3].", valueName: "version"))
        var releaseVersion: String?

        @Flag(help: "The newest released version (unreleased and yanked sections skipped).")
        var latest = false

        @Flag(help: "The unreleased section (## [Unreleased], ## Master, …).")
        var unreleased = false

        @Option(help: ArgumentHelp("Every release newer than this version, newest first.", valueName: "version"))
        var since: String?

        @Flag(help: "List the releases: version, date and line, one per line.")
        var list = false

        @Option(help: "The output: markdown (the notes, ready to upload), textile, html (as the server shows them), or json.")
        var format: Format = .markdown

        @Option(help: "For --format html: how the server renders the notes, markdown or textile.")
        var notesType: UploadFieldOptions.NotesType = .markdown

        @Option(help: ArgumentHelp("Text before the version in every release title (app-v for app-v1.2.3).", valueName: "prefix"))
        var versionPrefix: String?

        @Option(help: ArgumentHelp(
            "A regular expression for release titles; its group named 'version' (or its first group) is the version.",
            valueName: "regex"))
        var versionPattern: String?

        func validate() throws {
            if git.git {
                if changelog != nil { throw ValidationError("Choose one source: --git or --changelog.") }
                try git.validate(changelogSelections: [releaseVersion != nil, latest, unreleased, since != nil,
                                                      versionPrefix != nil, versionPattern != nil])
                return
            }
            if changelog == nil { throw ValidationError("Say where the notes come from: --changelog FILE or --git [RANGE].") }
            try git.validateUnused()
            let selections = [releaseVersion != nil, latest, unreleased, since != nil, list].filter { $0 }.count
            if selections > 1 {
                throw ValidationError("Choose one of --version, --latest, --unreleased, --since and --list.")
            }
            if list && (format == .textile || format == .html) {
                throw ValidationError("--list prints text or, with --format json, JSON.")
            }
        }

        func run() async throws {
            guard let changelog else {
                StandardStreams.writeOutput(try await git.notes(format: format, notesType: notesType, list: list,
                                                                config: try configOptions.load()))
                return
            }
            let reader = try ChangelogReader(options: .init(versionPrefix: versionPrefix, versionPattern: versionPattern))
            let outline: ChangelogOutline
            if changelog == "-" {
                let input = InputFile(changelog)
                outline = try reader.outline(bytes: try input.readBytes(), path: input.displayName)
            } else {
                outline = try reader.outline(contentsOfFile: changelog)
            }
            // Everything is rendered before anything is written: a failure leaves no partial output.
            StandardStreams.writeOutput(try output(for: outline))
            KeptUntilExit.keep(outline)
        }

        private var selection: ReleaseSelection? {
            if let releaseVersion { return .version(releaseVersion) }
            if latest { return .latest }
            if unreleased { return .unreleased }
            if let since { return .since(since) }
            return nil
        }

        private func output(for outline: ChangelogOutline) throws -> String {
            if list {
                return format == .json ? try Self.json(outline.headings) : Self.listing(outline.headings)
            }
            guard let selection else {
                if format == .json { return try Self.json(outline.changelog()) }
                return render([try outline.defaultRelease()], merged: false)
            }
            // Only --since selects several releases (merged into one document); the others select one.
            let releases = try outline.releases(selection)
            if format == .json { return since != nil ? try Self.json(releases) : try Self.json(releases[0]) }
            return render(releases, merged: since != nil)
        }

        private func render(_ releases: [Release], merged: Bool) -> String {
            let markdown = merged ? releases.mergedNotes : releases[0].notes
            switch format {
            case .markdown, .json: return markdown
            case .textile: return NotesRendering.textile(fromMarkdown: markdown)
            case .html: return NotesRendering.serverHTML(fromMarkdown: markdown, as: notesType.value)
            }
        }

        /// One line per release, in columns: version (or title), date, line, flags. Built as bytes:
        /// a changelog may list hundreds of thousands of releases.
        static func listing(_ headings: [ReleaseHeading]) -> String {
            let names = headings.map { Array($0.displayName.utf8) }
            let width = min(names.map { String(decoding: $0, as: UTF8.self).count }.max() ?? 0, 40)
            var text: [UInt8] = []
            text.reserveCapacity(headings.count * (width + 32))
            func pad(_ bytes: [UInt8], to columns: Int) {
                text.append(contentsOf: bytes)
                let shown = bytes.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
                if shown < columns { text.append(contentsOf: repeatElement(0x20, count: columns - shown)) }
            }
            for (heading, name) in zip(headings, names) {
                pad(name, to: width)
                text.append(contentsOf: "  ".utf8)
                pad(Array((heading.date?.description ?? "-").utf8), to: 10)
                text.append(contentsOf: "  line \(heading.line)".utf8)
                var flags: [String] = []
                if heading.isUnreleased { flags.append("unreleased") }
                if heading.isYanked { flags.append("yanked") }
                if heading.isPrerelease { flags.append("pre-release") }
                if !flags.isEmpty { text.append(contentsOf: "  (\(flags.joined(separator: ", ")))".utf8) }
                text.append(0x0A)
            }
            return String(decoding: text, as: UTF8.self)
        }

        static func json<Value: Encodable>(_ value: Value) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        }
    }
}
