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

    /// The format asked for: `--json`, `--csv`, else text.
    var format: AnswerFormat { json ? .json : csv ? .csv : .text }

    /// The moment every answer is about.
    var moment: QueryMoment { QueryMoment(on: on, knownOn: knownOn) }

    /// Answers `question` for every register and writes them once, in the format asked for:
    /// one answer as is (its error thrown), several as a list of (register, answer or error)
    /// labelled by register (JSON: `{"registers": [{"register": FOLDER, "status": EXIT, "answer": …}]}`).
    /// The exit code is the worst of the registers'.
    func answerEach<Value: Answer>(_ question: String, stores: [EventStore], context: CommandContext,
                                   text: any AnswerRenderer<Value>, csv: any AnswerRenderer<Value>,
                                   compute: (EventStore) throws -> Value) throws -> ExitCode {
        let renderer: any AnswerRenderer<Value>
        switch format {
        case .text: renderer = text
        case .json: renderer = JSONAnswerRenderer<Value>()
        case .csv: renderer = csv
        }
        // Text is for people: stored texts in it are escaped (`DisplayText`); JSON and CSV are exact.
        let write: (String) -> Void = format == .text ? context.writeText : context.writeOut
        guard stores.count > 1 else {
            write(renderer.render(try answer(question, store: stores[0], compute: compute)))
            return .ok
        }
        let answers = stores.map { store in
            RegisterAnswer(register: store.directory,
                           result: Result { try answer(question, store: store, compute: compute) }.mapError(CLIError.from))
        }
        write(renderer.render(answers))
        return answers.map(\.status).max { $0.rawValue < $1.rawValue } ?? .ok
    }

    /// The answer from the store's answer cache when it holds a sound one for the store as it is
    /// now, else `compute`d and saved (replacing any unsound entry).
    ///
    /// The cache key is the command's own description of the question plus `--on` and
    /// `--known-on`, not the format: one cached answer serves text, JSON and CSV. The store adds
    /// its head hash and event count.
    func answer<Value: Answer>(_ question: String, store: EventStore, compute: (EventStore) throws -> Value) throws -> Value {
        let key = "\(question) on=\(on.iso) knownOn=\(knownOn?.iso ?? "-")"
        let cache = useCache ? store.answerCache() : nil
        if let saved = cache?.load(key, in: store), let answer = try? Value(json: saved), answer.moment == moment {
            return answer
        }
        let witness = ReadWitness()
        let answer = try compute(cache == nil ? store : store.witnessed(by: witness))
        // Saved only when the store is still at the head the cache was opened for: an append that
        // landed while the answer was computed may be in it, and must not be filed under the old head.
        if let cache, let now = store.answerCache(), now.head == cache.head, now.eventCount == cache.eventCount {
            cache.save(answer.json, for: key, readAs: witness)
        }
        return answer
    }

    /// When a subject missing from an answer as known at `--known-on` is in the register all the
    /// same (recorded after that moment): a refusal that says so and when it was first recorded,
    /// so that `--known-on` is not mistaken for `--on`. Nil without `--known-on`, or when the
    /// register holds no such subject at all.
    func recordedAfterKnownOn(_ what: String, _ subject: Subject, history: History, exists: ([ResolvedRecord]) throws -> Bool) throws -> CLIError? {
        guard let knownOnText else { return nil }
        let now = history.resolved()
        guard try exists(now), let first = now.filter({ $0.event.subjects.contains(subject) }).map(\.original.recordedAt).min() else { return nil }
        return .refused("the register held no \(what) as known on \(knownOnText): it was first recorded at \(first.iso) "
                        + "(--known-on is what the register knew at a moment; --on DATE is the day an answer is about)")
    }

    /// The records as the register stood at `--known-on`.
    func records(_ context: CommandContext, _ store: EventStore) throws -> [ResolvedRecord] {
        try context.history(of: store).resolved(knownOn: knownOn)
    }

    /// The `on` and `knownOn` keys every JSON answer carries.
    var jsonHeader: [String: JSONValue] { moment.jsonFields }

    /// A line saying which moment the answer is as known at, for human output.
    var knownOnLine: String? { moment.knownOnLine(spelledAs: knownOnText) }
}
