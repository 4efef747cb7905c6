import EventStore

/// Replays the resolved history and reports what does not add up.
///
/// Facts and their legality are separate: every recorded mutation has changed the state,
/// whatever its authority; the audit judges the authority, the timing and the sums.
/// Pure: the same records and date give the same findings in the same order.
///
/// The records are sorted once into effect order; each rule is then one pass over them or over
/// one subject's part of them (`SubjectRecords`), so the audit costs O(N log N).
public enum Audit {
    /// How many days ahead `ends-soon` looks by default.
    public static let defaultHorizon = 90

    /// - Parameters:
    ///   - records: the history as known at the audit's `--known-on` moment.
    ///   - date: the day the audit is about (deadlines and lapses are judged on it).
    ///   - now: the moment the audit runs; an event recorded after it is reported (nil: not judged).
    ///   - horizon: `ends-soon` reports end dates from `date` up to this many days after it.
    /// - Throws: `TotalOutOfRange` when a total passes the cap: the history then holds amounts
    ///   that do not add up to anything the register can state.
    public static func run(records: [ResolvedRecord], on date: CalendarDate, now: RecordedInstant? = nil,
                           horizon: Int = defaultHorizon) throws(TotalOutOfRange) -> [Finding] {
        // The context and the finding keys do not need each other, nor do the two halves of the
        // rules: each pair runs on two cores. The halves' findings are joined in the order one
        // core would have found them, so the result is the same, sorted the same way.
        let prepared = concurrentMap(count: 2) { part -> Prepared in
            part == 0 ? .context(Context(records: records, date: date, horizon: horizon)) : .keys(FindingKeys(records: records))
        }
        guard case .context(let context) = prepared[0], case .keys(let keys) = prepared[1] else { preconditionFailure("parts in order") }
        let halves = concurrentMap(count: 2) { half -> Result<FindingList, TotalOutOfRange> in
            var findings = FindingList(keys: keys)
            do throws(TotalOutOfRange) {
                if half == 0 {
                    authority(context, &findings)
                    decisions(context, &findings)
                    for reserve in context.subjects.touchedReserves {
                        try reserveFindings(reserve, context, &findings)
                    }
                    establishments(context, &findings)
                } else {
                    try statedTotals(context, &findings)
                    for contract in context.subjects.touchedContracts {
                        contractFindings(contract, context, &findings)
                    }
                    recording(context, now: now, &findings)
                    scheduled(context, &findings)
                }
            } catch {
                return .failure(error)
            }
            return .success(findings)
        }
        var findings = try halves[0].get()
        findings.append(contentsOf: try halves[1].get())
        return findings.sorted
    }

    /// What the rules read, made on two cores.
    private enum Prepared: Sendable {
        case context(Context)
        case keys(FindingKeys)
    }

    /// What every rule reads: built once per run.
    struct Context {
        let records: [ResolvedRecord]
        let date: CalendarDate
        let horizon: Int
        /// The records that count, in effect order.
        let ordered: [ResolvedRecord]
        let decisions: DecisionIndex
        let byID: [String: ResolvedRecord]
        let subjects: SubjectRecords
        /// Every reserve some record establishes, counting or not (a retracted establishment too).
        let everEstablished: Set<ReserveNumber>
        /// The records that count and take effect on or before the audit date, in effect order.
        let effective: ArraySlice<ResolvedRecord>

        init(records: [ResolvedRecord], date: CalendarDate, horizon: Int) {
            self.records = records
            self.date = date
            self.horizon = horizon
            ordered = records.inEffectOrder
            decisions = DecisionIndex(inEffectOrder: ordered)
            var byID = [String: ResolvedRecord](minimumCapacity: records.count)
            byID.merge(records.lazy.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            self.byID = byID
            subjects = SubjectRecords(inEffectOrder: ordered)
            everEstablished = Set(records.compactMap { record -> ReserveNumber? in
                if case .reserveEstablished(let r, _, _, _) = record.event { return r } else { return nil }
            })
            effective = ordered.prefix { $0.effectiveDate <= date }
        }

        func records(_ ids: [String]) -> [ResolvedRecord] { ids.compactMap { byID[$0] } }

        /// The day a decision was taken, when the register holds it as taken with a known date.
        func takenOn(_ decision: DecisionID?) -> CalendarDate? {
            guard let decision, let entry = decisions[decision], entry.status == .taken else { return nil }
            return entry.date
        }
    }

    static func balanceText(_ balance: Balance) -> String {
        switch balance {
        case .booked(let c): return "\(c.dutch) booked"
        case let .estimate(low, high, asOf): return "\(low.dutch) to \(high.dutch) for \(asOf)"
        case let .actual(c, asOf): return "\(c.dutch) actual for \(asOf)"
        }
    }
}

/// The findings of one run, each named `<rule>/<key>` (see `FindingKeys`).
struct FindingList {
    let keys: FindingKeys
    private var items: [Finding] = []

    init(keys: FindingKeys) { self.keys = keys }

    /// The key that names `record` in finding ids.
    func key(_ record: ResolvedRecord) -> String { keys.key(record) }

    /// A finding about the events `involved` (listed in sequence order, with their sources).
    /// `severity`: only where a rule's finding may be less than the rule's own (`AuditRule.severity`).
    mutating func add(_ rule: AuditRule, key: String, subject: Subject?, _ message: String,
                      _ involved: [ResolvedRecord], severity: Severity? = nil) {
        var seen: Set<String> = []
        let sorted = involved.filter { seen.insert($0.id).inserted }.sorted { $0.sequence < $1.sequence }
        items.append(Finding(id: "\(rule.rawValue)/\(key)", rule: rule, severity: severity ?? rule.severity, subject: subject, message: message,
                             events: sorted.map(\.id), sources: sorted.map(\.original.source)))
    }

    /// A finding about one event, named by it.
    mutating func add(_ rule: AuditRule, about record: ResolvedRecord, subject: Subject?, _ message: String,
                      _ involved: [ResolvedRecord]? = nil, severity: Severity? = nil) {
        add(rule, key: key(record), subject: subject, message, involved ?? [record], severity: severity)
    }

    /// Another list's findings after these.
    mutating func append(contentsOf other: FindingList) { items += other.items }

    /// By severity, then id.
    var sorted: [Finding] { items.sorted { ($0.severity, $0.id) < ($1.severity, $1.id) } }
}
