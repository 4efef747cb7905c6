/// The store's index on disk: which events touch each subject, every event id's type and
/// number, and the names an `AppendPolicy` takes from events, so that a question about one
/// subject reads only that subject's event files and `append` checks references without a replay.
///
/// It lives in the cache folder (`.register/<events>/index/`): `SubjectIndex.bucketCount` bucket
/// files `NNN.tsv`, each key in the bucket its FNV-1a hash picks, one `key<TAB>value` line per fact
/// (tabs, newlines and backslashes escaped), and the `IndexManifest`, which binds the buckets to
/// the store head they describe. Keys are NFC-normalised: the same text typed two ways is one key.
/// Four kinds of line:
/// - `event:<id>` → `<type> <sequence> <hash>`;
/// - `subject:<key>` → `<sequence> <type> <hash>`, once for each event the policy says touches that subject;
/// - `group:<name>` → `<subject> <sequence> <type> <hash>`, for each event of a subject the policy
///   puts in that group (in buckets of their own, `groupBuckets`);
/// - any other key an `AppendPolicy` defines → its value (the last one counts).
///
/// Never trusted blindly: a bucket is used only when its first `lines` lines chain to the
/// manifest's digest (later lines are an append in progress, not yet in the manifest), and the
/// manifest only when its checksum holds and it describes the store's current head (see
/// `EventStore.validIndex()`). Anything else and the index is rebuilt from the events under the
/// append lock. Deleting the folder costs one rebuild; `verify` never reads it.
struct SubjectIndex: Sendable {
    /// Buckets for ordinary keys.
    static let keyBuckets = 1024
    /// Buckets of their own for group keys (`groupKey(_:)`), which grow with the history: a
    /// lookup of an ordinary key never reads a group's list.
    static let groupBuckets = 16
    static let bucketCount = keyBuckets + groupBuckets
    let folder: String

    var manifestPath: String { folder + "/manifest" }

    /// The key under which every event of a group's subjects is listed (see `AppendPolicy.group(ofSubject:)`).
    static func groupKey(_ group: String) -> String { groupPrefix + group }

    private static let groupPrefix = "group:"

    /// The bucket a (normalised) key lives in: FNV-1a over its UTF-8, which spreads keys evenly
    /// and costs nothing next to reading a file. (Integrity comes from the manifest's digests.)
    static func bucket(of key: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        if key.utf8.starts(with: groupPrefix.utf8) { return keyBuckets + Int(hash % UInt64(groupBuckets)) }
        return Int(hash % UInt64(keyBuckets))
    }

    func bucketPath(_ bucket: Int) -> String {
        let hex = String(bucket, radix: 16)
        return folder + "/" + String(repeating: "0", count: 3 - hex.count) + hex + ".tsv"
    }

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
    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
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

    /// The values recorded for `key`, in the order they were added, from the bucket as the
    /// manifest describes it; throws `IndexDamage` when the bucket does not match the manifest.
    func values(of key: String, manifest: IndexManifest) throws(IndexDamage) -> [String] {
        let key = KeyIndex.normalised(key)
        return try entries(ofBucket: Self.bucket(of: key), manifest: manifest)[key] ?? []
    }

    /// Every key of one bucket with its values in the order they were added, read once and
    /// checked against the manifest: its first `lines` lines must chain to the recorded digest
    /// (later lines belong to an append in progress and are not read).
    func entries(ofBucket bucket: Int, manifest: IndexManifest) throws(IndexDamage) -> [String: [String]] {
        let expected = manifest.buckets[bucket]
        guard expected.lines > 0 else { return [:] }
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(bucketPath(bucket)) } catch { throw .bucket(bucketPath(bucket), "cannot be read: \(error)") }
        var digest = IndexManifest.Bucket().digest
        var result: [String: [String]] = [:]
        var lines: UInt64 = 0
        var start = 0
        while lines < expected.lines {
            guard let end = bytes[start...].firstIndex(of: 0x0a) else { break }
            let line = bytes[start..<end]
            digest = IndexManifest.Bucket.extend(digest, with: line)
            if let tab = line.firstIndex(of: 0x09) {
                result[Self.text(line[..<tab]), default: []].append(Self.text(line[(tab + 1)...]))
            }
            lines += 1
            start = end + 1
        }
        guard lines == expected.lines, digest == expected.digest else {
            throw .bucket(bucketPath(bucket), "does not match the index manifest (edited, truncated or damaged)")
        }
        return result
    }

    /// Appends lines to their buckets and extends the manifest's digests, and counts tallies
    /// (`isTally`) into the manifest instead; the caller saves the manifest.
    func add(_ facts: [(key: String, value: String)], to manifest: inout IndexManifest, isTally: (String) -> Bool) throws {
        var byBucket: [Int: [UInt8]] = [:]
        for fact in facts {
            if isTally(fact.key) {
                manifest.count(fact.value, into: KeyIndex.normalised(fact.key))
                continue
            }
            let line = Self.line(key: fact.key, value: fact.value)
            let bucket = Self.bucket(of: KeyIndex.normalised(fact.key))
            manifest.buckets[bucket].add(line: line[...])
            byBucket[bucket, default: []] += line + [0x0a]
        }
        for (bucket, bytes) in byBucket {
            let fd = try FileDescriptor.open(bucketPath(bucket), .appendCreate)
            defer { fd.close() }
            try fd.writeAll(bytes)
        }
    }

    /// Writes every bucket anew, fact by fact as a replay yields them, holding at most
    /// `flushBytes` of each bucket in memory; `finish` returns the manifest entries.
    struct Rebuild {
        let index: SubjectIndex
        var manifest: IndexManifest
        private var pending = [[UInt8]](repeating: [], count: SubjectIndex.bucketCount)
        static let flushBytes = 16 * 1024

        init(_ index: SubjectIndex, state: AppendState) throws {
            self.index = index
            manifest = IndexManifest(state: state)
            try FileSystem.makeDirectory(index.folder)
            _ = Syscall.unlink(index.manifestPath)
            for bucket in 0..<SubjectIndex.bucketCount { try FileSystem.replaceContents(of: index.bucketPath(bucket), with: []) }
        }

        mutating func add(_ facts: [(key: String, value: String)], isTally: (String) -> Bool) throws {
            for fact in facts {
                if isTally(fact.key) {
                    manifest.count(fact.value, into: KeyIndex.normalised(fact.key))
                    continue
                }
                let line = SubjectIndex.line(key: fact.key, value: fact.value)
                let bucket = SubjectIndex.bucket(of: KeyIndex.normalised(fact.key))
                manifest.buckets[bucket].add(line: line[...])
                pending[bucket] += line
                pending[bucket].append(0x0a)
                if pending[bucket].count >= Self.flushBytes { try flush(bucket) }
            }
        }

        private mutating func flush(_ bucket: Int) throws {
            guard !pending[bucket].isEmpty else { return }
            let fd = try FileDescriptor.open(index.bucketPath(bucket), .appendCreate)
            defer { fd.close() }
            try fd.writeAll(pending[bucket])
            pending[bucket].removeAll(keepingCapacity: false)
        }

        mutating func finish(state: AppendState) throws -> IndexManifest {
            for bucket in 0..<SubjectIndex.bucketCount { try flush(bucket) }
            manifest.state = state
            return manifest
        }
    }

    func save(_ manifest: IndexManifest) throws {
        try FileSystem.replaceContents(of: manifestPath, with: manifest.bytes)
    }

    func loadManifest() -> IndexManifest? {
        (try? FileSystem.read(manifestPath)).flatMap(IndexManifest.init(bytes:))
    }
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
