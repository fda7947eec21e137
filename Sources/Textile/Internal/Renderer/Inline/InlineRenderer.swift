// The inline pass. What it and the block pass expect of each other:
// - The block pass hands each block's text with its lines joined by `\n`; this pass turns each
//   `\n` in running text into `<br />\n` (or keeps `\n` under `.noHardBreaks`).
// - An image with `<` or `>` alignment at the very start of a paragraph
//   (`!<img.png!`) gives the *paragraph* `style="float:left;"` in RedCloth; the inline pass drops
//   the alignment character, so the block pass must add the float to the `<p>`.
// - sanitize_html's tag cleaning runs on the whole document before parsing (RedCloth's
//   `clean_html`), so it belongs to the document pass; this pass only refuses `javascript:` URLs
//   in links and images under filter_html/sanitize_html.

/// Renders the inline content of one block.
enum InlineRenderer {
    /// Renders one block's inline content (already stripped of its signature and attributes) to HTML,
    /// appending to `result`. `text` is UTF-8.
    static func render(_ text: ArraySlice<UInt8>, context: InlineContext, into result: inout [UInt8]) {
        let bytes = Array(text)
        let scanner = InlineScanner(text: bytes, context: context)
        scanner.render(0..<bytes.count, into: &result)
    }
}
