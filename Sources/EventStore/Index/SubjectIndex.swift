import Glibc
import Synchronization

/// The store's index on disk: which events touch each subject, every event id's type and
/// number, and the names an `AppendPolicy` takes from events, so that a question about one
/// subject reads only that subject's event files and `append` checks references without a replay.
///
/// It lives in the cache folder (`.register/<events>/index/`). Each fact is one `key<TAB>value`
/// line (tabs, newlines and backslashes escaped); keys are NFC-normalised, so the same text typed
/// two ways is one key. Where a line goes depends on its key's kind (`IndexKeyKind`):
/// - a list key's lines go to one of `bucketCount` bucket files `NNN.tsv`, the one its FNV-1a hash
///   picks, and are never rewritten: `subject:<key>` → `<sequence> <type> <hash>` for each event
///   the policy says touches that subject; `group:<name>` → `<subject> <sequence> <type> <hash>`
///   for each event of a subject the policy puts in that group (in buckets of their own,
///   `groupBuckets`); and the policy's list keys;
/// - a single-valued key's lines go to a leaf (`IndexLeaf`), which is compacted and split as it
///   fills, so the leaf a key lives in stays small: `event:<id>` → `<type> <sequence> <hash>`,
///   and the policy's names (the last value counts);
/// - a tally's values are summed into the manifest.
///
/// So an append, which asks single-valued keys only, reads a few small files however long the
/// history, and a question reads the lists of its own subjects.
///
/// Never trusted blindly: a file is used only when its first `lines` lines chain to the manifest's
/// digest (later lines are an append in progress, not yet in the manifest), and the manifest only
/// when its checksum holds and it describes the store's current head (see
/// `EventStore.validIndex()`). Anything else and the index is rebuilt from the events under the
/// append lock. Deleting the folder costs one rebuild; `verify` never reads it.
struct SubjectIndex: Sendable {
    /// Buckets for ordinary list keys.
    static let keyBuckets = 1024
    /// Buckets of their own for group keys (`groupKey(_:)`), which grow with the history: a
    /// lookup of an ordinary key never reads a group's list.
    static let groupBuckets = 16
    static let bucketCount = keyBuckets + groupBuckets
    /// The lines a leaf may hold before an append compacts it (and splits it, when more than half
    /// of them are distinct keys). Only writers use it: a reader reads any leaf its manifest describes.
    static let leafLimit = 1024
    let folder: String
    var leafLimit = SubjectIndex.leafLimit

    init(folder: String) { self.folder = folder }

    /// For tests: leaves that fill after `leafLimit` lines.
    init(folder: String, leafLimit: Int) {
        self.folder = folder
        self.leafLimit = max(2, leafLimit)
    }

    var manifestPath: String { folder + "/manifest" }

    /// The key under which every event of a group's subjects is listed (see `AppendPolicy.group(ofSubject:)`).
    static func groupKey(_ group: String) -> String { groupPrefix + group }

    static let groupPrefix = "group:"

    /// FNV-1a over a (normalised) key's UTF-8, which spreads keys evenly and costs nothing next
    /// to reading a file. (Integrity comes from the manifest's digests.)
    static func fnv(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    /// The bucket a (normalised) list key lives in.
    static func bucket(of key: String) -> Int {
        let hash = fnv(key)
        if key.utf8.starts(with: groupPrefix.utf8) { return keyBuckets + Int(hash % UInt64(groupBuckets)) }
        return Int(hash % UInt64(keyBuckets))
    }

    /// The hash whose low bits pick a (normalised) single-valued key's leaf: FNV-1a, mixed so
    /// that its low bits depend on every byte (the finaliser of MurmurHash3).
    static func leafHash(of key: String) -> UInt64 {
        var h = fnv(key)
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    func bucketPath(_ bucket: Int) -> String {
        let hex = String(bucket, radix: 16)
        return folder + "/" + String(repeating: "0", count: 3 - hex.count) + hex + ".tsv"
    }

    func leafPath(_ leaf: IndexLeaf) -> String { folder + "/" + leaf.fileName }

    /// One fact, as a line's bytes without the newline.
    static func line(key: String, value: String) -> [UInt8] {
        let key = escape(KeyIndex.normalised(key)), value = escape(value)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(key.utf8.count + value.utf8.count + 1)
        bytes += key.utf8
        bytes.append(0x09)
        bytes += value.utf8
        return bytes
    }

    private static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5c || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d }) else { return text }
        return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    /// A key or value from its escaped bytes in a line.
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return bytes.contains(0x5c) ? unescape(text[...]) : text
    }

    private static func unescape(_ text: Substring) -> String {
        var out = ""
        var escaping = false
        for c in text {
            if escaping {
                switch c { case "t": out.append("\t"); case "n": out.append("\n"); case "r": out.append("\r"); default: out.append(c) }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// One fact made ready for where it goes: pure, so a rebuild places every event's facts on
    /// all cores as the files are read.
    enum PlacedFact: Sendable {
        case tally(key: String, value: String)
        case list(bucket: Int, line: [UInt8])
        case single(leafHash: UInt64, line: [UInt8])
    }

    static func place(_ facts: [(key: String, value: String)], kinds: IndexKeyKinds) -> [PlacedFact] {
        facts.map { fact in
            let key = KeyIndex.normalised(fact.key)
            switch kinds.kind(of: fact.key) {
            case .tally: return .tally(key: key, value: fact.value)
            case .list: return .list(bucket: bucket(of: key), line: line(key: key, value: fact.value))
            case .single: return .single(leafHash: leafHash(of: key), line: line(key: key, value: fact.value))
            }
        }
    }

    /// The values recorded for `key`, in the order they were added (a single-valued key: its last),
    /// from the file the manifest says holds it; throws `IndexDamage` when that file does not match
    /// the manifest.
    func values(of key: String, kind: IndexKeyKind, manifest: IndexManifest) throws(IndexDamage) -> [String] {
        let key = KeyIndex.normalised(key)
        switch kind {
        case .single:
            let slot = try leafSlot(of: key, manifest: manifest)
            return Self.lastValue(of: key, in: try lines(ofLeaf: manifest.leaves[slot])).map { [$0] } ?? []
        case .list, .tally:
            return Self.values(of: key, in: try lines(ofBucket: Self.bucket(of: key), manifest: manifest))
        }
    }

    func leafSlot(of normalisedKey: String, manifest: IndexManifest) throws(IndexDamage) -> Int {
        guard let slot = manifest.leaf(holding: Self.leafHash(of: normalisedKey)) else {
            throw .bucket(manifestPath, "has no leaf for key \(normalisedKey)")
        }
        return slot
    }

    /// The lines of one file as the manifest describes it: its first `expected.lines` lines, which
    /// must chain to the recorded digest (later lines belong to an append in progress and are not read).
    private func lines(of path: String, expected: IndexManifest.Bucket) throws(IndexDamage) -> [ArraySlice<UInt8>] {
        guard expected.lines > 0 else { return [] }
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path) } catch { throw .bucket(path, "cannot be read: \(error)") }
        guard let (lines, digest) = Self.chain(bytes, lines: expected.lines), digest == expected.digest else {
            throw .bucket(path, "does not match the index manifest (edited, truncated or damaged)")
        }
        return lines
    }

    /// The first `count` lines of `bytes` and their chain digest; nil when there are fewer.
    private static func chain(_ bytes: [UInt8], lines count: UInt64) -> (lines: [ArraySlice<UInt8>], digest: UInt64)? {
        var digest: UInt64 = 0
        var scratch: [UInt8] = []
        var result: [ArraySlice<UInt8>] = []
        result.reserveCapacity(Int(min(count, 1 << 20)))
        var start = 0
        while UInt64(result.count) < count {
            guard let end = bytes[start...].firstIndex(of: 0x0a) else { return nil }
            let line = bytes[start..<end]
            digest = IndexManifest.Bucket.extend(digest, with: line, scratch: &scratch)
            result.append(line)
            start = end + 1
        }
        return (result, digest)
    }

    /// The chain digest of a file's first `lines` lines; nil when it cannot be read or holds fewer.
    static func chainDigest(of path: String, lines: UInt64) -> UInt64? {
        (try? FileSystem.read(path)).flatMap { chain($0, lines: lines)?.digest }
    }

    /// The lines of one bucket, read once and checked against the manifest.
    func lines(ofBucket bucket: Int, manifest: IndexManifest) throws(IndexDamage) -> [ArraySlice<UInt8>] {
        try lines(of: bucketPath(bucket), expected: manifest.buckets[bucket])
    }

    /// The values of a (normalised) key among a bucket's lines, in the order they were added.
    /// Only the lines of that key are made into strings: a bucket that also holds a long list of
    /// another key costs a byte comparison per line of it.
    static func values(of key: String, in lines: [ArraySlice<UInt8>]) -> [String] {
        var values: [String] = []
        forEachValue(of: key, in: lines) { values.append(text($0)) }
        return values
    }

    /// Calls `body` with the escaped bytes of each value of a (normalised) key among a bucket's lines.
    static func forEachValue<Failure: Error>(of key: String, in lines: [ArraySlice<UInt8>],
                                             _ body: (ArraySlice<UInt8>) throws(Failure) -> Void) throws(Failure) {
        let prefix = linePrefix(of: key)
        for line in lines { if let value = value(in: line, after: prefix) { try body(value) } }
    }

    /// How a (normalised) key's lines begin: its escaped bytes and a tab.
    private static func linePrefix(of key: String) -> [UInt8] { Array(escape(key).utf8) + [0x09] }

    /// The escaped value of a line that begins with `prefix`; nil for another key's line.
    private static func value(in line: ArraySlice<UInt8>, after prefix: [UInt8]) -> ArraySlice<UInt8>? {
        line.count >= prefix.count && line.starts(with: prefix) ? line[(line.startIndex + prefix.count)...] : nil
    }

    /// The lines of one leaf, read once and checked against the manifest.
    func lines(ofLeaf leaf: IndexLeaf) throws(IndexDamage) -> [ArraySlice<UInt8>] {
        try lines(of: leafPath(leaf), expected: leaf.content)
    }

    /// The value of a (normalised) key among a leaf's lines: its last line's, the one that counts.
    /// The key's bytes are compared at the start of each line, from the last; only the value
    /// found becomes a string.
    static func lastValue(of key: String, in lines: [ArraySlice<UInt8>]) -> String? {
        let prefix = linePrefix(of: key)
        for line in lines.reversed() { if let value = value(in: line, after: prefix) { return text(value) } }
        return nil
    }

    /// Appends facts to their buckets and leaves and extends the manifest's digests, counts
    /// tallies into the manifest, and compacts or splits each leaf that passes `leafLimit`; the
    /// caller saves the manifest. Deletes the leaf files the manifest's previous writer retired.
    func add(_ facts: [(key: String, value: String)], to manifest: inout IndexManifest, kinds: IndexKeyKinds) throws {
        var byBucket: [Int: [UInt8]] = [:]
        var byLeaf: [Int: [[UInt8]]] = [:]
        for fact in Self.place(facts, kinds: kinds) {
            switch fact {
            case let .tally(key, value):
                manifest.count(value, into: key)
            case let .list(bucket, line):
                manifest.buckets[bucket].add(line: line[...])
                byBucket[bucket, default: []] += line + [0x0a]
            case let .single(hash, line):
                guard let slot = manifest.leaf(holding: hash) else { throw IndexDamage.bucket(manifestPath, "has no leaf for a key") }
                byLeaf[slot, default: []].append(line)
            }
        }
        for (bucket, bytes) in byBucket { try FileSystem.append(bytes, to: bucketPath(bucket)) }
        for name in manifest.retired { _ = Syscall.unlink(folder + "/" + name) }
        manifest.retired = []
        // Highest slot first, so that replacing one leaf by several leaves the lower slots in place.
        for (slot, lines) in byLeaf.sorted(by: { $0.key > $1.key }) {
            let leaf = manifest.leaves[slot]
            if leaf.content.lines + UInt64(lines.count) <= UInt64(leafLimit) {
                var bytes: [UInt8] = []
                for line in lines {
                    manifest.replaceLeafContent(at: slot) { $0.add(line: line[...]) }
                    bytes += line + [0x0a]
                }
                try FileSystem.append(bytes, to: leafPath(leaf))
            } else {
                try reorganise(slot, adding: lines, in: &manifest)
            }
        }
    }

    /// Rewrites a full leaf: one line per key (the last), split by the next bits of the hash for as
    /// long as a part holds more than half of `leafLimit` keys. The replaced file is retired.
    func reorganise(_ slot: Int, adding added: [[UInt8]] = [], in manifest: inout IndexManifest) throws {
        let leaf = manifest.leaves[slot]
        var last: [ArraySlice<UInt8>: Int] = [:]
        var lines = try lines(ofLeaf: leaf)
        lines += added.map { $0[...] }
        for (i, line) in lines.enumerated() { last[line[..<(line.firstIndex(of: 0x09) ?? line.endIndex)]] = i }
        let kept = lines.indices.filter { i in last[lines[i][..<(lines[i].firstIndex(of: 0x09) ?? lines[i].endIndex)]] == i }
            .map { lines[$0] }
        var parts: [(leaf: IndexLeaf, lines: [ArraySlice<UInt8>])] = []
        func place(_ leaf: IndexLeaf, _ lines: [ArraySlice<UInt8>]) {
            guard lines.count > leafLimit / 2, leaf.depth < IndexLeaf.maximumDepth else { parts.append((leaf, lines)); return }
            let (low, high) = leaf.children
            let bit = UInt64(1) << UInt64(leaf.depth)
            let split = Dictionary(grouping: lines) { line in
                Self.leafHash(of: Self.text(line[..<(line.firstIndex(of: 0x09) ?? line.endIndex)])) & bit != 0
            }
            place(low, split[false] ?? [])
            place(high, split[true] ?? [])
        }
        var compacted = leaf
        compacted.generation &+= 1
        compacted.content = IndexManifest.Bucket()
        place(compacted, kept)
        var leaves: [IndexLeaf] = []
        for (part, lines) in parts {
            var written = part
            var bytes: [UInt8] = []
            for line in lines {
                written.content.add(line: line)
                bytes += line
                bytes.append(0x0a)
            }
            try FileSystem.replaceContents(of: leafPath(written), with: bytes)
            leaves.append(written)
        }
        manifest.retired.append(leaf.fileName)
        manifest.replaceLeaf(at: slot, with: leaves)
    }

    /// Writes every bucket and leaf anew, fact by fact as a replay yields them, holding at most
    /// `flushBytes` of each in memory; `finish` compacts the leaves that filled and returns the manifest.
    struct Rebuild {
        let index: SubjectIndex
        let kinds: IndexKeyKinds
        var manifest: IndexManifest
        private var pendingBuckets = [[UInt8]](repeating: [], count: SubjectIndex.bucketCount)
        private var pendingLeaves: [[UInt8]]
        static let flushBytes = 8 * 1024

        /// Which files this rebuild has begun (truncated): the others still hold an earlier index's lines.
        private var begunBuckets = [Bool](repeating: false, count: SubjectIndex.bucketCount)
        private var begunLeaves: [Bool]

        /// For a history of about `events` events (which sets how many leaves it starts with).
        init(_ index: SubjectIndex, state: AppendState, events: Int, kinds: IndexKeyKinds) throws {
            self.index = index
            self.kinds = kinds
            manifest = IndexManifest(state: state, leafDepth: IndexLeaf.startingDepth(forEvents: events))
            pendingLeaves = [[UInt8]](repeating: [], count: manifest.leaves.count)
            begunLeaves = [Bool](repeating: false, count: manifest.leaves.count)
            try FileSystem.makeDirectory(index.folder)
            _ = Syscall.unlink(index.manifestPath)
            // Files that are no part of this layout (leaves of an earlier one, an older format's buckets)
            // go now; this layout's own are truncated when first written, or removed by `finish`.
            let own = Set((0..<SubjectIndex.bucketCount).map { index.bucketPath($0) } + manifest.leaves.map(index.leafPath))
            for name in (try? FileSystem.names(in: index.folder)) ?? []
            where (name.hasSuffix(".tsv") || name.contains(".tmp-")) && !own.contains(index.folder + "/" + name) {
                _ = Syscall.unlink(index.folder + "/" + name)
            }
        }

        mutating func add(_ facts: [(key: String, value: String)]) throws {
            try add(placed: SubjectIndex.place(facts, kinds: kinds))
        }

        /// Counts each line into its file's manifest entry; the digests are worked out by `finish`.
        mutating func add(placed facts: [PlacedFact]) throws {
            for fact in facts {
                switch fact {
                case let .tally(key, value):
                    manifest.count(value, into: key)
                case let .list(bucket, line):
                    manifest.buckets[bucket].lines += 1
                    pendingBuckets[bucket] += line
                    pendingBuckets[bucket].append(0x0a)
                    if pendingBuckets[bucket].count >= Self.flushBytes { try flush(bucket: bucket) }
                case let .single(hash, line):
                    guard let slot = manifest.leaf(holding: hash) else { throw IndexDamage.bucket(index.manifestPath, "has no leaf for a key") }
                    manifest.replaceLeafContent(at: slot) { $0.lines += 1 }
                    pendingLeaves[slot] += line
                    pendingLeaves[slot].append(0x0a)
                    if pendingLeaves[slot].count >= Self.flushBytes { try flush(leaf: slot) }
                }
            }
        }

        private mutating func flush(bucket: Int) throws {
            guard !pendingBuckets[bucket].isEmpty else { return }
            try Self.write(pendingBuckets[bucket], to: index.bucketPath(bucket), begun: &begunBuckets[bucket])
            pendingBuckets[bucket].removeAll(keepingCapacity: false)
        }

        private mutating func flush(leaf slot: Int) throws {
            guard !pendingLeaves[slot].isEmpty else { return }
            try Self.write(pendingLeaves[slot], to: index.leafPath(manifest.leaves[slot]), begun: &begunLeaves[slot])
            pendingLeaves[slot].removeAll(keepingCapacity: false)
        }

        /// The first write makes the file anew (whatever was under its name goes, a link or a pipe
        /// included), later ones append.
        private static func write(_ bytes: [UInt8], to path: String, begun: inout Bool) throws {
            if !begun { _ = Syscall.unlink(path) }
            try FileSystem.append(bytes, to: path)
            begun = true
        }

        /// The chain digest of every file written, read back on all cores (the lines are in the
        /// page cache); a file that does not hold the lines counted is a failed write.
        private mutating func digestWrittenFiles() throws {
            let paths = (0..<SubjectIndex.bucketCount).map { index.bucketPath($0) } + manifest.leaves.map { index.leafPath($0) }
            let counts = manifest.buckets.map(\.lines) + manifest.leaves.map(\.content.lines)
            let digests = concurrentMap(count: paths.count) { i in
                counts[i] == 0 ? IndexManifest.Bucket().digest : SubjectIndex.chainDigest(of: paths[i], lines: counts[i])
            }
            for i in paths.indices {
                guard let digest = digests[i] else { throw IndexDamage.bucket(paths[i], "does not hold the lines just written") }
                if i < SubjectIndex.bucketCount {
                    manifest.buckets[i].digest = digest
                } else {
                    manifest.replaceLeafContent(at: i - SubjectIndex.bucketCount) { $0.digest = digest }
                }
            }
        }

        mutating func finish(state: AppendState) throws -> IndexManifest {
            for bucket in 0..<SubjectIndex.bucketCount { try flush(bucket: bucket) }
            for slot in manifest.leaves.indices { try flush(leaf: slot) }
            // A file this rebuild never wrote may hold an earlier index's lines, which an append would
            // extend as if they were this one's: it goes (an append creates it anew).
            for bucket in 0..<SubjectIndex.bucketCount where !begunBuckets[bucket] { _ = Syscall.unlink(index.bucketPath(bucket)) }
            for slot in manifest.leaves.indices where !begunLeaves[slot] { _ = Syscall.unlink(index.leafPath(manifest.leaves[slot])) }
            try digestWrittenFiles()
            // Leaves only multiply, so walking down from the last slot meets each original leaf once.
            for slot in manifest.leaves.indices.reversed() where manifest.leaves[slot].content.lines > UInt64(index.leafLimit) {
                try index.reorganise(slot, in: &manifest)
            }
            for name in manifest.retired { _ = Syscall.unlink(index.folder + "/" + name) }
            manifest.retired = []
            manifest.state = state
            return manifest
        }
    }

    /// Writes the manifest over the one there (see `FileSystem.overwrite`): a reader whose read
    /// crosses the write finds the seal broken, takes the append lock and reads it again, as it
    /// does when it finds the manifest behind the events. When there is none yet, or what is there
    /// may not be written over, the file is replaced.
    func save(_ manifest: IndexManifest) throws {
        let bytes = manifest.bytes
        if try !FileSystem.overwrite(manifestPath, with: bytes) { try FileSystem.replaceContents(of: manifestPath, with: bytes) }
    }

    func loadManifest() -> IndexManifest? {
        guard let bytes = try? FileSystem.read(manifestPath) else { return nil }
        return Self.lastManifest.withLock { last in
            // The same bytes as the manifest this process last read: the same manifest (an append
            // reads it before and after it links the event; a question, once per store).
            if let last = last, Self.same(last.bytes, bytes) { return last.manifest }
            guard let manifest = IndexManifest(bytes: bytes) else { return nil }
            last = (bytes, manifest)
            return manifest
        }
    }

    /// Whether two files' bytes are equal, by `memcmp` (`==` on arrays compares element by element).
    private static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in memcmp(x.baseAddress!, y.baseAddress!, a.count) == 0 } }
    }

    private static let lastManifest = Mutex<(bytes: [UInt8], manifest: IndexManifest)?>(nil)
}

/// Why the subject index could not be used; the store rebuilds it and says so only when it cannot.
public enum IndexDamage: Error, Equatable, Sendable, CustomStringConvertible {
    case bucket(String, String)
    /// An event file the index pointed at is not what the index says (another subject, another number).
    case staleEntry(file: String, reason: String)

    public var description: String {
        switch self {
        case let .bucket(path, why): return "index file \(path) \(why)"
        case let .staleEntry(file, reason): return "the index points at \(file), but \(reason)"
        }
    }
}
