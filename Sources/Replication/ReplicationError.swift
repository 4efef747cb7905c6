/// Why a push or a sync is refused: the history that arrived is not a pure append.
public enum ReplicationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The new history does not contain the old one (a force push, a fork, a rewrite of commits).
    case notFastForward(old: String, new: String)
    /// An event file that was already published has other bytes now.
    case eventModified(file: String)
    /// An event file that was already published is gone (deleted, or renamed to another name).
    case eventDeletedOrRenamed(file: String)
    /// Added events do not continue the sequence (a gap, a duplicate, a name out of order).
    case sequence(file: String, expected: Int)
    /// An added event does not chain to the one before it.
    case brokenChain(file: String)
    /// An added event cannot be read or is not valid.
    case invalidEvent(file: String, reason: String)
    /// An added event is in another shard's folder (see `EventShard`).
    case misplaced(file: String, expectedPath: String)
    /// A file in the events folder that is not an event, a signature or the signers list.
    case unexpectedFile(file: String)
    /// Publishing kept losing the race to other publishers.
    case pushRejected(attempts: Int, message: String)
    /// Something about the repository itself (no remote, not a git repository).
    case repository(String)

    public var description: String {
        switch self {
        case let .notFastForward(old, new):
            return "not a fast-forward: \(new.prefix(12)) does not contain the published \(old.prefix(12)); published history was forked or rewritten"
        case .eventModified(let file):
            return "\(file): an already published event was modified; events are immutable (append a correction instead)"
        case .eventDeletedOrRenamed(let file):
            return "\(file): an already published event was deleted or renamed"
        case let .sequence(file, expected):
            return "\(file): expected event number \(expected) next; the sequence has a gap, a duplicate or a misnamed file"
        case .brokenChain(let file):
            return "\(file): its previousHash is not the hash of the event before it (a forged or re-chained event)"
        case let .invalidEvent(file, reason):
            return "\(file): not a valid event: \(reason)"
        case let .misplaced(file, expectedPath):
            return "\(file): in the wrong shard folder; an event of this number belongs at \(expectedPath)"
        case .unexpectedFile(let file):
            return "\(file): not an event file (events are named NNNNNNNN-type.json, in the events folder or its NNNN/ shard folders)"
        case let .pushRejected(attempts, message):
            return "publishing failed after \(attempts) attempts (others kept publishing first): \(message); run 'register publish' again"
        case .repository(let why):
            return why
        }
    }
}
