import EventStore

/// Why a push or a sync is refused: the history that arrived is not a pure append.
public enum ReplicationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The new history does not contain the old one (a force push, a fork, a rewrite of commits).
    case notFastForward(old: String, new: String)
    /// An event file that was already published has other bytes now.
    case eventModified(file: String)
    /// An event file that was already published is gone (deleted, or renamed to another name).
    case eventDeletedOrRenamed(file: String)
    /// An added file is not the next event of the history, in the store's own damage vocabulary
    /// (`ChainChecker`): a gap or duplicate, a misplaced or misnamed file, a broken chain, a stranger.
    case history(file: String, damage: Damage)
    /// An added event is well-formed and chained, but the register's rules refuse it (as `append` would).
    case invalidEvent(file: String, reason: String)
    /// Publishing kept losing the race to other publishers.
    case pushRejected(attempts: Int, message: String)
    /// The remote refused the push itself (its pre-receive hook declined it); `messages` are what
    /// the hook said (git's `remote:` lines). Not retried: it would be refused again.
    case pushRefused(remote: String, reason: String, messages: [String])
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
        case let .history(file, damage):
            return "\(file): \(damage)"
        case let .invalidEvent(file, reason):
            return "\(file): not a valid event: \(reason)"
        case let .pushRejected(attempts, message):
            return "publishing failed after \(attempts) attempts (others kept publishing first): \(message); run 'register publish' again"
        case let .pushRefused(remote, reason, messages):
            let said = messages.isEmpty ? "" : ": " + messages.joined(separator: "; ")
            return "the shared repository '\(remote)' refused the push (\(reason))\(said)"
        case .repository(let why):
            return why
        }
    }
}
