import EventStore
import Projections

/// A decision an answer names, as the register knew it at the query's moment; `known` is nil
/// when the register holds no event about that decision.
struct DecisionSummary: Equatable, Sendable {
    struct Known: Equatable, Sendable {
        let status: DecisionStatus
        let body: DecisionBody
        let date: CalendarDate?
        let title: String?
    }

    let id: DecisionID
    let known: Known?

    /// The decisions `ids`, first mention first, as `index` describes them.
    static func list(_ ids: [DecisionID], from index: DecisionIndex) -> [DecisionSummary] {
        ids.map { id in
            DecisionSummary(id: id, known: index[id].map { Known(status: $0.status, body: $0.body, date: $0.date, title: $0.title) })
        }
    }

    init(id: DecisionID, known: Known?) {
        self.id = id
        self.known = known
    }

    var json: JSONValue {
        guard let known else { return .object(["id": .string(id.rawValue), "status": .string("unknown")]) }
        return .object([
            "id": .string(id.rawValue), "status": .string(known.status.rawValue), "body": .string(known.body.rawValue),
            "date": known.date.json, "title": JSONValue(known.title),
        ])
    }

    init(_ reader: AnswerJSONReader) throws(AnswerDecodingError) {
        id = DecisionID(try reader.string("id"))
        if try reader.string("status") == "unknown" {
            known = nil
        } else {
            known = Known(status: try reader.enumeration("status"), body: try reader.enumeration("body"),
                          date: try reader.optionalDate("date"), title: try reader.optionalString("title"))
        }
    }
}
