import EventStore
import Projections

/// The two time axes every query takes: `--on` (what the answer is about) and
/// `--known-on` (as the register stood then), plus `--json`.
struct QueryOptions {
    let on: CalendarDate
    let knownOn: RecordedInstant?
    let knownOnText: String?
    let json: Bool
    let csv: Bool
    let useCache: Bool

    static let noCache = OptionSpec(name: "--no-cache", valueName: nil, help: "Compute the answer from the events, ignoring the answer cache in .register/.")
    static let specs: [OptionSpec] = [.on, .knownOn, .json, .csv, noCache]

    init(_ arguments: ParsedArguments, command: String) throws(CLIError) {
        if let text = try arguments.value("--on", command: command) {
            on = try DateArguments.date(text, option: "--on", command: command)
        } else {
            on = DateArguments.today()
        }
        knownOnText = try arguments.value("--known-on", command: command)
        knownOn = try knownOnText.map { (text) throws(CLIError) in try DateArguments.moment(text, option: "--known-on", command: command) }
        json = arguments.flag("--json")
        csv = arguments.flag("--csv")
        if json && csv { throw .usage("give --json or --csv, not both", command: command) }
        useCache = !arguments.flag("--no-cache")
    }

    /// Answers for every register: one answer as is, several labelled with their register
    /// (JSON: `{"registers": [{"register": FOLDER, "status": EXIT, "answer": …}]}`).
    func answerEach(_ question: String, stores: [EventStore], context: CommandContext,
                    compute: (CommandContext, EventStore) throws -> ExitCode) throws -> ExitCode {
        guard stores.count > 1 else {
            return try answer(question, store: stores[0], context: context) { try compute($0, stores[0]) }
        }
        var worst = ExitCode.ok
        var items: [JSONValue] = []
        for store in stores {
            var captured = ""
            var capturing = context
            capturing.writeOut = { captured += $0 }
            var status: ExitCode
            do {
                status = try answer(question, store: store, context: capturing) { try compute($0, store) }
            } catch {
                let e = CLIError.from(error)
                status = e.exitCode
                captured = json ? JSONWriter.prettyString(.object(["error": .string(e.description)])) : "error: \(e.description)\n"
            }
            if status.rawValue > worst.rawValue { worst = status }
            if json {
                items.append(.object(["register": .string(store.directory), "status": JSONValue(Int(status.rawValue)),
                                      "answer": (try? JSONParser.parse(captured)) ?? .string(captured)]))
            } else if csv {
                // One table: the register is the first column of every row after the first header.
                let lines = captured.components(separatedBy: "\r\n").filter { !$0.isEmpty }
                if items.isEmpty, let header = lines.first { context.writeOut("register," + header + "\r\n") }
                for line in lines.dropFirst() { context.writeOut(CSVTable.field(store.directory) + "," + line + "\r\n") }
                items.append(.null)
            } else {
                context.writeOut("== \(store.directory)\n" + captured)
            }
        }
        if json { context.printJSON(.object(["registers": .array(items)])) }
        return worst
    }

    /// Runs `compute`, or prints its saved answer when the store has not changed since.
    ///
    /// The cache key is the command's own description of the question plus `--on`,
    /// `--known-on` and the output format; the store adds its head hash and event count.
    func answer(_ question: String, store: EventStore, context: CommandContext,
                compute: (CommandContext) throws -> ExitCode) throws -> ExitCode {
        let key = "\(question) on=\(on.iso) knownOn=\(knownOn?.iso ?? "-") json=\(json) csv=\(csv)"
        let cache = useCache ? store.answerCache() : nil
        if let cache, let saved = cache.load(key) {
            context.writeOut(saved)
            return .ok
        }
        var captured = ""
        var capturing = context
        capturing.writeOut = { captured += $0 }
        let status = try compute(capturing)
        context.writeOut(captured)
        if status == .ok { cache?.save(captured, for: key) }
        return status
    }

    /// The records as the register stood at `--known-on`.
    func records(_ context: CommandContext, _ store: EventStore) throws -> [ResolvedRecord] {
        try context.history(of: store).resolved(knownOn: knownOn)
    }

    /// The `on` and `knownOn` keys every JSON answer carries.
    var jsonHeader: [String: JSONValue] {
        ["on": .string(on.iso), "knownOn": knownOn.map { .string($0.iso) } ?? .null]
    }

    /// A line saying which moment the answer is as known at, for human output.
    var knownOnLine: String? {
        knownOn.map { "as recorded by \($0.iso) (--known-on \(knownOnText ?? ""))" }
    }
}
