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
    /// The running binary, absolute and with symlinks resolved (see `ExecutablePath`): the hook
    /// runs it, and the shipped `events/` is found beside the `Package.swift` above it.
    var executablePath: String
    /// Reads at most the given number of bytes of standard input (fewer only at its end).
    var readInput: (Int) -> [UInt8]
    var writeOut: (String) -> Void
    var writeError: (String) -> Void
    /// Whether standard input and standard output are both terminals: someone is there to see a
    /// question and answer it. Questions are asked only when also no CI is declared (`canAsk`).
    var isInteractive: Bool
    /// Whether standard error is a terminal (so progress can be shown).
    var showsProgress: Bool
    var readLine: () -> String?
    /// The language of texts for people (`--lang`, else `LC_ALL`, `LC_MESSAGES`, `LANG`).
    var language: Language
    /// The language `--lang` asked for, when it was given (the site is Dutch unless asked otherwise).
    var chosenLanguage: Language? = nil

    public init(environment: [String: String], currentDirectory: String, executablePath: String,
                readStandardInput: @escaping (Int) -> [UInt8], writeOut: @escaping (String) -> Void,
                writeError: @escaping (String) -> Void, isInteractive: Bool, showsProgress: Bool,
                readLine: @escaping () -> String?) {
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.executablePath = executablePath
        self.readInput = readStandardInput
        self.writeOut = writeOut
        self.writeError = writeError
        self.isInteractive = isInteractive
        self.showsProgress = showsProgress
        self.readLine = readLine
        language = Language(environment: environment)
    }

    public static func process() -> CommandContext {
        let environment = ProcessEnvironment.all()
        return CommandContext(
            environment: environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            executablePath: ExecutablePath.current(environment: environment),
            readStandardInput: { StandardStreams.read(atMost: $0) },
            writeOut: { StandardStreams.write($0, to: STDOUT_FILENO) },
            writeError: { StandardStreams.write($0, to: STDERR_FILENO) },
            isInteractive: isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1,
            showsProgress: isatty(2) == 1,
            readLine: { LineEditor.readLine() })
    }

    /// Whether a command may ask questions and wait for answers: only with a terminal on both
    /// ends (`isInteractive`) and no CI declared: `CI` unset, empty, `false` or `0`. A CI runner
    /// that hands a job a terminal would otherwise wait for an answer that never comes.
    var canAsk: Bool {
        guard isInteractive else { return false }
        let ci = (environment["CI"] ?? "").lowercased()
        return ci.isEmpty || ci == "false" || ci == "0"
    }

    /// All of standard input, however long (for inputs that have no size limit of their own).
    func readStandardInput() -> [UInt8] { readInput(Int.max) }

    /// At most `limit` bytes of standard input: reading stops there, so an endless or huge input
    /// costs no more memory than the limit.
    func readStandardInput(atMost limit: Int) -> [UInt8] { readInput(limit) }

    /// One line for people: stored texts in it cannot reach the terminal as escapes (`DisplayText`).
    func print(_ line: String) { writeText(line + "\n") }

    /// Output for people, with every control, line-separator and bidi character written out
    /// except the line feeds and tabs of its layout (`DisplayText.escapedKeepingLayout`).
    func writeText(_ text: String) { writeOut(DisplayText.escapedKeepingLayout(text)) }

    func printJSON(_ value: JSONValue) { writeOut(JSONWriter.prettyString(value)) }

    /// The store named by `--events`, `$REGISTER_EVENTS` or the repository default.
    func store(_ arguments: ParsedArguments, command: String) throws(CLIError) -> EventStore {
        let directory = EventsLocation.resolve(option: try arguments.value("--events", command: command),
                                               environment: environment, currentDirectory: currentDirectory,
                                               executablePath: executablePath)
        return EventStore(directory: EventsLocation.normalised(directory, currentDirectory: currentDirectory))
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
            folders = [EventsLocation.resolve(option: nil, environment: environment, currentDirectory: currentDirectory,
                                              executablePath: executablePath)]
        }
        return folders.map { EventStore(directory: EventsLocation.normalised($0, currentDirectory: currentDirectory)) }
    }

    /// Who records an event when `--actor` is not given: `$REGISTER_ACTOR`, else `griffie:$USER`,
    /// else (no user name known, or an empty one) `griffie:clerk`.
    var defaultActor: String {
        if let actor = environment["REGISTER_ACTOR"] { return actor }
        if let user = environment["USER"], !user.isEmpty { return "griffie:" + user }
        return "griffie:clerk"
    }

    /// The history a question about some subjects needs, read through the store's subject index
    /// (`EventStore.index(policy:)`): the events that touch them, with every correction and
    /// retraction of those, and then the decisions those events name. Nothing else is read, so a
    /// question about one reserve costs what that reserve's history costs, whatever the store's size.
    ///
    /// `subjects` are index keys such as `reserve:404` or `DomainPolicy.catalog("reserve")`. An index
    /// that turns out not to match the events is rebuilt once from a full, checked replay.
    func history(of store: EventStore, about subjects: [String]) throws -> History {
        try withIndex(of: store) { index in try history(through: index, about: subjects) }
    }

    /// `body` with the store's subject index; when a bucket or leaf turns out damaged or stale
    /// while it is read (which opening the index cannot see), once more with the index rebuilt.
    /// Every command that reads the index goes through here, so damage costs a rebuild, never an answer.
    func withIndex<Value>(of store: EventStore, _ body: (StoreIndex) throws -> Value) throws -> Value {
        do {
            return try body(try store.index(policy: DomainPolicy()))
        } catch is IndexDamage {
            return try body(try store.rebuiltIndex(policy: DomainPolicy()))
        }
    }

    /// The subject a command line names: `kind:id`, or a bare id that names exactly one subject
    /// the register holds. Asks the subject index, so it reads no event file.
    func subject(named text: String, in store: EventStore) throws -> Subject {
        try withIndex(of: store) { index in try subject(named: text, through: index) }
    }

    private func subject(named text: String, through index: StoreIndex) throws -> Subject {
        func held(_ subject: Subject) throws -> Bool { try !index.locations(touching: subject.description).isEmpty }
        if let qualified = Subject(qualified: text) {
            guard try held(qualified) else { throw DomainError.unknownReference(field: "SUBJECT", kind: qualified.kind, id: qualified.id) }
            return qualified
        }
        var candidates: [Subject] = [.reserve(ReserveNumber(text)), .contract(ContractID(text)), .programme(ProgrammeID(text)),
                                     .decision(DecisionID(text))]
        if let year = Int(text) { candidates.append(.budget(year: year)) }
        let matches = try candidates.filter(held)
        switch matches.count {
        case 1: return matches[0]
        case 0: throw DomainError.conflict("the register holds nothing called '\(text)'; see 'register subjects' for the ids")
        default:
            throw DomainError.conflict("'\(text)' is ambiguous: it names " + matches.map(\.description).joined(separator: " and ")
                                       + "; write one of those")
        }
    }

    func history(through index: StoreIndex, about subjects: [String]) throws -> History {
        // An event this register cannot read may be about any subject: while one is in the
        // history, no answer is given from it (the same refusal as a full replay's).
        try index.prefetch(subjects: [DomainPolicy.unreadable] + subjects, groups: [DomainPolicy.decisionGroup])
        if let first = try UnreadableEvents.standing(in: index).first { throw first.failure }
        var locations: [KeyIndex.EventLocation] = []
        for subject in subjects { locations += try index.locations(touching: subject) }
        var seen = Set<Int>()
        locations = locations.filter { seen.insert($0.sequence).inserted }
        var records = try index.envelopes(locations, Self.decoded)
        let named = Set(records.compactMap { $0.event.authorisingDecision }).subtracting(records.compactMap {
            if case .decision(let d) = $0.event { return d.id } else { return nil }
        })
        var decisionLocations: [KeyIndex.EventLocation] = []
        if !named.isEmpty {
            let members = named.sorted(by: { $0.rawValue < $1.rawValue }).map { KeyIndex.normalised(Subject.decision($0).description) }
            let decisions = try index.locations(inGroup: DomainPolicy.decisionGroup, members: Set(members))
            for member in members { decisionLocations += decisions[member] ?? [] }
        }
        decisionLocations = decisionLocations.filter { seen.insert($0.sequence).inserted }
        records += try index.envelopes(decisionLocations, Self.decoded)
        return History(records: records.sorted { $0.sequence < $1.sequence })
    }

    private static func decoded(_ envelope: EventEnvelope) throws -> DomainRecord {
        do { return try DomainRecord(envelope: envelope) } catch {
            throw UnreadableEvents.failure(file: envelope.fileName, id: envelope.id, sequence: envelope.sequence, error)
        }
    }

    /// Replays the store into a domain history; damage is a failure, and so is an event this
    /// register cannot read, unless a later retraction set it aside.
    func history(of store: EventStore) throws -> History {
        let (history, unreadable) = try readableHistory(of: store)
        try unreadable.check()
        return history
    }

    /// Replays the store into the history of the events this register can read, and the ones it
    /// cannot: for `record`, which must be able to retract those. Damage is a failure.
    func readableHistory(of store: EventStore) throws -> (History, UnreadableEvents) {
        var history = History()
        var unreadable = UnreadableEvents()
        // Decoded on all cores as the files are read; appended in order.
        try store.replay(prepare: UnreadableEvents.decode) { stored, decoded in
            if let record = unreadable.take(stored, decoded) { history.append(record) }
        }
        return (history, unreadable)
    }
}
