/// What the block pass knows about the block it is collecting: its type and signature attributes.
///
/// RedCloth keeps these in a hash of "registers" that its scanner fills while reading a signature
/// and clears after each block; this is the typed equivalent.
struct BlockRegisters {
    /// The formatter to render the block with (`p`, `h2`, `li_open`, `notextile` …); nil renders raw text.
    var type: String?
    var attributes = TextileAttributes()
    /// The signature as written (`clearly. `), put back in front of the text when `type` names no formatter.
    var fallback: [UInt8]?
    /// `bq.:URL` — the quotation's source.
    var cite: [UInt8]?
    /// List nesting depth for `li_open`.
    var nest = 0
    /// Set on the first item of a freshly opened list, so that no `</li>` is written before it.
    var isFirstListItem = false
    /// `#_` — continue numbering from the previous list.
    var continuesList = false
    /// Parts of an HTML block kept verbatim around its text.
    var htmlBlockStart: [UInt8] = []
    var htmlBlockEnd: [UInt8] = []
}
