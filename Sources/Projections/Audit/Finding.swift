import EventStore

/// One thing the audit found, with a stable id so two runs can be compared line by line.
public struct Finding: Equatable, Sendable {
    /// `<rule>/<key>`, readable and the same in every run on the same history: the key is a
    /// subject (`reserve:404`, `decision:2022-0177088`) or an event, named by its id when a person
    /// chose it and by subject, date and type when the store made it up (see `FindingKeys`).
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
    case decisionConflict = "decision-conflict"
    case decisionDatedInFuture = "decision-dated-in-future"
    case decidedLate = "decided-late"
    case beforeEstablishment = "before-establishment"
    case endBeforeEstablishment = "end-before-establishment"
    case lapsedReserveRevived = "lapsed-reserve-revived"
    case moneyAfterEndDate = "money-after-end-date"
    case lapsedReserveHoldsMoney = "lapsed-reserve-holds-money"
    case balanceBelowZero = "balance-below-zero"
    case allocationsExceedAuthorised = "allocations-exceed-authorised"
    case commitmentsExceedBalance = "commitments-exceed-balance"
    case commitmentsWithinEstimate = "commitments-within-estimate"
    case commitmentNotOpen = "commitment-not-open"
    case possibleDuplicate = "possible-duplicate"
    case extensionShortens = "extension-shortens"
    case statedTotalDiffers = "stated-total-differs"
    case intentionPastDeadline = "intention-past-deadline"
    case endsSoon = "ends-soon"
    case scheduled = "scheduled"
    case recordedOutOfOrder = "recorded-out-of-order"
    case recordedInFuture = "recorded-in-future"
    case amendmentTargetMissing = "amendment-target-missing"
    case amendmentOutOfOrder = "amendment-out-of-order"
    case amendmentOfRetraction = "amendment-of-retraction"
    case retractedTwice = "retracted-twice"
    case orphanedByRetraction = "orphaned-by-retraction"
    case correctionWithoutEffect = "correction-without-effect"
    case createdTwice = "created-twice"
    case nameSpelledTwice = "name-spelled-twice"

    /// How serious its findings are: one severity per rule, except that `balance-below-zero` is
    /// only a risk when just the low end of an estimated balance is below zero.
    public var severity: Severity {
        switch self {
        case .decisionNotTaken, .decisionUnknown, .decisionAfterEffect, .decisionAfterYearEnd, .decisionDatedInFuture,
             .beforeEstablishment, .endBeforeEstablishment, .moneyAfterEndDate, .balanceBelowZero, .allocationsExceedAuthorised,
             .commitmentsExceedBalance, .statedTotalDiffers, .recordedInFuture, .amendmentTargetMissing, .amendmentOutOfOrder,
             .amendmentOfRetraction, .orphanedByRetraction, .correctionWithoutEffect, .createdTwice, .nameSpelledTwice:
            return .error
        case .mutationWithoutDecision, .decisionConflict, .decidedLate, .lapsedReserveRevived, .lapsedReserveHoldsMoney,
             .commitmentNotOpen, .possibleDuplicate, .extensionShortens, .intentionPastDeadline, .recordedOutOfOrder, .retractedTwice:
            return .warning
        case .commitmentsWithinEstimate, .endsSoon:
            return .risk
        case .decisionDateUnknown, .scheduled:
            return .info
        }
    }

    /// What the rule checks, for `register help audit` and the README.
    public var explanation: String {
        switch self {
        case .mutationWithoutDecision: return "a mutation names no authorising decision"
        case .decisionNotTaken: return "a mutation is authorised by a decision that is only proposed, or was rejected or withdrawn"
        case .decisionUnknown: return "a mutation names a decision the register does not hold"
        case .decisionAfterEffect: return "the authorising decision is dated after the mutation takes effect"
        case .decisionAfterYearEnd: return "a reserve mutation in year Y is authorised by a decision dated after 31 December of Y"
        case .decisionDateUnknown: return "the authorising decision's date is unknown, so its timing cannot be checked"
        case .decisionConflict:
            return "one decision is recorded as taken, rejected or withdrawn more than once with a different status, body or date; the last in effect order counts"
        case .decisionDatedInFuture: return "a decision is dated after the day it was recorded"
        case .decidedLate: return "a contract extension was decided after its intention's decide-by date or after the contract's notice deadline"
        case .beforeEstablishment:
            return "an event about a reserve or contract takes effect before the reserve was established or the contract awarded (a reserve's counts from the establishment on, a contract's not at all), or there is none"
        case .endBeforeEstablishment: return "a reserve's end date is before the day it was established"
        case .lapsedReserveRevived: return "an end-date change that takes effect after a reserve lapsed brings the reserve back"
        case .moneyAfterEndDate: return "money is committed, allocated or withdrawn after the reserve's end date"
        case .lapsedReserveHoldsMoney: return "a reserve past its end date still holds money"
        case .balanceBelowZero: return "a withdrawal takes a reserve's balance below zero (risk when only the low end of an estimate is)"
        case .allocationsExceedAuthorised: return "allocations exceed what was added to the reserve"
        case .commitmentsExceedBalance:
            return "open commitments exceed the balance they follow (the balance when they were made, plus later additions, less what settlements spent)"
        case .commitmentsWithinEstimate: return "open commitments fall inside the estimated balance range they follow: they may not be covered"
        case .commitmentNotOpen: return "a settlement or release names a commitment of the reserve that is not open (already ended, or not yet made)"
        case .possibleDuplicate:
            return "the same decision adds or withdraws the same amount twice, or establishes two reserves with the same name"
        case .extensionShortens: return "a contract extension sets an end date before the contract's current end"
        case .statedTotalDiffers: return "a total stated by a source differs from the sum of its parts"
        case .intentionPastDeadline: return "an intention (voornemen) passed its decide-by date without a decision"
        case .endsSoon: return "a reserve's end date or a contract's decided end falls within the horizon (--horizon DAYS, default 90)"
        case .scheduled: return "an event already recorded takes effect after the audit date: nothing about it is judged yet"
        case .recordedOutOfOrder: return "an event was recorded earlier than the event before it"
        case .recordedInFuture: return "an event says it was recorded later than the moment the audit runs (beyond 5 minutes of clock difference)"
        case .amendmentTargetMissing: return "a correction or retraction names an event that is not in the register"
        case .amendmentOutOfOrder: return "a correction or retraction names itself or an event recorded after it (a correction cycle): it has no effect"
        case .amendmentOfRetraction: return "a correction or retraction names a retraction: it has no effect"
        case .retractedTwice: return "an event is retracted a second time"
        case .orphanedByRetraction: return "an event counts for a reserve or contract whose creation is retracted"
        case .nameSpelledTwice:
            return "a name the register holds is spelt another way (case, leading zeros: one identity), so the answers count two subjects or projects"
        case .createdTwice: return "a reserve is established, a contract awarded or a source document's hash recorded a second time; only the first counts"
        case .correctionWithoutEffect:
            return "a correction append refuses (its corrected payload is not a valid event of its type, it changes what the event is about, or the event it makes is not plausible) has no effect"
        }
    }

    /// One finding the rule gives, as `register audit` prints its id and message.
    public var example: String {
        switch self {
        case .mutationWithoutDecision:
            return "mutation-without-decision/budget-2025-set: budget-set budget-2025-set (effective 2024-12-17) names no authorising decision"
        case .decisionNotTaken:
            return "decision-not-taken/res-404-end-date-2026: res-404-end-date-2026 is authorised by decision 2022-0177088, which is proposed, not taken"
        case .decisionUnknown: return "decision-unknown/w-2023: w-2023 names decision 2023-0001, which the register does not hold"
        case .decisionAfterEffect:
            return "decision-after-effect/w-2023: w-2023 takes effect on 2023-01-01, before its decision 2023-0001 of 2023-03-01"
        case .decisionAfterYearEnd:
            return "decision-after-year-end/w-2022: w-2022 is a reserve mutation in 2022, but decision 2023-0001 is dated 2023-01-10, after 2022-12-31"
        case .decisionDateUnknown:
            return "decision-date-unknown/res-404-end-date-2026: decision 2022-0177088 authorising res-404-end-date-2026 has no known date; that it preceded 2022-12-31 cannot be checked"
        case .decisionConflict:
            return "decision-conflict/decision:2022-0177088: decision 2022-0177088 is recorded as taken by raad on 2022-12-13 (dec-a) and as taken by college on 2022-12-20 (dec-b); the last in effect order, dec-b, counts"
        case .decisionDatedInFuture:
            return "decision-dated-in-future/dec-2026-1: decision 2026-1 is taken on 2062-10-02 by its record, which was made on 2026-11-23: a decision cannot be dated after it was recorded (a typo in the date?)"
        case .decidedLate:
            return "decided-late/ext-2030: contract dordrecht-sociaal was extended to 2030-12-31 by decision 2026-0012345 of 2026-02-10, after the decide-by date 2025-12-31 of con-dordrecht-sociaal-intention-2025 and after the notice deadline 2025-12-31"
        case .beforeEstablishment:
            return "before-establishment/add-2018: reserve-addition add-2018 takes effect on 2018-12-01, before reserve 404 was established on 2019-06-30"
        case .endBeforeEstablishment:
            return "end-before-establishment/end-2018: after reserve-end-date-changed end-2018 reserve 404 ends on 2018-12-31, before it was established on 2019-06-30"
        case .lapsedReserveRevived:
            return "lapsed-reserve-revived/end-2027: reserve 404 lapsed after 2026-12-31; end-2027 on 2027-03-01 moves its end date to 2027-12-31 and so brings it back"
        case .moneyAfterEndDate: return "money-after-end-date/w-2027: reserve-withdrawal w-2027 on 2027-02-01 is after reserve 404's end date 2026-12-31"
        case .lapsedReserveHoldsMoney:
            return "lapsed-reserve-holds-money/reserve:404: reserve 404 lapsed after 2026-12-31 but on 2027-01-15 still holds € 400.000,00 to € 450.000,00 for 2022-12-31"
        case .balanceBelowZero:
            return "balance-below-zero/w-2023: after reserve-withdrawal w-2023 on 2023-05-01 reserve 404's balance is -€ 60.000,00 booked"
        case .allocationsExceedAuthorised:
            return "allocations-exceed-authorised/alloc-2021: after alloc-2021 reserve 404 has € 5.100.000,00 allocated but only € 5.000.000,00 added"
        case .commitmentsExceedBalance:
            return "commitments-exceed-balance/reserve:404: reserve 404 has € 440.000,00 in open commitments, more than the balance they follow (€ 432.500,00 actual for 2022-12-31)"
        case .commitmentsWithinEstimate:
            return "commitments-within-estimate/reserve:404: reserve 404 has € 440.000,00 in open commitments against the balance they follow, estimated at € 400.000,00 to € 450.000,00 for 2022-12-31: covered only if the actual remainder is at least € 440.000,00"
        case .commitmentNotOpen:
            return "commitment-not-open/settle-bso: commitment-settled settle-bso names commitment res-404-commit-bso-plus of reserve 404, which is not open on 2024-01-31 (settled by settle-bso-1)"
        case .possibleDuplicate:
            return "possible-duplicate/add-404-again: reserve-addition add-404-again adds € 5.000.000,00 to reserve 404 under decision 2403230, as res-404-addition-2019 did on 2019-06-30: a possible duplicate"
        case .extensionShortens:
            return "extension-shortens/ext-2025: contract-extended ext-2025 sets contract dordrecht-sociaal's end to 2025-06-30, before its current end 2026-12-31"
        case .statedTotalDiffers:
            return "stated-total-differs/budget-2025-stated-total: the source states budget:2025 as € 270.057.000,00, but the parts add up to € 270.056.000,00 (difference € 1.000,00)"
        case .intentionPastDeadline:
            return "intention-past-deadline/con-dordrecht-sociaal-intention-2025: the college intended to extend contract dordrecht-sociaal to 2030-12-31, to be decided by 2025-12-31; on 2026-11-23 no extension is recorded"
        case .endsSoon:
            return "ends-soon/reserve:404: reserve 404 ends on 2026-12-31, in 38 days (horizon 90 days); it holds € 400.000,00 to € 450.000,00 for 2022-12-31"
        case .scheduled:
            return "scheduled/w-2035: reserve-withdrawal w-2035 takes effect on 2035-01-01, after 2026-11-23: withdrawal of € 10.000,00 from reserve 404"
        case .recordedOutOfOrder:
            return "recorded-out-of-order/late-entry: event 25 (late-entry) was recorded at 2026-11-20T09:00:00.000Z, before event 24 (2026-11-23T14:39:59.161Z)"
        case .recordedInFuture:
            return "recorded-in-future/ahead: event 25 (ahead) says it was recorded at 2031-01-01T00:00:00.000Z, after now (2026-11-23T15:00:00.000Z): a clock was wrong or the instant was forged"
        case .amendmentTargetMissing: return "amendment-target-missing/fix-1: correction fix-1 names event ghost, which is not among the events this register reads (it is missing, or an event this register cannot read)"
        case .amendmentOutOfOrder:
            return "amendment-out-of-order/fix-early: correction fix-early (event 25) names event 26 (add-late), recorded after it; it has no effect (a correction cycle is one case of this)"
        case .amendmentOfRetraction:
            return "amendment-of-retraction/undo-undo: retraction undo-undo names retraction undo; a retraction cannot be corrected or retracted, so it has no effect"
        case .retractedTwice:
            return "retracted-twice/undo-2: retraction undo-2 retracts event res-404-commit-bso-plus again; undo (event 25) already retracted it"
        case .orphanedByRetraction:
            return "orphaned-by-retraction/res-404-addition-2019: event 5 (res-404-addition-2019) counts for reserve:404, whose creation res-404-established is retracted"
        case .nameSpelledTwice:
            return "name-spelled-twice/alloc-2021: allocation alloc-2021 spells project of reserve 404 'taskforce jeugd' as 'Taskforce Jeugd' is spelt (realloc-404-2021) another way; the answers count them apart"
        case .createdTwice:
            return "created-twice/est-404-again: reserve-established est-404-again establishes reserve 404 again, after res-404-established on 2019-06-30; only the first establishment counts"
        case .correctionWithoutEffect:
            return "correction-without-effect/fix-1: correction fix-1 has no effect: it would change what event res-404-commit-bso-plus is about (reserve '404' to '999')"
        }
    }
}
