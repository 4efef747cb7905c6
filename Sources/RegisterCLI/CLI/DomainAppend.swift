import EventStore
import Foundation
import Projections

/// An append as `append` and `record` make it: the store's append under `DomainPolicy`, after
/// `TotalsCheck` has folded the history of what the event touches with it, so no total (a
/// reserve's authorised, withdrawn, balance, allocated or committed amount, a year's budget
/// total) can pass the cap of EUR 10 trillion.
///
/// The store's policy sees only the names the history defines, not its sums, so the totals are
/// checked here, against the history as of a head `H`, and the event is then appended only if
/// the store is still at `H` (`--expect-head H`): an append that came in between makes this one
/// check again (a few times), never slip past the check. A caller's own `--expect-head` or
/// `--expect-seq` is kept: it must match `H`, or the append is refused as the store's would be.
/// An event that cannot change a total (a decision, a contract, a stated total) skips all this.
struct DomainAppend {
    let store: EventStore
    let context: CommandContext
    /// How often an append is checked again when other appends keep coming first.
    static let attempts = 50

    func append(_ draft: EventDraft, expecting expectation: HeadExpectation?, signer: (any EventSigner)? = nil,
                dryRun: Bool = false) throws -> AppendReceipt {
        // An event that cannot change a total (or does not decode: the store's append says why)
        // is the store's append as it is.
        guard let candidate = try? DomainRecord(envelope: Self.envelope(draft, sequence: 0, head: .zero), rules: .append),
              TotalsCheck.concerns(candidate.event) else {
            return try store.append(draft, expecting: expectation, policy: DomainPolicy(), signer: signer, dryRun: dryRun)
        }
        for attempt in 0..<Self.attempts {
            let index = try store.index(policy: DomainPolicy())
            switch expectation {
            case .head(let expected) where expected != index.head:
                throw StoreError.headMoved(expected: expected.hex, actual: index.head.hex)
            case .sequence(let expected) where expected != index.sequence:
                throw StoreError.headMoved(expected: "sequence \(expected)", actual: "sequence \(index.sequence)")
            default: break
            }
            if !(try totalsCannotPassTheCap(candidate, at: index)) { try checkTotals(draft, at: index) }
            do {
                return try store.append(draft, expecting: expectation ?? .head(index.head), policy: DomainPolicy(), signer: signer, dryRun: dryRun)
            } catch StoreError.headMoved where expectation == nil {
                // Another append came first: wait a little (more each time, at random) and check again.
                usleep(UInt32.random(in: 1_000...(5_000 * UInt32(min(attempt + 1, 20)))))
            }
        }
        throw CLIError.failure("other appends kept coming first (\(Self.attempts) times); nothing was written; append again")
    }

    /// The envelope `draft` would become at `sequence` after `head`, for the domain's checks.
    static func envelope(_ draft: EventDraft, sequence: Int, head: SHA256Digest) -> EventEnvelope {
        EventEnvelope(sequence: sequence, id: draft.id ?? "(this event)", type: draft.type, schemaVersion: draft.schemaVersion,
                      effectiveDate: draft.effectiveDate, recordedAt: RecordedInstant.now(), actor: draft.actor,
                      source: draft.source, payload: draft.payload, previousHash: head)
    }

    /// Whether the magnitudes of every amount recorded for what the event touches, with the
    /// event's own, stay within the cap (see `DomainPolicy+Magnitudes`): then no total can pass
    /// it, and the history need not be folded. Read from the index alone; a correction or a
    /// retraction always takes the full check (a retraction of a reallocation or a withdrawal
    /// raises a total without recording an amount of its own).
    private func totalsCannotPassTheCap(_ candidate: DomainRecord, at index: StoreIndex) throws -> Bool {
        switch candidate.event {
        case .correction, .retraction: return false
        default: break
        }
        guard let own = DomainPolicy.magnitude(of: candidate.event) else { return false }
        guard let corrections = try index.tally(of: DomainPolicy.correctionsMagnitudeKey) else { return false }
        for subject in DomainPolicy.totalled(candidate.event) {
            guard let recorded = try index.tally(of: DomainPolicy.magnitudeKey(subject)) else { return false }
            let (partial, overflow1) = recorded.addingReportingOverflow(corrections)
            let (bound, overflow2) = partial.addingReportingOverflow(own)
            guard !overflow1, !overflow2, bound <= Cents.limit else { return false }
        }
        return true
    }

    /// Refuses (exit 3) an event that would take a total past the cap.
    private func checkTotals(_ draft: EventDraft, at index: StoreIndex) throws {
        let envelope = Self.envelope(draft, sequence: index.sequence + 1, head: index.head)
        guard let candidate = try? DomainRecord(envelope: envelope, rules: .append) else { return }
        let resolve: (String) -> EventEnvelope? = { target in
            (try? index.location(ofEvent: target)).flatMap { $0 }.flatMap { try? index.envelope(at: $0) }
        }
        let subjects = DomainPolicy().subjects(of: envelope, resolve: resolve).filter { !$0.hasPrefix("catalog:") }
        guard !subjects.isEmpty else { return }
        let history = try context.history(of: store, about: Array(Set(subjects)).sorted())
        do { try TotalsCheck.check(candidate, in: history) } catch {
            let after = error.event == envelope.id ? "this event" : "event \(error.event) (which takes effect after this one)"
            throw CLIError.refused("with this event \(error.total) would pass the cap at \(after): \(error.cause); "
                                   + "every total is at most \(Cents.limit) cents; nothing was written")
        }
    }
}
