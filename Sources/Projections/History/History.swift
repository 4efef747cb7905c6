import EventStore

/// The whole register as domain records in append order; the input of every projection.
///
/// Built once from a replay, then asked about any moment: `resolved(knownOn:)` gives the
/// records as the register stood at an instant (the second time axis), with corrections
/// and retractions applied; projections then fold those records up to a date (the first).
public struct History: Sendable {
    public private(set) var records: [DomainRecord] = []

    public init() {}

    public init(records: [DomainRecord]) {
        self.records = records
    }

    public mutating func append(_ record: DomainRecord) {
        records.append(record)
    }

    /// The records known at `knownOn` (all when nil), with corrections and retractions applied.
    ///
    /// A correction replaces its target's effective date and payload from the target's own
    /// effective date on (it fixes the past), but only in answers known after the correction
    /// was recorded. A retraction makes its target never count. A retracted correction
    /// restores what it corrected. A correction of a correction changes the correction.
    public func resolved(knownOn: RecordedInstant? = nil) -> [ResolvedRecord] {
        let visible = knownOn.map { limit in records.filter { $0.recordedAt <= limit } } ?? records
        // The amendments are few: they are gathered first, so that every other record costs a
        // lookup or two by its id, not a memo entry.
        // Only what append allows takes effect: a retraction of an earlier event that is not a
        // retraction, the first one only. Anything else (from files that did not come through
        // append) has no effect, and the audit reports it.
        var retractions: Set<String> = []
        var retracted: Set<String> = []
        for record in visible {
            if case .retraction(let target, _) = record.event {
                retractions.insert(record.id)
                retracted.insert(target)
            }
        }
        var sequenceOf: [String: Int] = [:]
        if !retracted.isEmpty {
            for record in visible where retracted.contains(record.id) && sequenceOf[record.id] == nil {
                sequenceOf[record.id] = record.sequence
            }
        }
        var retractedBy: [String: String] = [:]
        for record in visible {
            if case .retraction(let target, _) = record.event, let at = sequenceOf[target], at < record.sequence,
               !retractions.contains(target), retractedBy[target] == nil {
                retractedBy[target] = record.id
            }
        }
        // Corrections of each target, oldest first, that are not retracted themselves.
        var correctionsOf: [String: [DomainRecord]] = [:]
        for record in visible {
            if case .correction(let c) = record.event, retractedBy[record.id] == nil {
                correctionsOf[c.target, default: []].append(record)
            }
        }
        var memo: [String: DomainRecord] = [:]
        // What each applied correction changed in its target: field, before, after.
        var changesBy: [String: [FieldChange]] = [:]
        // Why a correction that append refuses has no effect (from files that did not come through append).
        var voidBecause: [String: String] = [:]
        var inProgress: Set<String> = []
        func current(_ record: DomainRecord, corrections: [DomainRecord]?, depth: Int) -> DomainRecord {
            guard let corrections else { return record }
            if let done = memo[record.id] { return done }
            var result = record
            // A correction cycle (from files that did not come through append) ends here.
            if depth < 32, record.type != .retraction, inProgress.insert(record.id).inserted {
                for correctionRecord in corrections where correctionRecord.sequence > record.sequence {
                    let effectiveCorrection = current(correctionRecord, corrections: correctionsOf[correctionRecord.id], depth: depth + 1)
                    guard case .correction(let c) = effectiveCorrection.event else { continue }
                    var event = result.event
                    if c.change != nil {
                        // As append judges it: the corrected payload must be an event of the type, about the same things.
                        let decoded: DomainEvent
                        do { decoded = try DomainEvent(type: record.type, payload: c.corrected(event.payload)) } catch {
                            voidBecause[correctionRecord.id] = "its corrected payload is not a valid \(record.type.rawValue) (\(error))"
                            continue
                        }
                        if let (before, after) = zip(event.identity, decoded.identity).first(where: {
                            KeyIndex.normalised($0.0.value) != KeyIndex.normalised($0.1.value)
                        }) {
                            voidBecause[correctionRecord.id] = "it would change what event \(record.id) is about (\(before.field) '\(before.value)' to '\(after.value)')"
                            continue
                        }
                        event = decoded
                    }
                    let date = c.effectiveDate ?? result.effectiveDate
                    let corrected = DomainRecord(copying: result, effectiveDate: date, event: event)
                    // And the event it makes must be plausible, as append checks (a new date alone too).
                    do { try DomainPolicy.checkPlausible(corrected) } catch {
                        voidBecause[correctionRecord.id] = "the \(record.type.rawValue) it would make is not plausible (\(error))"
                        continue
                    }
                    changesBy[correctionRecord.id] = FieldChange.between(result, date, event)
                    result = corrected
                }
                inProgress.remove(record.id)
            }
            memo[record.id] = result
            return result
        }
        let corrections = correctionsOf.isEmpty ? nil : visible.map { correctionsOf[$0.id] }
        let currents = corrections.map { zip(visible, $0).map { current($0, corrections: $1, depth: 0) } } ?? visible
        return visible.indices.map { index in
            let record = visible[index]
            let standing: ResolvedRecord.Standing
            if !retractedBy.isEmpty, let by = retractedBy[record.id] {
                standing = .retracted(by: by)
            } else if record.type != .retraction,
                      // Only corrections that took effect mark it (not one append refuses, nor one of a retraction).
                      let later = corrections?[index]?.filter({ $0.sequence > record.sequence && voidBecause[$0.id] == nil }), !later.isEmpty {
                standing = .corrected(by: later.map(\.id))
            } else {
                standing = .counts
            }
            let changes = record.type == .correction ? changesBy[record.id] ?? [] : []
            return ResolvedRecord(original: record, current: currents[index], standing: standing, changes: changes,
                                  voidBecause: voidBecause.isEmpty ? nil : voidBecause[record.id])
        }
    }
}

/// One field that differs between two versions, as text (`-` for absent): what a correction changed
/// in the event it corrects, or what changed in an answer between two moments (`register changes`).
public struct FieldChange: Equatable, Sendable {
    public let field: String
    public let before: String
    public let after: String

    public init(field: String, before: String, after: String) {
        self.field = field
        self.before = before
        self.after = after
    }

    /// The fields (and the effective date) that differ between `record` and `event` on `date`.
    static func between(_ record: DomainRecord, _ date: CalendarDate, _ event: DomainEvent) -> [FieldChange] {
        var changes: [FieldChange] = []
        if date != record.effectiveDate { changes.append(FieldChange(field: "effectiveDate", before: record.effectiveDate.iso, after: date.iso)) }
        let before = record.event.payload.object ?? [:], after = event.payload.object ?? [:]
        for key in Set(before.keys).union(after.keys).sorted() where before[key] != after[key] {
            changes.append(FieldChange(field: "payload." + key, before: text(before[key]), after: text(after[key])))
        }
        return changes
    }

    private static func text(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return "-"
        case .string(let s)?: return s
        case let other?: return JSONWriter.compactString(other)
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
