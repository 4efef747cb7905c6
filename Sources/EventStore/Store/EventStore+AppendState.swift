import Foundation

extension EventStore {
    /// The cache folder: `.register/` beside the events folder, one subfolder per events folder name.
    var cacheDirectory: String {
        let url = URL(fileURLWithPath: directory)
        return url.deletingLastPathComponent().appendingPathComponent(".register").appendingPathComponent(url.lastPathComponent).path
    }

    private var appendStatePath: String { cacheDirectory + "/append-state.json" }
    private var eventIndex: EventIndex { EventIndex(folder: cacheDirectory + "/ids") }

    /// Takes the append lock: an exclusive `flock` on the events folder itself (it works on a
    /// directory descriptor on Linux), so a refused append leaves not even a lock file behind.
    func lockFolder() throws -> FileDescriptor {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError.missingDirectory(path: directory)
        }
        let lock = try FileDescriptor.open(directory, .readOnlyDirectory)
        do { try lock.lockExclusive() } catch { lock.close(); throw error }
        return lock
    }

    /// The head and lookups an append needs, found from the cache or by a replay.
    struct Prepared {
        var head: (sequence: Int, hash: SHA256Digest)?
        /// Type and sequence of a stored event by id.
        var locate: (String) throws -> (type: String, sequence: Int)?
        var lookup: EventLookup { EventLookup(typeOf: { try locate($0)?.type }) }
    }

    /// Under the lock: restores the policy from a valid append state, or replays everything.
    func prepare<Policy: AppendPolicy>(_ policy: inout Policy, cleaning: Bool) throws -> Prepared {
        let index = eventIndex
        if let state = validAppendState(), state.sequence > 0, let snapshot = state.policy, policy.restore(snapshot) {
            return Prepared(head: (state.sequence, state.headHash), locate: index.location(of:))
        }
        // Slow path: replay and check the whole store, then write the caches anew.
        if cleaning { for leftover in try listing().temporaries { _ = Syscall.unlink(path(leftover)) } }
        var located: [String: (type: String, sequence: Int)] = [:]
        var entries: [(id: String, type: String, sequence: Int)] = []
        var head: StoredEvent? = nil
        try replay { event in
            located[event.envelope.id] = (event.envelope.type, event.envelope.sequence)
            entries.append((event.envelope.id, event.envelope.type, event.envelope.sequence))
            try policy.observe(event)
            head = event
        }
        if let head, cleaning, policy.snapshot != nil {
            // Best effort: a store on read-only media still appends by replaying.
            try? index.rebuild(entries)
            try? saveAppendState(AppendState(sequence: head.envelope.sequence, headName: head.fileName, headHash: head.hash,
                                             directoryModified: Syscall.modificationTime(directory) ?? 0, policy: policy.snapshot))
        }
        let found = located
        return Prepared(head: head.map { ($0.envelope.sequence, $0.hash) }, locate: { found[$0] })
    }

    /// Updates the caches after an event was linked; a failure here only costs a replay next time.
    func remember<Policy: AppendPolicy>(appended envelope: EventEnvelope, hash: SHA256Digest, policy: Policy) throws {
        var policy = policy
        guard policy.snapshot != nil else { return }
        let stored = StoredEvent(envelope: envelope, hash: hash, fileName: envelope.fileName, byteCount: 0)
        try? policy.observe(stored)
        do {
            try FileSystem.makeDirectory(URL(fileURLWithPath: cacheDirectory).deletingLastPathComponent().path)
            try FileSystem.makeDirectory(cacheDirectory)
            try FileSystem.makeDirectory(eventIndex.folder)
            try eventIndex.add(id: envelope.id, type: envelope.type, sequence: envelope.sequence)
            try saveAppendState(AppendState(sequence: envelope.sequence, headName: envelope.fileName, headHash: hash,
                                            directoryModified: Syscall.modificationTime(directory) ?? 0, policy: policy.snapshot))
        } catch {
            _ = Syscall.unlink(appendStatePath)
        }
    }

    /// The saved state, when the folder has not changed since it was written and the head still matches.
    private func validAppendState() -> AppendState? {
        guard let bytes = try? FileSystem.read(appendStatePath), let json = try? JSONParser.parse(bytes),
              let state = AppendState(json: json),
              let modified = Syscall.modificationTime(directory), modified == state.directoryModified,
              let head = try? FileSystem.read(path(state.headName)), SHA256.hash(head) == state.headHash,
              EventFileName.sequence(of: state.headName) == state.sequence else { return nil }
        return state
    }

    private func saveAppendState(_ state: AppendState) throws {
        try FileSystem.makeDirectory(URL(fileURLWithPath: cacheDirectory).deletingLastPathComponent().path)
        try FileSystem.makeDirectory(cacheDirectory)
        try FileSystem.replaceContents(of: appendStatePath, with: JSONWriter.compact(state.json))
    }
}
