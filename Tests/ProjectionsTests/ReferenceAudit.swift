import EventStore
@testable import Projections

/// The audit as it was before it was made O(N log N), kept verbatim (it re-projects from all
/// records per stated total, reserve and contract) as the reference the fast `Audit` must match.
enum ReferenceAudit {
    /// - Parameters:
    ///   - records: the history as known at the audit's `--known-on` moment.
    ///   - date: the day the audit is about (deadlines and lapses are judged on it).
    static func run(records: [ResolvedRecord], on date: CalendarDate) throws -> [Finding] {
        var findings: [Finding] = []
        let decisions = DecisionIndex(records: records)
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func finding(_ rule: AuditRule, _ severity: Severity, key: String, subject: Subject?, _ message: String,
                     _ involved: [ResolvedRecord]) {
            let sorted = involved.sorted { $0.sequence < $1.sequence }
            findings.append(Finding(id: "\(rule.rawValue)/\(key)", rule: rule, severity: severity, subject: subject, message: message,
                                    events: sorted.map(\.id), sources: sorted.map(\.original.source)))
        }

        // Authority and timing of every mutation.
        for record in records.inEffectOrder where record.event.isMutation && record.effectiveDate <= date {
            let event = record.event
            let subject = event.subjects.first
            guard let decisionID = event.authorisingDecision else {
                finding(.mutationWithoutDecision, .warning, key: record.id, subject: subject,
                        "\(record.original.type.rawValue) \(record.id) (effective \(record.effectiveDate)) names no authorising decision", [record])
                continue
            }
            guard let decision = decisions[decisionID] else {
                finding(.decisionUnknown, .error, key: record.id, subject: subject,
                        "\(record.id) names decision \(decisionID), which the register does not hold", [record])
                continue
            }
            let decisionRecords = decision.events.compactMap { byID[$0] }
            if decision.status != .taken {
                finding(.decisionNotTaken, .error, key: record.id, subject: subject,
                        "\(record.id) is authorised by decision \(decisionID), which is \(decision.status.rawValue), not taken",
                        [record] + decisionRecords)
                continue
            }
            guard let decided = decision.date else {
                finding(.decisionDateUnknown, .info, key: record.id, subject: subject,
                        "decision \(decisionID) authorising \(record.id) has no known date; that it preceded \(record.effectiveDate) cannot be checked",
                        [record] + decisionRecords)
                continue
            }
            if decided > record.effectiveDate {
                finding(.decisionAfterEffect, .error, key: record.id, subject: subject,
                        "\(record.id) takes effect on \(record.effectiveDate), before its decision \(decisionID) of \(decided)",
                        [record] + decisionRecords)
            }
            let yearEnd = record.effectiveDate.endOfYear
            if isReserveMutation(event), decided > yearEnd {
                finding(.decisionAfterYearEnd, .error, key: record.id, subject: subject,
                        "\(record.id) is a reserve mutation in \(record.effectiveDate.year), but decision \(decisionID) is dated \(decided), after \(yearEnd)",
                        [record] + decisionRecords)
            }
        }

        // Reserves: money after the end date, sums, balance on the audit date.
        for reserve in ReserveProjection.reserves(in: records).keys.sorted() {
            findings += try reserveFindings(reserve, records: records, on: date)
        }

        // Stated totals against their parts, on the stated total's own date.
        for record in records.inEffectOrder where record.effectiveDate <= date {
            guard case .statedTotal(let of, let stated) = record.event else { continue }
            let computed: Cents?
            var involved = [record]
            switch of {
            case .budget(let year):
                let state = try BudgetProjection.project(year: year, on: record.effectiveDate, records: records)
                computed = state?.total
                involved += (state?.events ?? []).compactMap { byID[$0] }.filter { if case .budgetSet = $0.event { true } else { false } }
            case .allocations(let reserve):
                if case .state(let s)? = try ReserveProjection.project(reserve, on: record.effectiveDate, records: records) {
                    computed = s.allocated
                } else {
                    computed = nil
                }
            }
            if let computed, computed != stated {
                finding(.statedTotalDiffers, .error, key: record.id, subject: of.subject,
                        "the source states \(of) as \(stated.dutch), but the parts add up to \(computed.dutch) (difference \(try (stated - computed).dutch))",
                        involved)
            }
        }

        // Intentions whose decide-by date passed without a decision.
        for contract in ContractProjection.contracts(in: records).keys.sorted() {
            guard case .state(let s)? = ContractProjection.project(contract, on: date, records: records),
                  let intention = s.intendedExtension, let deadline = intention.decideBy, deadline < date else { continue }
            finding(.intentionPastDeadline, .warning, key: intention.eventID, subject: .contract(contract),
                    "the \(intention.body.rawValue) intended to extend contract \(contract) to \(intention.newEndDate), to be decided by \(deadline); on \(date) no extension is recorded",
                    [byID[intention.eventID]].compactMap { $0 })
        }

        // Recording order and amendments.
        let inSequence = records.sorted { $0.sequence < $1.sequence }
        for (previous, record) in zip(inSequence, inSequence.dropFirst()) where record.original.recordedAt < previous.original.recordedAt {
            finding(.recordedOutOfOrder, .warning, key: record.id, subject: nil,
                    "event \(record.sequence) (\(record.id)) was recorded at \(record.original.recordedAt), before event \(previous.sequence) (\(previous.original.recordedAt))",
                    [previous, record])
        }
        for record in inSequence {
            let target: String
            switch record.original.event {
            case .correction(let c): target = c.target
            case .retraction(let t, _): target = t
            default: continue
            }
            if byID[target] == nil {
                finding(.amendmentTargetMissing, .error, key: record.id, subject: nil,
                        "\(record.original.type.rawValue) \(record.id) names event \(target), which is not in the register", [record])
            }
        }
        return findings.sorted { ($0.severity, $0.id) < ($1.severity, $1.id) }
    }

    private static func isReserveMutation(_ event: DomainEvent) -> Bool {
        switch event {
        case .reserveAddition, .reserveWithdrawal, .reserveEndDateChanged, .commitment: return true
        default: return false
        }
    }

    private static func reserveFindings(_ reserve: ReserveNumber, records: [ResolvedRecord], on date: CalendarDate) throws -> [Finding] {
        var findings: [Finding] = []
        let subject = Subject.reserve(reserve)
        let touching = records.effective(on: date).filter { $0.event.subjects.contains(subject) }
        guard let first = touching.first, case .reserveEstablished(_, let name, let end, _) = first.event else { return [] }
        var state = ReserveState(reserve: reserve, name: name, establishedOn: first.effectiveDate, endDate: end)
        var overAllocated = false
        for record in touching {
            try state.apply(record)
            let movesMoney: Bool
            switch record.event {
            case .reserveWithdrawal, .commitment, .allocation, .reallocation: movesMoney = true
            default: movesMoney = false
            }
            if movesMoney && record.effectiveDate > state.endDate {
                findings.append(Finding(
                    id: "\(AuditRule.moneyAfterEndDate.rawValue)/\(record.id)", rule: .moneyAfterEndDate, severity: .error, subject: subject,
                    message: "\(record.original.type.rawValue) \(record.id) on \(record.effectiveDate) is after reserve \(reserve)'s end date \(state.endDate)",
                    events: [record.id], sources: [record.original.source]))
            }
            if state.allocated > state.authorised && !overAllocated {
                overAllocated = true
                findings.append(Finding(
                    id: "\(AuditRule.allocationsExceedAuthorised.rawValue)/\(record.id)", rule: .allocationsExceedAuthorised, severity: .error,
                    subject: subject,
                    message: "after \(record.id) reserve \(reserve) has \(state.allocated.dutch) allocated but only \(state.authorised.dutch) added",
                    events: [record.id], sources: [record.original.source]))
            } else if state.allocated <= state.authorised {
                overAllocated = false
            }
        }
        let involved = touching.filter {
            switch $0.event {
            case .commitment, .balanceEstimate, .balanceActual: return true
            default: return false
            }
        }
        if state.committed > .zero {
            if state.committed > state.balance.high {
                findings.append(Finding(
                    id: "\(AuditRule.commitmentsExceedBalance.rawValue)/reserve:\(reserve)", rule: .commitmentsExceedBalance, severity: .error,
                    subject: subject,
                    message: "reserve \(reserve) has \(state.committed.dutch) committed, more than its balance (\(balanceText(state.balance))) on \(date)",
                    events: involved.map(\.id), sources: involved.map(\.original.source)))
            } else if state.committed > state.balance.low {
                findings.append(Finding(
                    id: "\(AuditRule.commitmentsWithinEstimate.rawValue)/reserve:\(reserve)", rule: .commitmentsWithinEstimate, severity: .risk,
                    subject: subject,
                    message: "reserve \(reserve) has \(state.committed.dutch) committed against a balance estimated at \(balanceText(state.balance)): covered only if the actual remainder is at least \(state.committed.dutch)",
                    events: involved.map(\.id), sources: involved.map(\.original.source)))
            }
        }
        if date > state.endDate && state.balance.high > .zero {
            findings.append(Finding(
                id: "\(AuditRule.lapsedReserveHoldsMoney.rawValue)/reserve:\(reserve)", rule: .lapsedReserveHoldsMoney, severity: .warning,
                subject: subject,
                message: "reserve \(reserve) lapsed after \(state.endDate) but on \(date) still holds \(balanceText(state.balance))",
                events: [first.id], sources: [first.original.source]))
        }
        return findings
    }

    static func balanceText(_ balance: Balance) -> String { Audit.balanceText(balance) }
}
