import EventStore

/// What one event means for the domain, decoded from its envelope's type and payload.
///
/// Decisions, proposals and intentions are facts about documents; only the mutations
/// (end date, additions, withdrawals, allocations, commitments, budgets, contract ends)
/// change state. Every mutation may name the decision that authorises it.
public enum DomainEvent: Hashable, Sendable {
    case decision(DecisionRecord)
    case reserveEstablished(reserve: ReserveNumber, name: String, endDate: CalendarDate, decision: DecisionID?)
    case reserveEndDateChanged(reserve: ReserveNumber, endDate: CalendarDate, decision: DecisionID?)
    case reserveAddition(reserve: ReserveNumber, amount: Cents, decision: DecisionID?, description: String?)
    case reserveWithdrawal(reserve: ReserveNumber, amount: Cents, decision: DecisionID?, description: String?)
    /// Earmarks amounts for projects, on top of what is already earmarked.
    case allocation(reserve: ReserveNumber, lines: [ProjectAmount], decision: DecisionID?)
    /// Replaces the whole table of earmarks: money moves between projects.
    case reallocation(reserve: ReserveNumber, lines: [ProjectAmount], decision: DecisionID?)
    case commitment(Commitment)
    /// A commitment paid: it ends, and what was spent on it no longer covers the others.
    case commitmentSettled(reserve: ReserveNumber, commitment: String, spent: Cents, decision: DecisionID?)
    /// A commitment withdrawn without being paid: it ends.
    case commitmentReleased(reserve: ReserveNumber, commitment: String, reason: String, decision: DecisionID?)
    case balanceEstimate(reserve: ReserveNumber, asOf: CalendarDate, low: Cents, high: Cents)
    case balanceActual(reserve: ReserveNumber, asOf: CalendarDate, amount: Cents, decision: DecisionID?)
    case contractAwarded(ContractAward)
    /// An intention (voornemen) to extend: changes no end date.
    case contractExtensionIntended(contract: ContractID, newEndDate: CalendarDate, decideBy: CalendarDate?, body: DecisionBody)
    case contractExtended(contract: ContractID, newEndDate: CalendarDate, decision: DecisionID?)
    case budgetSet(year: Int, lines: [ProgrammeAmount], decision: DecisionID?)
    /// A total as a source states it; checked against the parts, never used as the answer.
    case statedTotal(subject: StatedTotalSubject, amount: Cents)
    /// Replaces an earlier event's payload and/or effective date from the start.
    case correction(Correction)
    /// An earlier event should never have counted.
    case retraction(target: String, reason: String)
    /// The hash (and public address) of a source document the history cites; changes no state.
    case sourceDocument(SourceDocument)

    /// The decision a mutation names as its authority.
    public var authorisingDecision: DecisionID? {
        switch self {
        case .reserveEstablished(_, _, _, let d), .reserveEndDateChanged(_, _, let d),
             .reserveAddition(_, _, let d, _), .reserveWithdrawal(_, _, let d, _),
             .allocation(_, _, let d), .reallocation(_, _, let d), .balanceActual(_, _, _, let d),
             .contractExtended(_, _, let d), .budgetSet(_, _, let d):
            return d
        case .commitment(let c): return c.decision
        case .commitmentSettled(_, _, _, let d), .commitmentReleased(_, _, _, let d): return d
        case .contractAwarded(let a): return a.decision
        default: return nil
        }
    }

    /// Whether this event changes money or dates (and so needs an authorising decision).
    public var isMutation: Bool {
        switch self {
        case .reserveEstablished, .reserveEndDateChanged, .reserveAddition, .reserveWithdrawal,
             .allocation, .reallocation, .commitment, .contractAwarded, .contractExtended, .budgetSet:
            return true
        default: return false
        }
    }

    /// Whether this mutation moves reserve money (the year-end rule applies to it).
    public var movesReserveMoney: Bool {
        switch self {
        case .reserveAddition, .reserveWithdrawal, .allocation, .reallocation, .commitment: return true
        default: return false
        }
    }

    /// The subjects this event touches, for timelines and `audit SUBJECT`: its `subject`, and
    /// for a budget its programmes.
    public var subjects: [Subject] {
        guard let subject else { return [] }
        if case .budgetSet(_, let lines, _) = self { return [subject] + lines.map { .programme($0.programme) } }
        return [subject]
    }

    /// The subject the event is about (the first of `subjects`), without making the list; nil for
    /// an amendment or a source document.
    public var subject: Subject? {
        switch self {
        case .decision(let d): return .decision(d.id)
        case .reserveEstablished(let r, _, _, _), .reserveEndDateChanged(let r, _, _), .reserveAddition(let r, _, _, _),
             .reserveWithdrawal(let r, _, _, _), .allocation(let r, _, _), .reallocation(let r, _, _),
             .balanceEstimate(let r, _, _, _), .balanceActual(let r, _, _, _):
            return .reserve(r)
        case .commitment(let c): return .reserve(c.reserve)
        case .commitmentSettled(let r, _, _, _), .commitmentReleased(let r, _, _, _): return .reserve(r)
        case .contractAwarded(let a): return .contract(a.contract)
        case .contractExtensionIntended(let c, _, _, _), .contractExtended(let c, _, _): return .contract(c)
        case .budgetSet(let year, _, _): return .budget(year: year)
        case .statedTotal(let s, _): return s.subject
        case .correction, .retraction, .sourceDocument: return nil
        }
    }
}

/// Which body takes a decision.
public enum DecisionBody: String, Hashable, Sendable, CaseIterable {
    case raad, college, burgemeester, algemeenBestuur = "algemeen-bestuur", unknown
}

/// Where a decision stands.
public enum DecisionStatus: String, Hashable, Sendable, CaseIterable {
    case proposed, taken, rejected, withdrawn

    /// Where it stands with the body that decides, in words: a proposal is put *to* that body
    /// (the college proposes to the raad), the rest is done *by* it.
    public func phrase(_ body: DecisionBody) -> String {
        self == .proposed ? "proposed to \(body.rawValue)" : "\(rawValue) by \(body.rawValue)"
    }
}

/// A decision document's facts as one event records them.
public struct DecisionRecord: Hashable, Sendable {
    public let id: DecisionID
    public let status: DecisionStatus
    public let body: DecisionBody
    public let title: String?
    /// Nil when the source leaves the date blank: unknown, not guessed.
    public let date: CalendarDate?
    public let legalBasis: String?
}

/// An amount for one project within a reserve.
public struct ProjectAmount: Hashable, Sendable {
    public let project: String
    public let amount: Cents
}

/// An amount for one programme in a year's budget.
public struct ProgrammeAmount: Hashable, Sendable {
    public let programme: ProgrammeID
    public let name: String
    public let amount: Cents
}

/// How exact a committed amount is.
public enum AmountBasis: String, Hashable, Sendable, CaseIterable {
    case exact, approximate, maximum
}

/// An obligation against a reserve: counts against what is available, not against the balance.
public struct Commitment: Hashable, Sendable {
    public let reserve: ReserveNumber
    public let project: String
    public let amount: Cents
    public let basis: AmountBasis
    public let year: Int?
    public let decision: DecisionID?
}

/// A contract as awarded.
public struct ContractAward: Hashable, Sendable {
    public let contract: ContractID
    public let counterparty: String
    public let title: String?
    public let start: CalendarDate
    public let end: CalendarDate
    /// The date by which the parties must say whether they continue.
    public let noticeDeadline: CalendarDate?
    public let decision: DecisionID?
}

/// What a stated total is the total of.
public enum StatedTotalSubject: Hashable, Sendable, CustomStringConvertible {
    case budget(year: Int)
    case allocations(ReserveNumber)

    var subject: Subject {
        switch self {
        case .budget(let year): return .budget(year: year)
        case .allocations(let r): return .reserve(r)
        }
    }

    public var description: String {
        switch self {
        case .budget(let year): return "budget:\(year)"
        case .allocations(let r): return "reserve:\(r):allocations"
        }
    }
}

/// A correction of an earlier event: the new effective date and/or payload fields, and why.
public struct Correction: Hashable, Sendable {
    public let target: String
    public let reason: String
    public let effectiveDate: CalendarDate?
    /// What it changes in the target's payload; nil when it changes only the effective date.
    public let change: Change?

    /// How a correction changes a payload.
    public enum Change: Hashable, Sendable {
        /// Schema 2 (`payload`): only these fields, each replacing the target's (null removes an
        /// optional field); every other field keeps the value it has.
        case fields([String: JSONValue])
        /// Schema 1 (upcast to `replacement`): the complete payload, replacing the target's.
        case whole(JSONValue)
    }

    /// The target's payload after this correction: `current` is the target's payload as it
    /// stands before it.
    public func corrected(_ current: JSONValue) -> JSONValue {
        switch change {
        case nil: return current
        case .whole(let whole): return whole
        case .fields(let fields):
            var merged = current.object ?? [:]
            for (key, value) in fields { merged[key] = value }
            return .object(merged)
        }
    }
}
