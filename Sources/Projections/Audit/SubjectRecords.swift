import EventStore

/// The records that touch each reserve and each contract, in effect order: built in one pass
/// so that the audit's per-reserve and per-contract checks read their own part only,
/// instead of filtering and sorting the whole history once per subject.
struct SubjectRecords {
    /// Every reserve established in the records, with the effective date of its establishment:
    /// the one recorded first (`ReserveProjection.establishment`), whatever the dates.
    private(set) var reserves: [ReserveNumber: CalendarDate] = [:]
    /// Every contract awarded in the records.
    private(set) var contracts: Set<ContractID> = []
    private var bySubject: [Subject: [ResolvedRecord]] = [:]

    /// - Parameter ordered: records that count, in effect order (`inEffectOrder`).
    init(inEffectOrder ordered: [ResolvedRecord]) {
        var establishedAt: [ReserveNumber: Int] = [:]
        for record in ordered {
            let event = record.event
            switch event {
            case .reserveEstablished(let r, _, _, _) where establishedAt[r].map({ record.sequence < $0 }) ?? true:
                establishedAt[r] = record.sequence
                reserves[r] = record.effectiveDate
            case .contractAwarded(let a): contracts.insert(a.contract)
            default: break
            }
            let subjects = event.subjects
            for (i, subject) in subjects.enumerated() {
                switch subject {
                case .reserve, .contract:
                    // Once per record, as a filter on `subjects.contains` would take it.
                    if !subjects[..<i].contains(subject) { bySubject[subject, default: []].append(record) }
                default: continue
                }
            }
        }
    }

    /// Every reserve some record touches, established or not.
    var touchedReserves: [ReserveNumber] {
        bySubject.keys.compactMap { subject -> ReserveNumber? in
            if case .reserve(let r) = subject { return r } else { return nil }
        }.sorted()
    }

    /// Every contract some record touches, awarded or not.
    var touchedContracts: [ContractID] {
        bySubject.keys.compactMap { subject -> ContractID? in
            if case .contract(let c) = subject { return c } else { return nil }
        }.sorted()
    }

    /// The records touching `subject` (a reserve or a contract), in effect order.
    func records(of subject: Subject) -> [ResolvedRecord] { bySubject[subject] ?? [] }
}
