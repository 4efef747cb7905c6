/// The subject index's table of contents: the store head it describes and, for each bucket file,
/// how many lines it holds and the running digest of those lines, sealed by a checksum.
///
/// Layout: one line of canonical JSON (the `AppendState`: head and folder times, and the
/// tallies under `tallies`: key → sum as text, or `overflow`), a newline,
/// then `SubjectIndex.bucketCount` records of 8 bytes line count (little-endian) and 16 bytes
/// digest, then the SHA-256 of everything before it. A file that does not parse, or whose
/// checksum does not match, is no manifest: the index is rebuilt from the events.
///
/// The digest of a bucket is a chain over its lines, `d' = SHA-256(d || line)` truncated to 16
/// bytes, starting from zeros, so an append extends it by hashing only the new lines, and any
/// edit, deletion, reordering or truncation of a bucket's lines changes it.
struct IndexManifest: Equatable, Sendable {
    static let digestBytes = 16

    var state: AppendState
    var buckets: [Bucket]
    /// The running sums of the policy's tally keys (`AppendPolicy.isTally`); nil: a value was
    /// not a number, or the sum passed what an `Int64` holds.
    var tallies: [String: Int64?] = [:]

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
        var digest = [UInt8](repeating: 0, count: IndexManifest.digestBytes)

        /// The digest after one more line (its bytes without the newline).
        static func extend(_ digest: [UInt8], with line: ArraySlice<UInt8>) -> [UInt8] {
            var hasher = SHA256()
            hasher.update(digest)
            line.withUnsafeBytes { hasher.update(buffer: $0) }
            return Array(hasher.finalize().bytes[..<IndexManifest.digestBytes])
        }

        mutating func add(line: ArraySlice<UInt8>) {
            digest = Self.extend(digest, with: line)
            lines += 1
        }
    }

    init(state: AppendState, buckets: [Bucket] = Array(repeating: Bucket(), count: SubjectIndex.bucketCount)) {
        self.state = state
        self.buckets = buckets
    }

    var bytes: [UInt8] {
        var head = state.json.object ?? [:]
        head["tallies"] = .object(tallies.mapValues { $0.map { .string(String($0)) } ?? .string("overflow") })
        var out = JSONWriter.compact(.object(head))
        out.append(0x0a)
        for bucket in buckets {
            var n = bucket.lines
            for _ in 0..<8 { out.append(UInt8(truncatingIfNeeded: n)); n >>= 8 }
            out += bucket.digest
        }
        out += SHA256.hash(out).bytes
        return out
    }

    /// Nil for anything that is not an intact manifest of this format.
    init?(bytes: [UInt8]) {
        let tableSize = SubjectIndex.bucketCount * (8 + Self.digestBytes)
        guard bytes.count > tableSize + 32, let newline = bytes.firstIndex(of: 0x0a) else { return nil }
        let body = bytes[..<(bytes.count - 32)]
        guard SHA256.hash(Array(body)).bytes.elementsEqual(bytes[(bytes.count - 32)...]),
              body.count == newline + 1 + tableSize,
              let json = try? JSONParser.parse(Array(bytes[..<newline])), let state = AppendState(json: json) else { return nil }
        var buckets: [Bucket] = []
        buckets.reserveCapacity(SubjectIndex.bucketCount)
        var offset = newline + 1
        for _ in 0..<SubjectIndex.bucketCount {
            var n: UInt64 = 0
            for k in (0..<8).reversed() { n = n << 8 | UInt64(bytes[offset + k]) }
            buckets.append(Bucket(lines: n, digest: Array(bytes[(offset + 8)..<(offset + 8 + Self.digestBytes)])))
            offset += 8 + Self.digestBytes
        }
        guard case .object(let counted)? = json["tallies"] else { return nil }
        var tallies: [String: Int64?] = [:]
        for (key, value) in counted {
            guard let text = value.string else { return nil }
            tallies[key] = text == "overflow" ? .some(nil) : .some(Int64(text))
            if text != "overflow", Int64(text) == nil { return nil }
        }
        self.state = state
        self.buckets = buckets
        self.tallies = tallies
    }
}
