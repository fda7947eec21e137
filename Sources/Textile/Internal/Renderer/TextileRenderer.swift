/// The whole rendering: input clean-up, the block pass (run twice when link aliases are found,
/// as RedCloth does) or the inline pass alone in lite mode.
enum TextileRenderer {
    static func render(_ source: [UInt8], options: TextileOptions) -> [UInt8] {
        // RedCloth deletes every carriage return before scanning.
        var text = source.contains(UInt8(ascii: "\r")) ? source.filter { $0 != UInt8(ascii: "\r") } : source
        if options.contains(.liteMode) {
            // RedCloth hands lite mode to its inline pass directly: no tag cleaning for sanitizeHTML,
            // no final newline trim.
            var result: [UInt8] = []
            InlineRenderer.render(text[...], context: InlineContext(options: options, linkAliases: [:]), into: &result)
            return result
        }
        if options.contains(.sanitizeHTML) {
            text = HTMLSanitizer.clean(text)
        }
        var scanner = BlockScanner(text: text, context: InlineContext(options: options, linkAliases: [:]))
        let firstPass = scanner.run()
        guard !scanner.linkAliasesFound.isEmpty else { return firstPass }
        var second = BlockScanner(
            text: text, context: InlineContext(options: options, linkAliases: scanner.linkAliasesFound))
        return second.run()
    }
}
