import Foundation

extension EventStore {
    /// `.register/<events folder name>/` beside an events folder (relative to the working directory).
    static func cacheDirectory(of directory: String) -> String {
        let url = URL(fileURLWithPath: directory)
        return url.deletingLastPathComponent().appendingPathComponent(".register").appendingPathComponent(url.lastPathComponent).path
    }

    var subjectIndex: SubjectIndex { SubjectIndex(folder: cacheDirectory + "/index") }

    /// Takes the append lock: an exclusive `flock` on the events folder itself (it works on a
    /// directory descriptor on Linux), so a refused append leaves not even a lock file behind.
    func lockFolder() throws -> FileDescriptor {
        guard Syscall.isDirectory(directory) else { throw StoreError.noEventsFolder(at: directory) }
        let lock = try FileDescriptor.open(directory, .readOnlyDirectory)
        do { try lock.lockExclusive() } catch { lock.close(); throw error }
        return lock
    }

    /// The head and the lookups an append needs, from the index or from a rebuild.
    struct Prepared {
        var head: (sequence: Int, hash: SHA256Digest)?
        var lookup: EventLookup
        /// Whether a lookup found an index file damaged (a policy may turn that error into its own).
        var damage = IndexDamageSentinel()
        /// The valid manifest the lookups come from (nil after a rebuild): still the one on disk
        /// when the event is linked, as nothing else writes while the lock is held.
        var manifest: IndexManifest?
    }

    /// Under the lock: uses a valid index, or replays everything and rebuilds it.
    func prepare<Policy: AppendPolicy>(_ policy: Policy, cleaning: Bool) throws -> Prepared {
        if let manifest = validIndex() {
            let index = StoreIndex(store: self, disk: subjectIndex, manifest: manifest, kinds: IndexKeyKinds(policy))
            let damage = IndexDamageSentinel()
            return Prepared(head: manifest.state.sequence == 0 ? nil : (manifest.state.sequence, manifest.state.headHash),
                            lookup: damage.watching(index.lookup), damage: damage, manifest: manifest)
        }
        if cleaning { for leftover in try listing().temporaries { _ = Syscall.unlink(path(leftover)) } }
        let index = try rebuildIndex(policy: policy, write: cleaning)
        return Prepared(head: index.sequence == 0 ? nil : (index.sequence, index.head), lookup: index.lookup)
    }

    /// The facts the index keeps about one event (see `SubjectIndex`).
    /// Event and subject entries carry the file's hash, so a reader checks that the file it
    /// reads is still the one whose chain was checked (`StoreIndex.envelope`).
    func facts<Policy: AppendPolicy>(for envelope: EventEnvelope, hash: SHA256Digest, policy: Policy,
                                     resolve: (String) -> EventEnvelope?) -> [(key: String, value: String)] {
        let hex = hash.hex, sequence = String(envelope.sequence)
        var facts: [(key: String, value: String)] = [(IndexKeyKinds.eventPrefix + envelope.id, envelope.type + " " + sequence + " " + hex)]
        let entries = policy.indexEntries(of: envelope, resolve: resolve)
        facts += entries.keys
        let location = sequence + " " + envelope.type + " " + hex
        for subject in Set(entries.subjects.map(KeyIndex.normalised)).sorted() {
            facts.append((IndexKeyKinds.subjectPrefix + subject, location))
            if let group = policy.group(ofSubject: subject) {
                facts.append((SubjectIndex.groupKey(group), subject + " " + location))
            }
        }
        return facts
    }

    /// Replays and checks the whole store and builds the index from it: on disk when `write`
    /// and the cache folder can be written (streamed to the buckets, so memory stays bounded by
    /// the buffers and the id table), else in memory for this process only.
    func rebuildIndex<Policy: AppendPolicy>(policy: Policy, write: Bool) throws -> StoreIndex {
        let listing = try listing()
        var head: StoredEvent? = nil
        // Event ids by a 64-bit hash of the id, to find the target of a correction without keeping every id.
        var sequenceOfID: [UInt64: [Int32]] = [:]
        func idHash(_ id: String) -> UInt64 { SubjectIndex.fnv(KeyIndex.normalised(id)) }
        let resolve: (String) -> EventEnvelope? = { id in
            for sequence in sequenceOfID[idHash(id)] ?? [] {
                let entry = listing.events[Int(sequence) - 1]
                if case .success(let envelope) = self.readParsed(entry.path).envelope, envelope.id == id { return envelope }
            }
            return nil
        }
        let kinds = IndexKeyKinds(policy)
        var rebuild: SubjectIndex.Rebuild? = nil
        if write {
            rebuild = try? { () throws -> SubjectIndex.Rebuild in
                try makeCacheDirectory()
                return try SubjectIndex.Rebuild(subjectIndex, state: appendState(head: 0, path: "", hash: .zero), events: listing.events.count,
                                                kinds: kinds)
            }()
        }
        var memory: [String: [String]] = [:]
        let placing = rebuild != nil // else (no cache folder) the facts stay in memory
        do {
            // An event's facts are worked out on all cores as it is read, unless they need an
            // earlier event (one the policy resolves by id): those wait for their turn, with `resolve`.
            try replay(listing: listing, prepare: { envelope, hash -> (facts: [(key: String, value: String)], placed: [SubjectIndex.PlacedFact])? in
                var needsEarlier = false
                let facts = self.facts(for: envelope, hash: hash, policy: policy) { _ in needsEarlier = true; return nil }
                // What goes to disk is placed here; the facts themselves only go back when they stay in memory.
                return needsEarlier ? nil : placing ? ([], SubjectIndex.place(facts, kinds: kinds)) : (facts, [])
            }) { event, prepared in
            let facts = prepared?.facts ?? self.facts(for: event.envelope, hash: event.hash, policy: policy, resolve: resolve)
            if rebuild != nil {
                do {
                    if let placed = prepared?.placed { try rebuild!.add(placed: placed) } else { try rebuild!.add(facts) }
                } catch { rebuild = nil; throw IndexWriteFailure() }
            } else {
                for fact in facts {
                    let key = KeyIndex.normalised(fact.key)
                    if kinds.kind(of: key) == .single { memory[key] = [fact.value] } else { memory[key, default: []].append(fact.value) }
                }
            }
            sequenceOfID[idHash(event.envelope.id), default: []].append(Int32(truncatingIfNeeded: event.envelope.sequence))
            head = event
            }
        } catch is IndexWriteFailure {
            // The cache folder stopped taking writes (full, read-only): answer from memory instead.
            _ = Syscall.unlink(subjectIndex.manifestPath)
            return try rebuildIndex(policy: policy, write: false)
        }
        let state = appendState(head: head?.envelope.sequence ?? 0, path: head?.path ?? "", hash: head?.hash ?? .zero)
        if var rebuild {
            do {
                let manifest = try rebuild.finish(state: state)
                try subjectIndex.save(manifest)
                return StoreIndex(store: self, disk: subjectIndex, manifest: manifest, kinds: kinds)
            } catch {
                _ = Syscall.unlink(subjectIndex.manifestPath)
                return try rebuildIndex(policy: policy, write: false)
            }
        }
        return StoreIndex(store: self, backend: .memory(memory, sequence: state.sequence, head: state.headHash), kinds: kinds)
    }

    /// Updates the index after an event was linked; a failure here only costs a rebuild next time.
    /// `current` is the manifest on disk when the caller read it under the lock it still holds.
    func remember<Policy: AppendPolicy>(appended envelope: EventEnvelope, hash: SHA256Digest, policy: Policy,
                                        current: IndexManifest? = nil) {
        do {
            guard var manifest = current ?? subjectIndex.loadManifest(), manifest.state.sequence == envelope.sequence - 1 else {
                _ = Syscall.unlink(subjectIndex.manifestPath)
                return
            }
            let resolve: (String) -> EventEnvelope? = { id in
                let index = StoreIndex(store: self, disk: self.subjectIndex, manifest: manifest, kinds: IndexKeyKinds(policy))
                return (try? index.location(ofEvent: id)).flatMap { location in
                    try? index.envelope(at: location)
                }
            }
            let facts = facts(for: envelope, hash: hash, policy: policy, resolve: resolve)
            try subjectIndex.add(facts, to: &manifest, kinds: IndexKeyKinds(policy))
            manifest.state = appendState(head: envelope.sequence, path: EventShard.path(sequence: envelope.sequence, type: envelope.type),
                                         hash: hash)
            try subjectIndex.save(manifest)
        } catch {
            _ = Syscall.unlink(subjectIndex.manifestPath)
        }
    }

    private func makeCacheDirectory() throws {
        try FileSystem.makeDirectory(URL(fileURLWithPath: cacheDirectory).deletingLastPathComponent().path)
        try FileSystem.makeDirectory(cacheDirectory)
        try FileSystem.makeDirectory(subjectIndex.folder)
    }

    /// The state to save for a head: it reads the folders' modification times now.
    private func appendState(head sequence: Int, path headPath: String, hash: SHA256Digest) -> AppendState {
        AppendState(sequence: sequence, headPath: headPath, headHash: hash,
                    directoryModified: Syscall.modificationTime(directory) ?? 0, nextShardModified: nextShardModified(after: sequence))
    }

    private func nextShardModified(after sequence: Int) -> Int64 {
        EventShard.folder(of: sequence + 1).flatMap { Syscall.modificationTime(path($0)) } ?? 0
    }

    /// The index's manifest, when it is intact, the folders have not changed since it was
    /// written and the head file still hashes to the recorded hash.
    func validIndex() -> IndexManifest? {
        guard let manifest = subjectIndex.loadManifest() else { return nil }
        let state = manifest.state
        guard let modified = Syscall.modificationTime(directory), modified == state.directoryModified,
              nextShardModified(after: state.sequence) == state.nextShardModified else { return nil }
        if state.sequence == 0 { return state.headHash == .zero ? manifest : nil }
        guard let head = try? FileSystem.read(path(state.headPath)), SHA256.hash(head) == state.headHash,
              EventFileName.sequence(of: EventShard.split(state.headPath).name) == state.sequence else { return nil }
        return manifest
    }

    /// Whether the index describes the store at `sequence` events.
    func validAppendState() -> AppendState? { validIndex()?.state }

    /// The index of the store as it is now: the one on disk when it is valid, else rebuilt (under
    /// the append lock, so no append runs meanwhile) from a full, checked replay.
    ///
    /// Throws `StoreError.damaged` when the store itself is damaged: no answer comes from a
    /// history with a hole or a break in it.
    public func index<Policy: AppendPolicy>(policy: Policy) throws -> StoreIndex {
        if let manifest = validIndex() { return StoreIndex(store: self, disk: subjectIndex, manifest: manifest, kinds: IndexKeyKinds(policy)) }
        let lock: FileDescriptor?
        do { lock = try lockFolder() } catch let error as StoreError where error.isNoEventsFolder { throw error } catch {
            lock = nil // a folder this process may not lock (read-only media) is indexed in memory
        }
        defer { lock?.unlock(); lock?.close() }
        if let manifest = validIndex() { return StoreIndex(store: self, disk: subjectIndex, manifest: manifest, kinds: IndexKeyKinds(policy)) }
        // Under the lock no append is writing, so a temporary file is an interrupted append's
        // leftover: removed before the rebuild, as an append's own rebuild does (else the index
        // would record the folder with it, and no later append would see a reason to clean).
        if lock != nil { for leftover in try listing().temporaries { _ = Syscall.unlink(path(leftover)) } }
        return try rebuildIndex(policy: policy, write: lock != nil)
    }

    /// Rebuilds the index from the events even when it looks valid (after `IndexDamage`).
    public func rebuiltIndex<Policy: AppendPolicy>(policy: Policy) throws -> StoreIndex {
        let lock = try? lockFolder()
        defer { lock?.unlock(); lock?.close() }
        return try rebuildIndex(policy: policy, write: lock != nil)
    }
}

/// The cache folder refused a write while the index was being rebuilt.
private struct IndexWriteFailure: Error {}
