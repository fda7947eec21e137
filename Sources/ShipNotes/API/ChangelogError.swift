import Foundation

/// Why a changelog could not give the notes asked for. Each case reads as one sentence naming the
/// file, and the line where there is one.
public enum ChangelogError: Error, Equatable, Sendable, LocalizedError {
    /// No heading in the file reads as a release.
    case noReleases(path: String)
    /// The file holds a NUL byte: it is not text.
    case notText(path: String, line: Int)
    /// The file is not UTF-8.
    case notUTF8(path: String, line: Int)
    /// Two releases have the same version.
    case duplicateVersion(path: String, version: String, line: Int, firstLine: Int)
    /// The version asked for is not in the file; `nearest` lists the versions around it.
    case versionNotFound(path: String, version: String, nearest: [String])
    /// What was given as a version is not one.
    case notAVersion(String)
    /// `--latest` found only unreleased sections.
    case noReleasedVersion(path: String)
    /// `--unreleased` found no unreleased section.
    case noUnreleasedSection(path: String)
    /// `--since` found no release newer than the version given.
    case nothingSince(path: String, version: String)
    /// The configured version pattern is not a regular expression.
    case invalidVersionPattern(pattern: String, reason: String)

    /// The shapes of release heading the reader looks for, for the message that found none.
    public static let headingShapes =
        "`## [1.2.3] - 2024-01-01`, `## v1.2.3`, `## Version 1.2.3`, `## 1.2.3 (2024-01-01)`, `## Rust 1.98`, "
        + "`1.2.3 / 2024-01-01` underlined with `===`, `## [Unreleased]`"

    public var errorDescription: String? {
        switch self {
        case let .noReleases(path):
            return "\(path): no release headings found; looked for headings such as \(Self.headingShapes) "
                + "(--version-prefix and --version-pattern read other shapes)."
        case let .notText(path, line):
            return "\(path):\(line): not a text file (it holds a NUL byte)."
        case let .notUTF8(path, line):
            return "\(path):\(line): not UTF-8 text (an invalid byte sequence)."
        case let .duplicateVersion(path, version, line, firstLine):
            return "\(path):\(line): version \(version) appears twice (first on line \(firstLine))."
        case let .versionNotFound(path, version, nearest):
            let hint = nearest.isEmpty ? "" : "; nearest: \(nearest.joined(separator: ", "))"
            return "\(path): no release \(version)\(hint)."
        case let .notAVersion(text):
            return "'\(text)' is not a version number (expected something like 1.2.3, v1.2.3 or [1.2.3])."
        case let .noReleasedVersion(path):
            return "\(path): no released version found, only unreleased sections."
        case let .noUnreleasedSection(path):
            return "\(path): no unreleased section (such as `## [Unreleased]`) found."
        case let .nothingSince(path, version):
            return "\(path): no release newer than \(version)."
        case let .invalidVersionPattern(pattern, reason):
            return "the version pattern '\(pattern)' is not a valid regular expression: \(reason)."
        }
    }
}
