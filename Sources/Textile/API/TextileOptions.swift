/// Restrictions and switches for rendering Textile, mirroring RedCloth's restrictions.
///
/// The empty set renders the way RedCloth 4.3 does by default (and so the way a HockeyApp
/// server shows notes with `notes_type=0`).
public struct TextileOptions: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Escapes raw HTML in the input instead of passing it through (RedCloth's `:filter_html`).
    public static let filterHTML = TextileOptions(rawValue: 1 << 0)
    /// Removes HTML tags and attributes outside a small safe list before rendering (`:sanitize_html`).
    public static let sanitizeHTML = TextileOptions(rawValue: 1 << 1)
    /// Drops `{style}` attributes written in the Textile source (`:filter_styles`).
    public static let filterStyles = TextileOptions(rawValue: 1 << 2)
    /// Drops `(class)` attributes written in the Textile source (`:filter_classes`).
    public static let filterClasses = TextileOptions(rawValue: 1 << 3)
    /// Drops `(#id)` attributes written in the Textile source (`:filter_ids`).
    public static let filterIDs = TextileOptions(rawValue: 1 << 4)
    /// Renders inline markup only: no paragraphs, lists, tables or other blocks (`:lite_mode`).
    public static let liteMode = TextileOptions(rawValue: 1 << 5)
    /// Leaves runs of capitals as they are instead of wrapping them in `<span class="caps">` (`:no_span_caps`).
    public static let noSpanCaps = TextileOptions(rawValue: 1 << 6)
    /// Keeps single line breaks inside a block as newlines instead of `<br />` (`hard_breaks = false`).
    public static let noHardBreaks = TextileOptions(rawValue: 1 << 7)
}
