import EventStore

extension Audit {
    /// Authority and timing of every mutation effective on or before the audit date.
    static func authority(_ c: Context, _ f: inout FindingList) {
        for record in c.effective where record.event.isMutation {
            let event = record.event
            let subject = event.subject
            // Made only for a finding: most records have none.
            var key: String { f.key(record) }
            guard let decisionID = event.authorisingDecision else {
                f.add(.mutationWithoutDecision, about: record, subject: subject,
                      "\(record.original.type.rawValue) \(key) (effective \(record.effectiveDate)) names no authorising decision")
                continue
            }
            guard let decision = c.decisions[decisionID] else {
                f.add(.decisionUnknown, about: record, subject: subject,
                      "\(key) names decision \(decisionID), which the register does not hold")
                continue
            }
            let involved = [record] + c.records(decision.events)
            if decision.status != .taken {
                f.add(.decisionNotTaken, about: record, subject: subject,
                      "\(key) is authorised by decision \(decisionID), which is \(decision.status.rawValue), not taken", involved)
                continue
            }
            guard let decided = decision.date else {
                f.add(.decisionDateUnknown, about: record, subject: subject,
                      "decision \(decisionID) authorising \(key) has no known date; that it preceded \(record.effectiveDate) cannot be checked",
                      involved)
                continue
            }
            if decided > record.effectiveDate {
                f.add(.decisionAfterEffect, about: record, subject: subject,
                      "\(key) takes effect on \(record.effectiveDate), before its decision \(decisionID) of \(decided)", involved)
            }
            let yearEnd = record.effectiveDate.endOfYear
            if isReserveMutation(event), decided > yearEnd {
                f.add(.decisionAfterYearEnd, about: record, subject: subject,
                      "\(key) is a reserve mutation in \(record.effectiveDate.year), but decision \(decisionID) is dated \(decided), after \(yearEnd)",
                      involved)
            }
        }
    }

    static func isReserveMutation(_ event: DomainEvent) -> Bool {
        switch event {
        case .reserveAddition, .reserveWithdrawal, .reserveEndDateChanged, .commitment: return true
        default: return false
        }
    }

    /// Decision events effective on or before the audit date: one dated after it was recorded,
    /// and one decision recorded as taken, rejected or withdrawn more than once, differently.
    ///
    /// `DecisionIndex` takes the status from the last event in effect order, the date from the
    /// last that is not a proposal, and the body from the last that names one: so the last counts.
    static func decisions(_ c: Context, _ f: inout FindingList) {
        var outcomes: [DecisionID: [(record: ResolvedRecord, decision: DecisionRecord)]] = [:]
        var order: [DecisionID] = []
        for record in c.effective {
            guard case .decision(let d) = record.event, d.status != .proposed else { continue }
            if let day = d.date, Plausibility.isDatedAfterRecording(day, recordedAt: record.original.recordedAt) {
                f.add(.decisionDatedInFuture, about: record, subject: .decision(d.id),
                      "decision \(d.id) is \(d.status.rawValue) on \(day) by its record, which was made on \(record.original.recordedAt.utcDate): a decision cannot be dated after it was recorded (a typo in the date?)")
            }
            if outcomes[d.id] == nil { order.append(d.id) }
            outcomes[d.id, default: []].append((record, d))
        }
        for id in order {
            guard let list = outcomes[id], let first = list.first?.decision,
                  list.dropFirst().contains(where: { Self.conflicts(first, $0.decision) }) else { continue }
            let last = list[list.count - 1].record
            let described = list.map { "\(Self.describe($0.decision)) (\(f.key($0.record)))" }
            f.add(.decisionConflict, key: Subject.decision(id).description, subject: .decision(id),
                  "decision \(id) is recorded as " + described.joined(separator: " and as ")
                  + "; the last in effect order, \(f.key(last)), counts", list.map(\.record))
        }
    }

    /// Whether two outcomes of one decision contradict each other: another status, another date
    /// (a date and no date differ), or another body where both name one.
    static func conflicts(_ a: DecisionRecord, _ b: DecisionRecord) -> Bool {
        a.status != b.status || a.date != b.date || (a.body != b.body && a.body != .unknown && b.body != .unknown)
    }

    static func describe(_ d: DecisionRecord) -> String {
        d.status.phrase(d.body) + " " + (d.date.map { "on \($0)" } ?? "on an unknown date")
    }
}
