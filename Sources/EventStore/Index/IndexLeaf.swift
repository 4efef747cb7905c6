/// One leaf of the index's single-valued keys (`IndexKeyKind.single`): the keys whose hash
/// (`SubjectIndex.leafHash(of:)`) ends in `bits`, its lowest `depth` bits.
///
/// The leaves of a manifest partition the hashes: every hash ends in the bits of exactly one leaf.
/// A leaf is a file of `key<TAB>value` lines like a bucket, appended to by each event, where the
/// last line of a key counts. When it passes `SubjectIndex.leafLimit` lines it is compacted to one
/// line per key, and split in two by the next bit while that leaves it more than half full; so
/// reading the leaf of one key costs the same at ten thousand events as at a million.
/// A rewritten leaf gets a new `generation`, so a reader that loaded the manifest before still
/// finds the file it describes.
struct IndexLeaf: Equatable, Sendable {
    var depth: Int
    var bits: UInt64
    var generation: UInt32 = 0
    var content = IndexManifest.Bucket()

    /// The deepest a leaf may be split.
    static let maximumDepth = 48

    static func mask(_ depth: Int) -> UInt64 { depth >= 64 ? .max : (1 << UInt64(depth)) - 1 }

    var fileName: String { "p\(depth)-\(String(bits, radix: 16))-\(generation).tsv" }

    /// The two leaves this one splits into, by bit `depth`.
    var children: (IndexLeaf, IndexLeaf) {
        (IndexLeaf(depth: depth + 1, bits: bits), IndexLeaf(depth: depth + 1, bits: bits | (1 << UInt64(depth))))
    }

    /// The leaves of an empty index: every address of `depth` bits, in `start` order.
    static func all(depth: Int) -> [IndexLeaf] {
        (0..<(UInt64(1) << UInt64(depth))).map { IndexLeaf(depth: depth, bits: reversed($0) >> UInt64(64 - depth)) }
    }

    /// The depth a rebuild starts from for a history of `events` events: about 256 events per leaf,
    /// so that few leaves need splitting as it grows, and never fewer than 64 leaves.
    static func startingDepth(forEvents events: Int) -> Int {
        max(6, min(20, (events / 256).bitWidth - (events / 256).leadingZeroBitCount))
    }

    /// Where the leaf's share of the hashes begins when hashes are ordered from their lowest bit up
    /// (their bits reversed): the leaf holds the `span` values from there. In this order the
    /// leaves of a manifest tile the whole space, one after another, so a leaf is found by a
    /// binary search and a split puts its two halves where it was.
    var start: UInt64 { Self.reversed(bits) }

    /// How many hash values the leaf holds (a leaf is at least one bit deep).
    var span: UInt64 { UInt64(1) << UInt64(64 - depth) }

    /// A hash's position in that order.
    static func reversed(_ value: UInt64) -> UInt64 {
        var v = value
        v = (v >> 1) & 0x5555_5555_5555_5555 | (v & 0x5555_5555_5555_5555) << 1
        v = (v >> 2) & 0x3333_3333_3333_3333 | (v & 0x3333_3333_3333_3333) << 2
        v = (v >> 4) & 0x0F0F_0F0F_0F0F_0F0F | (v & 0x0F0F_0F0F_0F0F_0F0F) << 4
        return v.byteSwapped
    }

    /// Whether these leaves partition every hash: none is another's ancestor and together they
    /// cover the whole space. In start order each leaf must begin where the one before ends, and
    /// the last must end at the end of the space.
    static func partition(_ leaves: [IndexLeaf]) -> Bool {
        guard !leaves.isEmpty, leaves.allSatisfy({ (1...maximumDepth).contains($0.depth) && $0.bits & ~mask($0.depth) == 0 }) else {
            return false
        }
        var next: UInt64 = 0
        let ordered = leaves.isInStartOrder ? leaves : leaves.sorted { $0.start < $1.start }
        for (i, leaf) in ordered.enumerated() {
            guard leaf.start == next else { return false }
            // A start is a multiple of its span, so the sum wraps exactly at the end of the space.
            let (end, wrapped) = leaf.start.addingReportingOverflow(leaf.span)
            if wrapped { return i == ordered.count - 1 }
            next = end
        }
        return false
    }
}

extension [IndexLeaf] {
    /// Whether the leaves are in ascending `start` order, as a manifest keeps them.
    var isInStartOrder: Bool {
        zip(self, dropFirst()).allSatisfy { $0.start < $1.start }
    }
}

extension IndexLeaf {
    /// Whether a name is one a leaf file could have (`p<depth>-<hex>-<generation>.tsv`), so that a
    /// manifest's `retired` list can never name a file outside the index's own.
    static func isFileName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count <= 40, bytes.first == UInt8(ascii: "p"), name.hasSuffix(".tsv") else { return false }
        let parts = bytes.dropFirst().dropLast(4).split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9"), hex = UInt8(ascii: "a")...UInt8(ascii: "f")
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty }
            && parts[0].allSatisfy(digits.contains) && parts[2].allSatisfy(digits.contains)
            && parts[1].allSatisfy { digits.contains($0) || hex.contains($0) }
    }
}
