import Foundation

extension EventStore {
    /// Runs `body` holding the store's append lock, so no append in this or any other process
    /// interleaves with it.
    ///
    /// For code that must change the events folder other than by appending one event, such as
    /// replication moving unpublished events aside and putting them back after others' events.
    /// Everything `body` does to the folder goes through the `LockedEventStore` it is given, which
    /// never takes the lock again (a second `flock` from the same process would wait forever).
    /// The caches in `.register/` are checked against the folder on the next use, so changes made
    /// here cost at most one rebuild.
    public func withAppendLock<T>(_ body: (LockedEventStore) throws -> T) throws -> T {
        let lock = try lockFolder()
        defer { lock.unlock(); lock.close() }
        return try body(LockedEventStore(store: self))
    }
}

/// The store while its append lock is held (see `EventStore.withAppendLock`).
public struct LockedEventStore {
    public let store: EventStore

    public var directory: String { store.directory }

    /// A folder of the store's own in its cache (`.register/<events>/<name>`), created when missing.
    public func cacheFolder(_ name: String) throws -> String {
        let folder = store.cacheDirectory + "/" + name
        try FileSystem.makeDirectory(URL(fileURLWithPath: store.cacheDirectory).deletingLastPathComponent().path)
        try FileSystem.makeDirectory(store.cacheDirectory)
        try FileSystem.makeDirectory(folder)
        return folder
    }

    public func listing() throws -> EventStore.Listing { try store.listing() }

    /// Moves event files (paths inside the events folder) out of the store into `folder`, newest
    /// first, so the store stays a gapless prefix at every moment; their signatures are removed.
    /// Each file keeps its name, or gets a numbered variant when `folder` already holds one.
    /// Both folders are synced before this returns.
    public func moveAside(_ entries: [EventEntries.Entry], signatures: [String: String], to folder: String) throws {
        var touched: Set<String> = [store.directory]
        for entry in entries.sorted(by: { $0.sequence > $1.sequence }) {
            try FileSystem.rename(store.path(entry.path), to: Self.freePath(for: entry.name, in: folder))
            if let signature = signatures[entry.path] { _ = Syscall.unlink(store.path(signature)) }
            if let shard = entry.folder { touched.insert(store.path(shard)) }
        }
        try FileSystem.syncDirectory(folder)
        for path in touched.sorted() { try FileSystem.syncDirectory(path) }
    }

    /// Appends as `EventStore.append` does, under the lock already held, with `recordedAt` given
    /// by the caller (replication keeps recorded instants from going backwards).
    public func append<Policy: AppendPolicy>(_ draft: EventDraft, recordedAt: RecordedInstant, policy: Policy) throws -> AppendReceipt {
        try EventStore(directory: store.directory, clock: { recordedAt }).appendHoldingLock(draft, expecting: nil, policy: policy,
                                                                                            signer: nil, dryRun: false)
    }

    /// Adds events that arrived from elsewhere (already in the folder, checked by the caller) to the
    /// caches; call it only when `cachesAreCurrent` held before they arrived, else the next use rebuilds.
    public func carryCachesForward<Policy: AppendPolicy>(adding events: [(envelope: EventEnvelope, hash: SHA256Digest)], policy: Policy) {
        for event in events { store.remember(appended: event.envelope, hash: event.hash, policy: policy) }
    }

    /// Whether the caches describe the store as it is now, at `sequence` events.
    public func cachesAreCurrent(at sequence: Int) -> Bool { store.validAppendState()?.sequence == sequence }

    /// A path for `name` in `folder` that no file has yet: the name, or `name.N.json`.
    static func freePath(for name: String, in folder: String) -> String {
        var candidate = folder + "/" + name
        var n = 1
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = folder + "/" + name.dropLast(5) + ".\(n).json"
            n += 1
        }
        return candidate
    }
}
