@testable import ShipNotes

/// Short forms of what the reader found, for tables of expected results.
enum Outlining {
    static func outline(_ text: String, options: ChangelogReader.Options = .init()) throws -> ChangelogOutline {
        try ChangelogReader(options: options).outline(bytes: Array(text.utf8), path: "CHANGELOG.md")
    }

    /// `version date flags @line`: `1.2.3 2024-01-01 @5`, `- - unreleased @3`, `1.0.0-rc.2 - pre-release @9`.
    static func summary(_ heading: ReleaseHeading) -> String {
        var flags: [String] = []
        if heading.isUnreleased { flags.append("unreleased") }
        if heading.isYanked { flags.append("yanked") }
        if heading.isPrerelease { flags.append("pre-release") }
        let parts = [heading.version?.normalized ?? "-", heading.date?.description ?? "-"] + flags + ["@\(heading.line)"]
        return parts.joined(separator: " ")
    }

    static func summaries(_ text: String, options: ChangelogReader.Options = .init()) throws -> [String] {
        try outline(text, options: options).headings.map(summary)
    }
}
