import EventStore

/// One thing the audit found, with a stable id so two runs can be compared line by line.
public struct Finding: Equatable, Sendable {
    /// `<rule>/<event id or subject>`: the same problem gets the same id in every run.
    public let id: String
    public let rule: AuditRule
    public let severity: Severity
    public let subject: Subject?
    public let message: String
    /// Ids of the events involved, in sequence order.
    public let events: [String]
    /// The sources of those events.
    public let sources: [EventSource]
}

/// How serious a finding is.
public enum Severity: String, Comparable, Sendable, CaseIterable {
    /// The history contradicts a rule (money past an end date, a total that does not add up).
    case error
    /// Something an auditor must look at (a mutation without authority, a missed deadline).
    case warning
    /// Not wrong yet, but may turn out wrong (commitments inside an estimate range).
    case risk
    /// A limit of what can be checked (an unknown decision date).
    case info

    private var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The rules the audit checks; the raw value is the first part of a finding's id.
public enum AuditRule: String, Sendable, CaseIterable {
    case mutationWithoutDecision = "mutation-without-decision"
    case decisionNotTaken = "decision-not-taken"
    case decisionUnknown = "decision-unknown"
    case decisionAfterEffect = "decision-after-effect"
    case decisionAfterYearEnd = "decision-after-year-end"
    case decisionDateUnknown = "decision-date-unknown"
    case moneyAfterEndDate = "money-after-end-date"
    case lapsedReserveHoldsMoney = "lapsed-reserve-holds-money"
    case allocationsExceedAuthorised = "allocations-exceed-authorised"
    case commitmentsExceedBalance = "commitments-exceed-balance"
    case commitmentsWithinEstimate = "commitments-within-estimate"
    case statedTotalDiffers = "stated-total-differs"
    case intentionPastDeadline = "intention-past-deadline"
    case recordedOutOfOrder = "recorded-out-of-order"
    case recordedInFuture = "recorded-in-future"
    case amendmentTargetMissing = "amendment-target-missing"
    case amendmentOutOfOrder = "amendment-out-of-order"
    case amendmentOfRetraction = "amendment-of-retraction"
    case retractedTwice = "retracted-twice"
    case orphanedByRetraction = "orphaned-by-retraction"

    /// What the rule checks, for `register help audit` and the README.
    public var explanation: String {
        switch self {
        case .mutationWithoutDecision: return "a mutation names no authorising decision"
        case .decisionNotTaken: return "a mutation is authorised by a decision that is only proposed, or was rejected or withdrawn"
        case .decisionUnknown: return "a mutation names a decision the register does not hold"
        case .decisionAfterEffect: return "the authorising decision is dated after the mutation takes effect"
        case .decisionAfterYearEnd: return "a reserve mutation in year Y is authorised by a decision dated after 31 December of Y"
        case .decisionDateUnknown: return "the authorising decision's date is unknown, so its timing cannot be checked"
        case .moneyAfterEndDate: return "money is committed, allocated or withdrawn after the reserve's end date"
        case .lapsedReserveHoldsMoney: return "a reserve past its end date still holds money"
        case .allocationsExceedAuthorised: return "allocations exceed what was added to the reserve"
        case .commitmentsExceedBalance: return "commitments exceed the reserve's balance"
        case .commitmentsWithinEstimate: return "commitments fall inside an estimated balance range: they may not be covered"
        case .statedTotalDiffers: return "a total stated by a source differs from the sum of its parts"
        case .intentionPastDeadline: return "an intention (voornemen) passed its decide-by date without a decision"
        case .recordedOutOfOrder: return "an event was recorded earlier than the event before it"
        case .recordedInFuture: return "an event says it was recorded later than the moment the audit runs (beyond 5 minutes of clock difference)"
        case .amendmentTargetMissing: return "a correction or retraction names an event that is not in the register"
        case .amendmentOutOfOrder: return "a correction or retraction names itself or an event recorded after it (a correction cycle): it has no effect"
        case .amendmentOfRetraction: return "a correction or retraction names a retraction: it has no effect"
        case .retractedTwice: return "an event is retracted a second time"
        case .orphanedByRetraction: return "an event counts for a reserve or contract whose creation is retracted"
        }
    }
}
