/// Decides which recorded phrase-modifier characters of a block must become entities.
///
/// RedCloth's scanner takes the longest phrase it can: a modifier such as `_` opens when no word
/// character precedes it and no space follows it, and the phrase may run to a later modifier
/// with something other than a space before it, even one inside a word or in another phrase.
/// The markup the writer emitted (phrase markers, and modifiers inside code, URLs and raw HTML,
/// which RedCloth pairs too) is judged by the same rules but can never be escaped. So a text
/// modifier becomes an entity when
/// - it can open and anything after it in the block can close, or
/// - it can close and sits inside an emitted phrase of its kind, after an emitted bracketed or
///   loose opener, or (not inside a word) after any emitted opener; text openers before it were
///   escaped by the first rule already, or have nothing to close them.
/// Everything else stays as written, so ordinary prose (`well-known`, `snake_case`, `50%`,
/// `a - b`, `a -- b`, `@user`) keeps its characters.
enum PhraseEscaper {
    struct Role: OptionSet {
        let rawValue: UInt8
        static let opener = Role(rawValue: 1)
        static let closer = Role(rawValue: 2)
        /// Can close, but inside a word (`x_1`): only phrases that are open anyway.
        static let closerInWord = Role(rawValue: 4)
        /// Part of a spaced ` -- `, an em dash: never escaped, but a partner for other dashes.
        static let spacedDash = Role(rawValue: 8)
    }

    /// Buffers reused from block to block, indexed by modifier byte.
    struct Scratch {
        var roles: [Role] = []
        /// The last position of anything that can close, per byte; -1 when there is none.
        var lastCloser = [Int](repeating: -1, count: 128)
        /// The first position of emitted markup that can open, per byte; `Int.max` when none.
        var firstMarkupOpener = [Int](repeating: Int.max, count: 128)
        /// The first position of an emitted bracketed or loose opener (inside code, URLs, raw
        /// HTML), per byte; `Int.max` when none.
        var firstLooseOpener = [Int](repeating: Int.max, count: 128)
        /// How many emitted phrases of each modifier enclose the candidate being decided.
        var openPhrases = [Int](repeating: 0, count: 128)
    }

    /// Appends `writer.output` to `result` with the candidates that could pair replaced by entities.
    static func resolve(_ writer: inout InlineTextileWriter, into result: inout [UInt8]) {
        guard !writer.candidates.isEmpty else {
            result.append(contentsOf: writer.output)
            return
        }
        var scratch = writer.escaperScratch
        writer.escaperScratch = Scratch()
        defer {
            for positions in [writer.candidates, writer.markupPositions] {
                for position in positions {
                    let byte = Int(writer.output[position])
                    scratch.lastCloser[byte] = -1
                    scratch.firstMarkupOpener[byte] = Int.max
                    scratch.firstLooseOpener[byte] = Int.max
                    scratch.openPhrases[byte] = 0
                }
            }
            scratch.roles.removeAll(keepingCapacity: true)
            writer.escaperScratch = scratch
        }
        let output = writer.output
        // The last emitted `-` that can end a deletion RedCloth opens at ` -` (` -- b @[-.]@`
        // is one): not after a space, and before a space, punctuation or the block's end.
        var lastMarkupDashCloser = -1
        for position in writer.markupPositions {
            let byte = Int(output[position])
            if byte == Int(UInt8(ascii: "-")), position > 0, !TextileBytes.isSpaceOrEdge(output[position - 1]),
               position + 1 == output.count || TextileBytes.isSpaceOrEdge(output[position + 1])
                || TextileBytes.isPunctuation(output[position + 1]) {
                lastMarkupDashCloser = position
            }
            let role = self.role(of: position, in: output)
            if role.contains(.closer) || role.contains(.closerInWord) {
                scratch.lastCloser[byte] = max(scratch.lastCloser[byte], position)
            }
            if role.contains(.opener) { scratch.firstMarkupOpener[byte] = min(scratch.firstMarkupOpener[byte], position) }
        }
        for position in writer.looseOpenings {
            let byte = Int(output[position])
            if self.role(of: position, in: output).contains(.opener) {
                scratch.firstLooseOpener[byte] = min(scratch.firstLooseOpener[byte], position)
            }
        }
        for phrase in writer.phraseClosingsByOpening where phrase.closing + 1 < output.count {
            let after = output[phrase.closing + 1]
            if after != UInt8(ascii: " ") && after != UInt8(ascii: "\n") && after != UInt8(ascii: "]") {
                let byte = Int(output[phrase.opening])
                scratch.firstLooseOpener[byte] = min(scratch.firstLooseOpener[byte], phrase.opening)
            }
        }
        var textLinkSyntax = false
        for position in writer.candidates {
            let byte = output[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") {
                if byte == UInt8(ascii: "\""), position + 1 < output.count, output[position + 1] == UInt8(ascii: ":") {
                    textLinkSyntax = true
                }
                scratch.roles.append([])
                continue
            }
            let role = self.role(of: position, in: output)
            scratch.roles.append(role)
            if role.contains(.closer) || role.contains(.closerInWord) {
                scratch.lastCloser[Int(byte)] = max(scratch.lastCloser[Int(byte)], position)
            }
            if role.contains(.spacedDash) && role.contains(.opener) {
                scratch.firstMarkupOpener[Int(byte)] = min(scratch.firstMarkupOpener[Int(byte)], position)
            }
        }
        let escapesQuotes = writer.emitsLinkSyntax || textLinkSyntax
        var copied = 0
        // Sweep the emitted phrases alongside: how many of each modifier are open at a candidate.
        var nextOpening = 0
        var nextClosing = 0
        for (slot, position) in writer.candidates.enumerated() {
            while nextOpening < writer.phraseOpenings.count, writer.phraseOpenings[nextOpening] < position {
                scratch.openPhrases[Int(output[writer.phraseOpenings[nextOpening]])] += 1
                nextOpening += 1
            }
            while nextClosing < writer.phraseClosings.count, writer.phraseClosings[nextClosing] < position {
                scratch.openPhrases[Int(output[writer.phraseClosings[nextClosing]])] -= 1
                nextClosing += 1
            }
            let byte = output[position]
            let escape: Bool
            if byte == UInt8(ascii: "\"") {
                escape = escapesQuotes
            } else if byte == UInt8(ascii: "[") {
                // Text brackets could pair with the bracketed forms the writer emitted, or make one.
                escape = writer.emitsBrackets
                    || (position + 1 < output.count && TextileBytes.isModifier(output[position + 1]))
            } else if byte == UInt8(ascii: "]") {
                // RedCloth drops a `]` right after a phrase (`*st*]`).
                escape = writer.emitsBrackets || (position > 0 && TextileBytes.isModifier(output[position - 1]))
            } else {
                let role = scratch.roles[slot]
                let index = Int(byte)
                // A phrase needs content: a partner right next to it (`--`, `**`) does not count.
                let opens = role.contains(.opener) && scratch.lastCloser[index] > position + 1
                let anyCloser = role.contains(.closer) || role.contains(.closerInWord)
                let closes = (anyCloser && (scratch.openPhrases[index] > 0 || scratch.firstLooseOpener[index] < position - 1))
                    || (role.contains(.closer) && scratch.firstMarkupOpener[index] < position - 1)
                if role.contains(.spacedDash) {
                    // An em dash stays as written unless markup, which cannot be escaped, would end
                    // the deletion it opens; then its first dash becomes an entity.
                    escape = role.contains(.opener) && lastMarkupDashCloser > position + 1
                } else {
                    escape = opens || closes
                }
            }
            guard escape else { continue }
            result.append(contentsOf: output[copied..<position])
            if byte == UInt8(ascii: "\"") {
                result.append(contentsOf: "&quot;".utf8)
            } else {
                TextileBytes.appendEntity(byte, to: &result)
            }
            copied = position + 1
        }
        result.append(contentsOf: output[copied...])
    }

    /// Whether the modifier at `position` could open or close a phrase, judged by its neighbours.
    private static func role(of position: Int, in output: [UInt8]) -> Role {
        let byte = output[position]
        var end = position + 1
        switch byte {
        case UInt8(ascii: "?"), UInt8(ascii: "="):
            end = position + 2  // recorded only when doubled
        case UInt8(ascii: "-"):
            // ` -- ` between words is an em dash, which stays as written; it can still take part
            // in a deletion, so other dashes around it are judged against it.
            var runStart = position
            while runStart > 0, output[runStart - 1] == byte { runStart -= 1 }
            var runEnd = position + 1
            while runEnd < output.count, output[runEnd] == byte { runEnd += 1 }
            // (Not ` -- -- `, which RedCloth reads as a deletion of `- -`.)
            let nextRunFollows = runEnd + 1 < output.count && output[runEnd + 1] == byte
            let previousRunPrecedes = runStart >= 2 && output[runStart - 2] == byte
            if runEnd - runStart == 2, runStart > 0, runEnd < output.count, !nextRunFollows, !previousRunPrecedes,
               output[runStart - 1] == UInt8(ascii: " "), output[runEnd] == UInt8(ascii: " ") {
                return position == runStart ? [.spacedDash, .opener] : [.spacedDash, .closer]
            }
        default:
            break
        }
        let before: UInt8? = position > 0 ? output[position - 1] : nil
        let after: UInt8? = end < output.count ? output[end] : nil
        var role: Role = []
        if byte == UInt8(ascii: "=") { return [.opener, .closer] }
        if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
            // Images and citations need no word boundary: `Hello!World!` is an image.
            if !TextileBytes.isSpaceOrEdge(after) { role.insert(.opener) }
            if !TextileBytes.isSpaceOrEdge(before) { role.insert(.closer) }
            return role
        }
        if !TextileBytes.isWord(before) && !TextileBytes.isSpaceOrEdge(after) { role.insert(.opener) }
        if !TextileBytes.isSpaceOrEdge(before) {
            // Inside a word only a bracketed phrase closes; after punctuation any does (`*$*alpha`).
            role.insert(TextileBytes.isWord(before) && TextileBytes.isWord(after) ? .closerInWord : .closer)
        }
        return role
    }
}
