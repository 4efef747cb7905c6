import EventStore

extension Audit {
    /// One reserve, in one pass over its records effective on or before the audit date: events
    /// before the establishment, end dates, money after the end date, duplicates, the balance,
    /// allocations, commitments against the balance they follow, and an end date coming up.
    static func reserveFindings(_ reserve: ReserveNumber, _ c: Context, _ f: inout FindingList) throws(TotalOutOfRange) {
        let subject = Subject.reserve(reserve)
        let touching = c.subjects.records(of: subject).prefix { $0.effectiveDate <= c.date }
        // The establishment recorded first counts, whatever the dates (a later one is created-twice's).
        guard let establishment = ReserveProjection.establishment(of: reserve, in: c.subjects.records(of: subject)),
              establishment.effectiveDate <= c.date,
              case .reserveEstablished(_, let name, let end, _) = establishment.event else {
            // Never established at all (from files that did not come through append): nothing about it
            // counts. (A retracted establishment is orphaned-by-retraction's.)
            if !c.everEstablished.contains(reserve) {
                for record in touching where !isStatedTotal(record.event) {
                    f.add(.beforeEstablishment, about: record, subject: subject,
                          "\(record.original.type.rawValue) \(f.key(record)) takes effect on \(record.effectiveDate), but reserve \(reserve) is never established; it does not count")
                }
            }
            return
        }
        let established = establishment.effectiveDate
        var state = ReserveState(reserve: reserve, name: name, establishedOn: established, endDate: end)
        var endDateEvent = establishment
        var overAllocated = false
        var belowZero: Severity? = nil
        var firstOfItsKind: [MoneyKey: ResolvedRecord] = [:]
        for record in touching {
            let type = record.original.type.rawValue
            // Made only for a finding: most records have none.
            var key: String { f.key(record) }
            if case .reserveEstablished = record.event, record.id != establishment.id {
                f.add(.createdTwice, about: record, subject: subject,
                      "\(type) \(key) establishes reserve \(reserve) again, after \(f.key(establishment)) on \(established); only the first establishment counts",
                      [establishment, record])
            }
            if record.effectiveDate < established, !isStatedTotal(record.event), !ReserveProjection.establishes(reserve, record) {
                f.add(.beforeEstablishment, about: record, subject: subject,
                      "\(type) \(key) takes effect on \(record.effectiveDate), before reserve \(reserve) was established on \(established); it counts from the establishment on",
                      [record, establishment])
            }
            // Judged against the state before the event.
            switch record.event {
            case .commitmentSettled(_, let commitment, _, _), .commitmentReleased(_, let commitment, _, _):
                if !state.commitmentBook.isOpen(commitment) {
                    let line = state.commitmentBook.line(commitment)
                    let why = line.map { "\($0.status.name) by \($0.status.endedBy ?? "?")" }
                        ?? "no commitment of reserve \(reserve) with that id takes effect before it"
                    f.add(.commitmentNotOpen, about: record, subject: subject,
                          "\(type) \(key) names commitment \(commitment) of reserve \(reserve), which is not open on \(record.effectiveDate) (\(why))",
                          [record] + c.records([commitment] + [line?.status.endedBy].compactMap { $0 }))
                }
            case .reserveEndDateChanged(_, let newEnd, _):
                if record.effectiveDate > state.endDate && newEnd >= record.effectiveDate {
                    f.add(.lapsedReserveRevived, about: record, subject: subject,
                          "reserve \(reserve) lapsed after \(state.endDate); \(key) on \(record.effectiveDate) moves its end date to \(newEnd) and so brings it back",
                          [record, endDateEvent])
                }
            case .reserveAddition(_, let amount, let decision?, _), .reserveWithdrawal(_, let amount, let decision?, _):
                let money = MoneyKey(addition: isAddition(record.event), decision: decision, amount: amount)
                if let earlier = firstOfItsKind[money] {
                    let verb = money.addition ? "adds \(amount.dutch) to" : "withdraws \(amount.dutch) from"
                    f.add(.possibleDuplicate, about: record, subject: subject,
                          "\(type) \(key) \(verb) reserve \(reserve) under decision \(decision), as \(f.key(earlier)) did on \(earlier.effectiveDate): a possible duplicate (retract one if it is)",
                          [earlier, record])
                } else {
                    firstOfItsKind[money] = record
                }
            default:
                break
            }
            try state.apply(record)
            switch record.event {
            case .reserveEstablished, .reserveEndDateChanged:
                endDateEvent = record
                if Plausibility.endsBeforeEstablishment(state.endDate, established: state.establishedOn) {
                    f.add(.endBeforeEstablishment, about: record, subject: subject,
                          "after \(type) \(key) reserve \(reserve) ends on \(state.endDate), before it was established on \(state.establishedOn)",
                          [record, establishment])
                }
            case .reserveWithdrawal:
                let level: Severity? = state.balance.high < .zero ? .error : state.balance.low < .zero ? .risk : nil
                if let level, belowZero.map({ level < $0 }) ?? true {
                    f.add(.balanceBelowZero, about: record, subject: subject,
                          "after \(type) \(key) on \(record.effectiveDate) reserve \(reserve)'s balance is \(balanceText(state.balance))"
                          + (level == .risk ? ": below zero unless the actual is near the top of the estimate" : ""), severity: level)
                    belowZero = level
                }
            default:
                break
            }
            if state.balance.low >= .zero { belowZero = nil }
            if movesMoney(record.event) && record.effectiveDate > state.endDate {
                f.add(.moneyAfterEndDate, about: record, subject: subject,
                      "\(type) \(key) on \(record.effectiveDate) is after reserve \(reserve)'s end date \(state.endDate)")
            }
            if state.allocated > state.authorised && !overAllocated {
                overAllocated = true
                f.add(.allocationsExceedAuthorised, about: record, subject: subject,
                      "after \(key) reserve \(reserve) has \(state.allocated.dutch) allocated but only \(state.authorised.dutch) added")
            } else if state.allocated <= state.authorised {
                overAllocated = false
            }
        }
        try commitmentFindings(state, c, &f)
        if c.date > state.endDate && state.balance.high > .zero {
            f.add(.lapsedReserveHoldsMoney, key: subject.description, subject: subject,
                  "reserve \(reserve) lapsed after \(state.endDate) but on \(c.date) still holds \(balanceText(state.balance))", [establishment])
        }
        let daysLeft = state.endDate.daysSinceEpoch - c.date.daysSinceEpoch
        if daysLeft >= 0 && daysLeft <= c.horizon {
            f.add(.endsSoon, key: subject.description, subject: subject,
                  "reserve \(reserve) ends on \(state.endDate), \(inDays(daysLeft)) (horizon \(c.horizon) days); it holds \(balanceText(state.balance))"
                  + (state.committed > .zero ? ", with \(state.committed.dutch) in open commitments" : ""), [endDateEvent])
        }
    }

    /// The open commitments on the audit date against the balance they follow (see `CommitmentBook`).
    private static func commitmentFindings(_ state: ReserveState, _ c: Context, _ f: inout FindingList) throws(TotalOutOfRange) {
        let book = state.commitmentBook
        guard let cover = book.cover, book.open > .zero else { return }
        let subject = Subject.reserve(state.reserve)
        let involved = c.records(book.openEvents + [cover.basisEvent].compactMap { $0 } + cover.settlements)
        let available: Balance, needed: Cents
        do {
            available = try cover.available
            needed = try book.open - cover.added + cover.settled
        } catch {
            throw TotalOutOfRange(total: "what the open commitments of reserve \(state.reserve) may draw on", event: book.openEvents.last ?? "-", cause: error)
        }
        var since: [String] = []
        if cover.added != .zero { since.append("plus \(cover.added.dutch) added since") }
        if cover.settled != .zero { since.append("less \(cover.settled.dutch) spent on settled commitments") }
        let adjusted = since.isEmpty ? "" : ", " + since.joined(separator: ", ") + ": \(amountText(available)) left"
        if book.open > available.high {
            f.add(.commitmentsExceedBalance, key: subject.description, subject: subject,
                  "reserve \(state.reserve) has \(book.open.dutch) in open commitments, more than the balance they follow (\(balanceText(cover.basis))\(adjusted)) on \(c.date)",
                  involved)
        } else if book.open > available.low {
            f.add(.commitmentsWithinEstimate, key: subject.description, subject: subject,
                  "reserve \(state.reserve) has \(book.open.dutch) in open commitments against the balance they follow, estimated at \(balanceText(cover.basis))\(adjusted): covered only if the actual remainder is at least \(needed.dutch)",
                  involved)
        }
    }

    /// Two additions (or two withdrawals) of one reserve under one decision with one amount.
    struct MoneyKey: Hashable {
        let addition: Bool
        let decision: DecisionID
        let amount: Cents
    }

    private static func isAddition(_ event: DomainEvent) -> Bool {
        if case .reserveAddition = event { return true }
        return false
    }

    private static func isStatedTotal(_ event: DomainEvent) -> Bool {
        if case .statedTotal = event { return true }
        return false
    }

    private static func movesMoney(_ event: DomainEvent) -> Bool {
        switch event {
        case .reserveWithdrawal, .commitment, .allocation, .reallocation: return true
        default: return false
        }
    }

    /// Reserves established under one decision with one name, under different numbers.
    static func establishments(_ c: Context, _ f: inout FindingList) {
        struct Named: Hashable {
            let decision: DecisionID
            let name: String
        }
        var first: [Named: (reserve: ReserveNumber, record: ResolvedRecord)] = [:]
        for record in c.effective {
            guard case .reserveEstablished(let reserve, let name, _, let decision?) = record.event else { continue }
            let named = Named(decision: decision, name: name)
            guard let earlier = first[named] else {
                first[named] = (reserve, record)
                continue
            }
            guard earlier.reserve != reserve else { continue }
            f.add(.possibleDuplicate, about: record, subject: .reserve(reserve),
                  "reserve \(reserve) is established by \(f.key(record)) under decision \(decision) with the same name as reserve \(earlier.reserve) (\(f.key(earlier.record))): '\(name)', a possible duplicate",
                  [earlier.record, record])
        }
    }

    /// "today", "tomorrow", "in 12 days".
    static func inDays(_ n: Int) -> String {
        n == 0 ? "today" : n == 1 ? "tomorrow" : "in \(n) days"
    }

    /// An amount, or the range of an estimate.
    static func amountText(_ balance: Balance) -> String {
        balance.low == balance.high ? balance.low.dutch : "\(balance.low.dutch) to \(balance.high.dutch)"
    }
}
