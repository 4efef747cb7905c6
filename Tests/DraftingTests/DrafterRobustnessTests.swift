import TestSupport
import Testing
@testable import Drafting

/// Damaged and odd text: the drafter never traps, and every quote it gives is still exact.
/// A failing seed replays exactly (SplitMix64).
@Suite struct DrafterRobustnessTests {
    /// Pieces that upset naive readers: line ends, combining marks, digits, euro signs, table words.
    static let pieces: [String] = ["\n", "\n\n", "\u{301}", "\r\n", "\t", "€", "€ ", "1.000", ",-", "12", "2024", "Totaal ",
                                   "x € 1.000", "| ", "reserve 404 ", "Aldus besloten in de vergadering van ", "b e s l u i t :\n",
                                   "juni ", "31 december ", "\u{FEFF}", "\u{200B}", ".", ";\n", "voornemens ", "tussen € 1 en € "]

    @Test(arguments: 1...12)
    func randomEditsOfTheSourcesNeverTrap(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let names = Fixture.sources.filter { !$0.hasPrefix("004") } + Fixture.made
        let name = names[Int(random.next() % UInt64(names.count))]
        var scalars = Array(try Fixture.text(name).unicodeScalars)
        for _ in 0..<40 {
            let at = Int(random.next() % UInt64(scalars.count + 1))
            if random.next() % 3 == 0, at < scalars.count {
                scalars.removeSubrange(at..<min(scalars.count, at + Int(random.next() % 40)))
            } else {
                scalars.insert(contentsOf: Self.pieces[Int(random.next() % UInt64(Self.pieces.count))].unicodeScalars, at: at)
            }
        }
        let text = String(String.UnicodeScalarView(scalars))
        guard let drafts = try? Drafter.draft(document: name, bytes: Array(text.utf8)) else { return }
        let source = SourceText(text)
        for draft in drafts.drafts {
            for field in draft.fields {
                for quote in field.provenance?.quotes ?? [] {
                    #expect(quote.firstLine >= 1 && quote.lastLine <= source.lineCount && quote.firstLine <= quote.lastLine)
                    let lines = (quote.firstLine...quote.lastLine).map { String(source.line($0)) }.joined(separator: "\n")
                    #expect(lines.contains(quote.text), "seed \(seed) \(name) \(field.key): '\(quote.text)' not on \(quote.lines)")
                }
            }
            _ = draft.payload(in: drafts)
        }
    }
}
