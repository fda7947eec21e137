import Foundation
import Mustache

/// A Mustache template that turns a `NotesContext` into notes: one of the templates that ship with
/// shipnotes (`templates/notes/NAME.md.mustache`), or a file of the user's.
///
/// Templates write text as it is (no HTML escaping): the notes are Markdown or Textile, which the
/// server renders. A template may set its own groups in a comment, which `--group` overrides:
/// `{{! groups: feat=Added; fix=Fixed; *=Changed }}` (`*` names the group of the other commits; an
/// empty `*=` leaves them out).
public struct NotesTemplate: Sendable {
    /// What a template writes: Markdown or Textile.
    public typealias Kind = NotesKind

    /// The file the template was read from.
    public let path: String
    /// What the template writes, from its name (`x.md.mustache`, `x.textile.mustache`); Markdown by default.
    public let kind: Kind
    /// The grouping the template asks for, if it asks for one.
    public let grouping: CommitGrouping?
    private let template: MustacheTemplate
    /// The same template cut at its release sections, when it can be, to render releases in parallel.
    private let releaseLoops: ReleaseLoopTemplate?
    private let library: MustacheLibrary?

    /// Put on a line of its own before every template: text is written as it is, not HTML-escaped.
    /// Alone on its line, the pragma leaves no trace in the output.
    static let textPragma = "{{% CONTENT_TYPE: TEXT }}\n"

    /// The templates that ship with shipnotes.
    public static let builtInNames = ["grouped", "keep-a-changelog", "tester"]
    public static let defaultName = "grouped"

    /// Loads `nameOrPath`: a path when it holds a `/` or ends in `.mustache`, else a built-in name.
    public static func load(_ nameOrPath: String = defaultName) throws -> NotesTemplate {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".mustache") {
            return try NotesTemplate(path: nameOrPath)
        }
        let folders = searchFolders()
        for folder in folders {
            for suffix in [".md.mustache", ".textile.mustache", ".mustache"] {
                let path = folder + "/" + nameOrPath + suffix
                if FileManager.default.isReadableFile(atPath: path) { return try NotesTemplate(path: path) }
            }
        }
        throw NotesTemplateError.notFound(name: nameOrPath, searched: folders)
    }

    /// Reads and parses the template at `path`.
    public init(path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            throw NotesTemplateError.unreadable(path: path, reason: !exists ? "no such file" : isFolder.boolValue ? "it is a folder" : "not UTF-8 text")
        }
        try self.init(text: text, path: path)
    }

    /// Parses `text`; `path` names it in errors and gives the kind.
    public init(text: String, path: String) throws {
        self.path = path
        let file = (path as NSString).lastPathComponent
        kind = file.hasSuffix(".textile.mustache") || file.hasSuffix(".textile") ? .textile : .markdown
        grouping = try Self.grouping(in: text, path: path)
        do {
            template = try MustacheTemplate(string: Self.textPragma + text)
        } catch let error as MustacheTemplate.ParserError {
            throw Self.parseError(error, in: text, path: path)
        }
        library = text.contains("{{>") ? try Self.partials(besides: path) : nil
        releaseLoops = ReleaseLoopTemplate(text: text, prefix: Self.textPragma)
    }

    /// Renders the notes: at most one blank line in a row, none at the start, one newline at the end.
    public func render(_ context: NotesContext) -> String {
        Self.tidy(releaseLoops?.render(context, library: library) ?? template.render(context, library: library))
    }

    /// Renders the template whole, one release after another, as Mustache does: what the
    /// parallel rendering must equal.
    func renderWhole(_ context: NotesContext) -> String {
        Self.tidy(template.render(context, library: library))
    }

    /// The template's commits sections, when each commit's part can be rendered as it is read.
    var commitLines: CommitLineTemplate? { releaseLoops?.commitLines }

    /// Whether the releases are rendered in parallel (the template could be cut at its release sections).
    var rendersReleasesInParallel: Bool { releaseLoops != nil }

    static func tidy(_ text: String) -> String {
        var text = text
        return text.withUTF8 { input in
            // The output is never longer than the input and the newline it may end with.
            String(unsafeUninitializedCapacity: input.count + 1) { output in
                var count = 0
                var newlines = 0
                var index = 0
                while index < input.count {
                    if input[index] == 0x0A {
                        newlines += 1
                        index += 1
                        continue
                    }
                    if newlines > 0, count > 0 {
                        // Spaces that ended a line (a template's indentation before a newline) go.
                        while count > 0, output[count - 1] == 0x20 { count -= 1 }
                        for _ in 0..<min(newlines, 2) {
                            output[count] = 0x0A
                            count += 1
                        }
                    }
                    newlines = 0
                    // The rest of the line is copied as it is.
                    let end = input[index...].firstIndex(of: 0x0A) ?? input.count
                    _ = UnsafeMutableBufferPointer(rebasing: output[count..<(count + end - index)])
                        .initialize(from: input[index..<end])
                    count += end - index
                    index = end
                }
                while count > 0, output[count - 1] == 0x20 { count -= 1 }
                if count > 0 {
                    output[count] = 0x0A
                    count += 1
                }
                return count
            }
        }
    }

    /// Where built-in templates are looked for: beside the executable (`templates/notes`,
    /// `../share/shipnotes/templates/notes`), in the resource bundle the build puts beside it, and
    /// in the source tree this was built from.
    public static func searchFolders() -> [String] {
        var folders: [String] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let folder = executable.deletingLastPathComponent().path
            folders += [
                folder + "/templates/notes",
                folder + "/../share/shipnotes/templates/notes",
                folder + "/shipnotes_ShipNotes.resources/templates/notes",
                folder + "/shipnotes_ShipNotes.bundle/Contents/Resources/templates/notes",
                folder + "/shipnotes_ShipNotes.bundle/templates/notes",
            ]
        }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        folders.append(source.appendingPathComponent("Resources/templates/notes").path)
        return folders.map { ($0 as NSString).standardizingPath }
    }

    /// The `{{! groups: … }}` comment.
    private static func grouping(in text: String, path: String) throws -> CommitGrouping? {
        guard let start = text.range(of: "{{! groups:") ?? text.range(of: "{{!groups:"),
              let end = text[start.upperBound...].range(of: "}}") else { return nil }
        let line = text[..<start.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        var items: [String] = []
        var otherTitle = "Other Changes"
        for item in text[start.upperBound..<end.lowerBound].split(separator: ";") {
            let trimmed = item.trimmingSpaces
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("*=") {
                otherTitle = String(trimmed.dropFirst(2)).trimmingSpaces
            } else {
                items.append(trimmed)
            }
        }
        guard let parsed = CommitGrouping.groups(parsing: items) else {
            throw NotesTemplateError.badGroups(path: path, line: line)
        }
        // Items with the same title make one group.
        var groups: [CommitGrouping.Group] = []
        for group in parsed {
            if let existing = groups.firstIndex(where: { $0.title == group.title }) {
                groups[existing].types += group.types
            } else {
                groups.append(group)
            }
        }
        return CommitGrouping(groups: groups, otherTitle: otherTitle, keepsNonConventional: !otherTitle.isEmpty)
    }

    /// The other `.mustache` files in the template's folder, as partials named by file name.
    private static func partials(besides path: String) throws -> MustacheLibrary {
        let folder = (path as NSString).deletingLastPathComponent
        var library = MustacheLibrary()
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let partialPath = (folder as NSString).appendingPathComponent(file)
            guard let text = try? String(contentsOfFile: partialPath, encoding: .utf8) else { continue }
            var name = file
            for suffix in [".md.mustache", ".textile.mustache", ".mustache"] where name.hasSuffix(suffix) {
                name.removeLast(suffix.count)
                break
            }
            do {
                library.register(try MustacheTemplate(string: textPragma + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw parseError(error, in: text, path: partialPath)
            }
        }
        return library
    }

    /// The error at the place a reader should look. A tag left open makes the parser run to the end
    /// of the file, so that case names the `{{` that has no `}}`. Lines are counted without the
    /// pragma line put before the template.
    private static func parseError(_ error: MustacheTemplate.ParserError, in text: String, path: String)
        -> NotesTemplateError
    {
        let isTagLeftOpen: Bool
        if let known = error.error as? MustacheTemplate.Error { isTagLeftOpen = known == .unfinishedName } else {
            isTagLeftOpen = true  // the parser's own end-of-input error
        }
        if isTagLeftOpen, let (line, column) = unclosedTag(in: text) {
            return .parse(path: path, line: line, column: column, reason: "a tag is not closed with }}")
        }
        return .parse(path: path, line: max(1, error.context.lineNumber - 1), column: max(1, error.context.columnNumber),
                      reason: describe(error.error))
    }

    /// The line and column of the first `{{` with no `}}` before the next `{{` or the end.
    static func unclosedTag(in text: String) -> (line: Int, column: Int)? {
        let bytes = Array(text.utf8)
        var line = 1
        var lineStart = 0
        var index = 0
        var open: (line: Int, column: Int)?
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            } else if byte == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") {
                if let open { return open }
                open = (line, index - lineStart + 1)
                index += 2
                continue
            } else if byte == UInt8(ascii: "}"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "}") {
                open = nil
                index += 2
                continue
            }
            index += 1
        }
        return open
    }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "the template ends inside a tag" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with another section's name"
        case .unfinishedName: return "a tag is not closed with }}"
        case .expectedSectionEnd: return "a section is not closed ({{/name}} is missing)"
        case .invalidSetDelimiter: return "a delimiter change ({{=<% %>=}}) is badly formed"
        case .transformAppliedToInheritanceSection: return "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "an inheritance section holds a tag it cannot hold"
        case .textInsideInheritSection: return "an inheritance section holds text"
        case .invalidConfigVariableSyntax: return "a {{% … }} pragma is badly formed"
        case .unrecognisedConfigVariable: return "a {{% … }} pragma is not one Mustache knows"
        @unknown default: return String(describing: error)
        }
    }
}

public enum NotesTemplateError: Error, Equatable, Sendable, LocalizedError {
    case notFound(name: String, searched: [String])
    case unreadable(path: String, reason: String)
    case parse(path: String, line: Int, column: Int, reason: String)
    case badGroups(path: String, line: Int)

    public var errorDescription: String? {
        switch self {
        case let .notFound(name, searched):
            return "no template named '\(name)' (built in: \(NotesTemplate.builtInNames.joined(separator: ", "))); "
                + "looked in \(searched.first ?? "no folder") and \(max(0, searched.count - 1)) other folders; pass --template PATH."
        case let .unreadable(path, reason):
            return "\(path): the template cannot be read: \(reason)."
        case let .parse(path, line, column, reason):
            return "\(path):\(line):\(column): the template does not parse: \(reason)."
        case let .badGroups(path, line):
            return "\(path):\(line): the groups comment should read {{! groups: feat=Features; fix=Bug Fixes; *=Other }}."
        }
    }
}
