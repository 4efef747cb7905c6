import EventStore
import TestSupport
import Testing
@testable import Projections

/// Every refused payload names the field; the table doubles as documentation of the rules.
@Suite struct DomainEventDecodingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let type: EventType
        let payload: JSONValue
        let field: String
        var testDescription: String { name }
    }

    static let refused: [Case] = [
        Case(name: "fractional cents", type: .reserveAddition, payload: ["reserve": "404", "amountCents": .number("12.5")], field: "payload.amountCents"),
        Case(name: "negative cents", type: .reserveAddition, payload: ["reserve": "404", "amountCents": -5], field: "payload.amountCents"),
        Case(name: "zero addition", type: .reserveAddition, payload: ["reserve": "404", "amountCents": 0], field: "payload.amountCents"),
        Case(name: "cents as text", type: .reserveAddition, payload: ["reserve": "404", "amountCents": "500"], field: "payload.amountCents"),
        Case(name: "overflowing cents", type: .reserveAddition, payload: ["reserve": "404", "amountCents": .number("99999999999999999999")], field: "payload.amountCents"),
        Case(name: "cents above the limit", type: .reserveAddition, payload: ["reserve": "404", "amountCents": .number("1000000000000000001")], field: "payload.amountCents"),
        Case(name: "exponent cents", type: .reserveAddition, payload: ["reserve": "404", "amountCents": .number("1e3")], field: "payload.amountCents"),
        Case(name: "impossible date", type: .reserveEndDateChanged, payload: ["reserve": "404", "endDate": "2026-02-30"], field: "payload.endDate"),
        Case(name: "dutch date order", type: .reserveEndDateChanged, payload: ["reserve": "404", "endDate": "31-12-2026"], field: "payload.endDate"),
        Case(name: "missing end date", type: .reserveEndDateChanged, payload: ["reserve": "404"], field: "payload.endDate"),
        Case(name: "unknown field", type: .reserveEndDateChanged, payload: ["reserve": "404", "endDate": "2026-12-31", "endDtae": "x"], field: "payload.endDtae"),
        Case(name: "path in reserve id", type: .reserveEndDateChanged, payload: ["reserve": "../404", "endDate": "2026-12-31"], field: "payload.reserve"),
        Case(name: "slash in reserve id", type: .reserveEndDateChanged, payload: ["reserve": "4/04", "endDate": "2026-12-31"], field: "payload.reserve"),
        Case(name: "empty name", type: .reserveEstablished, payload: ["reserve": "404", "name": "  ", "endDate": "2026-12-31"], field: "payload.name"),
        Case(name: "control character", type: .reserveEstablished, payload: ["reserve": "404", "name": "a\u{7}b", "endDate": "2026-12-31"], field: "payload.name"),
        Case(name: "unknown body", type: .decisionTaken, payload: ["decision": "D", "body": "parliament"], field: "payload.body"),
        Case(name: "unknown basis", type: .commitment, payload: ["reserve": "404", "project": "P", "amountCents": 5, "basis": "roughly"], field: "payload.basis"),
        Case(name: "duplicate project", type: .allocation, payload: ["reserve": "404", "allocations": [["project": "A", "amountCents": 1], ["project": "A", "amountCents": 2]]], field: "payload.allocations[1].project"),
        Case(name: "empty allocations", type: .allocation, payload: ["reserve": "404", "allocations": []], field: "payload.allocations"),
        Case(name: "estimate low above high", type: .balanceEstimate, payload: ["reserve": "404", "asOf": "2022-12-31", "lowCents": 5, "highCents": 4], field: "payload.highCents"),
        Case(name: "contract ends before it starts", type: .contractAwarded, payload: ["contract": "c", "counterparty": "X", "start": "2023-01-01", "end": "2022-01-01"], field: "payload.end"),
        Case(name: "uncheckable stated total", type: .statedTotal, payload: ["of": "everything", "amountCents": 1], field: "payload.of"),
        Case(name: "correction that changes nothing", type: .correction, payload: ["corrects": "e1", "reason": "r"], field: "payload"),
        Case(name: "payload not an object", type: .retraction, payload: "retract e1", field: "payload"),
        Case(name: "source hash in upper case", type: .sourceDocument, payload: ["document": "a.txt", "sha256": .string(String(repeating: "A", count: 64))], field: "payload.sha256"),
        Case(name: "source hash too short", type: .sourceDocument, payload: ["document": "a.txt", "sha256": "abc123"], field: "payload.sha256"),
        Case(name: "source address not a web address", type: .sourceDocument, payload: ["document": "a.txt", "sha256": .string(String(repeating: "a", count: 64)), "address": "file:///etc/passwd"], field: "payload.address"),
        Case(name: "source address with a space", type: .sourceDocument, payload: ["document": "a.txt", "sha256": .string(String(repeating: "a", count: 64)), "address": "https://x.nl/a b"], field: "payload.address"),
        Case(name: "source without a hash", type: .sourceDocument, payload: ["document": "a.txt"], field: "payload.sha256"),
    ]

    /// As a new event is read (`DecodingRules.append`): what `append` and a push refuse.
    @Test(arguments: refused)
    func refusesWithTheField(_ c: Case) {
        #expect {
            _ = try DomainEvent(type: c.type, payload: c.payload, rules: .append)
        } throws: { error in
            guard case DomainError.invalidField(let field, _, _) = error else { return false }
            return field == c.field
        }
    }

    @Test func decodesAnEndDateChangeWithItsDecision() throws {
        let e = try DomainEvent(type: .reserveEndDateChanged, payload: ["reserve": "404", "endDate": "2026-12-31", "decision": "2022-0177088"])
        #expect(e == .reserveEndDateChanged(reserve: ReserveNumber("404"), endDate: date("2026-12-31"), decision: DecisionID("2022-0177088")))
        #expect(e.isMutation)
    }

    @Test func notesAndAssumptionsAreAcceptedOnEveryType() throws {
        let e = try DomainEvent(type: .decisionTaken, payload: ["decision": "D", "body": "raad", "date": nil,
                                                                "note": "blank in the source", "assumptions": ["dated at year end"]])
        guard case .decision(let d) = e else { Issue.record("not a decision"); return }
        #expect(d.date == nil)
    }

    @Test func anUnknownTypeOrAFutureSchemaVersionIsRefused() {
        let envelope = { (type: String, version: Int) in
            EventEnvelope(sequence: 1, id: "x", type: type, schemaVersion: version, effectiveDate: date("2020-01-01"),
                          recordedAt: RecordedInstant(millisecondsSinceEpoch: 0), actor: "t",
                          source: EventSource(document: "d", zaaknummer: nil), payload: ["decision": "D", "body": "raad"], previousHash: .zero)
        }
        #expect(throws: DomainError.unknownType("decision-made")) { try DomainEvent(envelope: envelope("decision-made", 1)) }
        #expect(throws: DomainError.unsupportedSchemaVersion(type: "decision-taken", version: 2, newest: 1)) {
            try DomainEvent(envelope: envelope("decision-taken", 2))
        }
    }

    /// A stored event is read with what `append` refuses today in its texts (it may have arrived
    /// by git clone): the control character is kept, and every human output escapes it.
    @Test func aStoredEventWithAControlCharacterInANameIsRead() throws {
        let event = try DomainEvent(type: .reserveEstablished, payload: ["reserve": "404", "name": "a\u{7}b", "endDate": "2026-12-31"])
        guard case .reserveEstablished(_, let name, _, _) = event else { Issue.record("not an establishment"); return }
        #expect(name == "a\u{7}b")
    }

    /// One event's lines are a total too: a new event whose lines add up past the cap is refused.
    @Test(arguments: [EventType.allocation, .reallocation])
    func linesThatAddUpPastTheCapAreRefused(_ type: EventType) {
        let lines: [JSONValue] = (0..<3).map { .object(["project": .string("p\($0)"), "amountCents": JSONValue(Cents.limit)]) }
        #expect(throws: DomainError.self) {
            _ = try DomainEvent(type: type, payload: ["reserve": "404", "allocations": .array(lines)], rules: .append)
        }
        #expect((try? DomainEvent(type: type, payload: ["reserve": "404", "allocations": .array(lines)])) != nil, "a stored one is read")
    }
}
