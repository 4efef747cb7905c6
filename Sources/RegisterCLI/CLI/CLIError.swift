import Drafting
import Glibc
import EventStore
import Projections
import Replication
import Signing

/// An error the CLI reports on stderr, with the exit code it implies.
enum CLIError: Error, Equatable, CustomStringConvertible {
    /// The command line is wrong; `command` names the command whose usage to show.
    case usage(String, command: String?)
    /// The input or the question is refused; nothing was written.
    case refused(String)
    /// Something failed that is not the user's input (damaged store, I/O).
    case failure(String)
    /// The machine cannot do it: a program is missing, a permission is denied, a disk is
    /// read-only or full. Not the input's fault, and nothing was written.
    case environment(String)

    var exitCode: ExitCode {
        switch self {
        case .usage: return .usage
        case .refused: return .refused
        case .failure, .environment: return .failure
        }
    }

    var description: String {
        switch self {
        case .usage(let m, _), .refused(let m), .failure(let m), .environment(let m): return m
        }
    }

    /// errno values that say the machine, not the input, is at fault.
    static let environmentErrnos: Set<Int32> = [EACCES, EPERM, EROFS, ENOSPC, EDQUOT, EMFILE, ENFILE]

    /// Maps library errors onto the CLI's exit codes and clerk-readable messages.
    static func from(_ error: any Error) -> CLIError {
        switch error {
        case let e as CLIError:
            return e
        case let e as StoreError:
            switch e {
            case .damaged:
                return .failure("the store is damaged: \(e). Run 'register verify' for details; do not append until it is repaired")
            case .system(_, _, let code, _) where Self.environmentErrnos.contains(code):
                return .environment("\(e); nothing was written")
            case .system, .missingDirectory, .notAFolder, .fileExists:
                return .failure("\(e)")
            case .storedNotDurable:
                // Not "nothing was written": the event is there. Exit 1, so a caller retries; the retry confirms it.
                return .failure("stored, but not confirmed durable: \(e)")
            case .invalidField, .unreadableInput, .headMoved, .duplicateEventID, .refused:
                return .refused("\(e); nothing was written")
            }
        case let e as DomainError:
            return .refused("\(e)")
        case let e as DraftingError:
            return .refused("\(e)")
        case let e as SigningError:
            switch e {
            case .toolMissing, .toolTimedOut, .temporaryFileUnwritable: return .environment("\(e); nothing was written")
            case .signingFailed: return .refused("\(e); nothing was written")
            }
        case let e as ReplicationError:
            switch e {
            case .repository, .pushRejected: return .failure("\(e)")
            case .pushRefused:
                return .refused("\(e); nothing was published, and the local events are kept as they are")
            case .checkpointNotPublished:
                return .refused("\(e); nothing was tagged")
            case .checkpointTagInvalid:
                return .refused("\(e)")
            case .checkpointMismatch:
                return .failure("\(e)")
            case .notFastForward, .unreadableUpdate, .unknownCommit, .eventModified, .eventDeletedOrRenamed, .history, .invalidEvent, .eventIDReused:
                return .failure("\(e); nothing local was changed")
            }
        case let e as TotalOutOfRange:
            // A stored history whose amounts add up beyond the cap (append refuses such events).
            return .failure("\(e); the history holds amounts that add up beyond what the register states "
                            + "(append refuses such an event; this one came another way): correct or retract event \(e.event)")
        case let e as IndexDamage:
            return .failure("\(e); delete the .register folder beside the events folder and ask again")
        default:
            return .failure("\(error)")
        }
    }
}
