/// Options for rendering a ``MarkdownDocument`` to HTML or XML, mirroring cmark's `CMARK_OPT_*`.
///
/// UTF-8 validation is always on: invalid sequences become U+FFFD.
public struct MarkdownOptions: OptionSet, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Pass raw HTML and dangerous URLs (`javascript:` and the like) through unchanged.
    public static let unsafe = MarkdownOptions(rawValue: 1 << 17)
    /// Render soft breaks as hard line breaks.
    public static let hardBreaks = MarkdownOptions(rawValue: 1 << 2)
    /// Render soft breaks as spaces.
    public static let noBreaks = MarkdownOptions(rawValue: 1 << 4)
    /// Curly quotes, en and em dashes, ellipses. Applies at parse time.
    public static let smart = MarkdownOptions(rawValue: 1 << 10)
    /// Add `data-sourcepos` (HTML) or `sourcepos` (XML) attributes.
    public static let sourcePositions = MarkdownOptions(rawValue: 1 << 1)
}
