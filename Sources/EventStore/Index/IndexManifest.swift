/// The subject index's table of contents: the store head it describes and, for each bucket file
/// and each leaf (`IndexLeaf`), how many lines it holds and the running digest of those lines,
/// sealed by a checksum.
///
/// Layout: one line of canonical JSON (the `AppendState`: head and folder times; the tallies under
/// `tallies`: key → sum as text, or `overflow`; under `retired`, the leaf files the last append
/// replaced, which the next one deletes), a newline, then `SubjectIndex.bucketCount` records of
/// 8 bytes line count (little-endian) and 8 bytes digest, then the number of leaves (4 bytes) and
/// for each its depth (1 byte), bits (8), generation (4), line count (8) and digest (8), then the
/// XXH64 of everything before it (8 bytes, little-endian). A file that does not parse, whose checksum does not match, or
/// whose leaves do not partition the hashes (`IndexLeaf.partition`), is no manifest: the index is
/// rebuilt from the events.
///
/// The digest of a bucket is a chain over its lines, `d' = XXH64(d || line)` (8 bytes,
/// little-endian), starting from zeros, so an append extends it by hashing only the new lines,
/// and any edit, deletion, reordering or truncation of a bucket's lines changes it. The
/// checksums are XXH64, not SHA-256: they catch damage and careless edits, and nothing in a
/// cache can stop someone who recomputes them (`verify` never reads the cache).
struct IndexManifest: Equatable, Sendable {
    static let digestBytes = 8

    var state: AppendState
    var buckets: [Bucket]
    /// The running sums of the policy's tally keys (`AppendPolicy.isTally`); nil: a value was
    /// not a number, or the sum passed what an `Int64` holds.
    var tallies: [String: Int64?] = [:]
    /// The leaves of the single-valued keys; change them only through `replaceLeaf(at:with:)`.
    private(set) var leaves: [IndexLeaf]
    /// Leaf files replaced by the append that wrote this manifest: the next append deletes them
    /// (not this one, so a reader that loaded the manifest before still finds its files).
    var retired: [String] = []

    /// The leaf that holds the keys of this leaf hash (`SubjectIndex.leafHash(of:)`).
    func leaf(holding hash: UInt64) -> Int? {
        // The last leaf that starts at or before the hash's position.
        let position = IndexLeaf.reversed(hash)
        var low = 0, high = leaves.count
        while low < high {
            let middle = (low + high) / 2
            if leaves[middle].start <= position { low = middle + 1 } else { high = middle }
        }
        guard low > 0, hash & IndexLeaf.mask(leaves[low - 1].depth) == leaves[low - 1].bits else { return nil }
        return low - 1
    }

    /// Puts `replacements` in place of leaf `slot` (a compaction, or a split into its descendants
    /// in `start` order).
    mutating func replaceLeaf(at slot: Int, with replacements: [IndexLeaf]) {
        leaves.replaceSubrange(slot...slot, with: replacements)
    }

    /// Changes the lines and digest of leaf `slot` (its address stays).
    mutating func replaceLeafContent(at slot: Int, _ change: (inout Bucket) -> Void) {
        change(&leaves[slot].content)
    }


    /// Adds one value to a tally.
    mutating func count(_ value: String, into key: String) {
        tallies[key] = Self.added(value, to: tallies[key] ?? 0)
    }

    static func added(_ value: String, to sum: Int64?) -> Int64? {
        guard let sum, let n = Int64(value) else { return nil }
        let (total, overflow) = sum.addingReportingOverflow(n)
        return overflow ? nil : total
    }

    struct Bucket: Equatable, Sendable {
        var lines: UInt64 = 0
        var digest: UInt64 = 0

        /// The digest after one more line (its bytes without the newline), with a buffer the
        /// caller keeps for the next line: reading a bucket extends it once per line, allocating
        /// nothing after the first.
        static func extend(_ digest: UInt64, with line: ArraySlice<UInt8>, scratch: inout [UInt8]) -> UInt64 {
            scratch.removeAll(keepingCapacity: true)
            withUnsafeBytes(of: digest.littleEndian) { scratch += $0 }
            scratch += line
            return scratch.withUnsafeBytes { XXH64.hash(buffer: $0) }
        }

        mutating func add(line: ArraySlice<UInt8>) {
            var scratch: [UInt8] = []
            digest = Self.extend(digest, with: line, scratch: &scratch)
            lines += 1
        }
    }

    init(state: AppendState, leafDepth: Int) {
        self.state = state
        buckets = Array(repeating: Bucket(), count: SubjectIndex.bucketCount)
        leaves = IndexLeaf.all(depth: leafDepth)
    }

    var bytes: [UInt8] {
        var head = state.json.object ?? [:]
        head["tallies"] = .object(tallies.mapValues { $0.map { .string(String($0)) } ?? .string("overflow") })
        head["retired"] = .array(retired.map(JSONValue.string))
        var out = JSONWriter.compact(.object(head))
        out.append(0x0a)
        let table = out.count
        out += [UInt8](repeating: 0, count: buckets.count * 16 + 4 + leaves.count * Self.leafRecordBytes + 8)
        out.withUnsafeMutableBytes { raw in
            var offset = table
            func put<T: FixedWidthInteger>(_ value: T) {
                raw.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
                offset += MemoryLayout<T>.size
            }
            for bucket in buckets {
                put(bucket.lines)
                put(bucket.digest)
            }
            put(UInt32(leaves.count))
            for leaf in leaves {
                put(UInt8(leaf.depth))
                put(leaf.bits)
                put(leaf.generation)
                put(leaf.content.lines)
                put(leaf.content.digest)
            }
            let seal = XXH64.hash(buffer: UnsafeRawBufferPointer(rebasing: raw[..<offset]))
            put(seal)
        }
        return out
    }

    private static let leafRecordBytes = 1 + 8 + 4 + 8 + digestBytes

    /// More lines than any index file can hold (a trillion).
    static let maximumLines: UInt64 = 1 << 40

    /// Nil for anything that is not an intact manifest of this format.
    init?(bytes: [UInt8]) {
        let tableSize = SubjectIndex.bucketCount * (8 + Self.digestBytes)
        guard bytes.count > tableSize + 4 + 8, let newline = bytes.firstIndex(of: 0x0a) else { return nil }
        let body = bytes[..<(bytes.count - 8)]
        guard withUnsafeBytes(of: XXH64.hash(body).littleEndian, { $0.elementsEqual(bytes[(bytes.count - 8)...]) }),
              body.count >= newline + 1 + tableSize + 4,
              let json = try? JSONParser.parse(Array(bytes[..<newline])), let state = AppendState(json: json) else { return nil }
        var buckets: [Bucket] = []
        var leaves: [IndexLeaf] = []
        let intact: Bool = bytes.withUnsafeBytes { raw in
            var offset = newline + 1
            func take<T: FixedWidthInteger>(_: T.Type) -> T {
                defer { offset += MemoryLayout<T>.size }
                return T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
            }
            buckets.reserveCapacity(SubjectIndex.bucketCount)
            for _ in 0..<SubjectIndex.bucketCount {
                let lines = take(UInt64.self)
                buckets.append(Bucket(lines: lines, digest: take(UInt64.self)))
            }
            let count = Int(take(UInt32.self))
            guard body.count == offset + count * Self.leafRecordBytes else { return false }
            leaves.reserveCapacity(count)
            for _ in 0..<count {
                let depth = Int(take(UInt8.self))
                let bits = take(UInt64.self), generation = take(UInt32.self), lines = take(UInt64.self)
                leaves.append(IndexLeaf(depth: depth, bits: bits, generation: generation, content: Bucket(lines: lines, digest: take(UInt64.self))))
            }
            return true
        }
        // No file holds more lines than this; a count beyond it is an edit, and would overflow
        // when an append adds to it.
        guard intact, buckets.allSatisfy({ $0.lines <= Self.maximumLines }) else { return nil }
        // Kept in start order; a manifest an earlier version wrote in another order is put in it.
        let ordered = leaves.isInStartOrder ? leaves : leaves.sorted { $0.start < $1.start }
        guard ordered.allSatisfy({ $0.content.lines <= Self.maximumLines }), IndexLeaf.partition(ordered),
              case .object(let counted)? = json["tallies"], case .array(let retired)? = json["retired"] else {
            return nil
        }
        var tallies: [String: Int64?] = [:]
        for (key, value) in counted {
            guard let text = value.string else { return nil }
            tallies[key] = text == "overflow" ? .some(nil) : .some(Int64(text))
            if text != "overflow", Int64(text) == nil { return nil }
        }
        let names = retired.compactMap(\.string)
        guard names.count == retired.count, names.allSatisfy(IndexLeaf.isFileName) else { return nil }
        self.state = state
        self.buckets = buckets
        self.tallies = tallies
        self.leaves = ordered
        self.retired = names
    }
}
