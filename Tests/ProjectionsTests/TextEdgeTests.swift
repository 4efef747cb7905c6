import Testing
import EventStore
@testable import Projections

/// The payload reader's quick text checks (`isBlank`, `startsWithSpace`, `endsWithSpace`) decide
/// most texts from one byte; they must agree with the character-by-character definitions on
/// every text, including white space outside ASCII, combining marks and CR LF.
@Suite struct TextEdgeTests {
    /// Pieces a hostile or careless text is made of.
    static let pieces = ["a", "Z", "0", " ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{1F}", "\u{85}", "\u{A0}",
                         "\u{2003}", "\u{3000}", "\u{2028}", "\u{301}", "e\u{301}", "\u{600}", "\u{200B}", "é", "😀", "\u{FEFF}"]

    @Test func quickChecksAgreeWithCharacterByCharacterOnes() {
        var random = SeededRandom(seed: 0x7e57)
        var texts = [""] + Self.pieces
        for _ in 0..<5_000 {
            texts.append((0..<(1 + random.below(4))).map { _ in random.pick(Self.pieces) }.joined())
        }
        for text in texts {
            #expect(text.isBlank == text.trimmingSpaces.isEmpty, "isBlank of \(Array(text.unicodeScalars))")
            #expect(text.startsWithSpace == (text.first?.isWhitespace == true), "startsWithSpace of \(Array(text.unicodeScalars))")
            #expect(text.endsWithSpace == (text.last?.isWhitespace == true), "endsWithSpace of \(Array(text.unicodeScalars))")
        }
    }

    @Test func aFieldTheReaderWasNotAskedForIsRefusedByName() throws {
        let payload: JSONValue = .object(["reserve": .string("404"), "endDtae": .string("2026-12-31"), "note": .null])
        var reader = try PayloadReader(payload, rules: .stored)
        #expect(try reader.optionalString("reserve") == "404")
        #expect(try reader.optionalString("reserve") == "404")
        #expect(try reader.optionalString("note") == nil)
        #expect(try reader.optionalString("missing") == nil)
        #expect(throws: DomainError.invalidField(field: "payload.endDtae", problem: "unknown field",
                                                 expected: "only the fields of this event type (see README)")) { try reader.finish() }
        #expect(try reader.optionalString("endDtae") == "2026-12-31")
        try reader.finish()
    }
}
