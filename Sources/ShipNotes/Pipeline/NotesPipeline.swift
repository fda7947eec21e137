import Foundation
import HockeyApp

/// The language notes are written in.
public enum NotesKind: String, Sendable, Codable, CaseIterable {
    case markdown, textile

    /// The kind a file's name says: `.textile` is Textile; `.md`, `.markdown` and anything else are
    /// Markdown, unless `otherwise` is given for names that say nothing.
    public static func of(path: String, otherwise: NotesKind? = nil) -> NotesKind {
        let name = (path as NSString).lastPathComponent.lowercased()
        if name.hasSuffix(".textile") || name.hasSuffix(".textile.mustache") { return .textile }
        if name.hasSuffix(".md") || name.hasSuffix(".markdown") || name.hasSuffix(".md.mustache") { return .markdown }
        return otherwise ?? .markdown
    }

    /// The notes type that shows notes of this kind as written.
    public var notesType: UploadJob.NotesType { self == .markdown ? .markdown : .textile }

    /// The kind that `notesType` shows as written.
    public init(writtenFor notesType: UploadJob.NotesType) {
        self = notesType == .markdown ? .markdown : .textile
    }
}

/// Where the notes of a build come from.
public enum NotesSource: Sendable {
    /// Commits from git history through a notes template; `options.grouping` is used as it is
    /// (`NotesTemplate.grouping` is the template's own).
    case git(directory: String, options: GitHistoryOptions, template: NotesTemplate)
    /// One release of a changelog (the default release when `selection` is nil).
    case changelog(path: String, selection: ReleaseSelection?, options: ChangelogReader.Options)
    /// A file of notes, its kind from its name (`kind` for names that say nothing).
    case file(path: String, kind: NotesKind?)
    /// Notes given as text.
    case text(String, kind: NotesKind)
}

/// Notes as their source gave them, before they are fitted to a notes type.
public struct ComposedNotes: Sendable {
    public let text: String
    public let kind: NotesKind
    /// Where they came from, for people: `git v1.2.0..HEAD`, `CHANGELOG.md, release 1.2.0`.
    public let origin: String
    /// For notes from git: the context the template was rendered with.
    public let context: NotesContext?

    public init(text: String, kind: NotesKind, origin: String, context: NotesContext? = nil) {
        self.text = text
        self.kind = kind
        self.origin = origin
        self.context = context
    }
}

/// Notes fitted to the notes type they are sent as: what is uploaded, and what the server shows.
public struct PreparedNotes: Sendable {
    /// The notes as they were composed.
    public let composed: ComposedNotes
    /// What is sent as `notes`.
    public let text: String
    /// What is sent as `notes_type`.
    public let notesType: UploadJob.NotesType
    /// Markdown notes sent as Textile were converted by `TextileWriter`.
    public let isConverted: Bool

    /// The HTML the server renders from `text` for `notesType`.
    public var serverHTML: String { Self.serverHTML(text, as: notesType) }

    /// The HTML the server renders from `text` sent as `notesType`.
    public static func serverHTML(_ text: String, as notesType: UploadJob.NotesType) -> String {
        switch notesType {
        case .markdown: return NotesRendering.serverHTML(fromMarkdown: text, as: .markdown)
        case .textile: return NotesRendering.serverHTML(fromTextile: text)
        }
    }
}

/// The steps from a notes source to an upload: compose (source → text), prepare (text → what is
/// sent for a notes type), then `UploadJob` from the prepared notes. Each step is usable alone;
/// the commands are thin layers over them.
public enum NotesPipeline {
    /// Reads the notes from `source`.
    public static func compose(_ source: NotesSource) async throws -> ComposedNotes {
        switch source {
        case let .git(directory, givenOptions, template):
            var options = givenOptions
            options.template = template
            let context = try await GitHistory(directory: directory).notes(options)
            let origin = "git " + (options.range ?? (options.allReleases ? "history, every release" : Self.sinceOrigin(context)))
            return ComposedNotes(text: template.render(context), kind: template.kind, origin: origin, context: context)
        case let .changelog(path, selection, readerOptions):
            let reader = try ChangelogReader(options: readerOptions)
            let outline = try reader.outline(contentsOfFile: path)
            let releases = try selection.map { try outline.releases($0) } ?? [try outline.defaultRelease()]
            let merged = releases.count > 1
            let title = releases.map(\.displayName).joined(separator: ", ")
            let text = merged ? releases.mergedNotes : releases[0].notes
            return ComposedNotes(text: text, kind: .markdown, origin: "\(path), release \(title)")
        case let .file(path, kind):
            let text = try readText(path)
            return ComposedNotes(text: text, kind: NotesKind.of(path: path, otherwise: kind), origin: path)
        case let .text(text, kind):
            return ComposedNotes(text: text, kind: kind, origin: "text given")
        }
    }

    /// Fits notes to `notesType` (their own kind's type when nil): Markdown sent as Textile is
    /// converted with `TextileWriter`, so that RedCloth shows what cmark would; Textile is sent as
    /// it is.
    ///
    /// - Throws: `NotesPipelineError.textileAsMarkdown` for Textile notes asked to go out as Markdown.
    public static func prepare(_ notes: ComposedNotes, as notesType: UploadJob.NotesType? = nil) throws -> PreparedNotes {
        let type = notesType ?? notes.kind.notesType
        switch (notes.kind, type) {
        case (.markdown, .markdown), (.textile, .textile):
            return PreparedNotes(composed: notes, text: notes.text, notesType: type, isConverted: false)
        case (.markdown, .textile):
            return PreparedNotes(composed: notes, text: NotesRendering.textile(fromMarkdown: notes.text),
                                 notesType: .textile, isConverted: true)
        case (.textile, .markdown):
            throw NotesPipelineError.textileAsMarkdown(origin: notes.origin)
        }
    }

    private static func sinceOrigin(_ context: NotesContext) -> String {
        guard let previous = context.releases.first?.previousTag else { return "history (no version tag yet)" }
        return "\(previous)..HEAD"
    }

    private static func readText(_ path: String) throws -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw FileReadError.fileNotFound(path: path) }
        if isFolder.boolValue { throw FileReadError.isDirectory(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FileReadError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        let bytes = [UInt8](data)
        if let offset = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset($0, rejectingNUL: true) }) {
            let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw NotesPipelineError.notText(path: path, line: line)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

public enum NotesPipelineError: Error, Equatable, Sendable, LocalizedError {
    case textileAsMarkdown(origin: String)
    case notText(path: String, line: Int)

    public var errorDescription: String? {
        switch self {
        case let .textileAsMarkdown(origin):
            return "the notes from \(origin) are Textile, which shipnotes does not turn into Markdown; send them with --notes-type textile."
        case let .notText(path, line):
            return "\(path):\(line): not UTF-8 text."
        }
    }
}
