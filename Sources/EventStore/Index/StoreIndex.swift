import Foundation
import Synchronization

/// The subject index of a store as it is now (see `EventStore.index(policy:)`): which events
/// touch a subject, where an event id is, and the names policies define.
///
/// Reading through it checks what it reads: every event file it names must be the event the
/// index says (number, type, name); a bucket that does not match its manifest, or a file that
/// is not what the index says, throws `IndexDamage`, and the caller rebuilds with
/// `EventStore.rebuiltIndex(policy:)`. A file that cannot be read or parsed is store damage
/// (`StoreError.damaged`), never skipped.
public struct StoreIndex: Sendable {
    let store: EventStore
    let backend: Backend
    /// Where each key lives (the policy's answers, as when the index was written).
    let kinds: IndexKeyKinds

    init(store: EventStore, backend: Backend, kinds: IndexKeyKinds) {
        self.store = store
        self.backend = backend
        self.kinds = kinds
    }

    init(store: EventStore, disk index: SubjectIndex, manifest: IndexManifest, kinds: IndexKeyKinds) {
        self.init(store: store, backend: .disk(index, manifest, BucketCache()), kinds: kinds)
    }

    enum Backend: Sendable {
        /// Each bucket and leaf is read and checked once per `StoreIndex`, however many keys are asked of it.
        case disk(SubjectIndex, IndexManifest, BucketCache)
        /// Built for this process only (the cache folder could not be written).
        case memory([String: [String]], sequence: Int, head: SHA256Digest)
    }

    /// The number of events the index describes.
    public var sequence: Int {
        switch backend {
        case .disk(_, let manifest, _): return manifest.state.sequence
        case .memory(_, let sequence, _): return sequence
        }
    }

    /// The hash of the last event the index describes (zeros for an empty store).
    public var head: SHA256Digest {
        switch backend {
        case .disk(_, let manifest, _): return manifest.state.headHash
        case .memory(_, _, let head): return head
        }
    }

    /// The values recorded for a key, in the order they were added; for a single-valued key
    /// (`AppendPolicy.isSingleValued`, and event ids), only the last.
    public func values(of key: String) throws(IndexDamage) -> [String] {
        switch backend {
        case let .disk(index, manifest, cache):
            let key = KeyIndex.normalised(key)
            if kinds.kind(of: key) == .single {
                let slot = try index.leafSlot(of: key, manifest: manifest)
                let lines: [ArraySlice<UInt8>]
                if let kept = cache.lines(ofLeaf: slot) {
                    lines = kept
                } else {
                    lines = try index.lines(ofLeaf: manifest.leaves[slot])
                    cache.keep(lines, forLeaf: slot)
                }
                return SubjectIndex.lastValue(of: key, in: lines).map { [$0] } ?? []
            }
            return SubjectIndex.values(of: key, in: try checkedLines(ofBucket: SubjectIndex.bucket(of: key), index: index, manifest: manifest, cache: cache))
        case .memory(let facts, _, _): return facts[KeyIndex.normalised(key)] ?? []
        }
    }

    /// The sum of the values of a tally key (`AppendPolicy.isTally`): 0 when none was added,
    /// nil when one was not a whole number or the sum passed what an `Int64` holds.
    public func tally(of key: String) throws(IndexDamage) -> Int64? {
        switch backend {
        case .disk(_, let manifest, _): return manifest.tallies[KeyIndex.normalised(key)] ?? 0
        case .memory: return try values(of: key).reduce(Int64(0)) { sum, value in IndexManifest.added(value, to: sum) }
        }
    }

    /// The last value a policy key was given (see `AppendPolicy.keys(definedBy:)`), or nil.
    public func value(of key: String) throws(IndexDamage) -> String? { try values(of: key).last }

    /// Where the event with this id is, or nil when the store holds none.
    public func location(ofEvent id: String) throws(IndexDamage) -> KeyIndex.EventLocation? {
        guard let value = try values(of: IndexKeyKinds.eventPrefix + id).last else { return nil }
        let parts = value.split(separator: " ")
        guard parts.count == 3, let sequence = Int(parts[1]), let hash = SHA256Digest(hex: String(parts[2])) else {
            throw .bucket("event:\(id)", "holds a malformed entry '\(value)'")
        }
        return KeyIndex.EventLocation(type: String(parts[0]), sequence: sequence, hash: hash)
    }

    /// The events a policy said touch `subject` (see `AppendPolicy.subjects(of:resolve:)`), in sequence order.
    public func locations(touching subject: String) throws(IndexDamage) -> [KeyIndex.EventLocation] {
        let key = IndexKeyKinds.subjectPrefix + subject
        var result: [KeyIndex.EventLocation] = []
        // "sequence type hash"
        try forEachValue(of: key) { (value, escaped) throws(IndexDamage) in
            guard let typeSpace = value.firstIndex(of: 0x20), let hashSpace = value[(typeSpace + 1)...].firstIndex(of: 0x20),
                  typeSpace > value.startIndex, hashSpace > typeSpace + 1, let sequence = Int(Self.text(value[..<typeSpace], escaped: escaped)),
                  let hash = SHA256Digest(hex: value[(hashSpace + 1)...]) else {
                throw .bucket("subject:\(subject)", "holds a malformed entry '\(Self.text(value, escaped: escaped))'")
            }
            result.append(KeyIndex.EventLocation(type: Self.text(value[(typeSpace + 1)..<hashSpace], escaped: escaped),
                                                 sequence: sequence, hash: hash))
        }
        return result
    }

    /// The events of the given subjects of a group (see `AppendPolicy.group(ofSubject:)`), by
    /// subject (normalised), each subject's in sequence order: one read of the group's list,
    /// however many subjects are asked of it, and only the lines of those subjects are parsed.
    public func locations(inGroup group: String, members: Set<String>) throws(IndexDamage) -> [String: [KeyIndex.EventLocation]] {
        let key = SubjectIndex.groupKey(group)
        let members = Set(members.map(KeyIndex.normalised))
        var result: [String: [KeyIndex.EventLocation]] = [:]
        // "member sequence type hash"; the member is everything before the last three fields.
        try forEachValue(of: key) { (value, escaped) throws(IndexDamage) in
            func text(_ bytes: ArraySlice<UInt8>) -> String { Self.text(bytes, escaped: escaped) }
            guard let hashSpace = value.lastIndex(of: 0x20), let typeSpace = value[..<hashSpace].lastIndex(of: 0x20),
                  let sequenceSpace = value[..<typeSpace].lastIndex(of: 0x20), sequenceSpace > value.startIndex else {
                throw .bucket(KeyIndex.normalised(key), "holds a malformed entry '\(text(value))'")
            }
            let member = text(value[..<sequenceSpace])
            guard members.contains(member) else { return }
            guard let sequence = Int(text(value[(sequenceSpace + 1)..<typeSpace])),
                  let hash = SHA256Digest(hex: value[(hashSpace + 1)...]) else {
                throw .bucket(KeyIndex.normalised(key), "holds a malformed entry '\(text(value))'")
            }
            result[member, default: []].append(KeyIndex.EventLocation(type: text(value[(typeSpace + 1)..<hashSpace]), sequence: sequence, hash: hash))
        }
        return result
    }

    /// Calls `body` with the bytes of each value of a list key, in the order they were added, and
    /// whether they are escaped as in a bucket's lines (only a bucket's lines are): a list is
    /// read as bytes, and only what a caller keeps is made into text.
    private func forEachValue(of key: String,
                              _ body: (ArraySlice<UInt8>, _ escaped: Bool) throws(IndexDamage) -> Void) throws(IndexDamage) {
        let key = KeyIndex.normalised(key)
        switch backend {
        case let .disk(index, manifest, cache) where kinds.kind(of: key) != .single:
            let lines = try checkedLines(ofBucket: SubjectIndex.bucket(of: key), index: index, manifest: manifest, cache: cache)
            try SubjectIndex.forEachValue(of: key, in: lines) { (value) throws(IndexDamage) in try body(value, true) }
        default:
            for value in try values(of: key) { try body(Array(value.utf8)[...], false) }
        }
    }

    private static func text(_ bytes: ArraySlice<UInt8>, escaped: Bool) -> String {
        escaped ? SubjectIndex.text(bytes) : String(decoding: bytes, as: UTF8.self)
    }

    /// A bucket's lines, read and checked once per `StoreIndex`.
    private func checkedLines(ofBucket bucket: Int, index: SubjectIndex, manifest: IndexManifest,
                              cache: BucketCache) throws(IndexDamage) -> [ArraySlice<UInt8>] {
        if let lines = cache.lines(of: bucket) { return lines }
        let lines = try index.lines(ofBucket: bucket, manifest: manifest)
        cache.keep(lines, for: bucket)
        return lines
    }

    /// The lookup an append's policy is given.
    public var lookup: EventLookup {
        EventLookup(locate: { id in try location(ofEvent: id).map { ($0.type, $0.sequence) } }, valuesOf: { try values(of: $0) },
                    read: { type, sequence in try envelope(at: KeyIndex.EventLocation(type: type, sequence: sequence)) })
    }

    /// Reads one event the index names and checks it is that event: the same number, name and,
    /// when the index recorded one, the same hash as when its chain was checked. A file changed
    /// since is `IndexDamage` (the caller rebuilds, and the rebuild's chain check names the
    /// damage), so an edit in place is never answered from.
    public func envelope(at location: KeyIndex.EventLocation) throws -> EventEnvelope {
        let path = EventShard.path(sequence: location.sequence, type: location.type)
        store.readWitness?.record(path, identity: FileIdentity.of(store.path(path)))
        let parsed = store.readParsed(path)
        switch parsed.envelope {
        case .failure(.ioError(let why)) where !FileManager.default.fileExists(atPath: store.path(path)):
            throw IndexDamage.staleEntry(file: path, reason: "there is no such file (\(why))")
        case .failure(let damage):
            throw StoreError.damaged(file: path, damage: damage)
        case .success(let envelope):
            guard envelope.sequence == location.sequence, envelope.fileName == EventShard.split(path).name else {
                throw StoreError.damaged(file: path, damage: .nameMismatch(expectedName: envelope.fileName))
            }
            if let hash = location.hash, hash != parsed.hash {
                throw IndexDamage.staleEntry(file: path, reason: "it hashes to \(parsed.hash.hex), not \(hash.hex) as when it was indexed")
            }
            return envelope
        }
    }

    /// Reads the events at these locations, on all cores, in the given order.
    public func envelopes(_ locations: [KeyIndex.EventLocation]) throws -> [EventEnvelope] {
        try envelopes(locations) { $0 }
    }

    /// The same, with the caller's work on each event done on all cores as it is read (decoding it).
    public func envelopes<T: Sendable>(_ locations: [KeyIndex.EventLocation],
                                       _ transform: @escaping @Sendable (EventEnvelope) throws -> T) throws -> [T] {
        try concurrentMap(count: locations.count) { i in Result<T, any Error> { try transform(envelope(at: locations[i])) } }
            .map { try $0.get() }
    }

    /// Reads and checks, on all cores, the files that hold these subjects' lists and these
    /// groups' lists, so that the questions asked of them next find them read: a subject's list
    /// and a group's list each take a chain check of their whole bucket, which is one thread's
    /// work.
    public func prefetch(subjects: [String], groups: [String]) throws(IndexDamage) {
        guard case let .disk(index, manifest, cache) = backend else { return }
        let keys = subjects.map { IndexKeyKinds.subjectPrefix + $0 } + groups.map(SubjectIndex.groupKey)
        let buckets = Array(Set(keys.map { SubjectIndex.bucket(of: KeyIndex.normalised($0)) })).filter { cache.lines(of: $0) == nil }
        guard buckets.count > 1 else { return }
        let read = concurrentMap(count: buckets.count) { i in
            Result { () throws(IndexDamage) in try index.lines(ofBucket: buckets[i], manifest: manifest) }
        }
        for (bucket, lines) in zip(buckets, read) { cache.keep(try lines.get(), for: bucket) }
    }
}

/// Buckets and leaves already read and checked, shared by the copies of one `StoreIndex`.
final class BucketCache: Sendable {
    private let buckets = Mutex<[Int: [ArraySlice<UInt8>]]>([:])
    private let leaves = Mutex<[Int: [ArraySlice<UInt8>]]>([:])

    func lines(of bucket: Int) -> [ArraySlice<UInt8>]? { buckets.withLock { $0[bucket] } }

    func keep(_ lines: [ArraySlice<UInt8>], for bucket: Int) { buckets.withLock { $0[bucket] = lines } }

    func lines(ofLeaf slot: Int) -> [ArraySlice<UInt8>]? { leaves.withLock { $0[slot] } }

    func keep(_ lines: [ArraySlice<UInt8>], forLeaf slot: Int) { leaves.withLock { $0[slot] = lines } }
}
