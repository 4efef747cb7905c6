import Testing
@testable import EventStore
import TestSupport

/// RFC 9162 / RFC 6962 tree hashing against the Certificate Transparency reference vectors:
/// the leaf inputs, roots and audit paths of google/certificate-transparency
/// `cpp/merkletree/merkle_tree_test.cc` (also transparency-dev/merkle `testonly/constants.go`).
@Suite struct MerkleTreeTests {
    static let leafInputs: [[UInt8]] = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                                        "606162636465666768696a6b6c6d6e6f"].map(bytes)
    static let roots = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]
    /// (leaf index, tree size, audit path) from the same reference.
    static let paths: [(Int, Int, [String])] = [
        (0, 1, []),
        (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
        (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
    ]

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var chars = Array(hex)
        while chars.count >= 2 { out.append(UInt8(String(chars[0...1]), radix: 16)!); chars.removeFirst(2) }
        return out
    }

    let leaves = MerkleTreeTests.leafInputs.map(MerkleTree.leafHash)

    @Test func rootsOfTheReferenceTreesOfEverySize() {
        for size in 0...8 {
            #expect(MerkleTree.root(leafHashes: leaves.prefix(size)).hex == Self.roots[size], "size \(size)")
        }
    }

    @Test func auditPathsMatchTheReference() {
        for (index, size, path) in Self.paths {
            #expect(MerkleTree.inclusionProof(index: index, leafHashes: leaves.prefix(size)).map(\.hex) == path, "(\(index), \(size))")
        }
    }

    @Test func everyProofOfTheReferenceTreeVerifiesAndEveryTamperFails() {
        for size in 1...8 {
            let root = MerkleTree.root(leafHashes: leaves.prefix(size))
            for index in 0..<size {
                let proof = MerkleTree.inclusionProof(index: index, leafHashes: leaves.prefix(size))
                let leaf = leaves[index]
                #expect(MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: root))
                #expect(!MerkleTree.verifyInclusion(leafHash: flip(leaf), index: index, size: size, proof: proof, root: root))
                #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: flip(root)))
                #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof + [MerkleTree.emptyRoot], root: root))
                if let first = proof.first {
                    #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: [flip(first)] + proof.dropFirst(), root: root))
                    #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: index, size: size, proof: Array(proof.dropFirst()), root: root))
                }
                if size > 1 {
                    #expect(!MerkleTree.verifyInclusion(leafHash: leaf, index: (index + 1) % size, size: size, proof: proof, root: root))
                }
            }
        }
    }

    @Test func largerTreesVerifyForEveryLeaf() {
        let many = (0..<37).map { MerkleTree.leafHash([UInt8(truncatingIfNeeded: $0), 7]) }
        let root = MerkleTree.root(leafHashes: many)
        for index in many.indices {
            #expect(MerkleTree.verifyInclusion(leafHash: many[index], index: index, size: many.count,
                                               proof: MerkleTree.inclusionProof(index: index, leafHashes: many[...]), root: root))
        }
    }

    @Test func domainSeparationKeepsANodeFromPassingAsALeaf() {
        let node = MerkleTree.nodeHash(leaves[1], leaves[2])
        #expect(MerkleTree.leafHash(leaves[1].bytes + leaves[2].bytes) != node)
    }

    @Test func checkpointTextRoundTripsAndRefusesGarbage() throws {
        let c = Checkpoint(eventCount: 3, root: leaves[1], head: leaves[2], time: RecordedInstant(millisecondsSinceEpoch: 1_700_000_000_123))
        #expect(try Checkpoint(text: c.text) == c)
        #expect(throws: StoreError.self) { try Checkpoint(text: "register checkpoint v1\nevents x\n") }
        #expect(throws: StoreError.self) { try Checkpoint(text: "hello") }
    }

    @Test func inclusionProofJSONRoundTrips() throws {
        let proof = InclusionProof(eventID: "e", sequence: 2, eventHash: leaves[3], treeSize: 3, root: leaves[4], path: [leaves[5]])
        #expect(try InclusionProof(json: proof.json) == proof)
    }

    func flip(_ d: SHA256Digest) -> SHA256Digest {
        var b = d.bytes
        b[0] ^= 1
        return SHA256Digest(bytes: b)
    }
}
