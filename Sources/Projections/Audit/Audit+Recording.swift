import EventStore

extension Audit {
    /// The second time axis: events recorded out of order or in the future, and amendments of
    /// events that are not in the register. Judged over every record, whatever its effective date.
    static func recording(_ c: Context, now: RecordedInstant?, _ f: inout FindingList) {
        let inSequence = c.records.sorted { $0.sequence < $1.sequence }
        for (previous, record) in zip(inSequence, inSequence.dropFirst()) where record.original.recordedAt < previous.original.recordedAt {
            f.add(.recordedOutOfOrder, .warning, about: record, subject: nil,
                  "event \(record.sequence) (\(f.key(record))) was recorded at \(record.original.recordedAt), before event \(previous.sequence) (\(previous.original.recordedAt))",
                  [previous, record])
        }
        if let now {
            for record in inSequence where record.original.recordedAt > now {
                f.add(.recordedInFuture, .error, about: record, subject: nil,
                      "event \(record.sequence) (\(f.key(record))) says it was recorded at \(record.original.recordedAt), after now (\(now)): a clock was wrong or the instant was forged")
            }
        }
        for record in inSequence {
            let target: String
            switch record.original.event {
            case .correction(let correction): target = correction.target
            case .retraction(let t, _): target = t
            default: continue
            }
            if c.byID[target] == nil {
                f.add(.amendmentTargetMissing, .error, about: record, subject: nil,
                      "\(record.original.type.rawValue) \(f.key(record)) names event \(target), which is not in the register")
            }
        }
    }

    /// Events the register already held on the audit date (recorded on or before it, by the UTC
    /// date of the recording) that take effect after it: every other rule judges only what is
    /// effective by the audit date, so these are listed, not judged. Amendments are left out:
    /// they act on their targets' dates.
    static func scheduled(_ c: Context, _ f: inout FindingList) {
        for record in c.ordered.dropFirst(c.effective.count) where record.original.recordedAt.utcDate <= c.date {
            switch record.event {
            case .correction, .retraction: continue
            default: break
            }
            f.add(.scheduled, .info, about: record, subject: record.event.subjects.first,
                  "\(record.original.type.rawValue) \(f.key(record)) takes effect on \(record.effectiveDate), after \(c.date): \(EventSummary.describe(record.event))")
        }
    }
}
