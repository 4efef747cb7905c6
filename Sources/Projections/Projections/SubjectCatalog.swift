import EventStore

/// Everything the register knows about, with the ids to use in queries.
public struct SubjectCatalog: Sendable {
    /// A subject with a human label (a reserve's name, a contract's counterparty).
    public struct Entry: Equatable, Sendable {
        public let subject: Subject
        public let label: String
        public let eventCount: Int
    }

    public let entries: [Entry]

    public init(records: [ResolvedRecord]) {
        var labels: [Subject: String] = [:]
        let ordered = records.inEffectOrder  // sorted once for all four lists
        for (r, name) in ReserveProjection.reserves(inEffectOrder: ordered) { labels[.reserve(r)] = name }
        for (c, party) in ContractProjection.contracts(inEffectOrder: ordered) { labels[.contract(c)] = party }
        for (p, name) in BudgetProjection.programmes(inEffectOrder: ordered) { labels[.programme(p)] = name }
        for year in BudgetProjection.years(in: records) { labels[.budget(year: year)] = "programme budgets \(year)" }
        for (id, entry) in DecisionIndex(inEffectOrder: ordered).entries {
            labels[.decision(id)] = entry.status.phrase(entry.body) + (entry.title.map { ": \($0)" } ?? "")
        }
        var counts: [Subject: Int] = [:]
        for record in records where record.counts {
            for subject in Set(record.event.subjects) { counts[subject, default: 0] += 1 }
        }
        entries = labels.map { Entry(subject: $0.key, label: $0.value, eventCount: counts[$0.key] ?? 0) }.sorted { $0.subject < $1.subject }
    }

    /// Finds a subject by `kind:id` or by a bare id that names exactly one subject.
    public func resolve(_ text: String) throws(DomainError) -> Subject {
        if let qualified = Subject(qualified: text) {
            guard entries.contains(where: { $0.subject == qualified }) else {
                throw .unknownReference(field: "SUBJECT", kind: qualified.kind, id: qualified.id)
            }
            return qualified
        }
        let matches = entries.filter { $0.subject.id == text }
        switch matches.count {
        case 1: return matches[0].subject
        case 0: throw .conflict("the register holds nothing called '\(text)'; see 'register subjects' for the ids")
        default:
            throw .conflict("'\(text)' is ambiguous: it names " + matches.map { $0.subject.description }.joined(separator: " and ")
                            + "; write one of those")
        }
    }
}
