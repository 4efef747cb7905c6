import EventStore

/// A contract as it stands on a date.
public struct ContractState: Equatable, Sendable {
    public let contract: ContractID
    public var counterparty: String
    public var title: String?
    public var start: CalendarDate
    /// The effective date of the award (the latest `contract-awarded` of the contract).
    public var awardedOn: CalendarDate
    /// The end date as decided; an intention does not move it.
    public var endDate: CalendarDate
    public var noticeDeadline: CalendarDate?
    /// An extension the college intends but has not decided (a voornemen).
    public var intendedExtension: IntendedExtension?
    public var decisions: [DecisionID] = []
    public var events: [String] = []

    /// The end date if the intended extension were decided; nil without an intention.
    public var intendedEndDate: CalendarDate? { intendedExtension?.newEndDate }

    public func status(on date: CalendarDate) -> ContractStatus {
        date < start ? .notStarted : date <= endDate ? .running : .ended
    }

    /// An intention to extend.
    public struct IntendedExtension: Equatable, Sendable {
        public let newEndDate: CalendarDate
        public let decideBy: CalendarDate?
        public let body: DecisionBody
        public let eventID: String
        public let recordedOn: CalendarDate
    }
}

public enum ContractStatus: String, Sendable {
    case notStarted = "not-started", running, ended
}

/// The state of one contract on a date.
public enum ContractProjection {
    public enum Answer: Equatable, Sendable {
        case notYetAwarded(awardedOn: CalendarDate)
        case state(ContractState)
    }

    /// Nil when the register holds no such contract.
    public static func project(_ contract: ContractID, on date: CalendarDate, records: [ResolvedRecord]) -> Answer? {
        project(contract, on: date, inEffectOrder: records.inEffectOrder)
    }

    /// The same answer from records already in effect order that count (`inEffectOrder`),
    /// for example only those that touch the contract: one pass, no sorting.
    static func project(_ contract: ContractID, on date: CalendarDate, inEffectOrder ordered: [ResolvedRecord]) -> Answer? {
        guard let awarding = Self.award(of: contract, in: ordered) else { return nil }
        var state: ContractState? = nil
        var decisions: Set<DecisionID> = []
        for record in ordered {
            guard record.effectiveDate <= date else { break }
            let event = record.event
            guard event.subjects.contains(.contract(contract)) else { continue }
            // Only the award recorded first counts: a second (append refuses it) changes nothing,
            // whatever its effective date, and the audit says so.
            if case .contractAwarded(let award) = event, record.id == awarding.id {
                state = ContractState(contract: contract, counterparty: award.counterparty, title: award.title, start: award.start,
                                      awardedOn: record.effectiveDate, endDate: award.end, noticeDeadline: award.noticeDeadline)
                decisions = []
            }
            // Changed in place: a copy taken out of the optional would copy the growing arrays on every event.
            guard state != nil else { continue }
            if let d = event.authorisingDecision, decisions.insert(d).inserted { state!.decisions.append(d) }
            state!.events.append(record.id)
            switch event {
            case let .contractExtensionIntended(_, newEnd, decideBy, body):
                state!.intendedExtension = .init(newEndDate: newEnd, decideBy: decideBy, body: body, eventID: record.id,
                                                 recordedOn: record.effectiveDate)
            case .contractExtended(_, let newEnd, _):
                state!.endDate = newEnd
                if let intended = state!.intendedExtension, intended.newEndDate <= newEnd { state!.intendedExtension = nil }
            default: break
            }
        }
        guard let result = state else { return .notYetAwarded(awardedOn: awarding.effectiveDate) }
        return .state(result)
    }

    /// The contract's award: the one recorded first (the one append accepted), whatever the dates.
    static func award(of contract: ContractID, in records: some Sequence<ResolvedRecord>) -> ResolvedRecord? {
        records.filter { awards(contract, $0) }.min { $0.sequence < $1.sequence }
    }

    static func awards(_ contract: ContractID, _ record: ResolvedRecord) -> Bool {
        if case .contractAwarded(let award) = record.event { return award.contract == contract }
        return false
    }

    /// Every contract awarded in the records, with its counterparty.
    public static func contracts(in records: [ResolvedRecord]) -> [ContractID: String] {
        contracts(inEffectOrder: records.inEffectOrder)
    }

    static func contracts(inEffectOrder ordered: [ResolvedRecord]) -> [ContractID: String] {
        var result: [ContractID: String] = [:]
        var at: [ContractID: Int] = [:]
        for record in ordered {
            // Each by its award recorded first, whatever the dates.
            if case .contractAwarded(let a) = record.event, at[a.contract].map({ record.sequence < $0 }) ?? true {
                at[a.contract] = record.sequence
                result[a.contract] = a.counterparty
            }
        }
        return result
    }
}
