/// An event read back from the store, with the facts about its file that replay checked.
public struct StoredEvent: Sendable {
    public let envelope: EventEnvelope
    /// SHA-256 of the file's exact bytes.
    public let hash: SHA256Digest
    /// The file's path inside the events folder: `00000025-x.json`, or `0001/00012345-x.json` in a shard folder.
    public let path: String
    public let byteCount: Int
}

/// The last event of the store: what the next append chains to.
public struct StoreHead: Equatable, Sendable {
    public let sequence: Int
    public let hash: SHA256Digest
    /// The file's path inside the events folder (see `StoredEvent.path`).
    public let path: String
}

/// An optimistic-concurrency condition for an append (`--expect-head`, `--expect-seq`).
public enum HeadExpectation: Equatable, Sendable {
    /// The current last event must have this hash (zeros: the store must be empty).
    case head(SHA256Digest)
    /// The current last sequence number must be this (0: the store must be empty).
    case sequence(Int)
}

/// What `append` reports back.
public struct AppendReceipt: Equatable, Sendable {
    public let sequence: Int
    public let id: String
    public let hash: SHA256Digest
    /// Where the event was written, inside the events folder (see `EventShard`).
    public let path: String
    public let recordedAt: RecordedInstant
    /// True when the same event (same id and content) was already stored, by an earlier append
    /// whose answer was lost or failed after the event was linked: nothing was written now.
    public internal(set) var alreadyStored = false
}

/// Domain rules an append must pass, supplied by the caller so the store stays domain-free.
///
/// The store keeps an index of names that events define (a policy says which, for example
/// `decision:2022-0177088` for a decision event) beside the index of event ids, and hands both
/// to `check` through an `EventLookup`. So a policy can refuse a reference to something that
/// was never recorded without the store replaying its history on every append.
public protocol AppendPolicy: Sendable {
    /// The names this stored event makes known to later appends, each with a value.
    func keys(definedBy event: EventEnvelope) -> [(key: String, value: String)]
    /// Judges the candidate; throwing refuses the append and leaves the store unchanged.
    func check(_ candidate: EventEnvelope, lookup: EventLookup) throws
    /// The subjects a stored event touches, as keys the store indexes (see `StoreIndex.locations(touching:)`).
    /// `resolve` finds an earlier event by id, for an event that amends another.
    func subjects(of event: EventEnvelope, resolve: (String) -> EventEnvelope?) -> [String]
    /// The group a subject belongs to, or nil: the index also lists every event of a group's
    /// subjects under the group, each with its subject, so that a question needing many subjects
    /// of one group (say, every decision a reserve's mutations name) reads one list instead of
    /// one bucket per subject (see `StoreIndex.locations(inGroup:members:)`).
    func group(ofSubject subject: String) -> String?
    /// Whether a key the policy defines is a tally: its values are whole numbers (or any other
    /// text, which makes the tally unusable), and the index keeps only their running sum, in its
    /// manifest, so that reading it costs the same however many events added to it (see
    /// `StoreIndex.tally(of:)`).
    func isTally(_ key: String) -> Bool
    /// Whether only the last value of a key the policy defines counts (a name's spelling, a
    /// status): the index then keeps only that one, in a small leaf that an append
    /// reads however long the history (`IndexLeaf`), and `EventLookup.values(forKey:)` gives only
    /// it. Keys whose every value a check reads must answer false.
    func isSingleValued(_ key: String) -> Bool
    /// `keys(definedBy:)` and `subjects(of:resolve:)` together; a policy that decodes the payload
    /// for both can do it once here. (A requirement, so that the store's generic code calls a
    /// policy's own version.)
    func indexEntries(of event: EventEnvelope, resolve: (String) -> EventEnvelope?) -> (keys: [(key: String, value: String)], subjects: [String])
}

extension AppendPolicy {
    public func subjects(of event: EventEnvelope, resolve: (String) -> EventEnvelope?) -> [String] { [] }

    public func group(ofSubject subject: String) -> String? { nil }

    public func isTally(_ key: String) -> Bool { false }

    public func isSingleValued(_ key: String) -> Bool { false }

    public func indexEntries(of event: EventEnvelope, resolve: (String) -> EventEnvelope?) -> (keys: [(key: String, value: String)], subjects: [String]) {
        (keys(definedBy: event), subjects(of: event, resolve: resolve))
    }
}

/// Answers questions about events already in the store while an append holds the lock.
public struct EventLookup {
    let locate: (String) throws -> (type: String, sequence: Int)?
    let valuesOf: (String) throws -> [String]
    /// Reads a stored event at its place (type, sequence); nil where the caller cannot read events.
    var read: ((_ type: String, _ sequence: Int) throws -> EventEnvelope?)?

    /// - Parameters:
    ///   - locate: where the event with an id is.
    ///   - valuesOf: every value earlier events gave a key, oldest first.
    ///   - read: the stored event at a place.
    public init(locate: @escaping (String) throws -> (type: String, sequence: Int)?, valuesOf: @escaping (String) throws -> [String],
                read: ((_ type: String, _ sequence: Int) throws -> EventEnvelope?)? = nil) {
        self.locate = locate
        self.valuesOf = valuesOf
        self.read = read
    }

    /// The same lookup, reading stored events with `read`.
    public func reading(_ read: @escaping (_ type: String, _ sequence: Int) throws -> EventEnvelope?) -> EventLookup {
        EventLookup(locate: locate, valuesOf: valuesOf, read: read)
    }

    /// The type of the stored event with this id, or nil when there is none.
    public func type(ofEvent id: String) throws -> String? { try locate(id)?.type }

    /// The sequence number of the stored event with this id, or nil when there is none.
    public func sequence(ofEvent id: String) throws -> Int? { try locate(id)?.sequence }

    /// The value an earlier event last gave this key (see `AppendPolicy.keys`), or nil.
    public func value(forKey key: String) throws -> String? { try valuesOf(key).last }

    /// Every value earlier events gave this key, oldest first.
    public func values(forKey key: String) throws -> [String] { try valuesOf(key) }

    /// The stored event with this id, or nil when there is none; throws `LookupError.cannotRead`
    /// where this lookup cannot read events.
    public func envelope(ofEvent id: String) throws -> EventEnvelope? {
        guard let place = try locate(id) else { return nil }
        guard let read else { throw LookupError.cannotRead(id: id) }
        return try read(place.type, place.sequence)
    }
}

/// Why an `EventLookup` could not answer.
public enum LookupError: Error, Equatable, CustomStringConvertible {
    /// The lookup was built without a way to read stored events.
    case cannotRead(id: String)

    public var description: String {
        switch self {
        case .cannotRead(let id): return "event \(id) cannot be read here to check against it"
        }
    }
}

/// The policy that accepts every well-formed event.
public struct AcceptAll: AppendPolicy {
    public init() {}
    public func keys(definedBy event: EventEnvelope) -> [(key: String, value: String)] { [] }
    public func check(_ candidate: EventEnvelope, lookup: EventLookup) {}
}
