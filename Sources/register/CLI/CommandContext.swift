import EventStore
import Foundation
import Projections

/// What a command may touch outside itself: the environment, standard input and output.
///
/// `main` builds one over the real process; tests build one over buffers.
struct CommandContext {
    var environment: [String: String]
    var executablePath: String
    var readStandardInput: () -> [UInt8]
    var writeOut: (String) -> Void
    var writeError: (String) -> Void
    /// Whether standard input is a terminal (so questions can be asked).
    var isInteractive: Bool
    /// Whether standard error is a terminal (so progress can be shown).
    var showsProgress: Bool
    var readLine: () -> String?

    static func process() -> CommandContext {
        CommandContext(
            environment: ProcessInfo.processInfo.environment,
            executablePath: CommandLine.arguments.first ?? "register",
            readStandardInput: { Array(FileHandle.standardInput.readDataToEndOfFile()) },
            writeOut: { FileHandle.standardOutput.write(Data($0.utf8)) },
            writeError: { FileHandle.standardError.write(Data($0.utf8)) },
            isInteractive: isatty(0) == 1,
            showsProgress: isatty(2) == 1,
            readLine: { Swift.readLine(strippingNewline: true) })
    }

    func print(_ line: String) { writeOut(line + "\n") }

    func printJSON(_ value: JSONValue) { writeOut(JSONWriter.prettyString(value)) }

    /// The store named by `--events`, `$REGISTER_EVENTS` or the repository default.
    func store(_ arguments: ParsedArguments, command: String) throws(CLIError) -> EventStore {
        let directory = EventsLocation.resolve(option: try arguments.value("--events", command: command),
                                               environment: environment, executablePath: executablePath)
        return EventStore(directory: directory)
    }

    /// Replays the store into a domain history; damage or an unreadable event is a failure.
    func history(of store: EventStore) throws -> History {
        var history = History()
        try store.replay { stored in
            do {
                history.append(try DomainRecord(envelope: stored.envelope))
            } catch {
                throw CLIError.failure("\(stored.fileName): this register cannot read the event: \(error)")
            }
        }
        return history
    }
}
