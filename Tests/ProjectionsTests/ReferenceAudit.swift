import EventStore
@testable import Projections

/// A slow, plain reference for `Audit`: every rule written the obvious way, re-projecting from
/// all records per stated total, reserve, contract and event (quadratic on purpose), and
/// without `CommitmentBook`: which commitments are open, and what covers them, is folded here
/// from the events by hand. The fast `Audit` must give exactly these findings.
enum ReferenceAudit {
    /// - Parameters:
    ///   - records: the history as known at the audit's `--known-on` moment.
    ///   - date: the day the audit is about (deadlines and lapses are judged on it).
    static func run(records: [ResolvedRecord], on date: CalendarDate, horizon: Int = Audit.defaultHorizon) throws -> [Finding] {
        var findings: [Finding] = []
        let decisions = DecisionIndex(records: records)
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let effective = records.effective(on: date)
        func key(_ record: ResolvedRecord) -> String { Self.key(record, in: records) }
        func finding(_ rule: AuditRule, _ severity: Severity, key: String, subject: Subject?, _ message: String,
                     _ involved: [ResolvedRecord]) {
            var unique: [ResolvedRecord] = []
            for record in involved where !unique.contains(where: { $0.id == record.id }) { unique.append(record) }
            let sorted = unique.sorted { $0.sequence < $1.sequence }
            findings.append(Finding(id: "\(rule.rawValue)/\(key)", rule: rule, severity: severity, subject: subject, message: message,
                                    events: sorted.map(\.id), sources: sorted.map(\.original.source)))
        }

        // Authority and timing of every mutation.
        for record in effective where record.event.isMutation {
            let event = record.event
            let subject = event.subjects.first
            let k = key(record)
            guard let decisionID = event.authorisingDecision else {
                finding(.mutationWithoutDecision, .warning, key: k, subject: subject,
                        "\(record.original.type.rawValue) \(k) (effective \(record.effectiveDate)) names no authorising decision", [record])
                continue
            }
            guard let decision = decisions[decisionID] else {
                finding(.decisionUnknown, .error, key: k, subject: subject,
                        "\(k) names decision \(decisionID), which the register does not hold", [record])
                continue
            }
            let decisionRecords = decision.events.compactMap { byID[$0] }
            if decision.status != .taken {
                finding(.decisionNotTaken, .error, key: k, subject: subject,
                        "\(k) is authorised by decision \(decisionID), which is \(decision.status.rawValue), not taken",
                        [record] + decisionRecords)
                continue
            }
            guard let decided = decision.date else {
                finding(.decisionDateUnknown, .info, key: k, subject: subject,
                        "decision \(decisionID) authorising \(k) has no known date; that it preceded \(record.effectiveDate) cannot be checked",
                        [record] + decisionRecords)
                continue
            }
            if decided > record.effectiveDate {
                finding(.decisionAfterEffect, .error, key: k, subject: subject,
                        "\(k) takes effect on \(record.effectiveDate), before its decision \(decisionID) of \(decided)",
                        [record] + decisionRecords)
            }
            let yearEnd = record.effectiveDate.endOfYear
            if try isReserveMutation(event), decided > yearEnd {
                finding(.decisionAfterYearEnd, .error, key: k, subject: subject,
                        "\(k) is a reserve mutation in \(record.effectiveDate.year), but decision \(decisionID) is dated \(decided), after \(yearEnd)",
                        [record] + decisionRecords)
            }
        }

        // Decisions dated after they were recorded, and decisions recorded twice, differently.
        for record in effective {
            guard case .decision(let d) = record.event, d.status != .proposed, let day = d.date else { continue }
            if day > record.original.recordedAt.utcDate.adding(days: 1) {
                finding(.decisionDatedInFuture, .error, key: key(record), subject: .decision(d.id),
                        "decision \(d.id) is \(d.status.rawValue) on \(day) by its record, which was made on \(record.original.recordedAt.utcDate): a decision cannot be dated after it was recorded (a typo in the date?)",
                        [record])
            }
        }
        var decisionIDs: [DecisionID] = []
        for record in effective {
            if case .decision(let d) = record.event, d.status != .proposed, !decisionIDs.contains(d.id) { decisionIDs.append(d.id) }
        }
        for id in decisionIDs {
            let outcomes = effective.filter { if case .decision(let d) = $0.event { d.id == id && d.status != .proposed } else { false } }
            func record(_ r: ResolvedRecord) -> DecisionRecord { if case .decision(let d) = r.event { d } else { fatalError() } }
            let first = record(outcomes[0])
            let differs = outcomes.contains { r in
                let d = record(r)
                return d.status != first.status || d.date != first.date
                    || (d.body != first.body && d.body != .unknown && first.body != .unknown)
            }
            guard differs else { continue }
            let described = outcomes.map { r in
                let d = record(r)
                return "\(d.status.rawValue) by \(d.body.rawValue) " + (d.date.map { "on \($0)" } ?? "on an unknown date") + " (\(key(r)))"
            }
            finding(.decisionConflict, .warning, key: "decision:\(id)", subject: .decision(id),
                    "decision \(id) is recorded as " + described.joined(separator: " and as ") + "; the last in effect order, \(key(outcomes.last!)), counts",
                    outcomes)
        }

        // Reserves.
        let touched = Set(records.filter(\.counts).flatMap { $0.event.subjects }.compactMap { subject -> ReserveNumber? in
            if case .reserve(let r) = subject { return r } else { return nil }
        })
        for reserve in touched.sorted() {
            findings += try reserveFindings(reserve, records: records, on: date, horizon: horizon)
        }

        // Reserves established twice under one decision and name.
        for record in effective {
            guard case .reserveEstablished(let reserve, let name, _, let decision?) = record.event else { continue }
            let first = effective.first {
                if case .reserveEstablished(_, let n, _, let d?) = $0.event { return n == name && d == decision }
                return false
            }!
            guard case .reserveEstablished(let firstReserve, _, _, _) = first.event, first.id != record.id, firstReserve != reserve else { continue }
            finding(.possibleDuplicate, .warning, key: key(record), subject: .reserve(reserve),
                    "reserve \(reserve) is established by \(key(record)) under decision \(decision) with the same name as reserve \(firstReserve) (\(key(first))): '\(name)', a possible duplicate",
                    [first, record])
        }

        // Stated totals against their parts, on the stated total's own date.
        for record in effective {
            guard case .statedTotal(let of, let stated) = record.event else { continue }
            let computed: Cents?
            var involved = [record]
            switch of {
            case .budget(let year):
                let state = try BudgetProjection.project(year: year, on: record.effectiveDate, records: records)
                computed = state?.total
                // The budget-set events whose amounts make up the total: per programme, the last to set it.
                let sets = (state?.events ?? []).compactMap { byID[$0] }.filter { if case .budgetSet = $0.event { true } else { false } }
                var setter: [ProgrammeID: String] = [:]
                for set in sets { if case .budgetSet(_, let lines, _) = set.event { for line in lines { setter[line.programme] = set.id } } }
                involved += sets.filter { Set(setter.values).contains($0.id) }
            case .allocations(let reserve):
                if case .state(let s)? = try ReserveProjection.project(reserve, on: record.effectiveDate, records: records) {
                    computed = s.allocated
                } else {
                    computed = nil
                }
            }
            if let computed, computed != stated {
                finding(.statedTotalDiffers, .error, key: key(record), subject: of.subject,
                        "the source states \(of) as \(stated.dutch), but the parts add up to \(computed.dutch) (difference \((try stated - computed).dutch))",
                        involved)
            }
        }

        // Contracts.
        let touchedContracts = Set(records.filter(\.counts).flatMap { $0.event.subjects }.compactMap { subject -> ContractID? in
            if case .contract(let c) = subject { return c } else { return nil }
        })
        for contract in touchedContracts.sorted() {
            let subject = Subject.contract(contract)
            let touching = effective.filter { $0.event.subjects.contains(subject) }
            let first = records.filter { record in
                guard record.counts, case .contractAwarded(let a) = record.event else { return false }
                return a.contract == contract
            }.min { $0.sequence < $1.sequence }
            // Extensions and intentions before the award, or of a contract never awarded: they count nowhere.
            for record in touching {
                switch record.event {
                case .contractExtended, .contractExtensionIntended: break
                default: continue
                }
                guard first.map({ $0.effectiveDate > record.effectiveDate || ($0.effectiveDate == record.effectiveDate && $0.sequence > record.sequence) }) ?? true else { continue }
                finding(.beforeEstablishment, .error, key: key(record), subject: subject, "\(record.original.type.rawValue) \(key(record)) takes effect on \(record.effectiveDate), "
                        + (first.map { "before contract \(contract) was awarded on \($0.effectiveDate)" } ?? "but contract \(contract) is never awarded")
                        + "; it does not count", first.map { [$0, record] } ?? [record])
            }
            for again in touching where again.id != first?.id {
                guard let first, case .contractAwarded = again.event else { continue }
                finding(.createdTwice, .error, key: key(again), subject: subject,
                        "\(again.original.type.rawValue) \(key(again)) awards contract \(contract) again, after \(key(first)) on \(first.effectiveDate); only the first award counts",
                        [first, again])
            }
            for (i, record) in touching.enumerated() {
                guard case .contractExtended(_, let newEnd, let decision) = record.event,
                      case .state(let before)? = ContractProjection.project(contract, on: record.effectiveDate, inEffectOrder: Array(touching[..<i]))
                else { continue }
                let endEvent = touching[..<i].last { if case .contractAwarded = $0.event { true } else if case .contractExtended = $0.event { true } else { false } }!
                let award = touching[..<i].last { if case .contractAwarded = $0.event { true } else { false } }!
                if newEnd < before.endDate {
                    finding(.extensionShortens, .warning, key: key(record), subject: subject,
                            "\(record.original.type.rawValue) \(key(record)) sets contract \(contract)'s end to \(newEnd), before its current end \(before.endDate) (if the end was wrong, correct the event that set it)",
                            [endEvent, record])
                }
                var decidedOn = record.effectiveDate
                var by = "on \(record.effectiveDate) (its effective date: no decision date is known)"
                if let decision, let entry = decisions[decision], entry.status == .taken, let taken = entry.date {
                    decidedOn = taken
                    by = "by decision \(decision) of \(taken)"
                }
                var late: [String] = []
                var involved = [record]
                if let intention = before.intendedExtension, let deadline = intention.decideBy, deadline < decidedOn {
                    late.append("after the decide-by date \(deadline) of \(key(byID[intention.eventID]!))")
                    involved.append(byID[intention.eventID]!)
                }
                if let notice = before.noticeDeadline, notice < decidedOn {
                    late.append("after the notice deadline \(notice)")
                    involved.append(award)
                }
                if !late.isEmpty {
                    finding(.decidedLate, .warning, key: key(record), subject: subject,
                            "contract \(contract) was extended to \(newEnd) \(by), " + late.joined(separator: " and "),
                            involved + (decision.flatMap { decisions[$0]?.events } ?? []).compactMap { byID[$0] })
                }
            }
            guard case .state(let s)? = ContractProjection.project(contract, on: date, records: records) else { continue }
            if let intention = s.intendedExtension, let deadline = intention.decideBy, deadline < date {
                finding(.intentionPastDeadline, .warning, key: key(byID[intention.eventID]!), subject: subject,
                        "the \(intention.body.rawValue) intended to extend contract \(contract) to \(intention.newEndDate), to be decided by \(deadline); on \(date) no extension is recorded",
                        [byID[intention.eventID]].compactMap { $0 })
            }
            let daysLeft = s.endDate.daysSinceEpoch - date.daysSinceEpoch
            if daysLeft >= 0 && daysLeft <= horizon {
                let endEvent = touching.last { if case .contractAwarded = $0.event { true } else if case .contractExtended = $0.event { true } else { false } }!
                let intended = s.intendedExtension.map { "; the \($0.body.rawValue) intends to extend it to \($0.newEndDate), which is not decided" } ?? ""
                finding(.endsSoon, .risk, key: subject.description, subject: subject,
                        "contract \(contract) ends on \(s.endDate), \(inDays(daysLeft)) (horizon \(horizon) days)\(intended)",
                        [endEvent] + [s.intendedExtension.flatMap { byID[$0.eventID] }].compactMap { $0 })
            }
        }

        // Recording order and amendments.
        let inSequence = records.sorted { $0.sequence < $1.sequence }
        for (previous, record) in zip(inSequence, inSequence.dropFirst()) where record.original.recordedAt < previous.original.recordedAt {
            finding(.recordedOutOfOrder, .warning, key: key(record), subject: nil,
                    "event \(record.sequence) (\(key(record))) was recorded at \(record.original.recordedAt), before event \(previous.sequence) (\(previous.original.recordedAt))",
                    [previous, record])
        }
        // Second spellings of one identity, record by record (a reallocation may respell a project).
        for (i, record) in inSequence.enumerated() where record.counts {
            if case .reallocation = record.event { continue }
            var respelled: [String] = []
            for introduced in DomainPolicy.names(introducedBy: record.event) {
                // The spelling that counts before this record: the first, or a later reallocation's.
                var current: (name: String, record: ResolvedRecord)? = nil
                for earlier in inSequence[..<i] where earlier.counts {
                    for name in DomainPolicy.names(introducedBy: earlier.event) where DomainPolicy.nameKey(name) == DomainPolicy.nameKey(introduced) {
                        if current == nil { current = (name.name, earlier) }
                        else if case .reallocation = earlier.event, current!.name != name.name { current = (name.name, earlier) }
                    }
                }
                if let current, current.name != introduced.name {
                    respelled.append("\(introduced.kind.description) '\(introduced.name)' as '\(current.name)' is spelt (\(key(current.record)))")
                }
            }
            if !respelled.isEmpty {
                finding(.nameSpelledTwice, .error, key: key(record), subject: nil,
                        "\(record.original.type.rawValue) \(key(record)) spells " + respelled.joined(separator: ", ") + " another way; the answers count them apart", [record])
            }
        }
        // A document's hash recorded again: the earliest counting source-document of it counts.
        for (i, record) in inSequence.enumerated() where record.counts {
            guard case .sourceDocument(let d) = record.event else { continue }
            let earlier = inSequence[..<i].first { earlier in
                if case .sourceDocument(let e) = earlier.event { return earlier.counts && e.document == d.document } else { return false }
            }
            guard let earlier, case .sourceDocument(let e) = earlier.event else { continue }
            finding(.createdTwice, .error, key: key(record), subject: nil,
                    "source-document \(key(record)) records document \(d.document) again, after \(key(earlier))"
                        + (e.sha256 == d.sha256 ? "" : ", with another SHA-256 (\(d.sha256) against \(e.sha256))") + "; only the first counts",
                    [earlier, record])
        }
        for record in inSequence {
            if let why = record.voidBecause, record.counts {
                finding(.correctionWithoutEffect, .error, key: key(record), subject: nil, "correction \(key(record)) has no effect: \(why)", [record])
            }
            let target: String
            switch record.original.event {
            case .correction(let c): target = c.target
            case .retraction(let t, _): target = t
            default: continue
            }
            guard let amended = byID[target] else {
                finding(.amendmentTargetMissing, .error, key: key(record), subject: nil,
                        "\(record.original.type.rawValue) \(key(record)) names event \(target), which is not among the events this register reads (it is missing, or an event this register cannot read)", [record])
                continue
            }
            let earlierRetraction = inSequence.first { other in
                if case .retraction(let t, _) = other.original.event { return t == target } else { return false }
            }
            if amended.sequence >= record.sequence {
                finding(.amendmentOutOfOrder, .error, key: key(record), subject: nil, amended.sequence == record.sequence
                        ? "\(record.original.type.rawValue) \(key(record)) names itself; it has no effect"
                        : "\(record.original.type.rawValue) \(key(record)) (event \(record.sequence)) names event \(amended.sequence) (\(target)), recorded after it; it has no effect (a correction cycle is one case of this)",
                        [record, amended])
            } else if case .retraction = amended.original.event {
                finding(.amendmentOfRetraction, .error, key: key(record), subject: nil,
                        "\(record.original.type.rawValue) \(key(record)) names retraction \(target); a retraction cannot be corrected or retracted, so it has no effect",
                        [record, amended])
            } else if case .retraction = record.original.event, let first = earlierRetraction, first.id != record.id {
                finding(.retractedTwice, .warning, key: key(record), subject: nil,
                        "retraction \(key(record)) retracts event \(target) again; \(key(first)) (event \(first.sequence)) already retracted it",
                        [first, record])
            }
        }
        for record in inSequence where record.counts {
            for subject in record.event.subjects {
                let creations = inSequence.filter { other in
                    switch other.original.event {
                    case .reserveEstablished(let r, _, _, _): return Subject.reserve(r) == subject
                    case .contractAwarded(let a): return Subject.contract(a.contract) == subject
                    default: return false
                    }
                }
                guard !creations.isEmpty, !creations.contains(where: \.counts), let retracted = creations.last,
                      retracted.id != record.id else { continue }
                finding(.orphanedByRetraction, .error, key: key(record), subject: subject,
                        "event \(record.sequence) (\(key(record))) counts for \(subject), whose creation \(key(retracted)) is retracted",
                        [retracted, record])
            }
        }

        // Events recorded by the audit date that take effect after it.
        for record in records.inEffectOrder where record.effectiveDate > date && record.original.recordedAt.utcDate <= date {
            if case .correction = record.event { continue }
            if case .retraction = record.event { continue }
            finding(.scheduled, .info, key: key(record), subject: record.event.subjects.first,
                    "\(record.original.type.rawValue) \(key(record)) takes effect on \(record.effectiveDate), after \(date): \(EventSummary.describe(record.event))",
                    [record])
        }
        return findings.sorted { ($0.severity, $0.id) < ($1.severity, $1.id) }
    }

    /// A finding's name for an event: its id, or for a generated (UUID) id its subject, date
    /// and type as recorded, numbered among the generated ids with the same name.
    static func key(_ record: ResolvedRecord, in records: [ResolvedRecord]) -> String {
        func generated(_ id: String) -> Bool {
            id.split(separator: "-", omittingEmptySubsequences: false).map(\.count) == [8, 4, 4, 4, 12]
                && id.allSatisfy { $0 == "-" || $0.isHexDigit }
        }
        func base(_ r: ResolvedRecord) -> String {
            let subject: String
            switch r.original.event {
            case .correction(let c): subject = "amends:\(c.target)"
            case .retraction(let t, _): subject = "amends:\(t)"
            default: subject = r.original.event.subjects.first?.description ?? "register"
            }
            return "\(subject)/\(r.original.effectiveDate)/\(r.original.type.rawValue)"
        }
        guard generated(record.id) else { return record.id }
        let n = records.filter { generated($0.id) && base($0) == base(record) && $0.sequence <= record.sequence }.count
        return n == 1 ? base(record) : "\(base(record))-\(n)"
    }

    private static func isReserveMutation(_ event: DomainEvent) throws -> Bool {
        switch event {
        case .reserveAddition, .reserveWithdrawal, .reserveEndDateChanged, .commitment: return true
        default: return false
        }
    }

    private static func inDays(_ n: Int) -> String { n == 0 ? "today" : n == 1 ? "tomorrow" : "in \(n) days" }

    /// The commitments of a reserve after `prefix` (its records in effect order), folded by hand:
    /// which are open, what ended the others, and the cover of the open ones.
    struct Commitments {
        var lines: [(id: String, amount: Cents, endedBy: String?, status: String)] = []
        var cover: (basis: Balance, basisEvent: String?, startedOn: CalendarDate, added: Cents, settled: Cents, settlements: [String])? = nil

        init(_ prefix: [ResolvedRecord], reserve: ReserveNumber) throws {
            var balance: Balance = .booked(.zero)
            var statement: String? = nil
            for record in prefix {
                switch record.event {
                case .reserveAddition(_, let amount, _, _):
                    balance = try balance.adjusted(by: amount)
                    try cover?.added += amount
                case .reserveWithdrawal(_, let amount, _, _):
                    balance = try balance.adjusted(by: try .zero - amount)
                case .commitment(let c):
                    if !lines.contains(where: { $0.endedBy == nil }) {
                        cover = (balance, statement, record.effectiveDate, .zero, .zero, [])
                    }
                    lines.append((record.id, c.amount, nil, "open"))
                case .commitmentSettled(_, let id, let spent, _):
                    if let i = lines.firstIndex(where: { $0.id == id && $0.endedBy == nil }) {
                        lines[i].endedBy = record.id
                        lines[i].status = "settled"
                        try cover!.settled += spent
                        cover!.settlements.append(record.id)
                    }
                case .commitmentReleased(_, let id, _, _):
                    if let i = lines.firstIndex(where: { $0.id == id && $0.endedBy == nil }) {
                        lines[i].endedBy = record.id
                        lines[i].status = "released"
                    }
                case .balanceEstimate(_, let asOf, let low, let high):
                    balance = .estimate(low: low, high: high, asOf: asOf)
                    statement = record.id
                    try restated(balance, asOf: asOf, actual: false, by: record.id)
                case .balanceActual(_, let asOf, let amount, _):
                    balance = .actual(amount, asOf: asOf)
                    statement = record.id
                    try restated(balance, asOf: asOf, actual: true, by: record.id)
                default:
                    break
                }
                if !lines.contains(where: { $0.endedBy == nil }) { cover = nil }
            }
        }

        private mutating func restated(_ balance: Balance, asOf: CalendarDate, actual: Bool, by event: String) throws {
            guard let c = cover else { return }
            let basisAsOf: CalendarDate?
            switch c.basis {
            case .booked: basisAsOf = nil
            case .estimate(_, _, let d), .actual(_, let d): basisAsOf = d
            }
            let replaces = basisAsOf.map { asOf == $0 } ?? (asOf < c.startedOn)
            let supersedes = actual && !replaces && (basisAsOf.map { asOf > $0 } ?? true)
            if replaces {
                cover = (balance, event, c.startedOn, .zero, c.settled, c.settlements)
            } else if supersedes {
                for i in lines.indices where lines[i].endedBy == nil {
                    lines[i].endedBy = event
                    lines[i].status = "superseded"
                }
            }
        }

        var open: Cents { get throws { try lines.filter { $0.endedBy == nil }.map(\.amount).sum() } }
        func line(_ id: String) -> (id: String, amount: Cents, endedBy: String?, status: String)? { lines.first { $0.id == id } }
    }

    private static func reserveFindings(_ reserve: ReserveNumber, records: [ResolvedRecord], on date: CalendarDate, horizon: Int) throws -> [Finding] {
        var findings: [Finding] = []
        let subject = Subject.reserve(reserve)
        let touching = records.effective(on: date).filter { $0.event.subjects.contains(subject) }
        func key(_ record: ResolvedRecord) -> String { Self.key(record, in: records) }
        let everyEstablishment = records.filter { record in
            guard record.counts, case .reserveEstablished(let r, _, _, _) = record.event else { return false }
            return r == reserve
        }
        guard let establishment = everyEstablishment.min(by: { $0.sequence < $1.sequence }), establishment.effectiveDate <= date,
              case .reserveEstablished(_, let name, let end, _) = establishment.event else {
            let everEstablished = records.contains { record in
                guard case .reserveEstablished(let r, _, _, _) = record.event else { return false }
                return r == reserve
            }
            guard !everEstablished else { return [] }
            return touching.filter { if case .statedTotal = $0.event { false } else { true } }.map { record in
                Finding(id: "\(AuditRule.beforeEstablishment.rawValue)/\(key(record))", rule: .beforeEstablishment, severity: .error, subject: subject,
                        message: "\(record.original.type.rawValue) \(key(record)) takes effect on \(record.effectiveDate), but reserve \(reserve) is never established; it does not count",
                        events: [record.id], sources: [record.original.source])
            }
        }
        func add(_ rule: AuditRule, _ severity: Severity, key: String, _ message: String, _ involved: [ResolvedRecord]) {
            var unique: [ResolvedRecord] = []
            for record in involved where !unique.contains(where: { $0.id == record.id }) { unique.append(record) }
            let sorted = unique.sorted { $0.sequence < $1.sequence }
            findings.append(Finding(id: "\(rule.rawValue)/\(key)", rule: rule, severity: severity, subject: subject, message: message,
                                    events: sorted.map(\.id), sources: sorted.map(\.original.source)))
        }
        /// The reserve after the first `n` of its records, folded from the start.
        func state(after n: Int) throws -> ReserveState {
            var s = ReserveState(reserve: reserve, name: name, establishedOn: establishment.effectiveDate, endDate: end)
            for record in touching[..<n] { try s.apply(record) }
            return s
        }
        var overAllocated = false
        var belowZero: Severity? = nil
        for (i, record) in touching.enumerated() {
            let type = record.original.type.rawValue
            let k = key(record)
            let before = try state(after: i)
            let after = try state(after: i + 1)
            if case .reserveEstablished = record.event, record.id != establishment.id {
                add(.createdTwice, .error, key: k,
                    "\(type) \(k) establishes reserve \(reserve) again, after \(key(establishment)) on \(establishment.effectiveDate); only the first establishment counts",
                    [establishment, record])
            }
            if record.effectiveDate < establishment.effectiveDate {
                if case .statedTotal = record.event {} else if case .reserveEstablished = record.event {} else {
                    add(.beforeEstablishment, .error, key: k,
                        "\(type) \(k) takes effect on \(record.effectiveDate), before reserve \(reserve) was established on \(establishment.effectiveDate); it counts from the establishment on",
                        [record, establishment])
                }
            }
            switch record.event {
            case .commitmentSettled(_, let id, _, _), .commitmentReleased(_, let id, _, _):
                let commitments = try Commitments(Array(touching[..<i]), reserve: reserve)
                let line = commitments.line(id)
                if line == nil || line!.endedBy != nil {
                    let why = line.map { "\($0.status) by \($0.endedBy!)" } ?? "no commitment of reserve \(reserve) with that id takes effect before it"
                    add(.commitmentNotOpen, .warning, key: k,
                        "\(type) \(k) names commitment \(id) of reserve \(reserve), which is not open on \(record.effectiveDate) (\(why))",
                        [record] + [id, line?.endedBy].compactMap { $0.flatMap { x in records.first { $0.id == x } } })
                }
            case .reserveEndDateChanged(_, let newEnd, _):
                if record.effectiveDate > before.endDate && newEnd >= record.effectiveDate {
                    let endEvent = touching[..<i].last { if case .reserveEstablished = $0.event { true } else if case .reserveEndDateChanged = $0.event { true } else { false } } ?? establishment
                    add(.lapsedReserveRevived, .warning, key: k,
                        "reserve \(reserve) lapsed after \(before.endDate); \(k) on \(record.effectiveDate) moves its end date to \(newEnd) and so brings it back",
                        [record, endEvent])
                }
            case .reserveAddition(_, let amount, let decision?, _), .reserveWithdrawal(_, let amount, let decision?, _):
                let isAddition: Bool = if case .reserveAddition = record.event { true } else { false }
                let earlier = touching[..<i].first { other in
                    switch other.event {
                    case .reserveAddition(_, let a, let d?, _): return isAddition && a == amount && d == decision
                    case .reserveWithdrawal(_, let a, let d?, _): return !isAddition && a == amount && d == decision
                    default: return false
                    }
                }
                if let earlier {
                    let verb = isAddition ? "adds \(amount.dutch) to" : "withdraws \(amount.dutch) from"
                    add(.possibleDuplicate, .warning, key: k,
                        "\(type) \(k) \(verb) reserve \(reserve) under decision \(decision), as \(key(earlier)) did on \(earlier.effectiveDate): a possible duplicate (retract one if it is)",
                        [earlier, record])
                }
            default:
                break
            }
            switch record.event {
            case .reserveEstablished, .reserveEndDateChanged:
                if after.endDate < after.establishedOn {
                    add(.endBeforeEstablishment, .error, key: k,
                        "after \(type) \(k) reserve \(reserve) ends on \(after.endDate), before it was established on \(after.establishedOn)",
                        [record, establishment])
                }
            case .reserveWithdrawal:
                let level: Severity? = after.balance.high < .zero ? .error : after.balance.low < .zero ? .risk : nil
                if let level, belowZero == nil || level < belowZero! {
                    add(.balanceBelowZero, level, key: k,
                        "after \(type) \(k) on \(record.effectiveDate) reserve \(reserve)'s balance is \(Audit.balanceText(after.balance))"
                        + (level == .risk ? ": below zero unless the actual is near the top of the estimate" : ""), [record])
                    belowZero = level
                }
            default:
                break
            }
            if after.balance.low >= .zero { belowZero = nil }
            let movesMoney: Bool
            switch record.event {
            case .reserveWithdrawal, .commitment, .allocation, .reallocation: movesMoney = true
            default: movesMoney = false
            }
            if movesMoney && record.effectiveDate > after.endDate {
                add(.moneyAfterEndDate, .error, key: k,
                    "\(type) \(k) on \(record.effectiveDate) is after reserve \(reserve)'s end date \(after.endDate)", [record])
            }
            if after.allocated > after.authorised && !overAllocated {
                overAllocated = true
                add(.allocationsExceedAuthorised, .error, key: k,
                    "after \(k) reserve \(reserve) has \(after.allocated.dutch) allocated but only \(after.authorised.dutch) added", [record])
            } else if after.allocated <= after.authorised {
                overAllocated = false
            }
        }
        let state = try state(after: touching.count)
        let commitments = try Commitments(touching, reserve: reserve)
        let open = try commitments.open
        if let cover = commitments.cover, open > .zero {
            let available = try cover.basis.adjusted(by: try cover.added - cover.settled)
            let involved = (commitments.lines.filter { $0.endedBy == nil }.map(\.id) + [cover.basisEvent].compactMap { $0 } + cover.settlements)
                .compactMap { id in records.first { $0.id == id } }
            var since: [String] = []
            if cover.added != .zero { since.append("plus \(cover.added.dutch) added since") }
            if cover.settled != .zero { since.append("less \(cover.settled.dutch) spent on settled commitments") }
            let left = available.low == available.high ? available.low.dutch : "\(available.low.dutch) to \(available.high.dutch)"
            let adjusted = since.isEmpty ? "" : ", " + since.joined(separator: ", ") + ": \(left) left"
            if open > available.high {
                add(.commitmentsExceedBalance, .error, key: subject.description,
                    "reserve \(reserve) has \(open.dutch) in open commitments, more than the balance they follow (\(Audit.balanceText(cover.basis))\(adjusted)) on \(date)",
                    involved)
            } else if open > available.low {
                add(.commitmentsWithinEstimate, .risk, key: subject.description,
                    "reserve \(reserve) has \(open.dutch) in open commitments against the balance they follow, estimated at \(Audit.balanceText(cover.basis))\(adjusted): covered only if the actual remainder is at least \((try open - cover.added + cover.settled).dutch)",
                    involved)
            }
        }
        if date > state.endDate && state.balance.high > .zero {
            add(.lapsedReserveHoldsMoney, .warning, key: subject.description,
                "reserve \(reserve) lapsed after \(state.endDate) but on \(date) still holds \(Audit.balanceText(state.balance))", [establishment])
        }
        let daysLeft = state.endDate.daysSinceEpoch - date.daysSinceEpoch
        if daysLeft >= 0 && daysLeft <= horizon {
            let endEvent = touching.last { if case .reserveEstablished = $0.event { true } else if case .reserveEndDateChanged = $0.event { true } else { false } }!
            add(.endsSoon, .risk, key: subject.description,
                "reserve \(reserve) ends on \(state.endDate), \(inDays(daysLeft)) (horizon \(horizon) days); it holds \(Audit.balanceText(state.balance))"
                + (open > .zero ? ", with \(open.dutch) in open commitments" : ""), [endEvent])
        }
        return findings
    }
}
