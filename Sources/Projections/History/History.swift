import EventStore

/// The whole register as domain records in append order; the input of every projection.
///
/// Built once from a replay, then asked about any moment: `resolved(knownOn:)` gives the
/// records as the register stood at an instant (the second time axis), with corrections
/// and retractions applied; projections then fold those records up to a date (the first).
public struct History: Sendable {
    public private(set) var records: [DomainRecord] = []
    private var indexByID: [String: Int] = [:]

    public init() {}

    public init(records: [DomainRecord]) {
        for record in records { append(record) }
    }

    public mutating func append(_ record: DomainRecord) {
        indexByID[record.id] = records.count
        records.append(record)
    }

    public func record(id: String) -> DomainRecord? { indexByID[id].map { records[$0] } }

    /// The records known at `knownOn` (all when nil), with corrections and retractions applied.
    ///
    /// A correction replaces its target's effective date and payload from the target's own
    /// effective date on (it fixes the past), but only in answers known after the correction
    /// was recorded. A retraction makes its target never count. A retracted correction
    /// restores what it corrected. A correction of a correction changes the correction.
    public func resolved(knownOn: RecordedInstant? = nil) -> [ResolvedRecord] {
        let visible = knownOn.map { limit in records.filter { $0.recordedAt <= limit } } ?? records
        var retractedBy: [String: String] = [:]
        for record in visible {
            if case .retraction(let target, _) = record.event, retractedBy[record.id] == nil {
                retractedBy[target] = record.id
            }
        }
        // Corrections of each target, oldest first, that are not retracted themselves.
        var correctionsOf: [String: [DomainRecord]] = [:]
        for record in visible where retractedBy[record.id] == nil {
            if case .correction(let c) = record.event { correctionsOf[c.target, default: []].append(record) }
        }
        var memo: [String: DomainRecord] = [:]
        func current(_ record: DomainRecord, depth: Int) -> DomainRecord {
            if let done = memo[record.id] { return done }
            var result = record
            if depth < 32 {
                for correctionRecord in correctionsOf[record.id] ?? [] {
                    let effectiveCorrection = current(correctionRecord, depth: depth + 1)
                    guard case .correction(let c) = effectiveCorrection.event else { continue }
                    var event = result.event
                    if let payload = c.payload, let decoded = try? DomainEvent(type: record.type, payload: payload) {
                        event = decoded
                    }
                    result = DomainRecord(copying: result, effectiveDate: c.effectiveDate ?? result.effectiveDate, event: event)
                }
            }
            memo[record.id] = result
            return result
        }
        return visible.map { record in
            let standing: ResolvedRecord.Standing
            if let by = retractedBy[record.id] {
                standing = .retracted(by: by)
            } else if let corrections = correctionsOf[record.id], !corrections.isEmpty {
                standing = .corrected(by: corrections.map(\.id))
            } else {
                standing = .counts
            }
            return ResolvedRecord(original: record, current: current(record, depth: 0), standing: standing)
        }
    }
}

extension Array where Element == ResolvedRecord {
    /// The records that count and take effect on or before `date`, in effect order:
    /// by effective date, and on the same date in the order they were recorded.
    public func effective(on date: CalendarDate) -> [ResolvedRecord] {
        filter { $0.counts && $0.effectiveDate <= date }
            .sorted { ($0.effectiveDate, $0.sequence) < ($1.effectiveDate, $1.sequence) }
    }

    /// All records that count, in effect order.
    public var inEffectOrder: [ResolvedRecord] {
        filter(\.counts).sorted { ($0.effectiveDate, $0.sequence) < ($1.effectiveDate, $1.sequence) }
    }
}
