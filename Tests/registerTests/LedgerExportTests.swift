import TestSupport
import EventStore
import Foundation
import Projections
import Testing
@testable import RegisterCLI

/// `export --format ledger` streams: the journal from the external sort is byte for byte the one
/// the whole history held in memory gives, with runs of a few records so that every merge path
/// runs, for generated histories full of corrections and retractions.
@Suite struct LedgerExportTests {
    /// The journal as the history in memory gives it: every money event and the amendments of
    /// those, resolved together, folded in effect order.
    static func inMemory(_ store: EventStore, knownOn: RecordedInstant?) throws -> String {
        var known = 0
        var kept: [DomainRecord] = []
        var keptIDs = Set<String>()
        var head = SHA256Digest.zero
        try store.replay { stored in
            head = stored.hash
            guard knownOn.map({ stored.envelope.recordedAt <= $0 }) ?? true else { return }
            known += 1
            guard let type = EventType(rawValue: stored.envelope.type), LedgerJournal.reads.contains(type) else { return }
            let record = try DomainRecord(envelope: stored.envelope)
            switch record.event {
            case .correction(let c) where !keptIDs.contains(c.target): return
            case .retraction(let target, _) where !keptIDs.contains(target): return
            default: break
            }
            kept.append(record)
            keptIDs.insert(record.id)
        }
        var text = LedgerJournal.header(events: known, head: head.hex)
        var journal = LedgerJournal()
        for record in History(records: kept).resolved(knownOn: knownOn).inEffectOrder {
            if let transaction = try journal.transaction(for: record) { text += transaction + "\n" }
        }
        return text
    }

    static func streamed(_ store: EventStore, knownOn: RecordedInstant?, runLength: Int) throws -> String {
        final class Output: @unchecked Sendable { var text = "" }
        let out = Output()
        let context = CommandContext(environment: [:], currentDirectory: CLI.nowhere, executablePath: CLIRunner.binary,
                                     readStandardInput: { _ in [] }, writeOut: { out.text += $0 }, writeError: { _ in },
                                     isInteractive: false, showsProgress: false, readLine: { nil })
        var sink = try OutputSink(path: nil, context: context)
        try LedgerExport(store: store, knownOn: knownOn, runLength: runLength, batchSize: max(1, runLength / 2)).write(to: &sink, progress: Progress(context: context, label: "exported"))
        try sink.close()
        return out.text
    }

    @Test(arguments: 0..<4)
    func theStreamedJournalIsTheOneTheWholeHistoryGives(_ chunk: Int) throws {
        var amended = 0
        for seed in stride(from: UInt64(chunk), to: 40, by: 4) {
            var random = SplitMix64(seed: seed)
            let generator = HistoryGenerator(bytes: random.bytes(400), amounts: .small, maximumEvents: 40)
            let temp = try TemporaryFolder("ledger-export")
            let store = EventStore(directory: try temp.folder(), clock: SteppingClock().next)
            for draft in generator.drafts { _ = try? store.append(draft, policy: DomainPolicy()) }
            let events = try store.events()
            amended += events.filter { ["correction", "retraction"].contains($0.envelope.type) }.count
            let moments: [RecordedInstant?] = [nil] + events.prefix(1).map(\.envelope.recordedAt) + events.suffix(events.count / 2).prefix(1).map(\.envelope.recordedAt)
            for moment in moments {
                let expected = try Self.inMemory(store, knownOn: moment)
                for runLength in [1, 3, 1 << 18] {
                    let found = try Self.streamed(store, knownOn: moment, runLength: runLength)
                    #expect(found == expected, "seed \(seed), known on \(moment?.iso ?? "now"), runs of \(runLength)")
                }
            }
        }
        #expect(amended > 0, "the generated histories hold corrections or retractions")
    }

    static func draft(_ id: String, _ type: String, _ date: String, _ payload: [String: JSONValue]) throws -> EventDraft {
        EventDraft(id: id, type: type, effectiveDate: try CalendarDate(iso: date), actor: "griffie:test",
                   source: EventSource(document: "test.pdf", zaaknummer: nil), payload: .object(payload))
    }

    /// A correction that moves an event to an earlier date puts it where its new date sorts,
    /// not where its entry did; a retracted event is left out.
    @Test func aCorrectedDateMovesTheEventAndARetractionRemovesIt() throws {
        let temp = try TemporaryFolder("ledger-export-moved")
        let store = EventStore(directory: try temp.folder(), clock: SteppingClock().next)
        for draft in [
            try Self.draft("est", "reserve-established", "2019-01-01", ["reserve": "R", "name": "R", "endDate": "2030-12-31"]),
            try Self.draft("add0", "reserve-addition", "2020-01-01", ["reserve": "R", "amountCents": 100]),
            try Self.draft("add1", "reserve-addition", "2021-01-01", ["reserve": "R", "amountCents": 200]),
            try Self.draft("add2", "reserve-addition", "2022-01-01", ["reserve": "R", "amountCents": 300]),
            try Self.draft("fix", "correction", "2022-06-01", ["corrects": "add2", "effectiveDate": "2019-06-01", "reason": "booked in 2019"]),
            try Self.draft("undo", "retraction", "2022-06-01", ["retracts": "add1", "reason": "never decided"]),
        ] { _ = try store.append(draft, policy: DomainPolicy()) }
        let journal = try Self.streamed(store, knownOn: nil, runLength: 1)
        #expect(journal == (try Self.inMemory(store, knownOn: nil)))
        let dates = journal.split(separator: "\n").filter { $0.first?.isNumber == true }.map { String($0.prefix(10)) }
        #expect(dates == ["2019-01-01", "2019-06-01", "2020-01-01"], "\(journal)")
    }

    /// An event file that changes between the replay and the second read is named, not exported.
    @Test func aFileChangedBetweenTheReadsIsReportedAsDamage() throws {
        let temp = try TemporaryFolder("ledger-export-changed")
        let store = EventStore(directory: try temp.folder(), clock: SteppingClock().next)
        _ = try store.append(try Self.draft("add", "reserve-addition", "2020-01-01", ["reserve": "R", "amountCents": 100]), policy: AcceptAll())
        let stored = try #require(try store.events().first)
        let entry = LedgerExport.Entry(try DomainRecord(envelope: stored.envelope), path: stored.path, hash: stored.hash)
        #expect(LedgerExport.Entry(entry.bytes[...])?.sequence == 1)
        // Bytes that are not an entry (a type code past the types, a short record) are refused.
        var other = entry.bytes
        other[16] = 0xff
        #expect(LedgerExport.Entry(other[...]) == nil)
        #expect(LedgerExport.Entry(entry.bytes.dropLast()) == nil)
        #expect(try entry.read(from: store).id == "add")
        let file = store.path(stored.path)
        try (String(contentsOfFile: file, encoding: .utf8) + " ").write(toFile: file, atomically: false, encoding: .utf8)
        do {
            _ = try entry.read(from: store)
            Issue.record("a changed file was read as the event it was")
        } catch StoreError.damaged(let path, .changedWhileRead(let checked, let now)) {
            #expect(path == stored.path && checked == stored.hash.hex && now != checked)
        }
    }

    /// A sort folder that cannot be made is the environment's fault, named, and nothing is written.
    @Test func aTemporaryFolderThatCannotBeMadeIsNamedAndNothingIsWritten() throws {
        let temp = try TemporaryFolder("ledger-export-tmpdir")
        let events = try temp.copyOfShippedEvents()
        let output = temp.root + "/journal"
        let r = CLI.run(["export", "--format", "ledger", "--output", output, "--events", events], environment: ["TMPDIR": temp.root + "/missing"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("TMPDIR") && r.stderr.contains(temp.root + "/missing"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(r.stdout.isEmpty)
    }
}
