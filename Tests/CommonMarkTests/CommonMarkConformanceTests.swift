import CCmark
import CommonMark
import ConformanceSupport
import Testing

/// Every example of the CommonMark spec, checked against libcmark itself: the HTML we produce, the
/// HTML of the tree rebuilt from our Swift copy, and our XML dump of the copy.
@Suite struct CommonMarkConformanceTests {
    static let examples = (try? CommonMarkSpec.examples()) ?? []

    @Test func specIsAvailable() throws {
        guard CommonMarkSpec.conformanceDirectory != nil else {
            print("CONFORMANCE_DIR is unset: skipping the CommonMark spec examples.")
            return
        }
        let examples = try CommonMarkSpec.examples()
        #expect(examples.count == 652)
    }

    @Test(arguments: examples)
    func htmlMatchesLibcmark(_ example: CommonMarkExample) {
        let document = MarkdownDocument(example.markdown)
        #expect(document.html() == Reference.html(example.markdown))
        #expect(document.html(options: .unsafe) == Reference.html(example.markdown, options: CMARK_OPT_UNSAFE))
    }

    @Test(arguments: examples)
    func rebuiltTreeRendersTheSameHTML(_ example: CommonMarkExample) {
        let rebuilt = MarkdownDocument(root: MarkdownDocument(example.markdown).root)
        #expect(rebuilt.html(options: .unsafe) == Reference.html(example.markdown, options: CMARK_OPT_UNSAFE))
    }

    @Test(arguments: examples)
    func xmlDumpMatchesLibcmark(_ example: CommonMarkExample) {
        let document = MarkdownDocument(example.markdown)
        #expect(document.xml(options: .sourcePositions) == Reference.xml(example.markdown, options: CMARK_OPT_SOURCEPOS))
        #expect(document.xml() == Reference.xml(example.markdown))
    }
}

/// libcmark called directly, without any of our code in between.
enum Reference {
    static func html(_ markdown: String, options: Int32 = 0) -> String {
        render(markdown, options) { cmark_render_html($0, $1) }
    }

    static func xml(_ markdown: String, options: Int32 = 0) -> String {
        render(markdown, options) { cmark_render_xml($0, $1) }
    }

    private static func render(
        _ markdown: String, _ options: Int32,
        _ renderer: (OpaquePointer, Int32) -> UnsafeMutablePointer<CChar>?
    ) -> String {
        let bytes = Array(markdown.utf8)
        let document = cmark_parse_document(markdown, bytes.count, options | CMARK_OPT_VALIDATE_UTF8)!
        defer { cmark_node_free(document) }
        let output = renderer(document, options | CMARK_OPT_VALIDATE_UTF8)!
        defer { cmark_get_default_mem_allocator().pointee.free(output) }
        return String(cString: output)
    }
}
