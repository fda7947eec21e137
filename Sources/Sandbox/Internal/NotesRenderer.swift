import CommonMark
import Textile

/// Renders release notes to HTML the way the HockeyApp server does: `notes_type` 0 is Textile
/// (RedCloth-compatible), 1 is Markdown (cmark). The only place the sandbox calls the renderers.
enum NotesRenderer {
    /// The `notes_type` values the API accepts.
    static let textile = 0
    static let markdown = 1

    /// Renders `notes` of the given type; nil when `notesType` is neither 0 nor 1.
    static func html(_ notes: String, notesType: Int) -> String? {
        if notes.isEmpty, [textile, markdown].contains(notesType) { return "" }
        switch notesType {
        case textile: return TextileDocument(notes).html()
        case markdown: return MarkdownDocument(notes).html()
        default: return nil
        }
    }
}
