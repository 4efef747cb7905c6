import Testing
@testable import EventStore
import TestSupport

/// Reading an append input (`EventDraft(json:)`): the documented shape is accepted, and every
/// refusal is a `StoreError.invalidField` naming the exact field.
@Suite struct EventDraftTests {
    static let documented = """
    {
      "id": "decision-2026-0042",
      "type": "reserve-end-date-changed",
      "schemaVersion": 2,
      "effectiveDate": "2026-12-31",
      "actor": "griffie:j.jansen",
      "source": {"document": "raadsbesluit-2026-0042.pdf", "zaaknummer": "Z-2026-0042"},
      "payload": {"reserve": "404", "endDate": "2027-12-31", "amountCents": 150, "note": "caf\u{e9}"}
    }
    """

    /// The base input every refusal case changes one thing of.
    static var base: [String: JSONValue] {
        (try! JSONParser.parse(documented)).object!
    }

    @Test func acceptsTheDocumentedShape() throws {
        let draft = try EventDraft(json: try JSONParser.parse(Self.documented))
        #expect(draft.id == "decision-2026-0042")
        #expect(draft.type == "reserve-end-date-changed")
        #expect(draft.schemaVersion == 2)
        #expect(draft.effectiveDate == (try CalendarDate(iso: "2026-12-31")))
        #expect(draft.actor == "griffie:j.jansen")
        #expect(draft.source == EventSource(document: "raadsbesluit-2026-0042.pdf", zaaknummer: "Z-2026-0042"))
        #expect(draft.payload == ["reserve": "404", "endDate": "2027-12-31", "amountCents": 150, "note": "caf\u{e9}"])
        #expect(draft.payload["amountCents"] == .number("150"))
    }

    @Test func optionalFieldsMayBeLeftOutOrNull() throws {
        var minimal = Self.base
        minimal["id"] = nil
        minimal["schemaVersion"] = nil
        minimal["source"] = ["document": "d.pdf"]
        let draft = try EventDraft(json: .object(minimal))
        #expect(draft.id == nil)
        #expect(draft.schemaVersion == 1)
        #expect(draft.source.zaaknummer == nil)

        var nulls = Self.base
        nulls["id"] = nil as JSONValue
        nulls["source"] = ["document": "d.pdf", "zaaknummer": nil]
        let fromNulls = try EventDraft(json: .object(nulls))
        #expect(fromNulls.id == nil)
        #expect(fromNulls.source.zaaknummer == nil)
    }

    @Test func anEmptyPayloadObjectIsAccepted() throws {
        var input = Self.base
        input["payload"] = [:]
        #expect(try EventDraft(json: .object(input)).payload == [:])
    }

    @Test func theSameDraftInCodeAndFromJSONAreEqual() throws {
        let fromJSON = try EventDraft(json: try JSONParser.parse(Self.documented))
        let inCode = EventDraft(id: "decision-2026-0042", type: "reserve-end-date-changed", schemaVersion: 2,
                                effectiveDate: try CalendarDate(year: 2026, month: 12, day: 31), actor: "griffie:j.jansen",
                                source: EventSource(document: "raadsbesluit-2026-0042.pdf", zaaknummer: "Z-2026-0042"),
                                payload: ["reserve": "404", "endDate": "2027-12-31", "amountCents": 150, "note": "caf\u{e9}"])
        #expect(fromJSON == inCode)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let label: String
        let field: String
        let edit: @Sendable (inout [String: JSONValue]) -> Void
        var testDescription: String { "\(label) -> \(field)" }
        init(_ label: String, _ field: String, _ edit: @escaping @Sendable (inout [String: JSONValue]) -> Void) {
            self.label = label
            self.field = field
            self.edit = edit
        }
    }

    static let refusals: [Refusal] = [
        Refusal("missing type", "type") { $0["type"] = nil },
        Refusal("type not a string", "type") { $0["type"] = 7 },
        Refusal("type with upper case", "type") { $0["type"] = "Reserve-changed" },
        Refusal("type with underscore", "type") { $0["type"] = "reserve_changed" },
        Refusal("type with a path", "type") { $0["type"] = "../reserve" },
        Refusal("type with a slash", "type") { $0["type"] = "a/b" },
        Refusal("type starting with a digit", "type") { $0["type"] = "1reserve" },
        Refusal("empty type", "type") { $0["type"] = "" },
        Refusal("type of 49 characters", "type") { $0["type"] = .string(String(repeating: "a", count: 49)) },
        Refusal("type with a space", "type") { $0["type"] = "reserve changed" },
        Refusal("unknown top-level field", "comment") { $0["comment"] = "hi" },
        Refusal("caller-supplied sequence", "sequence") { $0["sequence"] = 1 },
        Refusal("caller-supplied recordedAt", "recordedAt") { $0["recordedAt"] = "2026-11-23T14:27:17.123Z" },
        Refusal("caller-supplied previousHash", "previousHash") { $0["previousHash"] = .string(String(repeating: "0", count: 64)) },
        Refusal("impossible effectiveDate", "effectiveDate") { $0["effectiveDate"] = "2026-02-30" },
        Refusal("effectiveDate month 13", "effectiveDate") { $0["effectiveDate"] = "2026-13-01" },
        Refusal("Dutch date order", "effectiveDate") { $0["effectiveDate"] = "31-12-2026" },
        Refusal("effectiveDate with a time", "effectiveDate") { $0["effectiveDate"] = "2026-12-31T00:00:00Z" },
        Refusal("effectiveDate not a string", "effectiveDate") { $0["effectiveDate"] = 20261231 },
        Refusal("missing effectiveDate", "effectiveDate") { $0["effectiveDate"] = nil },
        Refusal("empty actor", "actor") { $0["actor"] = "" },
        Refusal("blank actor", "actor") { $0["actor"] = "   " },
        Refusal("missing actor", "actor") { $0["actor"] = nil },
        Refusal("control character in actor", "actor") { $0["actor"] = "griffie:\u{7}bell" },
        Refusal("newline in actor", "actor") { $0["actor"] = "griffie\nother" },
        Refusal("DEL in actor", "actor") { $0["actor"] = "griffie\u{7f}" },
        Refusal("C1 control in actor", "actor") { $0["actor"] = "griffie\u{85}" },
        Refusal("actor of 201 characters", "actor") { $0["actor"] = .string(String(repeating: "x", count: 201)) },
        Refusal("id with a slash", "id") { $0["id"] = "a/b" },
        Refusal("id that is ..", "id") { $0["id"] = ".." },
        Refusal("id climbing out", "id") { $0["id"] = "../events" },
        Refusal("id starting with a dot", "id") { $0["id"] = ".hidden" },
        Refusal("empty id", "id") { $0["id"] = "" },
        Refusal("id with a space", "id") { $0["id"] = "a b" },
        Refusal("id with an accent", "id") { $0["id"] = "caf\u{e9}" },
        Refusal("id of 101 characters", "id") { $0["id"] = .string(String(repeating: "a", count: 101)) },
        Refusal("id not a string", "id") { $0["id"] = 42 },
        Refusal("schemaVersion zero", "schemaVersion") { $0["schemaVersion"] = 0 },
        Refusal("schemaVersion negative", "schemaVersion") { $0["schemaVersion"] = -1 },
        Refusal("schemaVersion fractional", "schemaVersion") { $0["schemaVersion"] = .number("1.5") },
        Refusal("schemaVersion as a string", "schemaVersion") { $0["schemaVersion"] = "1" },
        Refusal("source not an object", "source") { $0["source"] = "raadsbesluit.pdf" },
        Refusal("source an array", "source") { $0["source"] = ["raadsbesluit.pdf"] },
        Refusal("missing source", "source") { $0["source"] = nil },
        Refusal("source without document", "source.document") { $0["source"] = ["zaaknummer": "Z-1"] },
        Refusal("empty source document", "source.document") { $0["source"] = ["document": " "] },
        Refusal("source with an unknown field", "source.page") { $0["source"] = ["document": "d.pdf", "page": 3] },
        Refusal("zaaknummer not a string", "source.zaaknummer") { $0["source"] = ["document": "d.pdf", "zaaknummer": 12] },
        Refusal("empty zaaknummer", "source.zaaknummer") { $0["source"] = ["document": "d.pdf", "zaaknummer": ""] },
        Refusal("payload not an object", "payload") { $0["payload"] = "text" },
        Refusal("payload an array", "payload") { $0["payload"] = [1, 2] },
        Refusal("payload null", "payload") { $0["payload"] = nil as JSONValue },
        Refusal("missing payload", "payload") { $0["payload"] = nil },
    ]

    @Test(arguments: EventDraftTests.refusals)
    func refusalNamesTheField(_ refusal: Refusal) {
        var input = Self.base
        refusal.edit(&input)
        #expect(invalidFieldName { _ = try EventDraft(json: .object(input)) } == refusal.field)
    }

    @Test(arguments: [JSONValue.array([]), "text", 1, nil, true])
    func aDocumentThatIsNotAnObjectIsRefused(value: JSONValue) {
        #expect(invalidFieldName { _ = try EventDraft(json: value) } == "(document)")
    }

    @Test func storeFieldsGetAHintThatTheStoreSetsThem() {
        var input = Self.base
        input["recordedAt"] = "2026-11-23T14:27:17.123Z"
        #expect(throws: StoreError.invalidField(field: "recordedAt", problem: "unknown field",
                                                expected: "the store sets 'recordedAt' itself; leave it out")) {
            try EventDraft(json: .object(input))
        }
    }

    @Test func theImpossibleDateIsExplained() {
        var input = Self.base
        input["effectiveDate"] = "2026-02-30"
        #expect(throws: StoreError.invalidField(field: "effectiveDate", problem: "day 30 does not exist in 2026-02 (it has 28 days)",
                                                expected: "a real date as YYYY-MM-DD")) {
            try EventDraft(json: .object(input))
        }
    }

    @Test func validateEnvelopeFieldsChecksADraftBuiltInCode() {
        #expect(invalidFieldName { try makeDraft(id: "a/b").validateEnvelopeFields() } == "id")
        #expect(invalidFieldName { try makeDraft(type: "Bad").validateEnvelopeFields() } == "type")
        #expect(invalidFieldName { try makeDraft(actor: "\t").validateEnvelopeFields() } == "actor")
        #expect(invalidFieldName { try makeDraft(document: "").validateEnvelopeFields() } == "source.document")
        #expect(invalidFieldName { try makeDraft(zaaknummer: "Z\u{0}").validateEnvelopeFields() } == "source.zaaknummer")
        #expect(invalidFieldName { try makeDraft(id: "ok-1.v2_x", type: "a-1").validateEnvelopeFields() } == "(no error)")
    }

    @Test func boundaryLengthsAreAccepted() throws {
        var input = Self.base
        input["id"] = .string(String(repeating: "a", count: 100))
        input["type"] = .string(String(repeating: "a", count: 48))
        input["actor"] = .string(String(repeating: "\u{e9}", count: 200))
        let draft = try EventDraft(json: .object(input))
        #expect(draft.id?.count == 100 && draft.type.count == 48 && draft.actor.unicodeScalars.count == 200)
    }
}
