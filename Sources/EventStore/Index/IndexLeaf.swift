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

    var address: Address { Address(depth: depth, bits: bits) }

    struct Address: Hashable, Sendable {
        let depth: Int
        let bits: UInt64

        static func of(_ hash: UInt64, depth: Int) -> Address { Address(depth: depth, bits: hash & IndexLeaf.mask(depth)) }
    }

    static func mask(_ depth: Int) -> UInt64 { depth >= 64 ? .max : (1 << UInt64(depth)) - 1 }

    var fileName: String { "p\(depth)-\(String(bits, radix: 16))-\(generation).tsv" }

    /// The two leaves this one splits into, by bit `depth`.
    var children: (IndexLeaf, IndexLeaf) {
        (IndexLeaf(depth: depth + 1, bits: bits), IndexLeaf(depth: depth + 1, bits: bits | (1 << UInt64(depth))))
    }

    /// The leaves of an empty index: every address of `depth` bits.
    static func all(depth: Int) -> [IndexLeaf] {
        (0..<(UInt64(1) << UInt64(depth))).map { IndexLeaf(depth: depth, bits: $0) }
    }

    /// The depth a rebuild starts from for a history of `events` events: about 256 events per leaf,
    /// so that few leaves need splitting as it grows, and never fewer than 64 leaves.
    static func startingDepth(forEvents events: Int) -> Int {
        max(6, min(20, (events / 256).bitWidth - (events / 256).leadingZeroBitCount))
    }

    /// Whether these leaves partition every hash: none is another's ancestor and together they
    /// cover the whole space.
    static func partition(_ leaves: [IndexLeaf]) -> Bool {
        guard !leaves.isEmpty, leaves.allSatisfy({ (1...maximumDepth).contains($0.depth) && $0.bits & ~mask($0.depth) == 0 }) else {
            return false
        }
        let addresses = Set(leaves.map(\.address))
        guard addresses.count == leaves.count else { return false }
        // An ancestor can only be a leaf at a depth some leaf has (few: a rebuild starts all
        // leaves at one depth and splits add one level at a time).
        let depths = Set(leaves.map(\.depth)).sorted()
        var covered: UInt64 = 0
        for leaf in leaves {
            for depth in depths where depth < leaf.depth && addresses.contains(.of(leaf.bits, depth: depth)) { return false }
            covered &+= UInt64(1) << UInt64(maximumDepth - leaf.depth)
        }
        // With no leaf inside another, the shares add up to the whole exactly when nothing is missing
        // (a wrap past 2^64 needs more leaves than any manifest can hold).
        return covered == UInt64(1) << UInt64(maximumDepth)
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
