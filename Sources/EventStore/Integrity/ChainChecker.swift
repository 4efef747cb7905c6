/// The one rule of what makes event files a history: read in sequence order, each file is
/// numbered one after the last, lies where its number belongs, is a well-formed envelope whose
/// name matches its content, chains to the SHA-256 of the file before it, and has an id no
/// earlier event has (ids compared NFC-normalised).
///
/// Every reader that checks a history uses this type and its `Damage` vocabulary: `replay`
/// and `verify` over a folder, the index rebuild, and replication's push hook and `sync` over
/// files read from git. It does no I/O: callers hand it bytes, so the same check runs on a
/// folder, a git tree or anything else that yields files in order.
///
/// `parse` is pure and may run on many files at once; `accept` must see them one by one, in order.
///
/// What it does not cover: a deleted tail, or a history rewritten from some event on with a
/// recomputed chain, is a valid chain. Checkpoints catch those.
public struct ChainChecker: Sendable {
    /// The sequence number of the last accepted event (0 before the first).
    public private(set) var sequence: Int
    /// The hash of the last accepted event's file (zeros before the first).
    public private(set) var head: SHA256Digest
    /// After `resume(after:head:)` with an unknown head: the next link cannot be checked.
    private var headUnknown = false
    /// The ids seen so far, by a 128-bit fingerprint (the first half of the SHA-256 of the
    /// NFC-normalised id), with the sequence number that used each: 16 bytes an event, not the
    /// ids themselves. Only ids of events this checker accepted; one that starts `after` an
    /// earlier sequence leaves the earlier ids to the caller (replication uses its `KeyIndex`).
    private var sequenceOfID: [IDFingerprint: Int32] = [:]

    struct IDFingerprint: Hashable, Sendable {
        let high: UInt64
        let low: UInt64
        init(_ id: String) {
            let bytes = SHA256.hash(Array(KeyIndex.normalised(id).utf8)).bytes
            high = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
            low = bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
        }
    }

    /// A checker for a history that starts empty, or continues after `sequence` with `head`.
    public init(after sequence: Int = 0, head: SHA256Digest = .zero) {
        self.sequence = sequence
        self.head = head
    }

    /// Makes room for the ids of `count` events at once (a replay knows how many files it will see).
    public mutating func reserveCapacity(_ count: Int) { sequenceOfID.reserveCapacity(count) }

    /// One file's bytes, hashed and decoded, before its place in the chain is known.
    public struct ParsedFile: Sendable {
        public let hash: SHA256Digest
        public let byteCount: Int
        /// The envelope, or why the bytes are not one.
        public let envelope: Result<EventEnvelope, Damage>
        /// What `accept` compares, worked out where the file is parsed (on all cores, in a
        /// replay): the envelope's own file name and its id's fingerprint.
        let expectedName: String?
        let idFingerprint: IDFingerprint?

        init(hash: SHA256Digest, byteCount: Int, envelope: Result<EventEnvelope, Damage>) {
            self.hash = hash
            self.byteCount = byteCount
            self.envelope = envelope
            if case .success(let e) = envelope {
                expectedName = e.fileName
                idFingerprint = IDFingerprint(e.id)
            } else {
                expectedName = nil
                idFingerprint = nil
            }
        }
    }

    /// Hashes and decodes one event file (strict JSON, every envelope field checked).
    public static func parse(_ bytes: [UInt8]) -> ParsedFile {
        let hash = SHA256.hash(bytes)
        let envelope: Result<EventEnvelope, Damage>
        do {
            envelope = .success(try EventEnvelope(stored: try JSONParser.parse(bytes)))
        } catch let error as JSONError {
            envelope = .failure(.unreadable("not JSON at \(error)"))
        } catch {
            envelope = .failure(.unreadable("\(error)"))
        }
        return ParsedFile(hash: hash, byteCount: bytes.count, envelope: envelope)
    }

    /// Checks a file's name and place before it is read: its number must come next and its
    /// folder must be the one its number belongs in. `folder` is the shard folder (nil: the
    /// events folder itself).
    public func checkPlace(name: String, folder: String?) -> Damage? {
        guard let claimed = EventFileName.sequence(of: name) else { return .unexpectedFile }
        if claimed != sequence + 1 {
            return claimed == sequence ? .duplicateSequence(claimed) : .missingSequence(expected: sequence + 1)
        }
        if !EventShard.accepts(folder: folder, sequence: claimed) {
            return .misplaced(expectedPath: EventShard.path(ofFile: name, sequence: claimed))
        }
        return nil
    }

    /// Checks the next file and, when it belongs, makes it the head.
    ///
    /// - Parameters:
    ///   - name: the file's name, `NNNNNNNN-type.json`.
    ///   - folder: the shard folder it was found in (nil: the events folder itself).
    ///   - file: its bytes, parsed with `parse`.
    /// - Returns: the event as stored, or the damage that stops the history here.
    public mutating func accept(name: String, folder: String?, _ file: ParsedFile) -> Result<StoredEvent, Damage> {
        if let damage = checkPlace(name: name, folder: folder) { return .failure(damage) }
        let envelope: EventEnvelope
        switch file.envelope {
        case .failure(let damage): return .failure(damage)
        case .success(let e): envelope = e
        }
        let expectedName = file.expectedName ?? envelope.fileName
        if envelope.sequence != sequence + 1 || expectedName != name {
            return .failure(.nameMismatch(expectedName: expectedName))
        }
        if envelope.previousHash != head && !headUnknown {
            return .failure(.brokenLink(expected: head.hex, found: envelope.previousHash.hex))
        }
        let fingerprint = file.idFingerprint ?? IDFingerprint(envelope.id)
        if let first = sequenceOfID[fingerprint] {
            return .failure(.duplicateEventID(id: envelope.id, firstSequence: Int(first)))
        }
        sequenceOfID[fingerprint] = Int32(truncatingIfNeeded: envelope.sequence)
        sequence += 1
        head = file.hash
        headUnknown = false
        let path = folder.map { $0 + "/" + name } ?? name
        return .success(StoredEvent(envelope: envelope, hash: file.hash, path: path, byteCount: file.byteCount))
    }

    /// Carries on after damage as if the file numbered `sequence` had been accepted with hash
    /// `head` (nil: its hash is not known, so the link into the next file is not checked). A
    /// verifier that names every damaged file, not only the first, resumes after each.
    public mutating func resume(after sequence: Int, head: SHA256Digest?, id: String? = nil) {
        self.sequence = sequence
        self.head = head ?? .zero
        headUnknown = head == nil
        if let id {
            let fingerprint = IDFingerprint(id)
            if sequenceOfID[fingerprint] == nil { sequenceOfID[fingerprint] = Int32(truncatingIfNeeded: sequence) }
        }
    }

    /// Which file a broken link points at. A changed predecessor breaks only the link into the
    /// next file; a changed `previousHash` in the next file itself also breaks the link after it.
    /// - Parameters:
    ///   - link: the damage `accept` returned for `file` (a `.brokenLink`).
    ///   - file: the file whose link broke; `previous` the path of the accepted file before it.
    ///   - after: the file after `file`, parsed, when there is one.
    /// - Returns: the file to blame and its damage.
    public static func blame(_ link: Damage, file: String, previous: String?, fileHash: SHA256Digest,
                             after next: ParsedFile?) -> (file: String, damage: Damage) {
        guard case let .brokenLink(expected, found) = link, let previous else { return (file, link) }
        let nextLinkBroken: Bool
        if let next, case .success(let n) = next.envelope { nextLinkBroken = n.previousHash != fileHash } else { nextLinkBroken = false }
        if nextLinkBroken { return (file, link) }
        return (previous, .hashMismatch(recordedByNext: found, actual: expected, nextFile: file))
    }
}
