import EventStore
import Foundation
import Projections

/// What a shell may offer for the next word of a `register` command line, given the words
/// before it: the commands, a command's own flags (for `record`, only those of the chosen
/// type), the register's own ids where a command or flag takes one (reserves, contracts,
/// programmes, decisions, budget years, events), audit rule names, record types and the
/// allowed values of a choice. `register completion candidates -- WORD…` prints them, one a
/// line, for the scripts `register completion bash|zsh` writes.
///
/// Nothing is offered where a file or free text goes (the shell then offers file names); a store
/// that cannot be read offers no ids, and never an error.
struct CompletionCandidates {
    /// The register's ids, read once when first needed.
    struct Ids {
        var reserves: [String] = []
        var contracts: [String] = []
        var programmes: [String] = []
        var decisions: [String] = []
        var years: [String] = []
        /// Events as `record correction` and `retraction` take them: sequence numbers and ids.
        var events: [(sequence: Int, id: String, type: EventType)] = []

        init() {}

        init(records: [ResolvedRecord]) {
            for entry in SubjectCatalog(records: records).entries {
                switch entry.subject {
                case .reserve(let r): reserves.append(r.rawValue)
                case .contract(let c): contracts.append(c.rawValue)
                case .programme(let p): programmes.append(p.rawValue)
                case .decision(let d): decisions.append(d.rawValue)
                case .budget(let year): years.append(String(year))
                }
            }
            events = records.map { ($0.sequence, $0.id, $0.original.type) }
        }
    }

    /// The words after `register`, before the one being completed.
    let words: [String]
    let ids: () -> Ids

    /// Candidates for the words, reading the store the words name (`--events DIR`, else the default) only when ids are needed.
    init(words: [String], context: CommandContext) {
        self.words = words
        var events: String? = nil
        for (i, word) in words.enumerated() {
            if word == "--events", i + 1 < words.count { events = words[i + 1] }
            else if word.hasPrefix("--events=") { events = String(word.dropFirst("--events=".count)) }
        }
        let folder = EventsLocation.normalised(EventsLocation.resolve(option: events, environment: context.environment,
                                                                      currentDirectory: context.currentDirectory,
                                                                      executablePath: context.executablePath),
                                               currentDirectory: context.currentDirectory)
        var cached: Ids? = nil
        ids = {
            if let cached { return cached }
            let store = EventStore(directory: folder)
            let read = (try? context.history(of: store).resolved(knownOn: nil)).map(Ids.init(records:)) ?? Ids()
            cached = read
            return read
        }
    }

    init(words: [String], ids: Ids) {
        self.words = words
        self.ids = { ids }
    }

    static var commandNames: [String] { RegisterCommandLine.commands.map { $0.name } + ["help"] }

    static func spec(_ name: String) -> CommandSpec? { RegisterCommandLine.command(named: name)?.spec }

    var candidates: [String] {
        guard let command = words.first else { return Self.commandNames + ["--help", "--version"] }
        if command == "help" { return words.count == 1 ? Self.commandNames.filter { $0 != "help" } : [] }
        guard let spec = Self.spec(command) else { return [] }
        let options = self.options(command: command, spec: spec)
        // The value of the option just typed.
        if words.count > 1, let option = options.first(where: { $0.name == words[words.count - 1] }), let valueName = option.valueName {
            return values(of: option.name, valueName: valueName, command: command)
        }
        let flags = options.map(\.name).filter { !words.contains($0) || $0 == "--allocation" || $0 == "--assumption" || $0 == "--events" }
        return positionals(command: command, given: positionalWords(options: options)) + flags
    }

    /// The words that are not options or option values.
    func positionalWords(options: [OptionSpec]) -> [String] {
        var result: [String] = []
        var index = 1
        while index < words.count {
            let word = words[index]
            if word.hasPrefix("--") {
                let takesValue = options.first { $0.name == word }?.valueName != nil
                index += takesValue && !word.contains("=") ? 2 : 1
            } else {
                result.append(word)
                index += 1
            }
        }
        return result
    }

    /// A command's flags; `record`'s are those of the type (or event) chosen so far.
    func options(command: String, spec: CommandSpec) -> [OptionSpec] {
        guard command == "record" else { return spec.allOptions }
        let positionals = positionalWords(options: spec.allOptions)
        guard let first = positionals.first else { return RecordCommand.common + OptionSpec.common }
        if RecordCommand.correctionNames.contains(first.lowercased()) {
            var fields: [OptionSpec] = []
            if let target = positionals.dropFirst().first, let event = event(target),
               let type = RecordType.all.first(where: { $0.type == event.type }) {
                fields = type.fields.map(\.option)
            }
            return RecordCommand.common + RecordCommand.correctionOptions + [OptionSpec(name: "--reason", valueName: "TEXT", help: "")] + fields + OptionSpec.common
        }
        guard let type = RecordType.named(first) else { return RecordCommand.common + OptionSpec.common }
        return RecordCommand.common + type.fields.map(\.option) + OptionSpec.common
    }

    func event(_ text: String) -> (sequence: Int, id: String, type: EventType)? {
        let events = ids().events
        if let n = Int(text) { return events.first { $0.sequence == n } }
        return events.first { $0.id == text }
    }

    /// What may follow a command's positionals so far.
    func positionals(command: String, given: [String]) -> [String] {
        let ids = { self.ids() }
        switch (command, given.count) {
        case ("reserve", 0), ("report", 0): return ids().reserves
        case ("contract", 0): return ids().contracts
        case ("timeline", 0), ("audit", 0), ("changes", 0):
            let all = ids()
            return all.reserves + all.contracts + all.programmes + all.decisions
        case ("completion", 0): return ["bash", "zsh"]
        case ("record", 0): return RecordType.all.map(\.name) + ["correction"] + RecordType.dutchNames.values.flatMap { $0 }.sorted()
        case ("record", 1) where RecordCommand.correctionNames.contains(given[0].lowercased()) || RecordType.named(given[0])?.type == .retraction:
            return ids().events.reversed().flatMap { [String($0.sequence), $0.id] }
        default: return []
        }
    }

    /// The values an option takes: ids, rule names, choices; nothing for files, dates and free text.
    func values(of option: String, valueName: String, command: String) -> [String] {
        switch option {
        case "--rule": return AuditRule.allCases.map(\.rawValue)
        case "--reserve": return ids().reserves
        case "--contract": return ids().contracts
        case "--decision": return ids().decisions
        case "--programme": return ids().programmes
        case "--year": return ids().years
        case "--retracts", "--commitment": return ids().events.reversed().map(\.id)
        default: break
        }
        if command == "record", let field = RecordType.all.lazy.flatMap(\.fields).first(where: { $0.flag == option }), case .choice(let choices) = field.kind {
            return choices
        }
        // `json|csv|ledger`, `en|nl`: a list of lower-case choices (not `DATE|DATETIME` or `FILE|TEXT`).
        let parts = valueName.split(separator: "|").map(String.init)
        if parts.count > 1, parts.allSatisfy({ $0 == $0.lowercased() }) { return parts }
        return []
    }
}
