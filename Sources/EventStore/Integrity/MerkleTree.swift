/// Merkle tree hashing as in RFC 9162 (Certificate Transparency 2.0), section 2.1.
///
/// Leaves are hashed as `SHA-256(0x00 || data)` and interior nodes as
/// `SHA-256(0x01 || left || right)`; the domain separation stops a node from passing as a
/// leaf. In the register a leaf's data is an event file's 32-byte SHA-256, so the root over
/// the first N events commits to exactly those files in that order. A root cannot show
/// *which* event differs; compare heads or use inclusion proofs for that.
public enum MerkleTree {
    /// The root of the empty tree: SHA-256 of nothing.
    public static let emptyRoot = SHA256.hash([UInt8]())

    public static func leafHash(_ data: [UInt8]) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update([0x00])
        hasher.update(data)
        return hasher.finalize()
    }

    public static func nodeHash(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update([0x01])
        hasher.update(left.bytes)
        hasher.update(right.bytes)
        return hasher.finalize()
    }

    /// MTH over leaf hashes (already hashed with `leafHash`).
    public static func root(leafHashes: ArraySlice<SHA256Digest>) -> SHA256Digest {
        switch leafHashes.count {
        case 0: return emptyRoot
        case 1: return leafHashes.first!
        default:
            let split = leafHashes.startIndex + largestPowerOfTwo(below: leafHashes.count)
            return nodeHash(root(leafHashes: leafHashes[..<split]), root(leafHashes: leafHashes[split...]))
        }
    }

    public static func root(leafHashes: [SHA256Digest]) -> SHA256Digest { root(leafHashes: leafHashes[...]) }

    /// The audit path for leaf `index` in the tree of all `leafHashes` (RFC 9162, 2.1.3.1), leaf side first.
    public static func inclusionProof(index: Int, leafHashes: ArraySlice<SHA256Digest>) -> [SHA256Digest] {
        precondition(leafHashes.indices.contains(leafHashes.startIndex + index), "leaf index out of range")
        guard leafHashes.count > 1 else { return [] }
        let k = largestPowerOfTwo(below: leafHashes.count)
        let split = leafHashes.startIndex + k
        if index < k {
            return inclusionProof(index: index, leafHashes: leafHashes[..<split]) + [root(leafHashes: leafHashes[split...])]
        }
        return inclusionProof(index: index - k, leafHashes: leafHashes[split...]) + [root(leafHashes: leafHashes[..<split])]
    }

    /// Checks an audit path (RFC 9162, 2.1.3.2): true when `leafHash` at `index` of a tree of
    /// `size` leaves, combined with `proof`, gives `root`.
    public static func verifyInclusion(leafHash: SHA256Digest, index: Int, size: Int, proof: [SHA256Digest],
                                       root: SHA256Digest) -> Bool {
        guard index >= 0, index < size else { return false }
        var fn = index, sn = size - 1
        var r = leafHash
        for p in proof {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// The largest power of two strictly below `n` (n > 1).
    static func largestPowerOfTwo(below n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }
}
