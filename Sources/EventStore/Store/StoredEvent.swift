/// An event read back from the store, with the facts about its file that replay checked.
public struct StoredEvent: Sendable {
    public let envelope: EventEnvelope
    /// SHA-256 of the file's exact bytes.
    public let hash: SHA256Digest
    public let fileName: String
    public let byteCount: Int
}

/// The last event of the store: what the next append chains to.
public struct StoreHead: Equatable, Sendable {
    public let sequence: Int
    public let hash: SHA256Digest
    public let fileName: String
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
    public let fileName: String
    public let recordedAt: RecordedInstant
}

/// Domain rules an append must pass, supplied by the caller so the store stays domain-free.
///
/// Under the store's lock, `observe` sees every stored event in order (so it can build
/// what it needs, such as known references), then `check` judges the candidate. Throwing
/// from either refuses the append and leaves the store unchanged.
///
/// A policy that can save what it built (`snapshot`) and take it back (`restore`) lets
/// `append` skip the replay while its cached state is valid; then `observe` is not called,
/// and `check` looks up earlier events through the `EventLookup` instead of memory.
public protocol AppendPolicy {
    mutating func observe(_ event: StoredEvent) throws
    func check(_ candidate: EventEnvelope, lookup: EventLookup) throws
    /// What `observe` built, to be restored without a replay; nil: always replay.
    var snapshot: JSONValue? { get }
    /// Takes back a snapshot; false when it cannot (the store then replays).
    mutating func restore(_ snapshot: JSONValue) -> Bool
}

extension AppendPolicy {
    public var snapshot: JSONValue? { nil }
    public mutating func restore(_ snapshot: JSONValue) -> Bool { false }
}

/// Answers questions about events already in the store while an append holds the lock.
public struct EventLookup {
    let typeOf: (String) throws -> String?

    public init(typeOf: @escaping (String) throws -> String?) { self.typeOf = typeOf }

    /// The type of the stored event with this id, or nil when there is none.
    public func type(ofEvent id: String) throws -> String? { try typeOf(id) }
}

/// The policy that accepts every well-formed event.
public struct AcceptAll: AppendPolicy {
    public init() {}
    public mutating func observe(_ event: StoredEvent) {}
    public func check(_ candidate: EventEnvelope, lookup: EventLookup) {}
    public var snapshot: JSONValue? { .object([:]) }
    public mutating func restore(_ snapshot: JSONValue) -> Bool { true }
}
