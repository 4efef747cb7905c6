import EventStore
import Projections

/// `register export --format ledger`, in memory that does not grow with the history: the journal
/// is written in effect order, but the money events are not held for it.
///
/// 1. One checked replay. Each money event becomes a 50-byte `Entry` (effective date, sequence,
///    id hash, type, hash) in an `ExternalSort`; the amendments (corrections and retractions)
///    are kept whole, being few.
/// 2. The events the amendments name are found among the entries by their id hash and read
///    again; with the amendments they are resolved as `History.resolved` resolves them, and only
///    the amendments a single pass would have kept take part (of a money event, or of an
///    amendment kept before them).
/// 3. The entries are merged in effect order; each event is read again (its hash must not have
///    changed) and folded into the journal, and the resolved records are put in their place.
///    A correction can move an event's date, so those are placed from memory, not from where
///    their entry sorts.
///
/// Every other event resolves to itself (`ResolvedRecord(unamended:)`), so the journal is the
/// one the whole history in memory would give (the tests compare the two).
struct LedgerExport {
    let store: EventStore
    let knownOn: RecordedInstant?
    /// Where the sort's temporary folder goes (the environment's `TMPDIR`); nil: `/tmp`.
    var temporaryBase: String? = nil
    /// Records sorted in memory at a time (see `ExternalSort`); small in tests, to make runs.
    var runLength = 1 << 18
    /// Events read again at a time, on all cores.
    var batchSize = 2048

    func write(to sink: inout OutputSink, progress: Progress) throws {
        let entries = try ExternalSort(width: Entry.width, runLength: runLength, in: temporaryBase)
        var amendments: [DomainRecord] = []
        var known = 0
        var head = SHA256Digest.zero
        var unreadable = UnreadableEvents()
        try store.replay(prepare: { envelope, _ -> Result<DomainRecord, any Error>? in
            // Every event is decoded, so one this register cannot read stops the journal as it stops
            // every answer (`UnreadableEvents`); only the kinds the journal reads are kept.
            let decoded = Result { try DomainRecord(envelope: envelope) }
            if case .success(let record) = decoded, !LedgerJournal.reads.contains(record.type) { return nil }
            return decoded
        }) { stored, decoded in
            head = stored.hash
            guard knownOn.map({ stored.envelope.recordedAt <= $0 }) ?? true else { return }
            known += 1
            guard let decoded else { return }
            let record: DomainRecord
            do { record = try decoded.get() } catch {
                unreadable.add(stored, error)
                return
            }
            unreadable.note(record)
            if Self.target(of: record) != nil {
                amendments.append(record)
            } else {
                try entries.add(Entry(record, path: stored.path, hash: stored.hash).bytes)
            }
        }

        try unreadable.check()
        let amended = try resolvedAmendments(amendments, entries: entries)
        var placed = amended.filter(\.counts).sorted { ($0.effectiveDate, $0.sequence) < ($1.effectiveDate, $1.sequence) }[...]
        let resolvedApart = Set(amended.map(\.sequence))

        sink.write(LedgerJournal.header(events: known, head: head.hex))
        var journal = LedgerJournal()
        var written = 0
        func fold(_ record: ResolvedRecord) throws {
            if let transaction = try journal.transaction(for: record) { sink.write(transaction + "\n") }
            written += 1
            progress.tick(written)
        }
        // Read again a batch at a time on all cores, folded in order.
        var batch: [Entry] = []
        func foldBatch() throws {
            let store = store
            let read = concurrentMap(count: batch.count) { [batch] i in Result { try batch[i].read(from: store) } }
            for (entry, record) in zip(batch, read) {
                while let next = placed.first, (next.effectiveDate, next.sequence) < (entry.effectiveDate, entry.sequence) {
                    try fold(next)
                    placed.removeFirst()
                }
                try fold(ResolvedRecord(unamended: try record.get()))
            }
            batch.removeAll(keepingCapacity: true)
        }
        try entries.forEachSorted { bytes in
            let entry = try Entry.checked(bytes)
            guard !resolvedApart.contains(entry.sequence) else { return }
            batch.append(entry)
            if batch.count >= batchSize { try foldBatch() }
        }
        try foldBatch()
        for record in placed { try fold(record) }
    }

    /// The amendments that count in a journal and the events they name, resolved together.
    private func resolvedAmendments(_ amendments: [DomainRecord], entries: ExternalSort) throws -> [ResolvedRecord] {
        guard !amendments.isEmpty else { return [] }
        let targets = Set(amendments.compactMap(Self.target))
        let hashes = Set(targets.map(Entry.idHash))
        var named: [DomainRecord] = []
        try entries.forEach { bytes in
            let entry = try Entry.checked(bytes)
            guard hashes.contains(entry.idHash) else { return }
            let record = try entry.read(from: store)
            if targets.contains(record.id) { named.append(record) }
        }
        // As one pass in order keeps them: an amendment of an event kept before it.
        var kept: [DomainRecord] = []
        var keptIDs = Set<String>()
        for record in (named + amendments).sorted(by: { $0.sequence < $1.sequence }) {
            if let target = Self.target(of: record), !keptIDs.contains(target) { continue }
            kept.append(record)
            keptIDs.insert(record.id)
        }
        return History(records: kept).resolved(knownOn: knownOn)
    }

    /// The event a correction or retraction names; nil for every other record.
    private static func target(of record: DomainRecord) -> String? {
        switch record.event {
        case .correction(let c): return c.target
        case .retraction(let target, _): return target
        default: return nil
        }
    }

    /// One money event as the sort holds it: its effective date and sequence first, big-endian,
    /// so the bytes order as effect order does; then what finds the file again and checks it.
    struct Entry {
        static let width = 50
        /// Ledger's event types, by the code an entry stores.
        static let types = LedgerJournal.reads.map(\.rawValue).sorted()

        let effectiveDate: CalendarDate
        let sequence: Int
        let idHash: UInt64
        let type: String
        let inShard: Bool
        let hash: SHA256Digest

        /// The id's hash in this process (`Hasher`): it only narrows which entries are read again.
        static func idHash(_ id: String) -> UInt64 { UInt64(bitPattern: Int64(id.hashValue)) }

        init(_ record: DomainRecord, path: String, hash: SHA256Digest) {
            effectiveDate = record.effectiveDate
            sequence = record.sequence
            idHash = Self.idHash(record.id)
            type = record.type.rawValue
            inShard = path.contains("/")
            self.hash = hash
        }

        var bytes: [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(Self.width)
            func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.bigEndian) { out += $0 } }
            put(UInt32(truncatingIfNeeded: effectiveDate.daysSinceEpoch + (1 << 31)))
            put(UInt32(truncatingIfNeeded: sequence))
            put(idHash)
            out.append(UInt8(Self.types.firstIndex(of: type) ?? 0))
            out.append(inShard ? 1 : 0)
            out += hash.bytes
            return out
        }

        /// Nil when the bytes are not an entry this export wrote (its sort files were changed under it).
        init?(_ bytes: ArraySlice<UInt8>) {
            guard bytes.count == Self.width, Int(bytes[bytes.startIndex + 16]) < Self.types.count else { return nil }
            var at = bytes.startIndex
            func take<T: FixedWidthInteger>(_: T.Type) -> T {
                var value: T = 0
                for _ in 0..<MemoryLayout<T>.size {
                    value = value << 8 | T(bytes[at])
                    at += 1
                }
                return value
            }
            effectiveDate = CalendarDate(daysSinceEpoch: Int(take(UInt32.self)) - (1 << 31))
            sequence = Int(take(UInt32.self))
            idHash = take(UInt64.self)
            type = Self.types[Int(take(UInt8.self))]
            inShard = take(UInt8.self) == 1
            hash = SHA256Digest(bytes: Array(bytes[at..<(at + 32)]))
        }

        /// The entry the bytes hold, or a failure: the sort's files are the export's own, in a
        /// folder only this user can open, so other bytes mean they were changed while it ran.
        static func checked(_ bytes: ArraySlice<UInt8>) throws -> Entry {
            guard let entry = Entry(bytes) else {
                throw CLIError.failure("the export's sort files were changed while it ran (its folder in TMPDIR); export again")
            }
            return entry
        }

        /// The event again, from its file, which must still hash as it did in the replay.
        func read(from store: EventStore) throws -> DomainRecord {
            let name = EventFileName.make(sequence: sequence, type: type)
            let path = inShard ? EventShard.path(ofFile: name, sequence: sequence) : name
            let envelope = try store.reread(path, hash: hash)
            do { return try DomainRecord(envelope: envelope) } catch {
                throw UnreadableEvents.failure(file: path, id: envelope.id, sequence: envelope.sequence, error)
            }
        }
    }
}
