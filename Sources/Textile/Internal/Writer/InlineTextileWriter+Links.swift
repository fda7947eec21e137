import CommonMark

extension InlineTextileWriter {
    /// Writes `"text(title)":url`, bracketed as `["text":url]` when the URL would otherwise lose
    /// its last character or run into the next one, or a raw `<a>` element when Textile has no form for it.
    mutating func writeLink(
        _ node: MarkdownNode, destination: String, title: String, following: UInt8?, afterNext: UInt8?
    ) {
        var url = urlScratch
        url.removeAll(keepingCapacity: true)
        LinkDestination.appendPercentEncoded(destination, to: &url)
        defer { urlScratch = url }
        let titleFits = !title.utf8.contains { byte in
            byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\"") || byte == 0x0A
        }
        guard node.hasChildren, linkTextDepth == 0, titleFits, Self.urlFits(url),
              !InlineShape.containsLineBreak(node.children), !InlineShape.containsCodeEndingLinkText(node.children)
        else {
            writeAnchorElement(node, destination: destination, title: title)
            return
        }
        let endsBeforeFollowing = TextileBytes.isSpaceOrEdge(following)
            || (Self.isClosingPunctuation(following) && (TextileBytes.isSpaceOrEdge(afterNext) || Self.isClosingPunctuation(afterNext)))
        let bracketed = blocksPhrase(output.last) || !endsBeforeFollowing || !Self.urlEndsCleanly(url)
        if bracketed { output.append(UInt8(ascii: "[")); emitsBrackets = true }
        output.append(UInt8(ascii: "\""))
        linkTextDepth += 1
        linkTextStart = output.count
        attributeSlot = output.count
        // The closing quote is link syntax, not text: phrases may end right before it.
        writeChildren(of: node, following: nil)
        linkTextDepth -= 1
        if !title.isEmpty {
            output.append(UInt8(ascii: "("))
            output.append(contentsOf: title.utf8)
            output.append(UInt8(ascii: ")"))
        }
        output.append(contentsOf: "\":".utf8)
        let urlStart = output.count
        output.append(contentsOf: url)
        // RedCloth pairs phrase modifiers with those in URLs too.
        recordModifiers(from: urlStart)
        if bracketed { output.append(UInt8(ascii: "]")) }
        emitsLinkSyntax = true
    }

    /// Writes `!src(alt)!`, or a raw `<img>` element when the alt text, the title or the source
    /// cannot be said that way.
    mutating func writeImage(_ node: MarkdownNode, source: String, title: String) {
        let alt = InlineShape.plainText(of: node.children)
        var url: [UInt8] = []
        LinkDestination.appendPercentEncoded(source, to: &url)
        let altFits = !alt.utf8.contains { byte in
            byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "!") || byte == 0x0A
                || byte == UInt8(ascii: "\"")
        }
        let urlFits = !url.isEmpty && !url.contains { byte in
            byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "!")
        }
        // RedCloth copies the alt text into `title`, so only a title equal to the alt survives.
        guard altFits, urlFits, title.isEmpty || title == alt else {
            let start = output.count
            defer { recordModifiers(from: start) }
            output.append(contentsOf: "<img src=\"".utf8)
            LinkDestination.appendAttributeValue(source, to: &output)
            output.append(contentsOf: "\" alt=\"".utf8)
            LinkDestination.appendHTMLEscaped(alt, to: &output)
            if !title.isEmpty {
                output.append(contentsOf: "\" title=\"".utf8)
                LinkDestination.appendHTMLEscaped(title, to: &output)
            }
            output.append(contentsOf: "\" />".utf8)
            return
        }
        recordPhraseMarker(opening: true)
        output.append(UInt8(ascii: "!"))
        let start = output.count
        output.append(contentsOf: url)
        if !alt.isEmpty {
            output.append(UInt8(ascii: "("))
            output.append(contentsOf: alt.utf8)
            output.append(UInt8(ascii: ")"))
        }
        recordModifiers(from: start)
        recordPhraseMarker(opening: false)
        output.append(UInt8(ascii: "!"))
    }

    /// Writes a raw `<a>` element around the link text, which stays Textile. RedCloth passes the
    /// element through and reads the Textile inside it, so code spans there stay `@…@`.
    private mutating func writeAnchorElement(_ node: MarkdownNode, destination: String, title: String) {
        let start = output.count
        output.append(contentsOf: "<a href=\"".utf8)
        LinkDestination.appendAttributeValue(destination, to: &output)
        if !title.isEmpty {
            output.append(contentsOf: "\" title=\"".utf8)
            LinkDestination.appendHTMLEscaped(title, to: &output)
        }
        output.append(contentsOf: "\">".utf8)
        recordModifiers(from: start)
        writeChildren(of: node, following: UInt8(ascii: "<"))
        output.append(contentsOf: "</a>".utf8)
    }

    /// Whether a Textile link can carry `url`: it must start like a URL or a path.
    private static func urlFits(_ url: [UInt8]) -> Bool {
        guard let first = url.first else { return false }
        // RedCloth drops the whole URL when a path's first character is escaped (`/%CF%86`).
        if first == UInt8(ascii: "/"), url.count > 1, url[1] == UInt8(ascii: "%") { return false }
        return TextileBytes.isWord(first) || first == UInt8(ascii: "/") || first == UInt8(ascii: "#")
            || first == UInt8(ascii: ".")
    }

    /// Punctuation RedCloth leaves out of a URL when a space follows it. Not `"` or `!`: the
    /// writer may escape those as `&quot;` or `&#33;`, which a URL would take in.
    private static func isClosingPunctuation(_ byte: UInt8?) -> Bool {
        switch byte {
        case UInt8(ascii: ")"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
             UInt8(ascii: "?"), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    /// Whether `url` ends in a character a renderer keeps in the URL rather than treating as
    /// punctuation: a word character, `/`, or a `)` that closes a `(` in the URL.
    private static func urlEndsCleanly(_ url: [UInt8]) -> Bool {
        guard let last = url.last else { return false }
        if last == UInt8(ascii: ")") {
            var depth = 0
            for byte in url {
                if byte == UInt8(ascii: "(") { depth += 1 }
                if byte == UInt8(ascii: ")") { depth -= 1 }
            }
            return depth == 0
        }
        return TextileBytes.isWord(last) || last == UInt8(ascii: "/")
    }
}
