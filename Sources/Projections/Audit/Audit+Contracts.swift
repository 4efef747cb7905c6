import EventStore

extension Audit {
    /// One contract, in one pass over its records effective on or before the audit date:
    /// extensions that shorten it or were decided late, an intention past its deadline, and a
    /// decided end coming up.
    static func contractFindings(_ contract: ContractID, _ c: Context, _ f: inout FindingList) {
        let subject = Subject.contract(contract)
        let touching = c.subjects.records(of: subject).prefix { $0.effectiveDate <= c.date }
        // The award recorded first counts, whatever the dates (a later one is created-twice's).
        let award = ContractProjection.award(of: contract, in: c.subjects.records(of: subject))
        // The state as `ContractProjection` folds it, with the events behind the end and the intention.
        var end: (date: CalendarDate, event: ResolvedRecord)? = nil
        var notice: (deadline: CalendarDate, event: ResolvedRecord)? = nil
        var intention: (newEnd: CalendarDate, decideBy: CalendarDate?, body: DecisionBody, event: ResolvedRecord)? = nil
        for record in touching {
            switch record.event {
            case .contractAwarded(let terms):
                if let first = award, record.id != first.id {
                    f.add(.createdTwice, about: record, subject: subject,
                          "\(record.original.type.rawValue) \(f.key(record)) awards contract \(contract) again, after \(f.key(first)) on \(first.effectiveDate); only the first award counts",
                          [first, record])
                    continue
                }
                end = (terms.end, record)
                notice = terms.noticeDeadline.map { ($0, record) }
                intention = nil
            case .contractExtensionIntended where end == nil, .contractExtended where end == nil:
                // Before the award, or with none at all (files that did not come through append): it counts nowhere.
                f.add(.beforeEstablishment, about: record, subject: subject, "\(record.original.type.rawValue) \(f.key(record)) takes effect on \(record.effectiveDate), "
                      + (award.map { "before contract \(contract) was awarded on \($0.effectiveDate)" } ?? "but contract \(contract) is never awarded")
                      + "; it does not count", award.map { [$0, record] } ?? [record])
            case let .contractExtensionIntended(_, newEnd, decideBy, body):
                intention = (newEnd, decideBy, body, record) // after the award: the case above takes the others
            case let .contractExtended(_, newEnd, decision):
                guard let current = end else { continue }
                // Made only for a finding: most records have none.
                var key: String { f.key(record) }
                if newEnd < current.date {
                    f.add(.extensionShortens, about: record, subject: subject,
                          "\(record.original.type.rawValue) \(key) sets contract \(contract)'s end to \(newEnd), before its current end \(current.date) (if the end was wrong, correct the event that set it)",
                          [current.event, record])
                }
                let decidedOn: CalendarDate, by: String
                if let decision, let taken = c.takenOn(decision) {
                    (decidedOn, by) = (taken, "by decision \(decision) of \(taken)")
                } else {
                    (decidedOn, by) = (record.effectiveDate, "on \(record.effectiveDate) (its effective date: no decision date is known)")
                }
                var late: [String] = []
                var involved = [record]
                if let pending = intention, let deadline = pending.decideBy, deadline < decidedOn {
                    late.append("after the decide-by date \(deadline) of \(f.key(pending.event))")
                    involved.append(pending.event)
                }
                if let notice, notice.deadline < decidedOn {
                    late.append("after the notice deadline \(notice.deadline)")
                    involved.append(notice.event)
                }
                if !late.isEmpty {
                    f.add(.decidedLate, about: record, subject: subject,
                          "contract \(contract) was extended to \(newEnd) \(by), " + late.joined(separator: " and "),
                          involved + c.records(decision.flatMap { c.decisions[$0]?.events } ?? []))
                }
                end = (newEnd, record)
                if let pending = intention, pending.newEnd <= newEnd { intention = nil }
            default:
                break
            }
        }
        guard let end else { return }
        if let pending = intention, let deadline = pending.decideBy, deadline < c.date {
            f.add(.intentionPastDeadline, about: pending.event, subject: subject,
                  "the \(pending.body.rawValue) intended to extend contract \(contract) to \(pending.newEnd), to be decided by \(deadline); on \(c.date) no extension is recorded")
        }
        let daysLeft = end.date.daysSinceEpoch - c.date.daysSinceEpoch
        if daysLeft >= 0 && daysLeft <= c.horizon {
            let intended = intention.map { "; the \($0.body.rawValue) intends to extend it to \($0.newEnd), which is not decided" } ?? ""
            f.add(.endsSoon, key: subject.description, subject: subject,
                  "contract \(contract) ends on \(end.date), \(inDays(daysLeft)) (horizon \(c.horizon) days)\(intended)",
                  [end.event] + [intention?.event].compactMap { $0 })
        }
    }

    /// Stated totals against their parts, on the stated total's own date: the parts are folded
    /// once, in effect order, and each total is compared once its date's events are all in.
    static func statedTotals(_ c: Context, _ f: inout FindingList) throws(TotalOutOfRange) {
        var parts = StatedTotalParts(establishments: c.subjects.reserves, statedIn: c.ordered)
        var pending: [ResolvedRecord] = []
        func comparePending() throws(TotalOutOfRange) {
            for record in pending {
                guard case .statedTotal(let of, let stated) = record.event, let computed = parts.computed(of, on: record.effectiveDate) else { continue }
                guard computed != stated else { continue }
                let difference: Cents
                do { difference = try stated - computed } catch {
                    throw TotalOutOfRange(total: "the difference between \(of) as stated and its parts", event: record.id, cause: error)
                }
                var involved = [record]
                if case .budget(let year) = of {
                    involved += c.records(parts.budgetEvents(year: year)).filter { if case .budgetSet = $0.event { true } else { false } }
                }
                f.add(.statedTotalDiffers, about: record, subject: of.subject,
                      "the source states \(of) as \(stated.dutch), but the parts add up to \(computed.dutch) (difference \(difference.dutch))",
                      involved)
            }
            pending = []
        }
        for record in c.effective {
            if let last = pending.last, last.effectiveDate != record.effectiveDate { try comparePending() }
            try parts.apply(record)
            if case .statedTotal = record.event { pending.append(record) }
        }
        try comparePending()
    }
}
