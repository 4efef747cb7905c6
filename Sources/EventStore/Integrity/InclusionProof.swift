/// Proof that one event is part of a history with a given Merkle root, checkable without the store.
///
/// `register prove EVENT` prints one as JSON; `register verify-proof` checks it. An auditor
/// who holds a published checkpoint (its root and size) and one event file can confirm that
/// the decision is in the published history.
public struct InclusionProof: Equatable, Sendable {
    public let eventID: String
    public let sequence: Int
    /// SHA-256 of the event file's bytes.
    public let eventHash: SHA256Digest
    public let treeSize: Int
    public let root: SHA256Digest
    public let path: [SHA256Digest]

    public init(eventID: String, sequence: Int, eventHash: SHA256Digest, treeSize: Int, root: SHA256Digest, path: [SHA256Digest]) {
        self.eventID = eventID
        self.sequence = sequence
        self.eventHash = eventHash
        self.treeSize = treeSize
        self.root = root
        self.path = path
    }

    /// Whether the path leads from the event's hash to the root.
    public var isValid: Bool {
        MerkleTree.verifyInclusion(leafHash: MerkleTree.leafHash(eventHash.bytes), index: sequence - 1, size: treeSize,
                                   proof: path, root: root)
    }

    public var json: JSONValue {
        .object([
            "format": "register inclusion proof v1", "event": .string(eventID), "sequence": JSONValue(sequence),
            "eventHash": .string(eventHash.hex), "treeSize": JSONValue(treeSize), "root": .string(root.hex),
            "path": .array(path.map { .string($0.hex) }),
        ])
    }

    public init(json value: JSONValue) throws(StoreError) {
        func hash(_ key: String) throws(StoreError) -> SHA256Digest {
            guard let d = value[key]?.string.flatMap(SHA256Digest.init(hex:)) else {
                throw .invalidField(field: key, problem: "missing or not 64 lower-case hex digits", expected: "a SHA-256 hash")
            }
            return d
        }
        guard value["format"] == "register inclusion proof v1" else {
            throw .invalidField(field: "format", problem: "is not 'register inclusion proof v1'", expected: "the JSON printed by 'register prove'")
        }
        guard let id = value["event"]?.string else { throw .invalidField(field: "event", problem: "missing", expected: "the event id") }
        guard let seq = value["sequence"]?.integer.flatMap({ Int(exactly: $0) }), seq >= 1 else {
            throw .invalidField(field: "sequence", problem: "missing or below 1", expected: "a sequence number")
        }
        guard let size = value["treeSize"]?.integer.flatMap({ Int(exactly: $0) }), size >= seq else {
            throw .invalidField(field: "treeSize", problem: "missing or below the sequence", expected: "the number of events in the tree")
        }
        guard let rawPath = value["path"]?.array else { throw .invalidField(field: "path", problem: "missing", expected: "an array of hashes") }
        var path: [SHA256Digest] = []
        for (i, item) in rawPath.enumerated() {
            guard let d = item.string.flatMap(SHA256Digest.init(hex:)) else {
                throw .invalidField(field: "path[\(i)]", problem: "not 64 lower-case hex digits", expected: "a SHA-256 hash")
            }
            path.append(d)
        }
        self.init(eventID: id, sequence: seq, eventHash: try hash("eventHash"), treeSize: size, root: try hash("root"), path: path)
    }
}
