import Testing
@testable import EventStore
import TestSupport

/// `TextPolicy`: one rule for every text of an event, the payload's at any depth included.
@Suite struct TextPolicyTests {
    @Test(arguments: [0x00, 0x07, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x80, 0x9B, 0x9F, 0x2028, 0x2029,
                      0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069])
    func forbidden(_ value: UInt32) throws {
        #expect(TextPolicy.isForbidden(try #require(Unicode.Scalar(value))))
    }

    @Test(arguments: [0x20, 0x41, 0xA0, 0xE9, 0x20AC, 0x2026, 0x200D, 0x1F1F3])
    func allowedInFreeText(_ value: UInt32) throws {
        #expect(!TextPolicy.isForbidden(try #require(Unicode.Scalar(value))))
    }

    @Test func theLengthCapIsInCharactersNotBytes() {
        #expect(TextPolicy.problem(in: String(repeating: "é", count: 2000)) == nil)
        #expect(TextPolicy.problem(in: String(repeating: "é", count: 2001))?.problem == "is 2001 characters long")
    }

    struct Nested: Sendable, CustomTestStringConvertible {
        let payload: JSONValue
        let field: String
        var testDescription: String { field }
    }

    static let nested: [Nested] = {
        let deep: JSONValue = .object(["a": .object(["b": .object(["c": .array([.object(["d": .string("\u{202E}")])])])])])
        return [
            Nested(payload: .object(["assumptions": .array([.string("ok"), .string("bad\u{1B}")])]), field: "payload.assumptions[1]"),
            Nested(payload: deep, field: "payload.a.b.c[0].d"),
            Nested(payload: .object(["note": .string(String(repeating: "x", count: 2001))]), field: "payload.note"),
            Nested(payload: .object(["list": .array([.string(String(repeating: "y", count: 1_000_000))])]), field: "payload.list[0]"),
            Nested(payload: .object(["k\u{7}": .number("1")]), field: "payload key 'k\u{7}'"),
        ]
    }()

    /// Every string anywhere: top level, nested objects, array items, and object keys.
    @Test(arguments: nested)
    func everyStringOfThePayloadIsChecked(_ c: Nested) {
        #expect(invalidFieldName { try makeDraft(payload: c.payload).validateEnvelopeFields() } == c.field)
    }

    @Test(arguments: [("actor", "griffie:\u{9B}"), ("source.document", "doc\u{2028}"), ("source.zaaknummer", "Z\u{200F}")])
    func theEnvelopeTextsFollowTheSameRule(_ field: String, _ text: String) {
        let draft = switch field {
        case "actor": makeDraft(actor: text)
        case "source.document": makeDraft(document: text)
        default: makeDraft(zaaknummer: text)
        }
        #expect(invalidFieldName { try draft.validateEnvelopeFields() } == field)
    }

    @Test func aMessageNamesTheCharacter() throws {
        let problem = try #require(TextPolicy.problem(in: "a\u{1B}b"))
        #expect(problem.problem == "contains a control character (U+001B)")
        #expect(TextPolicy.name("\u{202E}") == "U+202E")
        #expect(TextPolicy.name("\u{1F600}") == "U+1F600")
    }
}
