import Foundation

extension EventStore {
    /// The cache folder: `.register/` beside the events folder, one subfolder per events folder name.
    public var cacheDirectory: String {
        let url = URL(fileURLWithPath: directory)
        return url.deletingLastPathComponent().appendingPathComponent(".register").appendingPathComponent(url.lastPathComponent).path
    }

    private var appendStatePath: String { cacheDirectory + "/append-state.json" }
    private var eventIndex: EventIndex { EventIndex(folder: cacheDirectory + "/index") }

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

    /// The head and the lookups an append needs, from the cache or from a replay.
    struct Prepared {
        var head: (sequence: Int, hash: SHA256Digest)?
        var lookup: EventLookup
    }

    /// Under the lock: uses a valid append state and the index, or replays everything and rebuilds both.
    func prepare<Policy: AppendPolicy>(_ policy: Policy, cleaning: Bool) throws -> Prepared {
        let index = eventIndex
        if let state = validAppendState() {
            return Prepared(head: (state.sequence, state.headHash),
                            lookup: EventLookup(locate: index.location(ofEvent:), valueOf: index.value(of:)))
        }
        // Slow path: replay and check the whole store, then write the caches anew.
        if cleaning { for leftover in try listing().temporaries { _ = Syscall.unlink(path(leftover)) } }
        var entries: [(key: String, value: String)] = []
        var head: StoredEvent? = nil
        try replay { event in
            entries += EventIndex.entries(for: event.envelope, policyKeys: policy.keys(definedBy: event.envelope))
            head = event
        }
        var memory: [String: String] = [:]
        for entry in entries { memory[EventIndex.normalised(entry.key)] = entry.value }
        if let head, cleaning {
            // Best effort: a store on read-only media still appends, by replaying each time.
            do {
                try makeCacheDirectory()
                try index.rebuild(entries)
                try saveAppendState(appendState(head: head.envelope.sequence, path: head.path, hash: head.hash))
            } catch {
                _ = Syscall.unlink(appendStatePath)
            }
        }
        let known = memory
        let locate: (String) -> (type: String, sequence: Int)? = { id in
            guard let parts = known["event:" + id]?.split(separator: " "), parts.count == 2, let seq = Int(parts[1]) else { return nil }
            return (String(parts[0]), seq)
        }
        return Prepared(head: head.map { ($0.envelope.sequence, $0.hash) },
                        lookup: EventLookup(locate: locate, valueOf: { known[EventIndex.normalised($0)] }))
    }

    /// Updates the caches after an event was linked; a failure here only costs a replay next time.
    func remember<Policy: AppendPolicy>(appended envelope: EventEnvelope, hash: SHA256Digest, policy: Policy) {
        do {
            try makeCacheDirectory()
            try eventIndex.add(EventIndex.entries(for: envelope, policyKeys: policy.keys(definedBy: envelope)))
            try saveAppendState(appendState(head: envelope.sequence, path: EventShard.path(sequence: envelope.sequence, type: envelope.type),
                                            hash: hash))
        } catch {
            _ = Syscall.unlink(appendStatePath)
        }
    }

    private func makeCacheDirectory() throws {
        try FileSystem.makeDirectory(URL(fileURLWithPath: cacheDirectory).deletingLastPathComponent().path)
        try FileSystem.makeDirectory(cacheDirectory)
        try FileSystem.makeDirectory(eventIndex.folder)
    }

    /// The state to save for a head: it reads the folders' modification times now.
    private func appendState(head sequence: Int, path headPath: String, hash: SHA256Digest) -> AppendState {
        AppendState(sequence: sequence, headPath: headPath, headHash: hash,
                    directoryModified: Syscall.modificationTime(directory) ?? 0, nextShardModified: nextShardModified(after: sequence))
    }

    private func nextShardModified(after sequence: Int) -> Int64 {
        EventShard.folder(of: sequence + 1).flatMap { Syscall.modificationTime(path($0)) } ?? 0
    }

    /// The saved state, when the folders have not changed since it was written and the head still matches.
    func validAppendState() -> AppendState? {
        guard let bytes = try? FileSystem.read(appendStatePath), let json = try? JSONParser.parse(bytes),
              let state = AppendState(json: json),
              let modified = Syscall.modificationTime(directory), modified == state.directoryModified,
              nextShardModified(after: state.sequence) == state.nextShardModified,
              let head = try? FileSystem.read(path(state.headPath)), SHA256.hash(head) == state.headHash,
              EventFileName.sequence(of: EventShard.split(state.headPath).name) == state.sequence else { return nil }
        return state
    }

    private func saveAppendState(_ state: AppendState) throws {
        try FileSystem.replaceContents(of: appendStatePath, with: JSONWriter.compact(state.json))
    }
}
