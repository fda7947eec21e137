import Textile

/// Renders documents with this package and with RedCloth and sorts them into agreeing, differing
/// and hung ones; shrinks a differing document to a small input that still differs.
struct FidelityComparison {
    /// One document whose HTML differs from RedCloth's.
    struct Difference {
        var index: Int
        var input: String
        var expected: String
        var actual: String
    }

    var documents = 0
    var hung = 0
    var differences: [Difference] = []

    /// Documents RedCloth is given per batch: large enough to amortise the pipe round trips, small
    /// enough that a hang costs little work to redo.
    static let batchSize = 200

    /// Compares `inputs` (numbered from `firstIndex`) and records the outcome.
    mutating func compare(_ inputs: [String], firstIndex: Int, with redcloth: RedClothProcess) throws {
        let outcomes = try redcloth.render(inputs)
        for (offset, (input, outcome)) in zip(inputs, outcomes).enumerated() {
            documents += 1
            switch outcome {
            case .html(let expected):
                let actual = TextileDocument.html(input)
                if actual != expected {
                    differences.append(Difference(index: firstIndex + offset, input: input, expected: expected, actual: actual))
                }
            case .hung, .crashed:
                hung += 1
            case .failed(let message):
                differences.append(
                    Difference(index: firstIndex + offset, input: input, expected: "RedCloth raised: \(message)",
                               actual: TextileDocument.html(input)))
            }
        }
    }

    /// A smaller input that still renders differently from RedCloth, found by deleting ever smaller
    /// chunks (delta debugging); the candidates of one round go to RedCloth as one batch.
    static func minimise(_ input: String, with redcloth: RedClothProcess, rounds: Int = 200) throws -> Difference? {
        var current = Array(input.unicodeScalars)
        var chunk = max(1, current.count / 2)
        var best: Difference?
        for _ in 0..<rounds {
            var candidates: [String] = []
            var start = 0
            while start < current.count {
                var shorter = current
                shorter.removeSubrange(start..<min(current.count, start + chunk))
                candidates.append(String(String.UnicodeScalarView(shorter)))
                start += chunk
            }
            let outcomes = try redcloth.render(candidates)
            let found = zip(candidates, outcomes).first { candidate, outcome in
                guard case .html(let expected) = outcome else { return false }
                return TextileDocument.html(candidate) != expected
            }
            if let (candidate, outcome) = found, case .html(let expected) = outcome {
                current = Array(candidate.unicodeScalars)
                best = Difference(index: 0, input: candidate, expected: expected, actual: TextileDocument.html(candidate))
                chunk = min(chunk, max(1, current.count / 2))
            } else if chunk > 1 {
                chunk /= 2
            } else {
                break
            }
        }
        return best
    }
}
