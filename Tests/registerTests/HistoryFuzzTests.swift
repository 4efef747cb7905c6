import TestSupport
import EventStore
import Foundation
import Projections
import Testing

/// The history fuzzer's generator (`HistoryGenerator`, shared with `Fuzz/HistoryFuzzer.swift`) as a
/// seeded test: random small histories appended through the real append path with the domain's
/// policy, then the queries, the timelines, the audit, the report, the exports, log, verify and a
/// proof asked of each, in-process. No command may end with a status it does not allow, and a
/// command that fails says so as `register: error: …`.
///
/// Every history gets every command that replays the store; of the questions answered through the
/// subject index (reserve, contract, budget, timeline with their formats and moments: each checks
/// the index's manifest, which a debug build hashes slowly) each history gets one, in turn. The
/// 100 histories take some 6 s of CPU in a debug build, most of it the appends (each new store
/// writes its index); 37 questions through the index, so each is asked two or three times. A
/// failing seed replays exactly:
/// REGISTER_FUZZ_SEED=N runs that one with every command; REGISTER_FUZZ_HISTORIES raises the
/// count for a long run (scripts/fuzz.sh runs the libFuzzer target on the same generator).
@Suite struct HistoryFuzzTests {
    static func count(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? fallback
    }

    static let chunks = 8
    static let onlySeed = ProcessInfo.processInfo.environment["REGISTER_FUZZ_SEED"].flatMap(UInt64.init)

    /// Appends the generated drafts; returns how many were stored. A refusal is an answer, anything else an issue.
    static func append(_ generator: HistoryGenerator, to store: EventStore, seed: UInt64) -> Int {
        var stored = 0
        for draft in generator.drafts {
            do {
                _ = try store.append(draft, policy: DomainPolicy())
                stored += 1
            } catch StoreError.refused, StoreError.invalidField, StoreError.duplicateEventID {
                // The register said no, as it should to some generated events.
            } catch {
                Issue.record("seed \(seed): appending \(draft.id ?? "?") failed: \(error)")
            }
        }
        return stored
    }

    /// Whether a command answers through the subject index (the slow part of a debug build).
    static func readsIndex(_ command: HistoryGenerator.Command) -> Bool {
        ["reserve", "contract", "budget", "timeline"].contains(command.arguments[0])
    }

    /// Runs the history's commands (all of them with `every`); returns how many ran.
    static func ask(_ generator: HistoryGenerator, store: EventStore, scratch: String, seed: UInt64, every: Bool) -> Int {
        let all = generator.commands(events: store.directory, scratch: scratch)
        let throughIndex = all.filter(readsIndex)
        let commands = every ? all : all.filter { !readsIndex($0) } + [throughIndex[Int(seed % UInt64(throughIndex.count))]]
        for command in commands {
            let r = CLI.run(command.arguments)
            #expect(command.allowedStatuses.contains(r.status), "seed \(seed): '\(command)' exited \(r.status): \(r.stderr)")
            if r.status != 0 {
                if r.stderr.isEmpty {
                    #expect(command.arguments.first == "audit" && r.status == 1, "seed \(seed): '\(command)' exited \(r.status) saying nothing")
                } else if command.arguments.contains("--json") {
                    // With --json an error is one JSON object on stderr.
                    #expect(r.stderr.hasPrefix("{\"error\":{"), "seed \(seed): '\(command)': \(r.stderr)")
                } else {
                    #expect(r.stderr.hasPrefix("register: error: "), "seed \(seed): '\(command)': \(r.stderr)")
                }
            }
        }
        return commands.count
    }

    /// Runs one history from its seed; returns (events stored, events generated).
    static func run(seed: UInt64, every: Bool) throws -> (stored: Int, generated: Int) {
        var random = SplitMix64(seed: seed)
        let generator = HistoryGenerator(bytes: random.bytes(96), amounts: .small, maximumEvents: 8)
        let temp = try TemporaryFolder("history-fuzz")
        let store = EventStore(directory: try temp.folder(), clock: SteppingClock().next)
        let stored = append(generator, to: store, seed: seed)
        #expect(ask(generator, store: store, scratch: temp.root, seed: seed, every: every) > 0)
        return (stored, generator.drafts.count)
    }

    /// The seeds are split into chunks that run in parallel.
    @Test(arguments: 0..<chunks)
    func randomSmallHistoriesThroughAppendAndEveryCommand(_ chunk: Int) throws {
        if let seed = Self.onlySeed {
            if chunk == 0 { _ = try Self.run(seed: seed, every: true) }
            return
        }
        var stored = 0, generated = 0
        for seed in stride(from: UInt64(chunk), to: UInt64(Self.count("REGISTER_FUZZ_HISTORIES", 100)), by: Self.chunks) {
            let counts = try Self.run(seed: seed, every: false)
            stored += counts.stored
            generated += counts.generated
        }
        #expect(stored * 3 > generated, "the register accepted a good share of the generated events (\(stored) of \(generated)): the histories fold into answers")
    }
}
