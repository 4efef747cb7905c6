import EventStore
import Foundation
import Projections

/// `register site DIR`: the whole register as a static website, for council members, journalists
/// and citizens; with several registers, a province's index over all of them.
struct SiteCommand: Command {
    static let name = "site"
    static let spec = CommandSpec(
        name: name, abstract: "Write the register as a static website (no server needed), with Woo metadata beside it.",
        arguments: "DIR [--lang nl|en] [--on DATE] [--known-on DATE|DATETIME] [--sources DIR] [--settings FILE] [--events DIR ...|--registers FILE]",
        options: [
            OptionSpec(name: "--lang", valueName: "nl|en", help: "The language of the pages (default: nl, Dutch)."),
            .on, .knownOn,
            OptionSpec(name: "--sources", valueName: "DIR",
                       help: "The source documents, to show their SHA-256 (default: sources/ beside the events folder, if there is one)."),
            OptionSpec(name: "--settings", valueName: "FILE",
                       help: "The organisation's settings for the Woo metadata (default: register-settings.json beside the events folder)."),
            .registers,
        ],
        discussion: """
            Writes DIR/index.html (what the register holds, its head hash, event count and checkpoint, when it was
            generated), a page per reserve, contract, programme, budget year and decision with its timeline, sources and
            marks, the audit findings (audit.html), the sources with their hashes (sources.html), the multi-year budget
            with its totals checked (budgets.html) and the Woo metadata of every decision (woo-metadata.json).
            A page's file name follows from its subject's id (reserve/404.html, decision/2022-0177088.html), so links
            keep working as the register grows. Open DIR/index.html from disk or serve DIR with any web server; nothing
            is fetched from elsewhere. Run again after new events: only pages whose content changed are rewritten.
            With several registers (repeat --events, or --registers FILE) DIR/index.html lists them and each register's
            pages go in a folder of its own, named after its organisation (the settings' 'organisatie') or its folder.
            """,
        examples: ["register site public/", "register site public/ --lang en",
                   "register site province/ --registers province.txt", "python3 -m http.server -d public 8000"])

    let output: String
    let language: SiteLanguage
    let query: QueryOptions
    let stores: [EventStore]
    let sourcesOption: String?
    let settingsOption: String?

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count == 1 else {
            throw .usage("site needs exactly one DIR to write the website into, e.g. 'register site public/'", command: Self.name)
        }
        // `--lang` is read for every command before it is parsed (`LanguageOption`); the site is
        // Dutch unless it asks for English, whatever the locale.
        language = context.chosenLanguage == .en ? .en : .nl
        query = try QueryOptions(arguments, command: Self.name)
        stores = try context.stores(arguments, command: Self.name)
        sourcesOption = try arguments.value("--sources", command: Self.name)
        settingsOption = try arguments.value("--settings", command: Self.name)
        if stores.count > 1 && sourcesOption != nil {
            throw .usage("--sources goes with one register; with several, each register's sources/ folder beside its events is read",
                         command: Self.name)
        }
        var output = arguments.positionals[0]
        for store in stores { output = try OutputPath.check(output, option: "DIR", store: store, command: Self.name, writes: .folder) }
        self.output = output
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let outcome = try generate(pagination: .standard).outcome
        let l = context.language
        context.print(outcome.removed.isEmpty
            ? l.text("wrote {1}: {2} file(s), {3} written, {4} unchanged; open {5}", output, outcome.files, outcome.written.count, outcome.unchanged, output + "/index.html")
            : l.text("wrote {1}: {2} file(s), {3} written, {4} unchanged, {5} removed; open {6}", output, outcome.files, outcome.written.count,
                     outcome.unchanged, outcome.removed.count, output + "/index.html"))
        return .ok
    }

    /// Writes the site. One register: through `SiteRegeneration` (only what new events change,
    /// when the folder's manifest allows). Several: every register's pages, unit by unit, each
    /// written as it is made, then the province's index.
    func generate(pagination: SitePagination, generatedAt: RecordedInstant = .now()) throws -> (outcome: SiteFiles.Outcome, plan: SiteRegeneration.Plan?) {
        let texts = SiteTexts.of(language)
        let province = stores.count > 1
        var summaries: [SiteProvince.Entry] = []
        var folders = Set<String>()
        let files = province ? try SiteFiles(folder: output) : nil
        for store in stores {
            let settings = try RegisterSettings.load(named: settingsOption, store: store, command: Self.name)
            let register = try Self.register(store, name: settings.organisation ?? Self.name(of: store), knownOn: query.knownOn,
                                             sources: try SourceDocuments.folder(named: sourcesOption, store: store, command: Self.name))
            let site = try SitePages(register: register, texts: texts, on: query.on, generatedAt: generatedAt, inProvince: province,
                                     wooSettings: settings, pagination: pagination)
            guard let files else {
                let parameters = SHA256.hash(Array([
                    RegisterCommandLine.version, language.rawValue, query.on.iso, query.knownOn?.iso ?? "-", register.name,
                    String(describing: settings), register.sourceHashes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.hex)" }.joined(separator: ","),
                    "\(pagination.rowsPerPage) \(pagination.latestRows) \(pagination.findingsOnASubjectPage)",
                ].joined(separator: "\n").utf8)).hex
                let store = URL(fileURLWithPath: store.directory).standardized.path
                return try SiteRegeneration(site: site, register: register, store: store, parameters: parameters, folder: output).run()
            }
            var folder = SitePaths.slug(register.name)
            var n = 2
            while !folders.insert(folder).inserted { folder = SitePaths.slug(register.name) + "-\(n)"; n += 1 }
            for unit in site.units {
                try site.render(unit) { try files.write(SitePage(path: folder + "/" + $0.path, content: $0.content), unit: folder + " " + unit.key) }
            }
            summaries.append(SiteProvince.Entry(name: register.name, folder: folder, eventCount: register.eventCount,
                                                headHash: register.headHash, findings: site.findingCount))
        }
        guard let files else { return (SiteFiles.Outcome(), nil) }
        try files.write(SiteProvince.index(summaries, texts: texts, generatedAt: generatedAt), unit: "province")
        let previous = FileManager.default.contents(atPath: output + "/" + SiteManifest.name).flatMap(SiteManifest.init)
        files.removeStale(SiteRegeneration.previousPaths(in: output, manifest: previous))
        // A province's manifest lists its files for the next run's clean-up; it is never read as an incremental base.
        try files.saveManifest(SiteManifest(store: "", parameters: "province", sequence: 0, head: "", held: [], findings: [:], units: files.units))
        return (files.outcome, nil)
    }

    /// One register read for the site: its history as known at `knownOn`, its head and checkpoint.
    static func register(_ store: EventStore, name: String, knownOn: RecordedInstant?, sources: String?) throws -> SiteRegister {
        var history = History()
        var unreadable = UnreadableEvents()
        var hashes: [(sequence: Int, hash: SHA256Digest)] = []
        try store.replay { stored in
            guard knownOn.map({ stored.envelope.recordedAt <= $0 }) ?? true else { return }
            do {
                let record = try DomainRecord(envelope: stored.envelope)
                history.append(record)
                unreadable.note(record)
            } catch {
                unreadable.add(stored, error)
            }
            hashes.append((stored.envelope.sequence, stored.hash))
        }
        try unreadable.check()
        let records = history.resolved(knownOn: knownOn)
        return SiteRegister(name: name, records: records, eventCount: hashes.count,
                            headHash: hashes.last?.hash ?? .zero,
                            merkleRoot: MerkleTree.root(leafHashes: hashes.map { MerkleTree.leafHash($0.hash.bytes) }),
                            sourceHashes: try SourceDocuments.hashes(recordedIn: records, files: sources), eventHashes: hashes)
    }

    /// A register's name when its settings give no organisation: its events folder's name, or the
    /// folder above when that is called `events`.
    static func name(of store: EventStore) -> String {
        let url = URL(fileURLWithPath: store.directory).standardized
        let last = url.lastPathComponent
        guard last == "events" else { return last }
        let parent = url.deletingLastPathComponent().lastPathComponent
        return parent.isEmpty || parent == "/" ? last : parent
    }
}
