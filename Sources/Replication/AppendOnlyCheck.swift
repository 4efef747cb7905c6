import EventStore
import Foundation

/// Checks, inside git, that one revision's events folder purely appends to another's.
///
/// Used by the server-side hook (a push must only add events) and by `sync` (what arrived
/// must extend what was published). Cost is proportional to what was added: git compares the
/// two trees (skipping unchanged shard folders by their tree id), the old head is found from
/// the last shard folder alone, and only the new events are read, parsed and chained.
public struct AppendOnlyCheck {
    public let repository: GitRepository
    /// The events folder's path inside the repository, e.g. `events`.
    public let folder: String

    public init(repository: GitRepository, folder: String) {
        self.repository = repository
        self.folder = folder
    }

    /// An event that a new revision adds.
    public struct AddedEvent {
        /// Its path inside the events folder.
        public let path: String
        public let envelope: EventEnvelope
        /// SHA-256 of its bytes.
        public let hash: SHA256Digest
    }

    /// Returns the events `new` adds to `old` (nil: an empty history), in order, or throws the
    /// first reason it is not a pure append. `validate` judges each added event.
    public func added(from old: String?, to new: String,
                      validate: (EventEnvelope) throws -> Void = { _ in }) throws -> [AddedEvent] {
        var addedPaths: [String]
        var previous: (sequence: Int, hash: SHA256Digest) = (0, .zero)
        if let old {
            let ancestor = try repository.runAllowingFailure(["merge-base", "--is-ancestor", old, new])
            guard ancestor.status == 0 else { throw ReplicationError.notFastForward(old: old, new: new) }
            addedPaths = []
            for change in try repository.changes(from: old, to: new, folder: folder) {
                if change.status == "A" {
                    addedPaths.append(change.path)
                } else if Self.isEventOrSignature(EventShard.split(change.path).name) {
                    throw change.status == "M" ? ReplicationError.eventModified(file: change.path)
                                               : ReplicationError.eventDeletedOrRenamed(file: change.path)
                }
            }
            if let last = try lastEvent(at: old) {
                previous = (last.sequence, SHA256.hash(try repository.show(old, folder + "/" + last.path)))
            }
        } else {
            addedPaths = Array(try repository.blobs(at: new, folder: folder).keys)
        }
        var events: [(sequence: Int, path: String)] = []
        for path in addedPaths {
            let (shard, name) = EventShard.split(path)
            if EventFileName.signedEvent(of: name) != nil || (shard == nil && EventFileName.isIgnored(name)) { continue }
            // A shard folder is four digits directly in the events folder ("0001/", not "x/0001/").
            guard let sequence = EventFileName.sequence(of: name), shard.map({ EventShard.number(ofFolder: $0) != nil }) ?? true else {
                throw ReplicationError.unexpectedFile(file: path)
            }
            events.append((sequence, path))
        }
        events.sort { ($0.sequence, $0.path) < ($1.sequence, $1.path) }
        // Numbers and places first, so a gap or a misplaced file is refused before anything is read.
        for (offset, (sequence, path)) in events.enumerated() {
            let (shard, name) = EventShard.split(path)
            guard sequence == previous.sequence + 1 + offset else {
                throw ReplicationError.sequence(file: path, expected: previous.sequence + 1 + offset)
            }
            guard EventShard.accepts(folder: shard, sequence: sequence) else {
                throw ReplicationError.misplaced(file: path, expectedPath: EventShard.path(ofFile: name, sequence: sequence))
            }
        }
        var previousHash = previous.hash
        var added: [AddedEvent] = []
        // Read a shard's worth at a time: one git process each, and memory bounded for a first push of a large history.
        for start in stride(from: 0, to: events.count, by: EventShard.size) {
            let batch = events[start..<min(start + EventShard.size, events.count)]
            let contents = try repository.show(new, files: batch.map { folder + "/" + $0.path })
            for ((sequence, path), bytes) in zip(batch, contents) {
                let name = EventShard.split(path).name
                let envelope: EventEnvelope
                do { envelope = try EventEnvelope(stored: try JSONParser.parse(bytes)) } catch {
                    throw ReplicationError.invalidEvent(file: path, reason: "\(error)")
                }
                guard envelope.fileName == name, envelope.sequence == sequence else {
                    throw ReplicationError.sequence(file: path, expected: sequence)
                }
                guard envelope.previousHash == previousHash else { throw ReplicationError.brokenChain(file: path) }
                do { try validate(envelope) } catch { throw ReplicationError.invalidEvent(file: path, reason: "\(error)") }
                let hash = SHA256.hash(bytes)
                added.append(AddedEvent(path: path, envelope: envelope, hash: hash))
                previousHash = hash
            }
        }
        return added
    }

    /// The newest event at a revision, found without listing the whole history: it is either
    /// directly in the events folder (the first 9,999, or any event of a store from before
    /// sharding) or in the highest-numbered shard folder.
    public func lastEvent(at revision: String) throws -> (sequence: Int, path: String)? {
        let top = try repository.children(at: revision, folder: folder)
        var best: (sequence: Int, path: String)? = nil
        func consider(_ name: String, in shard: String?) {
            guard let sequence = EventFileName.sequence(of: name), sequence > (best?.sequence ?? 0) else { return }
            best = (sequence, shard.map { $0 + "/" + name } ?? name)
        }
        for name in top.keys { consider(name, in: nil) }
        if let shard = top.keys.filter({ EventShard.number(ofFolder: $0) != nil }).max() {
            for name in try repository.children(at: revision, folder: folder + "/" + shard).keys { consider(name, in: shard) }
        }
        return best
    }

    static func isEventOrSignature(_ name: String) -> Bool {
        EventFileName.sequence(of: name) != nil || EventFileName.signedEvent(of: name) != nil
    }
}
