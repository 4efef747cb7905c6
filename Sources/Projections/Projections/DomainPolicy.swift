import EventStore

/// The domain's rules for an append: the payload must decode, and every reference must exist.
///
/// Plugged into `EventStore.append` as its `AppendPolicy`, so the store stays domain-free.
/// A mutation naming a decision the register does not hold is refused; one naming no
/// decision is accepted (the audit reports it). Corrections and retractions must name an
/// event in the store that is not a retraction.
public struct DomainPolicy: AppendPolicy {
    private var decisions: Set<DecisionID> = []
    private var reserves: Set<ReserveNumber> = []
    private var contracts: Set<ContractID> = []
    private var budgetYears: Set<Int> = []
    /// What each correction corrects, so a correction of a correction cannot change its target.
    private var correctionTargets: [String: String] = [:]

    public init() {}

    public mutating func observe(_ event: StoredEvent) throws {
        // Stored events were checked when appended; one that no longer decodes is verify's business.
        guard let record = try? DomainRecord(envelope: event.envelope) else { return }
        switch record.event {
        case .decision(let d): decisions.insert(d.id)
        case .reserveEstablished(let r, _, _, _): reserves.insert(r)
        case .contractAwarded(let a): contracts.insert(a.contract)
        case .budgetSet(let year, _, _): budgetYears.insert(year)
        case .correction(let c): correctionTargets[record.id] = c.target
        default: break
        }
    }

    public func check(_ candidate: EventEnvelope, lookup: EventLookup) throws {
        do {
            try checkDomain(candidate, lookup: lookup)
        } catch {
            throw StoreError.refused(reason: error.description)
        }
    }

    private func checkDomain(_ candidate: EventEnvelope, lookup: EventLookup) throws(DomainError) {
        let record = try DomainRecord(envelope: candidate)
        let event = record.event
        if let decision = event.authorisingDecision, !decisions.contains(decision) {
            throw .unknownReference(field: "payload.decision", kind: "decision", id: decision.rawValue)
        }
        switch event {
        case .reserveEstablished(let r, _, _, _):
            if reserves.contains(r) { throw .conflict("reserve \(r) is already established; use reserve-end-date-changed or a correction") }
        case .reserveEndDateChanged(let r, _, _), .reserveAddition(let r, _, _, _), .reserveWithdrawal(let r, _, _, _),
             .allocation(let r, _, _), .reallocation(let r, _, _), .balanceEstimate(let r, _, _, _), .balanceActual(let r, _, _, _),
             .statedTotal(.allocations(let r), _):
            try requireReserve(r)
        case .commitment(let c):
            try requireReserve(c.reserve)
        case .contractAwarded(let a):
            if contracts.contains(a.contract) { throw .conflict("contract \(a.contract) is already awarded; record an extension or a correction") }
        case .contractExtensionIntended(let c, _, _, _), .contractExtended(let c, _, _):
            guard contracts.contains(c) else { throw .unknownReference(field: "payload.contract", kind: "contract", id: c.rawValue) }
        case .statedTotal(.budget(let year), _):
            guard budgetYears.contains(year) else { throw .unknownReference(field: "payload.of", kind: "budget for", id: String(year)) }
        case .correction(let c):
            let targetType = try requireAmendable(c.target, field: "payload.corrects", lookup: lookup)
            if let replacement = c.payload {
                let decoded: DomainEvent
                do { decoded = try DomainEvent(type: targetType, payload: replacement) } catch {
                    guard case .invalidField(let field, let problem, let expected) = error else { throw error }
                    throw .invalidField(field: field.replacingPrefix("payload", with: "payload.payload"), problem: problem, expected: expected)
                }
                if case .correction(let inner) = decoded, inner.target != correctionTargets[c.target] {
                    throw .invalidField(field: "payload.payload.corrects", problem: "a correction may not change what it corrects",
                                        expected: "'\(correctionTargets[c.target] ?? "")'")
                }
            }
        case .retraction(let target, _):
            _ = try requireAmendable(target, field: "payload.retracts", lookup: lookup)
        default:
            break
        }
    }

    private func requireReserve(_ r: ReserveNumber) throws(DomainError) {
        guard reserves.contains(r) else { throw .unknownReference(field: "payload.reserve", kind: "reserve", id: r.rawValue) }
    }

    private func requireAmendable(_ target: String, field: String, lookup: EventLookup) throws(DomainError) -> EventType {
        let stored: String?
        do { stored = try lookup.type(ofEvent: target) } catch {
            throw .conflict("cannot look up event \(target) in the store: \(error)")
        }
        guard let type = stored.flatMap(EventType.init(rawValue:)) else { throw .unknownReference(field: field, kind: "event", id: target) }
        if type == .retraction { throw .conflict("event \(target) is a retraction; a retraction cannot be corrected or retracted") }
        return type
    }
}

extension DomainPolicy {
    /// The references seen so far, so the next append can skip the replay (see `AppendPolicy`).
    public var snapshot: JSONValue? {
        .object([
            "decisions": .array(decisions.map(\.rawValue).sorted().map(JSONValue.string)),
            "reserves": .array(reserves.map(\.rawValue).sorted().map(JSONValue.string)),
            "contracts": .array(contracts.map(\.rawValue).sorted().map(JSONValue.string)),
            "budgetYears": .array(budgetYears.sorted().map(JSONValue.init)),
            "correctionTargets": .object(correctionTargets.mapValues(JSONValue.string)),
        ])
    }

    public mutating func restore(_ snapshot: JSONValue) -> Bool {
        guard let d = snapshot["decisions"]?.array, let r = snapshot["reserves"]?.array, let c = snapshot["contracts"]?.array,
              let y = snapshot["budgetYears"]?.array, let t = snapshot["correctionTargets"]?.object else { return false }
        decisions = Set(d.compactMap(\.string).map(DecisionID.init))
        reserves = Set(r.compactMap(\.string).map(ReserveNumber.init))
        contracts = Set(c.compactMap(\.string).map(ContractID.init))
        budgetYears = Set(y.compactMap { $0.integer.map(Int.init) })
        correctionTargets = t.compactMapValues(\.string)
        return true
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
