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
    ///
    /// **Retries.** An append whose answer was lost, or that failed after the event was linked,
    /// may be repeated: when an event with the draft's id and the same content (type, schema
    /// version, effective date, actor, source, payload) is already stored, nothing is written and
    /// its receipt is returned with `alreadyStored` (whatever `expectation` says: the event it
    /// guarded is in place); its file and folder are synced again, so a retry also confirms the
    /// durability an earlier attempt could not. The same id with other content is refused
    /// (`duplicateEventID`). When a step after the link fails (the folder `fsync`), the event is
    /// stored but not confirmed durable: `storedNotDurable` carries its receipt.
    public func append<Policy: AppendPolicy>(_ draft: EventDraft, expecting expectation: HeadExpectation? = nil,
                                             policy: Policy, signer: (any EventSigner)? = nil, dryRun: Bool = false) throws -> AppendReceipt {
        let lock = try lockFolder()
        defer { lock.unlock(); lock.close() }
        return try appendHoldingLock(draft, expecting: expectation, policy: policy, signer: signer, dryRun: dryRun)
    }

    /// Steps 2 to 4 of `append`, for a caller that holds the append lock. An index file found
    /// damaged while the event is checked (which opening the index cannot see) costs a rebuild and
    /// a second check, never a refusal.
    func appendHoldingLock<Policy: AppendPolicy>(_ draft: EventDraft, expecting expectation: HeadExpectation?, policy: Policy,
                                                 signer: (any EventSigner)?, dryRun: Bool) throws -> AppendReceipt {
        try draft.validateEnvelopeFields()
        let prepared = try prepare(policy, cleaning: !dryRun)
        do {
            return try append(draft, expecting: expectation, policy: policy, signer: signer, dryRun: dryRun, prepared: prepared)
        } catch where prepared.damage.wasSeen {
            _ = Syscall.unlink(subjectIndex.manifestPath)
            return try append(draft, expecting: expectation, policy: policy, signer: signer, dryRun: dryRun,
                              prepared: try prepare(policy, cleaning: !dryRun))
        }
    }

    private func append<Policy: AppendPolicy>(_ draft: EventDraft, expecting expectation: HeadExpectation?, policy: Policy,
                                              signer: (any EventSigner)?, dryRun: Bool, prepared: Prepared) throws -> AppendReceipt {
        let headSequence = prepared.head?.sequence ?? 0
        let headHash = prepared.head?.hash ?? .zero
        if let id = draft.id, let existing = try prepared.lookup.locate(id) {
            return try storedAgain(draft, id: id, at: EventShard.path(sequence: existing.sequence, type: existing.type), confirm: !dryRun)
        }
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
        do {
            try writeDurably(bytes, as: finalPath)
        } catch WriteFailure.afterLink(let cause) {
            remember(appended: envelope, hash: receipt.hash, policy: policy, current: prepared.manifest)
            throw StoreError.storedNotDurable(receipt: receipt, cause: "\(cause)")
        }
        remember(appended: envelope, hash: receipt.hash, policy: policy, current: prepared.manifest)
        if let signature {
            do { try writeDurably(signature, as: finalPath + EventFileName.signatureSuffix) } catch WriteFailure.afterLink(let cause) {
                throw cause
            }
        }
        return receipt
    }

    /// The receipt of an event already stored under `id`, when `draft` is that very event (a
    /// retry); `duplicateEventID` when it is not. With `confirm`, the file and its folder are
    /// synced, so the retry confirms what an earlier attempt may have left unconfirmed.
    private func storedAgain(_ draft: EventDraft, id: String, at relativePath: String, confirm: Bool) throws -> AppendReceipt {
        let bytes = try FileSystem.read(path(relativePath))
        let stored: EventEnvelope
        do { stored = try EventEnvelope(stored: try JSONParser.parse(bytes)) } catch {
            throw StoreError.damaged(file: relativePath, damage: .unreadable("\(error)"))
        }
        guard stored.id == id, stored.type == draft.type, stored.schemaVersion == draft.schemaVersion,
              stored.effectiveDate == draft.effectiveDate, stored.actor == draft.actor, stored.source == draft.source,
              stored.payload == draft.payload else {
            throw StoreError.duplicateEventID(id: id, existingFile: relativePath)
        }
        var receipt = AppendReceipt(sequence: stored.sequence, id: id, hash: SHA256.hash(bytes), path: relativePath,
                                    recordedAt: stored.recordedAt)
        receipt.alreadyStored = true
        guard confirm else { return receipt }
        let folder = EventShard.split(relativePath).folder.map(path) ?? directory
        do {
            let fd = try FileDescriptor.open(path(relativePath), .readOnly)
            defer { fd.close() }
            try fd.sync()
            try FailurePoint.check(.directoryFsync, call: "fsync", path: folder)
            try FileSystem.syncDirectory(folder)
        } catch {
            throw StoreError.storedNotDurable(receipt: receipt, cause: "\(error)")
        }
        return receipt
    }

    /// How `writeDurably` failed once the file had its final name: it is stored, its durability unconfirmed.
    private enum WriteFailure: Error {
        case afterLink(any Error)
    }

    /// Appends with no domain rules (tests, generators).
    public func append(_ draft: EventDraft, expecting expectation: HeadExpectation? = nil) throws -> AppendReceipt {
        try append(draft, expecting: expectation, policy: AcceptAll())
    }

    /// Steps 3 and 4 of the append protocol. The temporary file is removed on every failure path.
    /// A failure after the link (the file has its final name) is thrown as `WriteFailure.afterLink`.
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
            try FailurePoint.check(.directoryFsync, call: "fsync", path: folder)
            try FileSystem.syncDirectory(folder)
            CrashPoint.reach(.afterDirectoryFsync)
        } catch {
            if !linked { _ = Syscall.unlink(temporary) }
            throw linked ? WriteFailure.afterLink(error) : error
        }
    }
}
