import Foundation

/// An append-only history of events, one file each, in one folder (sharded by `EventShard`), chained by SHA-256.
///
/// Reading (`replay`, `head`) needs no lock: an event file appears whole under its
/// final name or not at all (see `append`). Appending takes an exclusive `flock` on
/// the folder, so appends from many processes are serialised and
/// sequence numbers stay gapless.
///
/// What the chain does not cover: deleting the newest events, or rewriting the history
/// from some point on with a recomputed chain, leaves a valid-looking chain. Compare the
/// store with a published checkpoint to catch those.
public struct EventStore: Sendable {
    public let directory: String
    /// The cache folder: `.register/<events folder name>/` beside the events folder (worked out
    /// once: Foundation's URLs cost an append a fraction of a millisecond at every use).
    public let cacheDirectory: String
    /// The largest event file the store accepts (1 MiB): an event is a decision, not an attachment.
    public static let maximumEventBytes = 1 << 20
    /// The largest detached signature `verify` hands to `ssh-keygen` (64 KiB): an OpenSSH
    /// signature is under 2 KB even with a 16384-bit RSA key; a larger file is damage.
    public static let maximumSignatureBytes = 1 << 16
    let now: @Sendable () -> RecordedInstant
    /// Told of every event file read through this store's index, when set (`witnessed(by:)`).
    var readWitness: ReadWitness? = nil

    /// - Parameter clock: where `recordedAt` comes from; tests inject a fixed clock.
    public init(directory: String, clock: @escaping @Sendable () -> RecordedInstant = RecordedInstant.now) {
        self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        self.cacheDirectory = Self.cacheDirectory(of: self.directory)
        self.now = clock
    }

    public func path(_ name: String) -> String { directory + "/" + name }

    /// The folder's entries sorted into event files, temporaries and anything else; paths are
    /// relative to the events folder and include the shard folder (`0001/00012345-x.json`).
    public struct Listing: Sendable {
        public internal(set) var events = EventEntries()
        public internal(set) var temporaries: [String] = []
        public internal(set) var unexpected: [String] = []
        /// Detached signatures, by the path of the event file they sign.
        public internal(set) var signatures: [String: String] = [:]
        /// Entries named like a shard folder or a signature that are something else (a symbolic
        /// link, a file, a pipe): never followed or read. An event file of the wrong kind stays in
        /// `events`, where reading it reports the damage in its place in the chain.
        public internal(set) var wrongKind: [(path: String, found: FileKind, expected: FileKind)] = []
    }

    /// The events folder's event files, sorted by sequence, with temporaries, signatures and strangers.
    /// Symbolic links inside the events folder are never followed (the folder itself may be one).
    public func listing() throws -> Listing {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError.noEventsFolder(at: directory)
        }
        var result = Listing()
        var shardFolders: [(name: String, number: Int)] = []
        func sort(_ name: String, kind: FileKind?, in folder: String?, shard: Int?) {
            let path = folder.map { $0 + "/" + name } ?? name
            if let sequence = EventFileName.sequence(of: name) {
                result.events.append(sequence: sequence, name: name, shard: shard)
            } else if let event = EventFileName.signedEvent(of: name) {
                if let kind, kind != .regularFile {
                    result.wrongKind.append((path, kind, .regularFile))
                } else {
                    result.signatures[folder.map { $0 + "/" + event } ?? event] = path
                }
            } else if name.hasPrefix(EventFileName.temporaryPrefix) {
                result.temporaries.append(path)
            } else if folder != nil || !EventFileName.isIgnored(name) {
                result.unexpected.append(path)
            }
        }
        try FileSystem.forEachEntry(in: directory) { name, kind in
            if let number = EventShard.number(ofFolder: name) {
                if kind == .folder {
                    shardFolders.append((name, number))
                } else if let kind {
                    result.wrongKind.append((name, kind, .folder))
                }
            } else {
                sort(name, kind: kind, in: nil, shard: nil)
            }
        }
        for folder in shardFolders {
            try FileSystem.forEachEntry(in: path(folder.name)) { sort($0, kind: $1, in: folder.name, shard: folder.number) }
        }
        result.events.sort()
        result.temporaries.sort()
        result.unexpected.sort()
        result.wrongKind.sort { $0.path < $1.path }
        return result
    }

    /// Reads every event in order, checked by the `ChainChecker`.
    ///
    /// Stops at the first damage with `StoreError.damaged` naming the file. Files are read,
    /// hashed and parsed a window at a time on all cores, then checked and handed to `body`
    /// strictly in order, so memory stays flat (one window) and the first bad file is the one
    /// reported. Temporary files are skipped (see `verify`).
    public func replay(_ body: (StoredEvent) throws -> Void) throws {
        try replay(listing: try listing(), body)
    }

    /// The same, with work of the caller's done on all cores as files are read: `prepare` sees
    /// each well-formed envelope (with its file's hash) before its place in the chain is checked,
    /// and `body` gets its result with the event, in order. For work that needs no earlier
    /// event, such as decoding a payload.
    public func replay<Prepared: Sendable>(prepare: @escaping @Sendable (EventEnvelope, SHA256Digest) -> Prepared,
                                           _ body: (StoredEvent, Prepared) throws -> Void) throws {
        try replay(listing: try listing(), prepare: prepare, body)
    }

    func replay(listing: Listing, survey: ((_ file: String, _ damage: Damage) throws -> Void)? = nil,
                _ body: (StoredEvent) throws -> Void) throws {
        try replay(listing: listing, survey: survey, prepare: { _, _ in () }) { event, _ in try body(event) }
    }

    /// - Parameter survey: nil stops at the first damage (`StoreError.damaged`). Given, each
    ///   damaged file is handed to it and the check carries on after it, so every damaged file
    ///   is named (`verify`); `body` sees only the events that passed.
    func replay<Prepared: Sendable>(listing: Listing, survey: ((_ file: String, _ damage: Damage) throws -> Void)? = nil,
                                    prepare: @escaping @Sendable (EventEnvelope, SHA256Digest) -> Prepared,
                                    _ body: (StoredEvent, Prepared) throws -> Void) throws {
        var checker = ChainChecker()
        checker.reserveCapacity(listing.events.count)
        var previousPath: String? = nil
        var lastBlamed: String? = nil
        let window = 2048
        func slice(from start: Int) -> [EventEntries.Entry] {
            Array(listing.events[start..<min(start + window, listing.events.count)])
        }
        // While one window is checked and handed over, the next is read and parsed. Each window's
        // entries (their names made from the listing) are made once, for its load and its check.
        let ahead = WindowLoad<Prepared>()
        defer { ahead.wait() }
        var entriesNext = slice(from: 0)
        var loadedNext = load(entriesNext, prepare: prepare)
        var start = 0
        while start < listing.events.count {
            let entries = entriesNext
            // The window's files belong to the box alone, so that another thread can free them.
            let loaded = WindowFiles(loadedNext)
            loadedNext = []
            let more = start + window < listing.events.count
            if more {
                let following = slice(from: start + window)
                entriesNext = following
                ahead.start { self.load(following, prepare: prepare) }
            }
            defer { if more { loadedNext = ahead.wait() ?? [] } }
            for (i, entry) in entries.enumerated() {
                var outcome = checker.accept(name: entry.name, folder: entry.folder, loaded[i].file)
                if case .failure(.missingSequence) = outcome, let survey {
                    // Name the gap, then judge the file itself as if the gap were not there.
                    try survey(entry.path, .missingSequence(expected: checker.sequence + 1))
                    lastBlamed = entry.path
                    checker.resume(after: entry.sequence - 1, head: nil)
                    outcome = checker.accept(name: entry.name, folder: entry.folder, loaded[i].file)
                }
                switch outcome {
                case .success(let event):
                    // `accept` succeeds only for a well-formed envelope, and every one was prepared.
                    guard let prepared = loaded[i].prepared else {
                        throw StoreError.damaged(file: event.path, damage: .unreadable("the file changed while it was read"))
                    }
                    try body(event, prepared)
                    previousPath = event.path
                case .failure(let damage):
                    var next: ChainChecker.ParsedFile? = nil
                    if case .brokenLink = damage, start + i + 1 < listing.events.count {
                        next = i + 1 < entries.count ? loaded[i + 1].file : readParsed(listing.events[start + i + 1].path)
                    }
                    let blamed = ChainChecker.blame(damage, file: entry.path, previous: previousPath, fileHash: loaded[i].file.hash, after: next)
                    guard let survey else { throw StoreError.damaged(file: blamed.file, damage: blamed.damage) }
                    if case .duplicateSequence = damage {
                        // Name both files of that number. Which of them the next event chains to is
                        // not known, so the link into the next one is not judged.
                        if let previousPath, previousPath != lastBlamed { try survey(previousPath, damage) }
                        try survey(entry.path, damage)
                        lastBlamed = entry.path
                        checker.resume(after: entry.sequence, head: nil)
                        continue
                    }
                    if blamed.file != lastBlamed || entry.path == blamed.file { try survey(blamed.file, blamed.damage) }
                    lastBlamed = blamed.file
                    if case .success(let envelope) = loaded[i].file.envelope {
                        checker.resume(after: entry.sequence, head: loaded[i].file.hash, id: envelope.id)
                    } else {
                        checker.resume(after: entry.sequence, head: nil)
                    }
                    previousPath = entry.path
                }
            }
            loaded.free()
            start += window
        }
    }

    /// One file of a window: read, hashed and parsed, and the caller's work on its envelope.
    private struct LoadedFile<Prepared: Sendable>: Sendable {
        let file: ChainChecker.ParsedFile
        let prepared: Prepared?
    }

    /// A window's files while the caller works on them; then another thread frees them (freeing
    /// 2,048 parsed envelopes is work the caller need not wait for).
    private final class WindowFiles<Prepared: Sendable>: @unchecked Sendable {
        private var files: [LoadedFile<Prepared>]
        init(_ files: [LoadedFile<Prepared>]) { self.files = files }
        subscript(index: Int) -> LoadedFile<Prepared> {
            _read { yield files[index] } // lent, not copied
        }
        func free() { DispatchQueue.global().async { self.files = [] } }
    }

    /// The next window of a replay, read on other threads while the caller works on this one.
    private final class WindowLoad<Prepared: Sendable>: @unchecked Sendable {
        private var result: [LoadedFile<Prepared>]? = nil
        private let done = DispatchSemaphore(value: 0)
        private var running = false

        func start(_ work: @escaping @Sendable () -> [LoadedFile<Prepared>]) {
            running = true
            DispatchQueue.global().async {
                self.result = work()
                self.done.signal()
            }
        }

        /// Waits for the load in flight, if any, and hands over its files.
        @discardableResult
        func wait() -> [LoadedFile<Prepared>]? {
            guard running else { return nil }
            done.wait()
            running = false
            defer { result = nil }
            return result
        }
    }

    /// Reads, hashes, parses and prepares files concurrently; results come back in the entries' order.
    private func load<Prepared: Sendable>(_ entries: [EventEntries.Entry],
                                          prepare: @escaping @Sendable (EventEnvelope, SHA256Digest) -> Prepared) -> [LoadedFile<Prepared>] {
        concurrentMap(count: entries.count) { i in
            let file = readParsed(entries[i].path)
            let prepared: Prepared?
            if case .success(let envelope) = file.envelope { prepared = prepare(envelope, file.hash) } else { prepared = nil }
            return LoadedFile(file: file, prepared: prepared)
        }
    }

    /// One event file read and parsed; a file that cannot be read is damage of its own kind. A
    /// symbolic link, a pipe or a folder under an event's name is never followed or waited on,
    /// and no more than one byte past the largest event is read.
    func readParsed(_ relativePath: String) -> ChainChecker.ParsedFile {
        do {
            return ChainChecker.parse(try FileSystem.readRegularFile(path(relativePath), limit: Self.maximumEventBytes))
        } catch IrregularFile.kind(let kind) {
            return ChainChecker.ParsedFile(hash: .zero, byteCount: 0, envelope: .failure(.wrongKind(found: kind, expected: .regularFile)))
        } catch IrregularFile.larger(let limit) {
            return ChainChecker.ParsedFile(hash: .zero, byteCount: 0,
                                           envelope: .failure(.unreadable("the file is larger than the \(limit) bytes an event may be")))
        } catch {
            return ChainChecker.ParsedFile(hash: .zero, byteCount: 0, envelope: .failure(.ioError("\(error)")))
        }
    }

    /// Reads one event file a second time, for a command that replayed the history and comes
    /// back to some of its events (`path` as `StoredEvent.path` gave it): the file must hold
    /// the bytes it held, with the hash it had then; anything else is `StoreError.damaged`.
    public func reread(_ path: String, hash: SHA256Digest) throws(StoreError) -> EventEnvelope {
        let parsed = readParsed(path)
        switch parsed.envelope {
        case .failure(let damage): throw .damaged(file: path, damage: damage)
        case .success(let envelope):
            guard parsed.hash == hash else { throw .damaged(file: path, damage: .changedWhileRead(checked: hash.hex, now: parsed.hash.hex)) }
            return envelope
        }
    }

    /// All events in order, checked as `replay` does. Convenient for small stores and tests.
    public func events() throws -> [StoredEvent] {
        var all: [StoredEvent] = []
        try replay { all.append($0) }
        return all
    }

    /// The last event, found from the folder listing and one file read; nil for an empty store.
    public func head() throws -> StoreHead? {
        let listing = try listing()
        guard let last = listing.events.last else { return nil }
        let parsed = readParsed(last.path)
        if case .failure(let damage) = parsed.envelope { throw StoreError.damaged(file: last.path, damage: damage) }
        return StoreHead(sequence: last.sequence, hash: parsed.hash, path: last.path)
    }
}
