import Foundation

/// An append-only history of events, one file each, in one folder, chained by SHA-256.
///
/// Reading (`replay`, `head`) needs no lock: an event file appears whole under its
/// final name or not at all (see `append`). Appending takes an exclusive `flock` on
/// the folder, so appends from many processes are serialised and
/// sequence numbers stay gapless.
///
/// What the chain does not cover: deleting the newest events, or rewriting the history
/// from some point on with a recomputed chain, leaves a valid-looking chain. Compare the
/// store with a published checkpoint to catch those.
public struct EventStore: Sendable {
    public let directory: String
    /// The largest event file the store accepts (1 MiB): an event is a decision, not an attachment.
    public static let maximumEventBytes = 1 << 20
    let now: @Sendable () -> RecordedInstant

    /// - Parameter clock: where `recordedAt` comes from; tests inject a fixed clock.
    public init(directory: String, clock: @escaping @Sendable () -> RecordedInstant = RecordedInstant.now) {
        self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        self.now = clock
    }

    func path(_ name: String) -> String { directory + "/" + name }

    /// The folder's entries sorted into event files, temporaries and anything else.
    struct Listing {
        var events: [(sequence: Int, name: String)] = []
        var temporaries: [String] = []
        var unexpected: [String] = []
        /// Detached signatures, by the event file they sign.
        var signatures: [String: String] = [:]
    }

    func listing() throws -> Listing {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError.missingDirectory(path: directory)
        }
        var result = Listing()
        for name in try FileSystem.names(in: directory) {
            if let sequence = EventFileName.sequence(of: name) {
                result.events.append((sequence, name))
            } else if let event = EventFileName.signedEvent(of: name) {
                result.signatures[event] = name
            } else if name.hasPrefix(EventFileName.temporaryPrefix) {
                result.temporaries.append(name)
            } else if !EventFileName.isIgnored(name) {
                result.unexpected.append(name)
            }
        }
        result.events.sort { $0.name < $1.name }
        result.temporaries.sort()
        result.unexpected.sort()
        return result
    }

    /// Reads every event in order, one file at a time, checking names, sequence and chain.
    ///
    /// Stops at the first damage with `StoreError.damaged` naming the file. Memory stays
    /// flat: only the current file is held. Temporary files are skipped (see `verify`).
    public func replay(_ body: (StoredEvent) throws -> Void) throws {
        let listing = try listing()
        var previousHash = SHA256Digest.zero
        var previousName: String? = nil
        for (offset, entry) in listing.events.enumerated() {
            let expected = offset + 1
            if entry.sequence != expected {
                if entry.sequence == expected - 1 {
                    throw StoreError.damaged(file: entry.name, damage: .duplicateSequence(entry.sequence))
                }
                throw StoreError.damaged(file: entry.name, damage: .missingSequence(expected: expected))
            }
            let bytes: [UInt8]
            do { bytes = try FileSystem.read(path(entry.name)) } catch {
                throw StoreError.damaged(file: entry.name, damage: .ioError("\(error)"))
            }
            let hash = SHA256.hash(bytes)
            let envelope: EventEnvelope
            do {
                envelope = try EventEnvelope(stored: try JSONParser.parse(bytes))
            } catch let error as JSONError {
                throw StoreError.damaged(file: entry.name, damage: .unreadable("not JSON (\(error))"))
            } catch {
                throw StoreError.damaged(file: entry.name, damage: .unreadable("\(error)"))
            }
            if envelope.sequence != expected || envelope.fileName != entry.name {
                throw StoreError.damaged(file: entry.name, damage: .nameMismatch(expectedName: envelope.fileName))
            }
            if envelope.previousHash != previousHash {
                if let previousName {
                    throw StoreError.damaged(file: previousName, damage: .hashMismatch(
                        recordedByNext: envelope.previousHash.hex, actual: previousHash.hex, nextFile: entry.name))
                }
                throw StoreError.damaged(file: entry.name, damage: .brokenLink(expected: previousHash.hex, found: envelope.previousHash.hex))
            }
            try body(StoredEvent(envelope: envelope, hash: hash, fileName: entry.name, byteCount: bytes.count))
            previousHash = hash
            previousName = entry.name
        }
    }

    /// All events in order, checked as `replay` does. Convenient for small stores and tests.
    public func events() throws -> [StoredEvent] {
        var all: [StoredEvent] = []
        try replay { all.append($0) }
        return all
    }

    /// The last event, found from the folder listing and one file read; nil for an empty store.
    public func head() throws -> StoreHead? {
        let listing = try listing()
        guard let last = listing.events.last else { return nil }
        let bytes = try FileSystem.read(path(last.name))
        return StoreHead(sequence: last.sequence, hash: SHA256.hash(bytes), fileName: last.name)
    }
}
