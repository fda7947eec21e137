import CommonMark
import HockeyApp
import Textile

/// Turns Markdown notes into what is uploaded and what the server shows.
public enum NotesRendering {
    /// The notes as Textile, written so that RedCloth renders them as cmark renders the Markdown.
    public static func textile(fromMarkdown markdown: String) -> String {
        let bytes = Array(markdown.utf8)
        let textile = TextileWriter.textileBytes(
            fromMarkdown: bytes, options: [], inputIsValidUTF8: true, reservingCapacity: bytes.count + bytes.count / 8)
        return String(decoding: textile, as: UTF8.self)
    }

    /// The HTML the server shows for Markdown notes sent as `notesType`: cmark's HTML for
    /// Markdown, RedCloth's HTML of the Textile the notes are written as for Textile.
    public static func serverHTML(fromMarkdown markdown: String, as notesType: UploadJob.NotesType) -> String {
        switch notesType {
        case .markdown: return MarkdownDocument(markdown).html()
        case .textile: return TextileDocument(textile(fromMarkdown: markdown)).html()
        }
    }

    /// The HTML the server shows for Textile notes.
    public static func serverHTML(fromTextile textile: String) -> String {
        TextileDocument(textile).html()
    }
}
