import EventStore
import Projections

/// The answer to `register budget --year YEAR`: the year's programme budgets on the query's date,
/// their total (always the sum of the programmes) and the total the source states, if any.
struct BudgetAnswer: Answer {
    struct Programme: Equatable, Sendable {
        let programme: ProgrammeID
        let name: String
        let amount: Cents
    }

    let year: Int
    let moment: QueryMoment
    /// In the order programmes first appeared.
    let programmes: [Programme]
    let total: Cents
    let statedTotal: Cents?
    /// Stated minus computed; nil when nothing is stated.
    let statedDifference: Cents?
    let events: [String]

    init(year: Int, moment: QueryMoment, programmes: [Programme], total: Cents, statedTotal: Cents?, statedDifference: Cents?,
         events: [String]) {
        self.year = year
        self.moment = moment
        self.programmes = programmes
        self.total = total
        self.statedTotal = statedTotal
        self.statedDifference = statedDifference
        self.events = events
    }

    init(_ s: BudgetState, moment: QueryMoment) {
        self.init(year: s.year, moment: moment,
                  programmes: s.programmes.map { Programme(programme: $0.programme, name: $0.name, amount: $0.amount) },
                  total: s.total, statedTotal: s.statedTotal, statedDifference: s.statedDifference, events: s.events)
    }

    var json: JSONValue {
        var object = moment.jsonFields
        object.merge([
            "year": JSONValue(year),
            "programmes": .array(programmes.map {
                .object(["programme": .string($0.programme.rawValue), "name": .string($0.name), "amountCents": $0.amount.json])
            }),
            "totalCents": total.json, "statedTotalCents": statedTotal?.json ?? .null,
            "statedTotalDifferenceCents": statedDifference?.json ?? .null,
            "events": .array(events.map(JSONValue.string)),
        ]) { $1 }
        return .object(object)
    }

    init(json: JSONValue) throws(AnswerDecodingError) {
        let reader = try AnswerJSONReader(json)
        self.init(
            year: try reader.int("year"), moment: try QueryMoment(reader),
            programmes: try reader.array("programmes") { (p) throws(AnswerDecodingError) in
                Programme(programme: ProgrammeID(try p.string("programme")), name: try p.string("name"), amount: try p.cents("amountCents"))
            },
            total: try reader.cents("totalCents"), statedTotal: try reader.optionalCents("statedTotalCents"),
            statedDifference: try reader.optionalCents("statedTotalDifferenceCents"), events: try reader.strings("events"))
    }
}
