import EventStore
import TestSupport
@testable import Projections

/// Builds hand-made histories for projection tests: events in append order, each with
/// an effective date and a recorded instant, decoded exactly as stored events are.
struct HistoryBuilder {
    private(set) var records: [DomainRecord] = []
    /// Recorded instants advance one minute per event unless given.
    private var clock: Int64 = 1_700_000_000_000

    @discardableResult
    mutating func add(_ type: EventType, _ effective: String, id: String? = nil, recordedAt: String? = nil, version: Int = 1,
                      _ payload: [String: JSONValue]) -> String {
        clock += 60_000
        let recorded = recordedAt.map { try! RecordedInstant(iso: $0) } ?? RecordedInstant(millisecondsSinceEpoch: clock)
        let eventID = id ?? "e\(records.count + 1)"
        let envelope = EventEnvelope(
            sequence: records.count + 1, id: eventID, type: type.rawValue, schemaVersion: version,
            effectiveDate: try! CalendarDate(iso: effective), recordedAt: recorded, actor: "test",
            source: EventSource(document: "test.txt", zaaknummer: nil), payload: .object(payload), previousHash: .zero)
        records.append(try! DomainRecord(envelope: envelope))
        return eventID
    }

    var history: History { History(records: records) }
    func resolved(knownOn: String? = nil) -> [ResolvedRecord] {
        history.resolved(knownOn: knownOn.map { try! RecordedInstant(iso: $0) })
    }

    // Shorthands for common events.
    mutating func decision(_ id: String, _ status: EventType = .decisionTaken, on date: String, body: String = "raad", dated: String?? = nil) {
        let recordedDate: JSONValue = (dated ?? date).map(JSONValue.string) ?? .null
        add(status, date, id: "dec-\(id)-\(status.rawValue)", ["decision": .string(id), "body": .string(body), "date": recordedDate])
    }

    mutating func reserve(_ number: String = "404", on date: String, end: String, decision: String? = nil) {
        var p: [String: JSONValue] = ["reserve": .string(number), "name": .string("Reserve \(number)"), "endDate": .string(end)]
        if let decision { p["decision"] = .string(decision) }
        add(.reserveEstablished, date, id: "res-\(number)", p)
    }
}

func date(_ text: String) -> CalendarDate { try! CalendarDate(iso: text) }
func cents(_ n: Int64) -> JSONValue { .number(String(n)) }
func lines(_ items: [(String, Int64)]) -> JSONValue {
    .array(items.map { .object(["project": .string($0.0), "amountCents": cents($0.1)]) })
}
