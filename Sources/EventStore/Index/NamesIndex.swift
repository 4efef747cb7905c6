/// The names a history defines (event ids, and the keys an `AppendPolicy` takes from events),
/// kept on disk for a history that is not an events folder: a git revision, as replication's
/// push hook and `sync` judge new events against it.
///
/// The same buckets and manifest as the subject index (`SubjectIndex`, `IndexManifest`),
/// without subject postings, bound to the last event of the history it describes (its sequence
/// number and hash) instead of a folder. `names(sequence:head:)` gives them only when the
/// manifest is intact and describes exactly that history; otherwise the caller reads the
/// revision and calls `replace`. So the cost of checking a push follows what it adds, not the
/// history's size, and a damaged or stale file costs one full read, never a wrong verdict.
public struct NamesIndex: Sendable {
    let index: SubjectIndex

    /// Keeps its files in `folder` (created when needed).
    public init(folder: String) { index = SubjectIndex(folder: folder) }

    /// The facts kept for one event.
    static func facts<Policy: AppendPolicy>(_ envelope: EventEnvelope, policy: Policy) -> [(key: String, value: String)] {
        [(IndexKeyKinds.eventPrefix + envelope.id, "\(envelope.type) \(envelope.sequence)")] + policy.keys(definedBy: envelope)
    }

    /// Names keep tallies as lists: a policy's check reads them as values.
    private static func kinds<Policy: AppendPolicy>(_ policy: Policy) -> IndexKeyKinds { IndexKeyKinds(keepingTalliesAsLists: policy) }

    private static func state(sequence: Int, head: SHA256Digest) -> AppendState {
        AppendState(sequence: sequence, headPath: "", headHash: head, directoryModified: 0, nextShardModified: 0)
    }

    /// A lookup over the names of the history that ends with event `sequence` hashing to `head`,
    /// or nil when the folder does not describe exactly that history.
    public func names<Policy: AppendPolicy>(sequence: Int, head: SHA256Digest, policy: Policy) -> StoredNames? {
        guard let manifest = index.loadManifest(), manifest.state.sequence == sequence, manifest.state.headHash == head else { return nil }
        return StoredNames(index: index, manifest: manifest, kinds: Self.kinds(policy))
    }

    /// Runs `body` holding an exclusive lock on the folder's `lock` file, so two checks (two
    /// pushes git runs hooks for at once) never write the same files together.
    /// Nil when the folder cannot be made or locked (read-only): then there is nothing to share.
    public func withLock<T>(_ body: () throws -> T) throws -> T? {
        guard makeFolders(), let lock = try? FileDescriptor.open(index.folder + "/lock", .appendCreate) else { return nil }
        defer { lock.unlock(); lock.close() }
        guard (try? lock.lockExclusive()) != nil else { return nil }
        return try body()
    }

    /// Makes the folder and any missing folders above it.
    private func makeFolders() -> Bool {
        var missing: [String] = []
        var path = index.folder
        while !path.isEmpty, path != "/", !Syscall.isDirectory(path) {
            missing.append(path)
            path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        }
        for folder in missing.reversed() where (try? FileSystem.makeDirectory(folder)) == nil { return false }
        return true
    }

    /// Writes the names of a whole history anew: `produce` hands over its events in order, and
    /// the last one ends with event `sequence` hashing to `head`. Returns them as stored.
    public func replace<Policy: AppendPolicy>(sequence: Int, head: SHA256Digest, policy: Policy,
                                              from produce: ((EventEnvelope) throws -> Void) throws -> Void) throws -> StoredNames? {
        try FileSystem.makeDirectory(index.folder)
        var rebuild = try SubjectIndex.Rebuild(index, state: Self.state(sequence: 0, head: .zero), events: sequence, kinds: Self.kinds(policy))
        try produce { envelope in try rebuild.add(Self.facts(envelope, policy: policy)) }
        try index.save(try rebuild.finish(state: Self.state(sequence: sequence, head: head)))
        return names(sequence: sequence, head: head, policy: policy)
    }

    /// Adds events that continue the history `names` describes (nil: the empty history); `head`
    /// is the last one's hash.
    public func extend<Policy: AppendPolicy>(_ names: StoredNames?, with envelopes: [EventEnvelope], head: SHA256Digest,
                                             policy: Policy) throws {
        var manifest: IndexManifest
        if let names { manifest = names.manifest } else {
            _ = try replace(sequence: 0, head: .zero, policy: policy) { _ in }
            guard let empty = index.loadManifest() else { return }
            manifest = empty
        }
        try index.add(envelopes.flatMap { Self.facts($0, policy: policy) }, to: &manifest, kinds: Self.kinds(policy))
        manifest.state = Self.state(sequence: envelopes.last?.sequence ?? manifest.state.sequence, head: head)
        try index.save(manifest)
    }
}

/// The names of one history, read from a `NamesIndex`, with the events a check adds on top.
public struct StoredNames: Sendable {
    let index: SubjectIndex
    let manifest: IndexManifest
    let kinds: IndexKeyKinds

    /// The lookup an append policy is given: `added` (events checked since, newer than anything
    /// stored) first, then the stored names. A bucket that does not match its manifest throws `IndexDamage`.
    public func lookup(adding added: KeyIndex) -> EventLookup {
        let (index, manifest, kinds) = (self.index, self.manifest, self.kinds)
        return EventLookup(locate: { id in
            if let l = added.location(ofEvent: id) { return (l.type, l.sequence) }
            guard let value = try index.values(of: IndexKeyKinds.eventPrefix + id, kind: .single, manifest: manifest).last else { return nil }
            let parts = value.split(separator: " ")
            guard parts.count == 2, let sequence = Int(parts[1]) else { throw IndexDamage.bucket("event:\(id)", "holds '\(value)'") }
            return (String(parts[0]), sequence)
        }, valuesOf: { key in
            try index.values(of: key, kind: kinds.kind(of: key), manifest: manifest) + added.allValues(of: key)
        })
    }
}
