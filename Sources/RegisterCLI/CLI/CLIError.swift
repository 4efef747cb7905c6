import EventStore
import Projections

/// An error the CLI reports on stderr, with the exit code it implies.
enum CLIError: Error, Equatable, CustomStringConvertible {
    /// The command line is wrong; `command` names the command whose usage to show.
    case usage(String, command: String?)
    /// The input or the question is refused; nothing was written.
    case refused(String)
    /// Something failed that is not the user's input (damaged store, I/O).
    case failure(String)

    var exitCode: ExitCode {
        switch self {
        case .usage: return .usage
        case .refused: return .refused
        case .failure: return .failure
        }
    }

    var description: String {
        switch self {
        case .usage(let m, _), .refused(let m), .failure(let m): return m
        }
    }

    /// Maps library errors onto the CLI's exit codes and clerk-readable messages.
    static func from(_ error: any Error) -> CLIError {
        switch error {
        case let e as CLIError:
            return e
        case let e as StoreError:
            switch e {
            case .damaged:
                return .failure("the store is damaged: \(e). Run 'register verify' for details; do not append until it is repaired")
            case .system, .missingDirectory, .fileExists:
                return .failure("\(e)")
            case .invalidField, .unreadableInput, .headMoved, .duplicateEventID, .refused:
                return .refused("\(e); nothing was written")
            }
        case let e as DomainError:
            return .refused("\(e)")
        default:
            return .failure("\(error)")
        }
    }
}
