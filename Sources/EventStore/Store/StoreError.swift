import Glibc

/// Everything that can go wrong in the event store, with the file, field or value involved.
///
/// `description` is the message a clerk sees: what happened, where, and what to do.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why the events folder at `path` cannot be opened: nothing there, not a folder, or a
    /// folder the system refuses (its `errno`, e.g. permission denied).
    var isNoEventsFolder: Bool {
        switch self {
        case .missingDirectory, .notAFolder: return true
        default: return false
        }
    }

    static func noEventsFolder(at path: String) -> StoreError {
        switch FileKind.resolving(path) {
        case nil: return .missingDirectory(path: path)
        case .folder?:
            let fd = path.withCString { Glibc.open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
            let code = Syscall.errno
            if fd >= 0 { _ = Glibc.close(fd); return .missingDirectory(path: path) } // it came back: a race
            return .system(call: "open", path: path, errno: code, message: Syscall.errorText(code))
        case let kind?: return .notAFolder(path: path, found: kind)
        }
    }

    /// A C call failed; `errno` and its text say why.
    case system(call: String, path: String, errno: Int32, message: String)
    /// Nothing is at the events folder's path.
    case missingDirectory(path: String)
    /// Something other than a folder is at the events folder's path.
    case notAFolder(path: String, found: FileKind)
    /// An input event is not acceptable; nothing was written.
    case invalidField(field: String, problem: String, expected: String)
    /// An input is not JSON at all.
    case unreadableInput(source: String, detail: String)
    /// `--expect-head` / `--expect-seq` did not match: another append came first.
    case headMoved(expected: String, actual: String)
    /// An event with this id and other content is already in the store. (The same event again,
    /// a retry, is not an error: `append` returns the stored event's receipt.)
    case duplicateEventID(id: String, existingFile: String)
    /// The event is stored under its final name, but a step that makes it durable failed (the
    /// folder `fsync`), so it may not survive a power failure. Appending the same event again is
    /// safe: it writes nothing twice and confirms it (see `EventStore.append`).
    case storedNotDurable(receipt: AppendReceipt, cause: String)
    /// The final file name was already taken (someone wrote without the lock).
    case fileExists(path: String)
    /// The stored history is damaged: the first bad file and what is wrong with it.
    case damaged(file: String, damage: Damage)
    /// The append policy refused the event; the refusal carries the policy's typed error.
    case refused(PolicyRefusal)

    public var description: String {
        switch self {
        case let .system(call, path, errno, message):
            return "\(call) failed on \(path): \(message) (errno \(errno))"
        case let .missingDirectory(path):
            return "the events folder \(path) does not exist; name the register's events folder with --events DIR "
                + "(or REGISTER_EVENTS), or, to start a new register there, create it as an empty folder"
        case let .notAFolder(path, found):
            return "the events folder \(path) is a \(found), not a folder; name the register's events folder with --events DIR (or REGISTER_EVENTS)"
        case let .invalidField(field, problem, expected):
            return "field '\(field)': \(problem); expected \(expected)"
        case let .unreadableInput(source, detail):
            return "\(source) is not valid JSON: \(detail)"
        case let .headMoved(expected, actual):
            return "the store moved on: expected head \(expected) but it is \(actual); replay, check, and append again"
        case let .duplicateEventID(id, file):
            return "event id '\(id)' is already stored in \(file) with other content; an event is appended once (a retry of the very same event is accepted)"
        case let .storedNotDurable(receipt, cause):
            return "event \(receipt.sequence) is stored as \(receipt.path) (id \(receipt.id), hash \(receipt.hash.hex)), but its durability "
                + "could not be confirmed: \(cause); it may not survive a power failure. Append the same event again: "
                + "that stores nothing twice and confirms it"
        case let .fileExists(path):
            return "\(path) already exists; another writer bypassed the lock. Run 'register verify'"
        case let .damaged(file, damage):
            return "\(file): \(damage)"
        case let .refused(refusal):
            return refusal.description
        }
    }
}

/// The kind of damage `verify` and replay find in a stored history.
public enum Damage: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's bytes no longer hash to what the next event records.
    case hashMismatch(recordedByNext: String, actual: String, nextFile: String)
    /// The event names a predecessor hash that is not the previous file's hash.
    case brokenLink(expected: String, found: String)
    /// A sequence number is missing: `expected` should come next.
    case missingSequence(expected: Int)
    /// Two files claim the same sequence number.
    case duplicateSequence(Int)
    /// The file name is not what its content says (renamed, swapped or moved).
    case nameMismatch(expectedName: String)
    /// The event is in another shard's folder: it belongs at `expectedPath` (see `EventShard`).
    case misplaced(expectedPath: String)
    /// A file in the events folder that is not an event file.
    case unexpectedFile
    /// A temporary file left by an append that did not finish (a crash).
    case leftoverTemporaryFile
    /// The bytes are not a JSON event envelope.
    case unreadable(String)
    /// The file could not be read.
    case ioError(String)
    /// A detached signature does not match its event's bytes.
    case badSignature(String)
    /// The same event id as an earlier event (append refuses this; the file came from elsewhere).
    case duplicateEventID(id: String, firstSequence: Int)
    /// Where an event file or a shard folder belongs there is something else: a symbolic link
    /// (even to identical bytes), a folder, a pipe, a device.
    case wrongKind(found: FileKind, expected: FileKind)
    /// The event says it was recorded after the moment it was checked (`now`, with the
    /// tolerance for clocks that differ): a wrong clock or a forged instant.
    case recordedInFuture(recordedAt: String, now: String)
    /// A command that read the file once, with the rest of the history, read it again and found
    /// other bytes (`EventStore.reread`).
    case changedWhileRead(checked: String, now: String)

    public var kind: String {
        switch self {
        case .hashMismatch: return "hash-mismatch"
        case .brokenLink: return "broken-link"
        case .missingSequence: return "missing-sequence"
        case .duplicateSequence: return "duplicate-sequence"
        case .nameMismatch: return "name-mismatch"
        case .misplaced: return "misplaced"
        case .unexpectedFile: return "unexpected-file"
        case .leftoverTemporaryFile: return "leftover-temporary-file"
        case .unreadable: return "unreadable"
        case .ioError: return "io-error"
        case .badSignature: return "bad-signature"
        case .duplicateEventID: return "duplicate-event-id"
        case .wrongKind: return "wrong-kind-of-file"
        case .recordedInFuture: return "recorded-in-future"
        case .changedWhileRead: return "changed-while-read"
        }
    }

    public var description: String {
        switch self {
        case let .hashMismatch(recorded, actual, next):
            return "hash mismatch: the file was altered (it hashes to \(actual), but \(next) records \(recorded))"
        case let .brokenLink(expected, found):
            return "broken link: it names predecessor \(found), but the previous event hashes to \(expected)"
        case let .missingSequence(expected):
            return "missing sequence number: expected \(expected) here; an event was deleted or never linked"
        case let .duplicateSequence(n):
            return "duplicate sequence number \(n): more than one file claims it"
        case let .nameMismatch(expectedName):
            return "renamed or moved: its content says it should be named \(expectedName)"
        case let .misplaced(expectedPath):
            return "moved into the wrong folder: an event of this sequence number belongs at \(expectedPath) (or directly in the events folder)"
        case .unexpectedFile:
            return "unexpected file: not an event file (events are named NNNNNNNN-type.json, in the events folder or its NNNN/ shard folders)"
        case .leftoverTemporaryFile:
            return "leftover temporary file from an interrupted append; it is not part of the history and may be removed"
        case let .unreadable(why):
            return "unreadable event: \(why)"
        case let .ioError(why):
            return "cannot be read: \(why)"
        case let .badSignature(why):
            return "bad signature: it does not sign its event's bytes (\(why)); the event or the signature was altered"
        case let .duplicateEventID(id, first):
            return "duplicate event id: '\(id)' is already the id of event \(first); every event has its own id"
        case let .wrongKind(found, expected):
            return "not a \(expected): it is a \(found); the history is only read from \(expected)s inside the events folder itself, never through a link"
        case let .recordedInFuture(recordedAt, now):
            return "recorded in the future: it says it was recorded at \(recordedAt), but it is now \(now); a clock was wrong or the instant was forged"
        case let .changedWhileRead(checked, now):
            return "changed while it was read: it hashed to \(checked) when the history was checked and hashes to \(now) now; an event file never changes, so something wrote to the events folder"
        }
    }
}
