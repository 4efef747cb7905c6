import Foundation

/// Checks, inside git, that one revision's events folder purely appends to another's.
///
/// Used by the server-side hook (a push must only add events) and by `sync` (what arrived
/// must extend what was published). Cost is proportional to what was added: the old events
/// are compared by blob id, and only the new ones are read, parsed and chained.
public struct AppendOnlyCheck {
    public let repository: GitRepository
    /// The events folder's path inside the repository, e.g. `events`.
    public let folder: String

    public init(repository: GitRepository, folder: String) {
        self.repository = repository
        self.folder = folder
    }

    /// Returns the envelopes of the events `new` adds to `old` (nil: an empty history), in order,
    /// or throws the first reason it is not a pure append. `validate` judges each added event.
    public func added(from old: String?, to new: String,
                      validate: (EventEnvelope) throws -> Void = { _ in }) throws -> [(name: String, envelope: EventEnvelope)] {
        if let old {
            let ancestor = try repository.runAllowingFailure(["merge-base", "--is-ancestor", old, new])
            guard ancestor.status == 0 else { throw ReplicationError.notFastForward(old: old, new: new) }
        }
        let before = try old.map { try repository.blobs(at: $0, folder: folder) } ?? [:]
        let after = try repository.blobs(at: new, folder: folder)
        for name in before.keys.sorted() where Self.isEventOrSignature(name) {
            guard let blob = after[name] else { throw ReplicationError.eventDeletedOrRenamed(file: name) }
            if blob != before[name] { throw ReplicationError.eventModified(file: name) }
        }
        let oldEvents = before.keys.filter { EventFileName.sequence(of: $0) != nil }.sorted()
        var previousHash = SHA256Digest.zero
        if let last = oldEvents.last { previousHash = SHA256.hash(try repository.show(new, folder + "/" + last)) }
        var expected = oldEvents.count + 1
        var added: [(String, EventEnvelope)] = []
        for name in after.keys.sorted() where before[name] == nil {
            if EventFileName.signedEvent(of: name) != nil || EventFileName.isIgnored(name) { continue }
            guard let sequence = EventFileName.sequence(of: name) else { throw ReplicationError.unexpectedFile(file: name) }
            guard sequence == expected else { throw ReplicationError.sequence(file: name, expected: expected) }
            let bytes = try repository.show(new, folder + "/" + name)
            let envelope: EventEnvelope
            do { envelope = try EventEnvelope(stored: try JSONParser.parse(bytes)) } catch {
                throw ReplicationError.invalidEvent(file: name, reason: "\(error)")
            }
            guard envelope.fileName == name, envelope.sequence == sequence else {
                throw ReplicationError.sequence(file: name, expected: expected)
            }
            guard envelope.previousHash == previousHash else { throw ReplicationError.brokenChain(file: name) }
            do { try validate(envelope) } catch { throw ReplicationError.invalidEvent(file: name, reason: "\(error)") }
            added.append((name, envelope))
            previousHash = SHA256.hash(bytes)
            expected += 1
        }
        return added
    }

    static func isEventOrSignature(_ name: String) -> Bool {
        EventFileName.sequence(of: name) != nil || EventFileName.signedEvent(of: name) != nil
    }
}
