import EventStore
import Projections

/// The answer to `register contract ID`: the contract on the query's date, or the date it was
/// awarded when it was not awarded yet.
struct ContractAnswer: Answer {
    /// An extension intended (a voornemen) but not decided.
    struct IntendedExtension: Equatable, Sendable {
        let newEndDate: CalendarDate
        let decideBy: CalendarDate?
        let body: DecisionBody
        /// The id of the event that recorded the intention.
        let event: String
    }

    /// The contract as it stands on the query's date.
    struct Contract: Equatable, Sendable {
        let counterparty: String
        let title: String?
        let status: ContractStatus
        let start: CalendarDate
        /// The effective date of the award; nil in an answer cached before it was kept.
        let awardedOn: CalendarDate?
        /// The end date as decided; an intention does not move it.
        let endDate: CalendarDate
        let intendedEndDate: CalendarDate?
        let intendedExtension: IntendedExtension?
        let noticeDeadline: CalendarDate?
        let decisions: [DecisionSummary]
        let events: [String]
    }

    enum Standing: Equatable, Sendable {
        case notYetAwarded(awardedOn: CalendarDate)
        case awarded(Contract)
    }

    let contract: ContractID
    let moment: QueryMoment
    let standing: Standing

    init(contract: ContractID, moment: QueryMoment, standing: Standing) {
        self.contract = contract
        self.moment = moment
        self.standing = standing
    }

    /// The projection's answer, with the decisions it names as `decisions` describes them.
    init(_ projected: ContractProjection.Answer, contract: ContractID, moment: QueryMoment, decisions: DecisionIndex) {
        self.contract = contract
        self.moment = moment
        switch projected {
        case .notYetAwarded(let awardedOn):
            standing = .notYetAwarded(awardedOn: awardedOn)
        case .state(let s):
            standing = .awarded(Contract(
                counterparty: s.counterparty, title: s.title, status: s.status(on: moment.on), start: s.start, awardedOn: s.awardedOn, endDate: s.endDate,
                intendedEndDate: s.intendedEndDate,
                intendedExtension: s.intendedExtension.map {
                    IntendedExtension(newEndDate: $0.newEndDate, decideBy: $0.decideBy, body: $0.body, event: $0.eventID)
                },
                noticeDeadline: s.noticeDeadline, decisions: DecisionSummary.list(s.decisions, from: decisions), events: s.events))
        }
    }

    var json: JSONValue {
        var object = moment.jsonFields
        object["contract"] = .string(contract.rawValue)
        switch standing {
        case .notYetAwarded(let awardedOn):
            // The same keys as an awarded contract's, null (or empty) where they do not apply yet.
            object.merge(["exists": .bool(false), "status": .string("not-awarded"), "awardedOn": awardedOn.json,
                          "counterparty": .null, "title": .null, "start": .null, "endDate": .null, "intendedEndDate": .null,
                          "intendedExtension": .null, "noticeDeadline": .null, "decisions": .array([]), "events": .array([])]) { $1 }
        case .awarded(let c):
            object.merge([
                "exists": .bool(true), "counterparty": .string(c.counterparty),
                "title": JSONValue(c.title), "status": .string(c.status.rawValue), "start": c.start.json,
                "awardedOn": c.awardedOn?.json ?? .null,
                "endDate": c.endDate.json, "intendedEndDate": c.intendedEndDate.json,
                "intendedExtension": c.intendedExtension.map { i in
                    .object(["newEndDate": i.newEndDate.json, "decideBy": i.decideBy.json, "body": .string(i.body.rawValue),
                             "decided": .bool(false), "event": .string(i.event)])
                } ?? .null,
                "noticeDeadline": c.noticeDeadline.json, "decisions": .array(c.decisions.map(\.json)),
                "events": .array(c.events.map(JSONValue.string)),
            ]) { $1 }
        }
        return .object(object)
    }

    init(json: JSONValue) throws(AnswerDecodingError) {
        let reader = try AnswerJSONReader(json)
        contract = ContractID(try reader.string("contract"))
        moment = try QueryMoment(reader)
        guard try reader.bool("exists") else {
            standing = .notYetAwarded(awardedOn: try reader.date("awardedOn"))
            return
        }
        var intended: IntendedExtension? = nil
        if let value = try reader.optional("intendedExtension") {
            let i = try AnswerJSONReader(value)
            intended = IntendedExtension(newEndDate: try i.date("newEndDate"), decideBy: try i.optionalDate("decideBy"),
                                         body: try i.enumeration("body"), event: try i.string("event"))
        }
        standing = .awarded(Contract(
            counterparty: try reader.string("counterparty"), title: try reader.optionalString("title"),
            status: try reader.enumeration("status"), start: try reader.date("start"),
            awardedOn: try reader.optionalDate("awardedOn"), endDate: try reader.date("endDate"),
            intendedEndDate: try reader.optionalDate("intendedEndDate"), intendedExtension: intended,
            noticeDeadline: try reader.optionalDate("noticeDeadline"),
            decisions: try reader.array("decisions", DecisionSummary.init), events: try reader.strings("events")))
    }
}
