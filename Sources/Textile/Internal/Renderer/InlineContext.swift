// The seam between the block pass (textile-block) and the inline pass (textile-inline).
// Line breaks: the block pass hands a block's lines joined by `\n` (the block already stripped of
// surrounding whitespace); the inline pass turns each `\n` into `<br />\n`, or keeps `\n` when
// `options.contains(.noHardBreaks)`, as RedCloth's inline scanner does.

/// What the inline pass needs to know about the whole document.
struct InlineContext {
    var options: TextileOptions
    /// Link aliases collected by the block pass: `[name]url` lines, keyed by name.
    var linkAliases: [String: String]
}
