import ArgumentParser
import CommonMark
import Textile

extension ShipNotesCommand {
    /// `shipnotes render`: turns Markdown or Textile into HTML, or Markdown into Textile.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Render Markdown or Textile notes as the distribution server shows them.",
            discussion: """
                Markdown is rendered by cmark; Textile by shipnotes' own renderer, which matches RedCloth 4.3 \
                (the server's renderer for notes_type=0) byte for byte. Markdown can also be written as Textile \
                that RedCloth renders the same way.

                Examples:
                  shipnotes render notes.md                       # Markdown to HTML
                  shipnotes render notes.textile --from textile   # Textile to HTML, as RedCloth would
                  shipnotes render notes.md --to textile          # Markdown to Textile
                  git log -1 --format=%B | shipnotes render --smart
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case markdown, textile, html
        }

        @Argument(help: ArgumentHelp("The notes to render; '-' or nothing reads standard input.", valueName: "file"))
        var file: String?

        @Option(help: "The input format: markdown or textile.")
        var from: Format = .markdown

        @Option(help: "The output format: html, or textile (from Markdown).")
        var to: Format = .html

        @Flag(help: "Markdown: keep raw HTML and unsafe links (javascript:, data:) instead of omitting them.")
        var unsafe = false

        @Flag(help: "Markdown: curly quotes, dashes and ellipses.")
        var smart = false

        @Flag(help: "Markdown: render every line break as <br />.")
        var hardBreaks = false

        @OptionGroup(title: "Textile (RedCloth) options")
        var textile: TextileFlags

        func validate() throws {
            switch (from, to) {
            case (.html, _):
                throw ValidationError("--from takes markdown or textile.")
            case (_, .markdown), (.textile, .textile):
                throw ValidationError("--to textile needs --from markdown, and --to markdown is not supported.")
            default:
                break
            }
            if from == .textile && (unsafe || smart || hardBreaks) {
                throw ValidationError("--unsafe, --smart and --hard-breaks apply to Markdown input.")
            }
            if from == .markdown && to == .html && textile.isSet {
                throw ValidationError("The Textile options apply to --from textile or --to textile.")
            }
        }

        func run() throws {
            let input = try InputFile(file).readUTF8()
            switch (from, to) {
            case (.markdown, .html):
                // `readUTF8` has checked and repaired the input, so cmark need not check it again.
                MarkdownDocument.withHTML(
                    fromMarkdown: input, options: markdownOptions, inputIsValidUTF8: true, StandardStreams.writeOutput)
            case (.markdown, .textile):
                TextileWriter.textileBytes(
                    fromMarkdown: input, options: smart ? .smart : [], inputIsValidUTF8: true,
                    reservingCapacity: input.count + input.count / 8
                ).withUnsafeBufferPointer(StandardStreams.writeOutput)
            case (.textile, .html):
                StandardStreams.writeOutput(TextileDocument(bytes: input).html(options: textile.options))
            default:
                throw CLIError.unsupportedConversion(from: from.rawValue, to: to.rawValue)
            }
        }

        private var markdownOptions: MarkdownOptions {
            var options: MarkdownOptions = []
            if unsafe { options.insert(.unsafe) }
            if smart { options.insert(.smart) }
            if hardBreaks { options.insert(.hardBreaks) }
            return options
        }
    }
}

/// RedCloth's restrictions, as flags.
struct TextileFlags: ParsableArguments {
    @Flag(name: .customLong("filter-html"), help: "Escape HTML in the input instead of passing it through (RedCloth :filter_html).")
    var filterHTML = false

    @Flag(name: .customLong("sanitize-html"), help: "Remove HTML tags and attributes that are not on the safe list (RedCloth :sanitize_html).")
    var sanitizeHTML = false

    @Flag(name: .customLong("filter-styles"), help: "Drop {style} attributes (RedCloth :filter_styles).")
    var filterStyles = false

    @Flag(name: .customLong("filter-classes"), help: "Drop (class) attributes (RedCloth :filter_classes).")
    var filterClasses = false

    @Flag(name: .customLong("filter-ids"), help: "Drop (#id) attributes (RedCloth :filter_ids).")
    var filterIDs = false

    @Flag(name: .customLong("lite-mode"), help: "Inline formatting only, no block signatures (RedCloth :lite_mode).")
    var liteMode = false

    @Flag(name: .customLong("no-span-caps"), help: "Do not wrap runs of capitals in <span class=\"caps\"> (RedCloth :no_span_caps).")
    var noSpanCaps = false

    @Flag(name: .customLong("no-hard-breaks"), help: "Join lines within a paragraph instead of adding <br /> (RedCloth hard_breaks = false).")
    var noHardBreaks = false

    var options: TextileOptions {
        var options: TextileOptions = []
        if filterHTML { options.insert(.filterHTML) }
        if sanitizeHTML { options.insert(.sanitizeHTML) }
        if filterStyles { options.insert(.filterStyles) }
        if filterClasses { options.insert(.filterClasses) }
        if filterIDs { options.insert(.filterIDs) }
        if liteMode { options.insert(.liteMode) }
        if noSpanCaps { options.insert(.noSpanCaps) }
        if noHardBreaks { options.insert(.noHardBreaks) }
        return options
    }

    var isSet: Bool { !options.isEmpty }
}
