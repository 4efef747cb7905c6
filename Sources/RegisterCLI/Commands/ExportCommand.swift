import EventStore
import Foundation
import Projections

/// `register export --format json|csv|ledger|zgw-besluiten`: the whole history for other tools.
struct ExportCommand: Command {
    static let name = "export"
    static let spec = CommandSpec(
        name: name, abstract: "Export the whole history as JSON, CSV, a ledger/hledger journal or ZGW Besluiten resources.",
        arguments: "--format json|csv|ledger|zgw-besluiten [--dialect standard|excel-nl] [--output FILE] [--known-on DATE|DATETIME] [--settings FILE] [--sources DIR]",
        options: [
            OptionSpec(name: "--format", valueName: "json|csv|ledger|zgw-besluiten",
                       help: "json: every stored event; csv: one row per event; ledger: the money as a journal; zgw-besluiten: taken decisions for the ZGW Besluiten API."),
            OptionSpec(name: "--dialect", valueName: "standard|excel-nl",
                       help: "csv only: standard (RFC 4180: ',' and 5000000.00) or excel-nl (';', 5000000,00 and a UTF-8 BOM: Dutch Excel opens it as it is)."),
            OptionSpec(name: "--output", valueName: "FILE", help: "Write to FILE instead of standard output."),
            .knownOn,
            OptionSpec(name: "--settings", valueName: "FILE",
                       help: "zgw-besluiten: the organisation's RSIN and besluittypen (default: register-settings.json beside the events folder)."),
            OptionSpec(name: "--sources", valueName: "DIR", help: "zgw-besluiten: the source documents, for their SHA-256 (default: sources/ beside the events folder)."),
        ],
        discussion: """
            json and csv export the events as stored (with their hashes); ledger exports what counts now
            (corrections applied, retractions left out) so that it reconciles with the answers: Reserves:<r> is
            the balance figure (an actual, or the low end of an estimate, with a balance assertion), virtual
            (Estimate-range:<r>) the estimate's width, (Allocated:<r>:<project>) the earmarks, (Committed:<r>:<project>)
            the open commitments, tags end-date: and balance:; Budget:<year>:<programme> dated in the year it
            is for. 'ledger -f J bal --end DAY-AFTER' gives the figures of 'register reserve R --on DAY --json'
            (docs/auditor-guide.md, "The journal's convention").
            zgw-besluiten writes every taken decision as a Besluit of the ZGW Besluiten API (besluiten), the documents it
            rests on (besluitinformatieobjecten) and the decisions that miss a required value (onvolledig, each value with
            why; also reported on standard error). Values the register does not hold come from the settings file; values
            it does not know, such as a blank meeting date, are left out, never invented. See docs/reference/publication.md.
            """,
        examples: ["register export --format ledger --output register.journal && hledger -f register.journal bal",
                   "register export --format csv > events.csv",
                   "register export --format csv --dialect excel-nl --output events.csv",
                   "register export --format zgw-besluiten --settings register-settings.json --output besluiten.json"])

    enum Format: String { case json, csv, ledger, zgwBesluiten = "zgw-besluiten" }

    let format: Format
    let dialect: CSVDialect
    let output: String?
    let knownOn: RecordedInstant?
    let store: EventStore
    let settingsOption: String?
    let sourcesOption: String?

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.isEmpty else { throw .usage("export takes no arguments; use --format", command: Self.name) }
        guard let text = try arguments.value("--format", command: Self.name) else {
            throw .usage("export needs --format json, csv, ledger or zgw-besluiten", command: Self.name)
        }
        guard let format = Format(rawValue: text) else {
            throw .usage("--format '\(text)' is not json, csv, ledger or zgw-besluiten", command: Self.name)
        }
        self.format = format
        let dialectText = try arguments.value("--dialect", command: Self.name)
        guard let dialect = CSVDialect(rawValue: dialectText ?? "standard") else {
            throw .usage("--dialect '\(dialectText ?? "")' is not standard or excel-nl", command: Self.name)
        }
        guard dialectText == nil || format == .csv else { throw .usage("--dialect applies to --format csv only", command: Self.name) }
        self.dialect = dialect
        knownOn = try arguments.value("--known-on", command: Self.name).map { (t) throws(CLIError) in
            try DateArguments.moment(t, option: "--known-on", command: Self.name)
        }
        let store = try context.store(arguments, command: Self.name)
        self.store = store
        settingsOption = try arguments.value("--settings", command: Self.name)
        sourcesOption = try arguments.value("--sources", command: Self.name)
        if format != .zgwBesluiten && (settingsOption != nil || sourcesOption != nil) {
            throw .usage("--settings and --sources go with --format zgw-besluiten", command: Self.name)
        }
        output = try arguments.value("--output", command: Self.name).map { (path) throws(CLIError) in
            try OutputPath.check(path, option: "--output", store: store, command: Self.name)
        }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        var sink = try OutputSink(path: output, context: context)
        let progress = Progress(context: context, label: "exported")
        switch format {
        case .json:
            sink.write("[")
            var count = 0
            try store.replay { stored in
                guard knownOn.map({ stored.envelope.recordedAt <= $0 }) ?? true else { return }
                var object = stored.envelope.json.object ?? [:]
                object["hash"] = .string(stored.hash.hex)
                object["file"] = .string(stored.path)
                sink.write((count == 0 ? "\n" : ",\n") + JSONWriter.compactString(.object(object)))
                count += 1
                progress.tick(count)
            }
            sink.write(count == 0 ? "]\n" : "\n]\n")
        case .csv:
            sink.write(dialect.preamble + CSVTable.line(Self.csvHeader, dialect: dialect))
            var count = 0
            try store.replay { stored in
                guard knownOn.map({ stored.envelope.recordedAt <= $0 }) ?? true else { return }
                sink.write(CSVTable.line(Self.csvRow(stored, dialect: dialect), dialect: dialect))
                count += 1
                progress.tick(count)
            }
        case .ledger:
            try LedgerExport(store: store, knownOn: knownOn, temporaryBase: context.environment["TMPDIR"]).write(to: &sink, progress: progress)
        case .zgwBesluiten:
            let settings = try RegisterSettings.load(named: settingsOption, store: store, command: Self.name)
            let sources = try SourceDocuments.folder(named: sourcesOption, store: store, command: Self.name)
            let records = try context.history(of: store).resolved(knownOn: knownOn)
            let export = ZGWBesluiten(records: records, settings: settings,
                                      sourceHashes: try SourceDocuments.hashes(recordedIn: records, files: sources))
            sink.write(JSONWriter.prettyString(export.json))
            // One line per distinct gap, naming its decisions (at most `Self.listed` of them), not one line per decision.
            let l = context.language
            var gaps: [(missing: String, decisions: [String])] = []
            var gapIndex: [String: Int] = [:]
            for incomplete in export.incomplete {
                let missing = incomplete.missing.map { "\($0.field) (\(l.known($0.reason)))" }.joined(separator: "; ")
                let id = DisplayText.escaped(incomplete.identificatie)
                if let i = gapIndex[missing] { gaps[i].decisions.append(id) } else {
                    gapIndex[missing] = gaps.count
                    gaps.append((missing, [id]))
                }
            }
            for gap in gaps {
                if gap.decisions.count == 1 {
                    context.writeError("register: " + l.text("decision {1} is not a complete Besluit: {2}", gap.decisions[0], gap.missing) + "\n")
                } else {
                    var named = gap.decisions.prefix(Self.listed).joined(separator: ", ")
                    if gap.decisions.count > Self.listed { named += " " + l.text("… and {1} more", String(gap.decisions.count - Self.listed)) }
                    context.writeError("register: " + l.text("{1} decisions are not complete Besluiten: {2}; they are {3}",
                                                             String(gap.decisions.count), gap.missing, named) + "\n")
                }
            }
        }
        progress.finish()
        try sink.close()
        return .ok
    }

    /// How many decisions a warning about an incomplete Besluit names before it only counts them.
    static let listed = 10

    /// One event as a CSV row (also `register log --csv`).
    static func csvRow(_ stored: StoredEvent, dialect: CSVDialect = .standard) -> [String] {
        let e = stored.envelope
        let event = try? DomainEvent(envelope: e)
        let summary = event.map(EventSummary.describe) ?? ""
        let subjects = event.map { $0.subjects.map(\.description).joined(separator: " ") } ?? ""
        let amounts = event.map { EventAmounts($0).fields(dialect) } ?? Array(repeating: "", count: EventAmounts.header.count)
        return [String(e.sequence), e.id, e.type, String(e.schemaVersion), e.effectiveDate.iso, e.recordedAt.iso, e.actor,
                e.source.document, e.source.zaaknummer ?? "", summary, subjects] + amounts + [JSONWriter.compactString(e.payload), stored.hash.hex]
    }

    static let csvHeader = ["sequence", "id", "type", "schema_version", "effective_date", "recorded_at", "actor",
                            "source_document", "zaaknummer", "summary", "subjects"] + EventAmounts.header + ["payload_json", "hash"]
}
