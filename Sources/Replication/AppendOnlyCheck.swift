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
    /// first reason it is not a pure append.
    ///
    /// Each added event is checked as the store checks a file (`ChainChecker`) and then judged by
    /// `policy` exactly as `append` judges it, against the names the history at `old` and the
    /// events added before it define: what an append refuses, a push and a sync refuse too.
    ///
    /// With `names`, the names of `old` are read from (and the new ones written to) that folder
    /// when it describes exactly `old`'s history, so the check reads only what `new` adds;
    /// otherwise `old`'s events are all read once, and the folder is written anew.
    public func added<Policy: AppendPolicy>(from old: String?, to new: String, policy: Policy,
                                            names: NamesIndex? = nil) throws -> [AddedEvent] {
        guard let names else { return try added(from: old, to: new, policy: policy, stored: nil) }
        let checked = try names.withLock { () throws -> [AddedEvent] in
            do {
                return try added(from: old, to: new, policy: policy, stored: names)
            } catch is IndexDamage {
                // A damaged names file: check again from the revision itself, and write it anew.
                return try added(from: old, to: new, policy: policy, stored: names, trustStored: false)
            }
        }
        // A names folder that cannot be written: check from the revision alone.
        return try checked ?? added(from: old, to: new, policy: policy, stored: nil)
    }

    private func added<Policy: AppendPolicy>(from old: String?, to new: String, policy: Policy, stored namesIndex: NamesIndex?,
                                             trustStored: Bool = true) throws -> [AddedEvent] {
        // A revision the repository does not hold would list as an empty tree, as if it added nothing.
        guard try repository.runAllowingFailure(["cat-file", "-e", new + "^{commit}"]).status == 0 else {
            throw ReplicationError.unknownCommit(new)
        }
        var addedPaths: [String]
        var checker = ChainChecker()
        var known = KeyIndex()
        var stored: StoredNames? = nil
        if let old {
            let ancestor = try repository.runAllowingFailure(["merge-base", "--is-ancestor", old, new])
            guard ancestor.status == 0 else { throw ReplicationError.notFastForward(old: old, new: new) }
            addedPaths = []
            for change in try repository.changes(from: old, to: new, folder: folder) {
                if change.isLink {
                    throw ReplicationError.history(file: change.path, damage: .wrongKind(found: .symbolicLink, expected: .regularFile))
                }
                if change.status == "A" {
                    addedPaths.append(change.path)
                } else if Self.isEventOrSignature(EventShard.split(change.path).name) {
                    throw change.status == "M" ? ReplicationError.eventModified(file: change.path)
                                               : ReplicationError.eventDeletedOrRenamed(file: change.path)
                }
            }
            if let last = try lastEvent(at: old) {
                let head = SHA256.hash(try repository.show(old, folder + "/" + last.path))
                checker = ChainChecker(after: last.sequence, head: head)
                if let namesIndex {
                    stored = trustStored ? namesIndex.names(sequence: last.sequence, head: head, policy: policy) : nil
                    if stored == nil {
                        stored = try? namesIndex.replace(sequence: last.sequence, head: head, policy: policy) { add in
                            try forEachEnvelope(at: old, add)
                        }
                    }
                }
                if stored == nil { try forEachEnvelope(at: old) { known.add($0, policy: policy) } }
            }
        } else {
            if let link = try repository.links(at: new, folder: folder).first {
                throw ReplicationError.history(file: link, damage: .wrongKind(found: .symbolicLink, expected: .regularFile))
            }
            addedPaths = Array(try repository.blobs(at: new, folder: folder).keys)
        }
        let events = try eventFiles(addedPaths)
        // Numbers and places first, so a gap or a misplaced file is refused before anything is read.
        var placeChecker = checker
        for (sequence, path) in events {
            let (shard, name) = EventShard.split(path)
            if let damage = placeChecker.checkPlace(name: name, folder: shard) { throw ReplicationError.history(file: path, damage: damage) }
            placeChecker = ChainChecker(after: sequence)
        }
        var added: [AddedEvent] = []
        try forEachFile(events.map(\.path), at: new) { path, bytes in
            let (shard, name) = EventShard.split(path)
            let event: StoredEvent
            switch checker.accept(name: name, folder: shard, ChainChecker.parse(bytes)) {
            case .success(let e): event = e
            case .failure(let damage): throw ReplicationError.history(file: path, damage: damage)
            }
            let lookup = (stored?.lookup(adding: known) ?? known.lookup).reading { type, sequence in
                // Every event before this one is in `new` (it extends `old`): a correction is checked against its target there.
                let bytes = try repository.show(new, folder + "/" + EventShard.path(sequence: sequence, type: type))
                return try? ChainChecker.parse(bytes).envelope.get()
            }
            do { try policy.check(event.envelope, lookup: lookup) } catch let damage as IndexDamage { throw damage } catch {
                throw ReplicationError.invalidEvent(file: path, refusal: (error as? StoreError).flatMap {
                    if case .refused(let refusal) = $0 { refusal } else { nil }
                } ?? PolicyRefusal(error))
            }
            if try lookup.type(ofEvent: event.envelope.id) != nil {
                throw ReplicationError.eventIDReused(file: path, id: event.envelope.id)
            }
            known.add(event.envelope, policy: policy)
            added.append(AddedEvent(path: path, envelope: event.envelope, hash: event.hash))
        }
        if let namesIndex, let last = added.last, stored != nil || old == nil {
            // Best effort: a names folder that cannot be written only costs a full read next time.
            try? namesIndex.extend(stored, with: added.map(\.envelope), head: last.hash, policy: policy)
        }
        return added
    }

    /// The event files among `paths` (inside the events folder), sorted by number; anything else
    /// but signatures and the signers list is refused.
    private func eventFiles(_ paths: [String]) throws -> [(sequence: Int, path: String)] {
        var events: [(sequence: Int, path: String)] = []
        for path in paths {
            let (shard, name) = EventShard.split(path)
            if EventFileName.signedEvent(of: name) != nil || (shard == nil && EventFileName.isIgnored(name)) { continue }
            // A shard folder is four digits directly in the events folder ("0001/", not "x/0001/").
            guard let sequence = EventFileName.sequence(of: name), shard.map({ EventShard.number(ofFolder: $0) != nil }) ?? true else {
                throw ReplicationError.history(file: path, damage: .unexpectedFile)
            }
            events.append((sequence, path))
        }
        return events.sorted { ($0.sequence, $0.path) < ($1.sequence, $1.path) }
    }

    /// Reads files of a revision a shard's worth at a time: one git process each, and memory
    /// bounded for a first push of a large history.
    private func forEachFile(_ paths: [String], at revision: String, _ body: (String, [UInt8]) throws -> Void) throws {
        for start in stride(from: 0, to: paths.count, by: EventShard.size) {
            let batch = Array(paths[start..<min(start + EventShard.size, paths.count)])
            let contents = try repository.show(revision, files: batch.map { folder + "/" + $0 })
            for (path, bytes) in zip(batch, contents) { try body(path, bytes) }
        }
    }

    /// Hands over every event of `revision` in order (read through `git cat-file --batch`); a
    /// file that no longer decodes is skipped: it was checked when it was pushed.
    func forEachEnvelope(at revision: String, _ body: (EventEnvelope) throws -> Void) throws {
        let paths = try eventFiles(Array(try repository.blobs(at: revision, folder: folder).keys)).map(\.path)
        try forEachFile(paths, at: revision) { _, bytes in
            if case .success(let envelope) = ChainChecker.parse(bytes).envelope { try body(envelope) }
        }
    }

    /// The checkpoint of the whole history at `revision`: every event read (through `git cat-file
    /// --batch`) and chained by `ChainChecker`, then its count, Merkle root and head. Costs a read
    /// of the whole history: for a checkpoint tag, not for every push.
    public func checkpoint(at revision: String, time: RecordedInstant) throws -> Checkpoint {
        var checker = ChainChecker()
        var leaves: [SHA256Digest] = []
        let paths = try eventFiles(Array(try repository.blobs(at: revision, folder: folder).keys)).map(\.path)
        try forEachFile(paths, at: revision) { path, bytes in
            let (shard, name) = EventShard.split(path)
            switch checker.accept(name: name, folder: shard, ChainChecker.parse(bytes)) {
            case .success(let event): leaves.append(MerkleTree.leafHash(event.hash.bytes))
            case .failure(let damage): throw ReplicationError.history(file: path, damage: damage)
            }
        }
        return Checkpoint(eventCount: leaves.count, root: MerkleTree.root(leafHashes: leaves), head: checker.head, time: time)
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
