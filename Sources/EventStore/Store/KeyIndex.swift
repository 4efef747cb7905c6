import Foundation
/// The names a history defines, in memory: every event id with its type and sequence, and the
/// keys an `AppendPolicy` takes from each event (`AppendPolicy.keys(definedBy:)`).
///
/// It is what an `AppendPolicy` judges a candidate against. `append` keeps the same facts on
/// disk in the subject index; replication builds this from the events of a git revision, so a
/// push and a sync refuse exactly what an append refuses. Keys are NFC-normalised.
public struct KeyIndex: Sendable {
    private var events: [String: EventLocation] = [:]
    private var values: [String: [String]] = [:]

    /// Where an event id is, and (from the subject index) the hash its file had when the
    /// chain was checked, so a reader can tell a file changed since.
    public struct EventLocation: Sendable, Equatable {
        public let type: String
        public let sequence: Int
        public var hash: SHA256Digest? = nil
    }

    public init() {}

    /// NFC, so the same text typed two ways is one key; ASCII is its own NFC and skips the work.
    public static func normalised(_ key: String) -> String {
        key.utf8.allSatisfy { $0 < 0x80 } ? key : key.precomposedStringWithCanonicalMapping
    }

    /// Records what `envelope` defines. Call in sequence order; a later value for a key wins.
    public mutating func add<Policy: AppendPolicy>(_ envelope: EventEnvelope, policy: Policy) {
        events[Self.normalised(envelope.id)] = EventLocation(type: envelope.type, sequence: envelope.sequence)
        for entry in policy.keys(definedBy: envelope) { values[Self.normalised(entry.key), default: []].append(entry.value) }
    }

    public func location(ofEvent id: String) -> EventLocation? { events[Self.normalised(id)] }

    public func value(of key: String) -> String? { values[Self.normalised(key)]?.last }

    /// Every value events gave a key, oldest first.
    public func allValues(of key: String) -> [String] { values[Self.normalised(key)] ?? [] }

    /// The lookup a policy's `check` is given.
    public var lookup: EventLookup {
        let index = self
        return EventLookup(locate: { id in index.location(ofEvent: id).map { ($0.type, $0.sequence) } },
                           valuesOf: { index.allValues(of: $0) })
    }
}
