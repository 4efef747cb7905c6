import EventStore
import Foundation
import Projections

/// What a command may touch outside itself: the environment, standard input and output.
///
/// `main` builds one over the real process; tests build one over buffers (`init`), so a command
/// reads no process-wide state: not the environment, not the working directory.
public struct CommandContext {
    var environment: [String: String]
    /// The folder relative defaults are found from (the events folder of the repository around it).
    var currentDirectory: String
    var executablePath: String
    var readStandardInput: () -> [UInt8]
    var writeOut: (String) -> Void
    var writeError: (String) -> Void
    /// Whether standard input is a terminal (so questions can be asked).
    var isInteractive: Bool
    /// Whether standard error is a terminal (so progress can be shown).
    var showsProgress: Bool
    var readLine: () -> String?

    public init(environment: [String: String], currentDirectory: String, executablePath: String,
                readStandardInput: @escaping () -> [UInt8], writeOut: @escaping (String) -> Void,
                writeError: @escaping (String) -> Void, isInteractive: Bool, showsProgress: Bool,
                readLine: @escaping () -> String?) {
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.executablePath = executablePath
        self.readStandardInput = readStandardInput
        self.writeOut = writeOut
        self.writeError = writeError
        self.isInteractive = isInteractive
        self.showsProgress = showsProgress
        self.readLine = readLine
    }

    public static func process() -> CommandContext {
        CommandContext(
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
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
                                               environment: environment, currentDirectory: currentDirectory,
                                               executablePath: executablePath)
        return EventStore(directory: directory)
    }

    /// Every store named by repeated `--events` and by `--registers FILE` (one folder per line),
    /// for the commands that read many registers at once; the default store when none is named.
    func stores(_ arguments: ParsedArguments, command: String) throws(CLIError) -> [EventStore] {
        var folders = arguments.allValues("--events")
        if let list = try arguments.value("--registers", command: command) {
            guard let data = FileManager.default.contents(atPath: list) else {
                throw .usage("--registers '\(list)': cannot read that file", command: command)
            }
            let base = URL(fileURLWithPath: list).deletingLastPathComponent()
            for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
                let entry = line.trimmingCharacters(in: .whitespaces)
                guard !entry.isEmpty, !entry.hasPrefix("#") else { continue }
                folders.append(entry.hasPrefix("/") ? entry : base.appendingPathComponent(entry).path)
            }
        }
        if folders.isEmpty {
            return [EventStore(directory: EventsLocation.resolve(option: nil, environment: environment, currentDirectory: currentDirectory,
                                                                executablePath: executablePath))]
        }
        return folders.map { EventStore(directory: $0) }
    }

    /// The history a question about one subject needs, read with `EventStore.scan` (no chain
    /// check; `verify` does that): the events that name the subject (and whose type, from the file
    /// name, is in `types` when given), every correction and retraction, and then, in a second pass
    /// over the decision files only, the decisions those events name. Skipping the rest unparsed
    /// keeps a cold query's time and memory to what the answer needs.
    func history(of store: EventStore, about subjectID: String?, types: Set<String> = []) throws -> History {
        let quoted = subjectID.map { Array("\"\($0)\"".utf8) }
        let amendments: Set<String> = ["correction", "retraction"]
        @Sendable func type(_ name: String) -> String { String(name.dropFirst(EventFileName.digits + 1).dropLast(5)) }
        var records: [DomainRecord] = []
        try store.scan(where: { name, bytes in
            let t = type(name)
            if amendments.contains(t) { return true }
            if t.hasPrefix("decision-") { return false }
            if !types.isEmpty && !types.contains(t) { return false }
            return quoted.map { ByteSearch.contains(bytes, $0) } ?? true
        }) { envelope in records.append(try decoded(envelope)) }
        let named = Set(records.compactMap { $0.event.authorisingDecision?.rawValue })
        if !named.isEmpty {
            try store.scan(where: { name, bytes in
                guard type(name).hasPrefix("decision-") else { return false }
                // The id is read from the bytes; a file where that fails is parsed to be sure.
                guard let id = ByteSearch.stringValue(of: "decision", in: bytes) else { return true }
                return named.contains(id)
            }) { envelope in
                let record = try decoded(envelope)
                if case .decision(let d) = record.event, named.contains(d.id.rawValue) { records.append(record) }
            }
        }
        return History(records: records.sorted { $0.sequence < $1.sequence })
    }

    private func decoded(_ envelope: EventEnvelope) throws -> DomainRecord {
        do { return try DomainRecord(envelope: envelope) } catch {
            throw CLIError.failure("\(envelope.fileName): this register cannot read the event: \(error)")
        }
    }

    /// Replays the store into a domain history; damage or an unreadable event is a failure.
    func history(of store: EventStore) throws -> History {
        var history = History()
        try store.replay { stored in
            do {
                history.append(try DomainRecord(envelope: stored.envelope))
            } catch {
                throw CLIError.failure("\(stored.path): this register cannot read the event: \(error)")
            }
        }
        return history
    }
}
