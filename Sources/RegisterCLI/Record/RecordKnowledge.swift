import EventStore
import Projections

/// What the register holds that a clerk's answers can name: reserves, contracts, decisions,
/// commitments and events, with the labels a question lists them by.
///
/// Built from the whole history once per interactive `record` (a clerk at a terminal, or
/// `--dry-run`), so an unknown reserve or decision is caught as soon as it is typed instead of
/// after every field; the append checks every reference again in any case.
struct RecordKnowledge {
    let history: History
    let records: [ResolvedRecord]
    let catalog: SubjectCatalog
    let decisions: DecisionIndex
    /// The events this register cannot read, set aside by a retraction or not: a clerk can only retract them.
    let unreadable: [UnreadableEvents.Unreadable]
    /// Those of them no retraction set aside (while one stands, no question is answered).
    let standing: [UnreadableEvents.Unreadable]

    init(history: History, unreadable: UnreadableEvents = UnreadableEvents()) {
        self.history = history
        self.unreadable = unreadable.all
        standing = unreadable.standing
        records = history.resolved()
        catalog = SubjectCatalog(records: records)
        decisions = DecisionIndex(records: records)
    }

    /// The events in the register, readable or not (the highest sequence number a clerk can name).
    var eventCount: Int { records.count + unreadable.count }

    /// The ids of a kind the register holds, with their labels, in the catalogue's order.
    func known(_ kind: String) -> [(id: String, label: String)] {
        catalog.entries.filter { $0.subject.kind == kind }.map { ($0.subject.id, $0.label) }
    }

    /// The commitment events that count (their ids), with reserve and project.
    var commitments: [(id: String, label: String)] {
        records.filter(\.counts).compactMap { record in
            guard case .commitment(let c) = record.event else { return nil }
            return (record.id, "reserve \(c.reserve), \(c.project), \(c.amount.dutch)")
        }
    }

    /// Whether the register holds `id` as the field's reference; nil when the field names nothing.
    func holds(_ reference: RecordField.Reference, _ id: String) -> Bool {
        switch reference {
        case .reserve: return catalog.entries.contains { $0.subject == .reserve(ReserveNumber(id)) }
        case .contract: return catalog.entries.contains { $0.subject == .contract(ContractID(id)) }
        case .decision: return decisions.entries[DecisionID(id)] != nil
        case .commitment: return commitments.contains { $0.id == id }
        case .event: return event(id) != nil
        }
    }

    /// The choices a question about `reference` lists; for a decision, those named by the
    /// events of `subject` first (the ones a clerk most likely means), then the others.
    func choices(_ reference: RecordField.Reference, about subject: Subject?) -> [(id: String, label: String)] {
        switch reference {
        case .reserve: return known("reserve")
        case .contract: return known("contract")
        case .commitment: return commitments
        case .event: return []
        case .decision:
            let named = subject.map { s in
                Set(records.filter { $0.counts && $0.event.subjects.contains(s) }.compactMap { $0.event.authorisingDecision })
            } ?? []
            func day(_ e: DecisionIndex.Entry) -> Int { (e.date ?? e.proposedOn)?.daysSinceEpoch ?? Int.min }
            let all = decisions.entries.values.sorted { (day($0), $0.id.rawValue) > (day($1), $1.id.rawValue) }
            return (all.filter { named.contains($0.id) } + all.filter { !named.contains($0.id) }).map { entry in
                (entry.id.rawValue, entry.status.phrase(entry.body) + ", \(entry.date?.iso ?? "date unknown")"
                    + (entry.title.map { ": \($0)" } ?? "") + (named.contains(entry.id) ? " *" : ""))
            }
        }
    }

    /// An event a clerk names: one this register reads, or one it cannot read.
    enum NamedEvent {
        case readable(ResolvedRecord)
        case unreadable(UnreadableEvents.Unreadable)

        /// What a retraction names.
        var id: String {
            switch self {
            case .readable(let record): return record.id
            case .unreadable(let event): return event.id
            }
        }
    }

    /// The event a clerk names by its id or its sequence number, readable or not: an id first
    /// (`12` is the event whose id is 12, when there is one), then a sequence number.
    func event(_ text: String) -> NamedEvent? {
        if let record = records.first(where: { $0.id == text }) { return .readable(record) }
        if let event = unreadable.first(where: { $0.id == text }) { return .unreadable(event) }
        guard let sequence = Int(text) else { return nil }
        if let record = records.first(where: { $0.sequence == sequence }) { return .readable(record) }
        return unreadable.first { $0.sequence == sequence }.map(NamedEvent.unreadable)
    }
}
