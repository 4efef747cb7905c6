import EventStore

/// A record as it stands after corrections and retractions known at some moment.
///
/// Immutable, and a class: the audit and the projections sort and group the whole history's
/// records several times over, and a copy is then one reference, not five.
public final class ResolvedRecord: Sendable {
    /// The record as it was stored.
    public let original: DomainRecord
    /// The record as it counts now: the latest correction's effective date and payload.
    public let current: DomainRecord
    public let standing: Standing
    /// For a correction that counts: what it changed in the event it corrects (field, before,
    /// after), as the timeline and the report show it. Empty for every other record.
    public let changes: [FieldChange]
    /// For a correction that has no effect because append would refuse it (its corrected payload
    /// is not a valid event of its target's type, or it changes what the event is about): why.
    public let voidBecause: String?

    /// Whether a record counts, and why not.
    public enum Standing: Equatable, Sendable {
        case counts
        /// Counts, with content replaced by these corrections (oldest first).
        case corrected(by: [String])
        /// Never counted: the retraction's id.
        case retracted(by: String)
    }

    init(original: DomainRecord, current: DomainRecord, standing: Standing, changes: [FieldChange], voidBecause: String? = nil) {
        self.original = original
        self.current = current
        self.standing = standing
        self.changes = changes
        self.voidBecause = voidBecause
    }

    /// A record that no correction or retraction names: it counts as it was stored, as
    /// `History.resolved` gives it. For a pass that resolves the few amended records apart and
    /// streams the others (`register export --format ledger`).
    public convenience init(unamended record: DomainRecord) {
        self.init(original: record, current: record, standing: .counts, changes: [])
    }

    public var counts: Bool {
        if case .retracted = standing { return false }
        return true
    }

    public var sequence: Int { original.sequence }
    public var id: String { original.id }
    public var effectiveDate: CalendarDate { current.effectiveDate }
    public var event: DomainEvent { current.event }
}
