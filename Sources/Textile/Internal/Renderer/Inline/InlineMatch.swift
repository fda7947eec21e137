// The tokens of RedCloth's inline scanner that produce markup (plain text needs no token).

/// One recognised inline construct: where it ends and what it renders as.
struct InlineMatch {
    /// The phrase modifiers that render as one HTML element around their inner text.
    enum Phrase {
        case strong, bold, emphasis, italic, deleted, inserted, superscript, `subscript`, span, citation

        var tag: String {
            switch self {
            case .strong: "strong"
            case .bold: "b"
            case .emphasis: "em"
            case .italic: "i"
            case .deleted: "del"
            case .inserted: "ins"
            case .superscript: "sup"
            case .`subscript`: "sub"
            case .span: "span"
            case .citation: "cite"
            }
        }
    }

    enum Kind {
        /// A phrase modifier around `content`; `leadingSpace` is the space a ` -del-` phrase swallowed.
        case phrase(Phrase, content: Range<Int>, leadingSpace: Bool)
        /// `@code@`: attributes, then the content escaped as preformatted text.
        case code(content: Range<Int>)
        /// `==text==`: the content passed through untouched.
        case passThrough(content: Range<Int>)
        /// ```` ```text``` ````: a preformatted code block inside the line.
        case snippet(content: Range<Int>)
        /// `'text'` and `"text"`: curly quotes around the rendered content.
        case singleQuoted(content: Range<Int>)
        case doubleQuoted(content: Range<Int>)
        /// A `"` opening a quotation that runs into the next paragraph.
        case openQuote(content: Range<Int>)
        indirect case link(InlineLink)
        indirect case image(InlineImage)
        /// Fixed replacement text (dashes, arrows, symbols).
        case glyph(String)
        /// `...`, with the space before it kept.
        case ellipsis(leadingSpace: Bool)
        case capitals(Range<Int>)
        case acronym(letters: Range<Int>, title: Range<Int>)
        case dimension(Range<Int>)
        case footnoteReference(number: Range<Int>)
        /// A character entity, an HTML tag or comment: copied as written (escaped under filter_html).
        case entity(Range<Int>)
        case html(Range<Int>)
        /// `<notextile>…</notextile>`: the content copied as written.
        case notextile(content: Range<Int>)
        /// `<code…>` up to `</code>`: tags copied, content escaped as preformatted text.
        case codeTag(open: Range<Int>, content: Range<Int>, close: Range<Int>?)
        case version
        /// Text that RedCloth's scanner loses: an HTML tag left open at the end of the text.
        case droppedToEnd
    }

    /// Where rendering resumes (a link's URL loses trailing punctuation, which is scanned again).
    var end: Int
    var kind: Kind
    /// Where the scanner's match ended, which decides between competing constructs.
    var scannedEnd: Int

    init(end: Int, kind: Kind, scannedEnd: Int? = nil) {
        self.end = end
        self.kind = kind
        self.scannedEnd = scannedEnd ?? end
    }
}

/// The parts of a `"text":url` link.
struct InlineLink {
    /// The written link text including any leading attributes and trailing `(title)`.
    var says: Range<Int>
    var href: [UInt8]?
}

/// The parts of a `!src(alt)!:url` image.
struct InlineImage {
    var attributes: TextileAttributes?
    /// The source including a trailing `(title)`.
    var source: Range<Int>
    var href: [UInt8]?
}
