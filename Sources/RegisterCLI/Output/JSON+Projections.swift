import EventStore
import Projections

/// The JSON shapes of query answers. Keys are part of the CLI's contract (see README).
extension Cents {
    var json: JSONValue { .number(String(value)) }
}

extension CalendarDate {
    var json: JSONValue { .string(iso) }
}

extension Optional where Wrapped == CalendarDate {
    var json: JSONValue { map { .string($0.iso) } ?? .null }
}

extension Balance {
    var json: JSONValue {
        switch self {
        case .booked(let c):
            return .object(["kind": .string("booked"), "amountCents": c.json, "lowCents": c.json, "highCents": c.json, "asOf": .null])
        case let .estimate(low, high, asOf):
            return .object(["kind": .string("estimate"), "amountCents": .null, "lowCents": low.json, "highCents": high.json, "asOf": asOf.json])
        case let .actual(c, asOf):
            return .object(["kind": .string("actual"), "amountCents": c.json, "lowCents": c.json, "highCents": c.json, "asOf": asOf.json])
        }
    }

    /// `json` with `ageDays`: how many days the figure's `asOf` lies before `on` (negative when
    /// it is for a later date; null for a booked balance, which counts every mutation to `on`).
    func json(on date: CalendarDate) -> JSONValue {
        guard case .object(var object) = json else { return json }
        object["ageDays"] = age(on: date).map(JSONValue.init) ?? .null
        return .object(object)
    }

    /// Reads back the object `json` writes.
    init(_ json: JSONValue) throws(AnswerDecodingError) {
        let reader = try AnswerJSONReader(json)
        switch try reader.string("kind") {
        case "booked": self = .booked(try reader.cents("amountCents"))
        case "estimate": self = .estimate(low: try reader.cents("lowCents"), high: try reader.cents("highCents"), asOf: try reader.date("asOf"))
        case "actual": self = .actual(try reader.cents("amountCents"), asOf: try reader.date("asOf"))
        case let kind: throw AnswerDecodingError(description: "unknown balance kind '\(kind)'")
        }
    }
}

extension EventSource {
    var jsonValue: JSONValue { .object(["document": .string(document), "zaaknummer": JSONValue(zaaknummer)]) }
}
