/// A Textile document, rendered to HTML the way RedCloth 4.3 renders it.
///
/// ```swift
/// let html = TextileDocument("h2. 1.2\n\n* Fixed the crash on launch").html()
/// ```
/// Any input renders: malformed markup degrades to text. Rendering time is linear in the input size.
public struct TextileDocument: Sendable {
    /// The source as UTF-8 bytes.
    public let bytes: [UInt8]

    /// Creates a document from Textile source text.
    public init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// Creates a document from Textile source given as UTF-8 bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Renders the document to HTML.
    /// - Parameter options: RedCloth's restrictions and switches; the empty set is RedCloth's default.
    /// - Returns: The HTML, byte for byte what RedCloth 4.3 produces for the same input and options.
    public func html(options: TextileOptions = []) -> String {
        String(decoding: TextileRenderer.render(bytes, options: options), as: UTF8.self)
    }

    /// Renders Textile source to HTML in one call.
    /// - Parameters:
    ///   - text: The Textile source.
    ///   - options: RedCloth's restrictions and switches.
    /// - Returns: The HTML.
    public static func html(_ text: String, options: TextileOptions = []) -> String {
        TextileDocument(text).html(options: options)
    }
}
