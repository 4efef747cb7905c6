import EventStore
import Projections

/// The two time axes every query takes: `--on` (what the answer is about) and
/// `--known-on` (as the register stood then), plus `--json`.
struct QueryOptions {
    let on: CalendarDate
    let knownOn: RecordedInstant?
    let knownOnText: String?
    let json: Bool
    let useCache: Bool

    static let noCache = OptionSpec(name: "--no-cache", valueName: nil, help: "Compute the answer from the events, ignoring the answer cache in .register/.")
    static let specs: [OptionSpec] = [.on, .knownOn, .json, noCache]

    init(_ arguments: ParsedArguments, command: String) throws(CLIError) {
        if let text = try arguments.value("--on", command: command) {
            on = try DateArguments.date(text, option: "--on", command: command)
        } else {
            on = DateArguments.today()
        }
        knownOnText = try arguments.value("--known-on", command: command)
        knownOn = try knownOnText.map { (text) throws(CLIError) in try DateArguments.moment(text, option: "--known-on", command: command) }
        json = arguments.flag("--json")
        useCache = !arguments.flag("--no-cache")
    }

    /// Runs `compute`, or prints its saved answer when the store has not changed since.
    ///
    /// The cache key is the command's own description of the question plus `--on`,
    /// `--known-on` and the output format; the store adds its head hash and event count.
    func answer(_ question: String, store: EventStore, context: CommandContext,
                compute: (CommandContext) throws -> ExitCode) throws -> ExitCode {
        let key = "\(question) on=\(on.iso) knownOn=\(knownOn?.iso ?? "-") json=\(json)"
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
