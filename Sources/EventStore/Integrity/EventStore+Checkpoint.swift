extension EventStore {
    /// The event hashes in order, after a full replay that checks the chain.
    public func eventHashes() throws -> [SHA256Digest] {
        var hashes: [SHA256Digest] = []
        try replay { hashes.append($0.hash) }
        return hashes
    }

    /// A checkpoint over every event now in the store.
    public func checkpoint(at time: RecordedInstant = .now()) throws -> Checkpoint {
        let hashes = try eventHashes()
        return Checkpoint(eventCount: hashes.count, root: MerkleTree.root(leafHashes: hashes.map { MerkleTree.leafHash($0.bytes) }),
                          head: hashes.last ?? .zero, time: time)
    }

    /// Why the store does not extend a checkpoint, or nil when it does.
    public func mismatch(with checkpoint: Checkpoint) throws -> String? {
        let hashes = try eventHashes()
        guard hashes.count >= checkpoint.eventCount else {
            return "the checkpoint of \(checkpoint.time) covers \(checkpoint.eventCount) events but the store has only \(hashes.count): events were deleted from the end"
        }
        let prefix = hashes.prefix(checkpoint.eventCount)
        let root = MerkleTree.root(leafHashes: prefix.map { MerkleTree.leafHash($0.bytes) }[...])
        if root != checkpoint.root {
            return "the first \(checkpoint.eventCount) events no longer match the checkpoint of \(checkpoint.time) (root \(root.hex), expected \(checkpoint.root.hex)): history up to event \(checkpoint.eventCount) was rewritten"
        }
        let head = prefix.last ?? .zero
        if head != checkpoint.head {
            // The root covers every event's hash, the last one too: the checkpoint contradicts itself.
            return "the checkpoint of \(checkpoint.time) contradicts itself: its root matches the first \(checkpoint.eventCount) events, "
                + "but its head \(checkpoint.head.hex) is not event \(checkpoint.eventCount)'s hash \(head.hex); the checkpoint text was altered"
        }
        return nil
    }

    /// An inclusion proof for the event with this sequence number against the current root.
    public func inclusionProof(sequence: Int) throws -> InclusionProof? {
        var leaves: [SHA256Digest] = []
        var target: (id: String, hash: SHA256Digest)? = nil
        try replay { event in
            leaves.append(MerkleTree.leafHash(event.hash.bytes))
            if event.envelope.sequence == sequence { target = (event.envelope.id, event.hash) }
        }
        guard let target else { return nil }
        return InclusionProof(eventID: target.id, sequence: sequence, eventHash: target.hash, treeSize: leaves.count,
                              root: MerkleTree.root(leafHashes: leaves), path: MerkleTree.inclusionProof(index: sequence - 1, leafHashes: leaves[...]))
    }
}
