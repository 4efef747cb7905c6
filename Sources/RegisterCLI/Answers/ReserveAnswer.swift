import EventStore
import Projections

/// The answer to `register reserve ID`: the reserve on the query's date, or the date it was
/// established when it did not exist yet.
struct ReserveAnswer: Answer {
    /// An earmark for a project.
    struct Allocation: Equatable, Sendable {
        let project: String
        let amount: Cents
    }

    /// An obligation against the reserve, open or ended.
    struct Commitment: Equatable, Sendable {
        let project: String
        let amount: Cents
        let basis: AmountBasis
        let year: Int?
        let decision: DecisionID?
        /// `open`, `settled`, `released` or `superseded` (see `CommitmentBook.Status`).
        let status: String
        /// The event that ended it; nil while open.
        let endedBy: String?
        /// What its settlement says was spent; nil unless settled.
        let spent: Cents?
    }

    /// The reserve as it stands on the query's date.
    struct Reserve: Equatable, Sendable {
        let name: String
        let status: ReserveStatus
        let establishedOn: CalendarDate
        let endDate: CalendarDate
        let authorised: Cents
        let withdrawn: Cents
        let allocations: [Allocation]
        let allocated: Cents
        let commitments: [Commitment]
        let committed: Cents
        let balance: Balance
        let decisions: [DecisionSummary]
        /// Ids of the events that shaped the reserve, in effect order.
        let events: [String]
    }

    enum Standing: Equatable, Sendable {
        case notYetEstablished(establishedOn: CalendarDate)
        case established(Reserve)
    }

    let reserve: ReserveNumber
    let moment: QueryMoment
    let standing: Standing

    init(reserve: ReserveNumber, moment: QueryMoment, standing: Standing) {
        self.reserve = reserve
        self.moment = moment
        self.standing = standing
    }

    /// The projection's answer, with the decisions it names as `decisions` describes them.
    init(_ projected: ReserveProjection.Answer, reserve: ReserveNumber, moment: QueryMoment, decisions: DecisionIndex) {
        self.reserve = reserve
        self.moment = moment
        switch projected {
        case .notYetEstablished(let establishedOn):
            standing = .notYetEstablished(establishedOn: establishedOn)
        case .state(let s):
            standing = .established(Reserve(
                name: s.name, status: s.status(on: moment.on), establishedOn: s.establishedOn, endDate: s.endDate,
                authorised: s.authorised, withdrawn: s.withdrawn,
                allocations: s.allocations.map { Allocation(project: $0.project, amount: $0.amount) }, allocated: s.allocated,
                commitments: s.commitments.map {
                    var spent: Cents? = nil
                    if case .settled(let amount, _, _) = $0.status { spent = amount }
                    return Commitment(project: $0.project, amount: $0.amount, basis: $0.basis, year: $0.year, decision: $0.decision,
                                      status: $0.status.name, endedBy: $0.status.endedBy, spent: spent)
                },
                committed: s.committed, balance: s.balance, decisions: DecisionSummary.list(s.decisions, from: decisions),
                events: s.events))
        }
    }

    var json: JSONValue {
        var object = moment.jsonFields
        object["reserve"] = .string(reserve.rawValue)
        switch standing {
        case .notYetEstablished(let establishedOn):
            // The same keys as an established reserve's: null (or empty) where they do not apply yet.
            object.merge([
                "name": .null, "exists": .bool(false), "status": .string("not-established"),
                "establishedOn": establishedOn.json, "endDate": .null, "authorisedCents": .null, "withdrawnCents": .null,
                "allocations": .array([]), "allocatedCents": .null, "commitments": .array([]), "committedCents": .null,
                "balance": .null, "decisions": .array([]), "events": .array([]),
            ]) { $1 }
        case .established(let r):
            object.merge([
                "name": .string(r.name), "exists": .bool(true),
                "status": .string(r.status.rawValue), "establishedOn": r.establishedOn.json, "endDate": r.endDate.json,
                "authorisedCents": r.authorised.json, "withdrawnCents": r.withdrawn.json,
                "allocations": .array(r.allocations.map { .object(["project": .string($0.project), "amountCents": $0.amount.json]) }),
                "allocatedCents": r.allocated.json,
                "commitments": .array(r.commitments.map {
                    .object(["project": .string($0.project), "amountCents": $0.amount.json, "basis": .string($0.basis.rawValue),
                             "year": $0.year.map(JSONValue.init) ?? .null, "decision": JSONValue($0.decision?.rawValue),
                             "status": .string($0.status), "endedBy": JSONValue($0.endedBy), "spentCents": $0.spent?.json ?? .null])
                }),
                "committedCents": r.committed.json, "balance": r.balance.json(on: moment.on),
                "decisions": .array(r.decisions.map(\.json)), "events": .array(r.events.map(JSONValue.string)),
            ]) { $1 }
        }
        return .object(object)
    }

    init(json: JSONValue) throws(AnswerDecodingError) {
        let reader = try AnswerJSONReader(json)
        reserve = ReserveNumber(try reader.string("reserve"))
        moment = try QueryMoment(reader)
        guard try reader.bool("exists") else {
            standing = .notYetEstablished(establishedOn: try reader.date("establishedOn"))
            return
        }
        standing = .established(Reserve(
            name: try reader.string("name"), status: try reader.enumeration("status"),
            establishedOn: try reader.date("establishedOn"), endDate: try reader.date("endDate"),
            authorised: try reader.cents("authorisedCents"), withdrawn: try reader.cents("withdrawnCents"),
            allocations: try reader.array("allocations") { (a) throws(AnswerDecodingError) in
                Allocation(project: try a.string("project"), amount: try a.cents("amountCents"))
            },
            allocated: try reader.cents("allocatedCents"),
            commitments: try reader.array("commitments") { (c) throws(AnswerDecodingError) in
                Commitment(project: try c.string("project"), amount: try c.cents("amountCents"), basis: try c.enumeration("basis"),
                           year: try c.optionalInt("year"), decision: try c.optionalString("decision").map(DecisionID.init),
                           status: try c.string("status"), endedBy: try c.optionalString("endedBy"), spent: try c.optionalCents("spentCents"))
            },
            committed: try reader.cents("committedCents"), balance: try Balance(try reader.value("balance")),
            decisions: try reader.array("decisions", DecisionSummary.init), events: try reader.strings("events")))
    }
}
