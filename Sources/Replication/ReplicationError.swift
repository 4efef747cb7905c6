import EventStore

/// Why a push or a sync is refused: the history that arrived is not a pure append.
public enum ReplicationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The new history does not contain the old one (a force push, a fork, a rewrite of commits).
    case notFastForward(old: String, new: String)
    /// A line of the hook's input that is not `OLD NEW REF` (two object ids and a ref name):
    /// a hook refuses what it cannot read.
    case unreadableUpdate(line: Int, text: String)
    /// The pushed revision is not a commit the repository holds.
    case unknownCommit(String)
    /// An event file that was already published has other bytes now.
    case eventModified(file: String)
    /// An event file that was already published is gone (deleted, or renamed to another name).
    case eventDeletedOrRenamed(file: String)
    /// An added file is not the next event of the history, in the store's own damage vocabulary
    /// (`ChainChecker`): a gap or duplicate, a misplaced or misnamed file, a broken chain, a stranger.
    case history(file: String, damage: Damage)
    /// An added event is well-formed and chained, but the register's rules refuse it (as `append`
    /// would); the refusal carries the policy's typed error.
    case invalidEvent(file: String, refusal: PolicyRefusal)
    /// An added event reuses the id of an event already in the history.
    case eventIDReused(file: String, id: String)
    /// Publishing kept losing the race to other publishers.
    case pushRejected(attempts: Int, message: String)
    /// The remote refused the push itself (its pre-receive hook declined it); `messages` are what
    /// the hook said (git's `remote:` lines). Not retried: it would be refused again.
    case pushRefused(remote: String, reason: String, messages: [String])
    /// A `checkpoint-*` tag that is not a checkpoint of the published history: not annotated, not
    /// checkpoint text, misnamed, moved or deleted, or pointing outside `main`'s history.
    case checkpointTagInvalid(tag: String, reason: String)
    /// A `checkpoint-*` tag whose count and root are not those of the history it points at.
    case checkpointMismatch(tag: String, claimedEvents: Int, claimedRoot: String, actualEvents: Int, actualRoot: String)
    /// `checkpoint --tag` with local events that the remote does not have (or other than it has):
    /// a checkpoint tag covers only published history.
    case checkpointNotPublished(remote: String, localEvents: Int, publishedEvents: Int)
    /// Something about the repository itself (no remote, not a git repository).
    case repository(String)

    public var description: String {
        switch self {
        case let .notFastForward(old, new):
            return "not a fast-forward: \(new.prefix(12)) does not contain the published \(old.prefix(12)); published history was forked or rewritten"
        case let .unreadableUpdate(line, text):
            return "line \(line) of the hook's input, '\(text.prefix(120))', is not 'OLD NEW REF' (two object ids in hex and a ref name); nothing was accepted"
        case .unknownCommit(let revision):
            return "\(revision.prefix(40)) is not a commit in this repository; nothing was accepted"
        case .eventModified(let file):
            return "\(file): an already published event was modified; events are immutable (append a correction instead)"
        case .eventDeletedOrRenamed(let file):
            return "\(file): an already published event was deleted or renamed"
        case let .history(file, damage):
            return "\(file): \(damage)"
        case let .invalidEvent(file, refusal):
            return "\(file): not a valid event: \(refusal)"
        case let .eventIDReused(file, id):
            return "\(file): not a valid event: event id '\(id)' is already in the history"
        case let .pushRejected(attempts, message):
            return "publishing failed after \(attempts) attempts (others kept publishing first): \(message); run 'register publish' again"
        case let .pushRefused(remote, reason, messages):
            let said = messages.isEmpty ? "" : ": " + messages.joined(separator: "; ")
            return "the shared repository '\(remote)' refused the push (\(reason))\(said)"
        case let .checkpointTagInvalid(tag, reason):
            return "checkpoint tag \(tag) refused: \(reason)"
        case let .checkpointMismatch(tag, claimedEvents, claimedRoot, actualEvents, actualRoot):
            return "checkpoint tag \(tag) refused: it claims \(claimedEvents) events with root \(claimedRoot.prefix(16))…, but the history "
                + "it points at has \(actualEvents) events with root \(actualRoot.prefix(16))…"
        case let .checkpointNotPublished(remote, local, published):
            if published == 0 {
                return "nothing of this register is published to '\(remote)' yet, and a checkpoint tag covers only published history; "
                    + "run 'register publish' first, then tag"
            }
            if local > published {
                return "\(local - published) local event(s) after event \(published) are not published to '\(remote)', and a checkpoint tag "
                    + "covers only published history; run 'register publish' first, then tag"
            }
            return "the local history (\(local) events) is not the history published to '\(remote)' (\(published) events); "
                + "run 'register sync' (or 'register publish') first, then tag"
        case .repository(let why):
            return why
        }
    }
}
