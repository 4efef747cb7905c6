import Foundation

extension EventStore {
    /// Appends one event durably, or throws and leaves the store exactly as it was.
    ///
    /// The protocol (see README, "Durability"):
    /// 1. take an exclusive `flock` on the events folder itself (serialises writers);
    /// 2. find the head and the index of ids and keys: from the cache folder when its state is
    ///    valid, otherwise by replaying (and checking) the whole store; check the expectation,
    ///    duplicate ids and `policy`;
    /// 3. write the file to `.tmp-…` opened with `O_CREAT|O_EXCL`, then `fsync` it;
    /// 4. `link` it to its final name (fails rather than replace an existing file),
    ///    `unlink` the temporary name, and `fsync` the folder;
    /// 5. release the lock.
    /// When this returns, the event's bytes and its name are on stable storage. A crash
    /// before step 4 leaves at most a temporary file, which readers ignore, `verify` reports
    /// and the next append removes; a crash after the link leaves the event complete.
    /// With `signer`, the event's bytes are also signed (the `Signing` module runs `ssh-keygen -Y sign`) and the
    /// signature is linked beside the event as `….json.sig` (after the event, so a crash in
    /// between leaves an unsigned event, which `verify` reports).
    ///
    /// With `dryRun`, everything is checked under the lock and the receipt of the event that
    /// would be written is returned, but nothing is written.
    public func append<Policy: AppendPolicy>(_ draft: EventDraft, expecting expectation: HeadExpectation? = nil,
                                             policy: Policy, signer: (any EventSigner)? = nil, dryRun: Bool = false) throws -> AppendReceipt {
        let lock = try lockFolder()
        defer { lock.unlock(); lock.close() }
        return try appendHoldingLock(draft, expecting: expectation, policy: policy, signer: signer, dryRun: dryRun)
    }

    /// Steps 2 to 4 of `append`, for a caller that holds the append lock.
    func appendHoldingLock<Policy: AppendPolicy>(_ draft: EventDraft, expecting expectation: HeadExpectation?, policy: Policy,
                                                 signer: (any EventSigner)?, dryRun: Bool) throws -> AppendReceipt {
        try draft.validateEnvelopeFields()
        let prepared = try prepare(policy, cleaning: !dryRun)
        let headSequence = prepared.head?.sequence ?? 0
        let headHash = prepared.head?.hash ?? .zero
        switch expectation {
        case .head(let expected) where expected != headHash:
            throw StoreError.headMoved(expected: expected.hex, actual: headHash.hex)
        case .sequence(let expected) where expected != headSequence:
            throw StoreError.headMoved(expected: "sequence \(expected)", actual: "sequence \(headSequence)")
        default: break
        }
        let id = draft.id ?? UUID().uuidString.lowercased()
        if let existing = try prepared.lookup.locate(id) {
            throw StoreError.duplicateEventID(id: id, existingFile: EventFileName.make(sequence: existing.sequence, type: existing.type))
        }

        let envelope = EventEnvelope(
            sequence: headSequence + 1, id: id, type: draft.type, schemaVersion: draft.schemaVersion,
            effectiveDate: draft.effectiveDate, recordedAt: now(), actor: draft.actor, source: draft.source,
            payload: draft.payload, previousHash: headHash)
        try policy.check(envelope, lookup: prepared.lookup)
        let bytes = envelope.fileBytes
        guard bytes.count <= EventStore.maximumEventBytes else {
            throw StoreError.invalidField(field: "payload", problem: "the event is \(bytes.count) bytes",
                                          expected: "at most \(EventStore.maximumEventBytes) bytes")
        }
        let finalPath = EventShard.path(sequence: envelope.sequence, type: envelope.type)
        let receipt = AppendReceipt(sequence: envelope.sequence, id: id, hash: SHA256.hash(bytes),
                                    path: finalPath, recordedAt: envelope.recordedAt)
        if dryRun { return receipt }
        let signature = try signer.map { try $0.sign(bytes) }
        try writeDurably(bytes, as: finalPath)
        if let signature { try writeDurably(signature, as: finalPath + EventFileName.signatureSuffix) }
        remember(appended: envelope, hash: receipt.hash, policy: policy)
        return receipt
    }

    /// Appends with no domain rules (tests, generators).
    public func append(_ draft: EventDraft, expecting expectation: HeadExpectation? = nil) throws -> AppendReceipt {
        try append(draft, expecting: expectation, policy: AcceptAll())
    }

    /// Steps 3 and 4 of the append protocol. The temporary file is removed on every failure path.
    /// `relativePath` may name a shard folder (see `EventShard`); a missing one is created, and
    /// the events folder synced so the new folder's entry is durable before anything is linked in it.
    /// The temporary file is made in the same folder as the final name, so one folder sync suffices.
    private func writeDurably(_ bytes: [UInt8], as relativePath: String) throws {
        let shard = EventShard.split(relativePath).folder
        let folder = shard.map(path) ?? directory
        if let shard {
            switch Syscall.kind(ofPath: folder) {
            case .folder?: break
            case nil:
                try FileSystem.makeDirectory(path(shard))
                try FileSystem.syncDirectory(directory)
            case let other?:
                // Never write through a link: the event would land outside the store.
                throw StoreError.damaged(file: shard, damage: .wrongKind(found: other, expected: .folder))
            }
        }
        let temporary = folder + "/\(EventFileName.temporaryPrefix)\(Syscall.processID())-\(UUID().uuidString.prefix(8)).json"
        let finalPath = path(relativePath)
        var linked = false
        do {
            let fd = try FileDescriptor.open(temporary, .createExclusive)
            do {
                try fd.writeAll(bytes)
                CrashPoint.reach(.afterTemporaryWrite)
                try fd.sync()
                CrashPoint.reach(.afterTemporaryFsync)
            } catch {
                fd.close()
                throw error
            }
            fd.close()
            do {
                try FileSystem.link(temporary, to: finalPath)
            } catch StoreError.system(_, _, let code, _) where code == EEXIST {
                throw StoreError.fileExists(path: finalPath)
            }
            linked = true
            CrashPoint.reach(.afterLink)
            try FileSystem.unlink(temporary)
            try FileSystem.syncDirectory(folder)
            CrashPoint.reach(.afterDirectoryFsync)
        } catch {
            if !linked { _ = Syscall.unlink(temporary) }
            throw error
        }
    }
}
