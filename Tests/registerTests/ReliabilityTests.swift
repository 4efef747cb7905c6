import TestSupport
import EventStore
import Foundation
import Testing

/// Crashes, concurrent writers and races, through real `register` processes (a SIGKILL and the
/// append lock need separate processes); the checkpoint and proof tests run in-process.
/// The default counts keep `swift test` short and still kill appends mid-write and race four
/// writers; raise them for a long run: REGISTER_KILLS, REGISTER_WRITERS, REGISTER_APPENDS_PER_WRITER
/// (scripts/reliability.sh does that and prints the figures for the README).
@Suite(.serialized) struct ReliabilityTests {
    static func count(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? fallback
    }

    func appendProcess(_ store: String, id: String, environment: [String: String] = [:]) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        p.arguments = ["append", "-", "--events", store]
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        input.fileHandleForWriting.write(Data(eventJSON(id: id, payload: #"{"decision": "\#(id)", "body": "college"}"#).utf8))
        try input.fileHandleForWriting.close()
        return (p, output)
    }

    /// Appends a figure line to $REGISTER_REPORT_FILE when set (scripts/reliability.sh collects them).
    static func report(_ line: String) {
        guard let path = ProcessInfo.processInfo.environment["REGISTER_REPORT_FILE"],
              let handle = FileHandle(forWritingAtPath: path) ?? {
                  _ = FileManager.default.createFile(atPath: path, contents: nil)
                  return FileHandle(forWritingAtPath: path)
              }() else { return }
        handle.seekToEndOfFile()
        handle.write(Data((line + "\n").utf8))
        try? handle.close()
    }

    func verified(_ store: String) throws -> StoreVerifier.Report {
        try StoreVerifier(store: EventStore(directory: store)).verify()
    }

    @Test(arguments: CrashPoint.allCases)
    func aCrashAtEachStepOfTheAppendLeavesAConsistentStore(_ point: CrashPoint) throws {
        let temp = try TemporaryFolder("reliability")
        let store = try temp.folder()
        let (first, _) = try appendProcess(store, id: "before")
        first.waitUntilExit()
        let (crashing, _) = try appendProcess(store, id: "crashing", environment: ["REGISTER_CRASH_AT": point.rawValue])
        crashing.waitUntilExit()
        #expect(crashing.terminationReason == .uncaughtSignal && crashing.terminationStatus == SIGKILL)
        let report = try verified(store)
        #expect(report.isIntact, "\(String(describing: report.problem))")
        let ids = try EventStore(directory: store).events().map(\.envelope.id)
        switch point {
        case .afterTemporaryWrite, .afterTemporaryFsync:
            #expect(ids == ["before"], "not linked yet: the event is absent")
            #expect(report.leftoverTemporaries.count == 1)
        case .afterLink:
            #expect(ids == ["before", "crashing"], "linked: the event is complete")
            #expect(report.leftoverTemporaries.count == 1)
        case .afterDirectoryFsync:
            #expect(ids == ["before", "crashing"])
            #expect(report.leftoverTemporaries.isEmpty)
        }
        let (next, _) = try appendProcess(store, id: "after")
        next.waitUntilExit()
        #expect(next.terminationStatus == 0)
        let after = try verified(store)
        #expect(after.isIntact && after.leftoverTemporaries.isEmpty, "the next append works and clears leftovers")
        #expect(try EventStore(directory: store).events().last?.envelope.id == "after")
    }

    /// The folder `fsync` after the link fails (`REGISTER_FAIL_AT=dir-fsync`): the event is stored,
    /// and the answer says so instead of "nothing was written". A caller that retries gets the
    /// stored event's receipt (exit 0, and the retry confirms it); other content under the same id is refused.
    @Test func aFailedFolderSyncAfterTheLinkSaysStoredAndARetryConfirmsIt() throws {
        let temp = try TemporaryFolder("reliability")
        let store = try temp.folder()
        let event = eventJSON(id: "retried", payload: #"{"decision": "retried", "body": "college"}"#)
        let failed = try CLIRunner.run(["append", "-", "--events", store], stdin: event, environment: ["REGISTER_FAIL_AT": FailurePoint.directoryFsync.rawValue])
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix("register: error: stored, but not confirmed durable: event 1 is stored as 00000001-decision-taken.json"), "\(failed.stderr)")
        #expect(failed.stderr.contains("Append the same event again"))
        #expect(!failed.stderr.contains("nothing was written"))
        #expect(try EventStore(directory: store).events().map(\.envelope.id) == ["retried"], "the event is stored")
        let stillFailing = try CLIRunner.run(["append", "-", "--events", store], stdin: event, environment: ["REGISTER_FAIL_AT": FailurePoint.directoryFsync.rawValue])
        #expect(stillFailing.status == 1 && stillFailing.stderr.contains("not confirmed durable"), "a retry that cannot sync says so again")
        let retried = try CLIRunner.run(["append", "-", "--expect-seq", "0", "--json", "--events", store], stdin: event)
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(retried.json?["alreadyStored"] == .bool(true))
        #expect(retried.json?["sequence"]?.integer == 1)
        let text = try CLIRunner.run(["append", "-", "--events", store], stdin: event)
        #expect(text.status == 0 && text.stdout.hasPrefix("already stored: event 1 as 00000001-decision-taken.json"), "\(text.stdout)")
        let other = try CLIRunner.run(["append", "-", "--events", store],
                                      stdin: eventJSON(id: "retried", payload: #"{"decision": "retried", "body": "raad"}"#))
        #expect(other.status == 3)
        #expect(other.stderr.contains("already stored in 00000001-decision-taken.json with other content"), "\(other.stderr)")
        #expect(try EventStore(directory: store).events().count == 1)
        #expect(try verified(store).isIntact)
    }

    @Test func appendsKilledAtRandomMomentsNeverLoseOrHalfWriteAnEvent() throws {
        let kills = Self.count("REGISTER_KILLS", 60)
        var random = SplitMix64(seed: UInt64(Self.count("REGISTER_SEED", 20261123)))
        let temp = try TemporaryFolder("reliability")
        let store = try temp.folder()
        var acknowledged: [String] = []
        var killed = 0
        for i in 0..<kills {
            let id = "kill-\(i)"
            let (process, output) = try appendProcess(store, id: id)
            usleep(UInt32(random.next() % 40_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if process.terminationReason == .exit && process.terminationStatus == 0 && said.contains("appended event") {
                acknowledged.append(id)
            } else {
                killed += 1
            }
            let report = try verified(store)
            #expect(report.isIntact, "after kill \(i): \(String(describing: report.problem))")
            if !report.isIntact { break }
        }
        let stored = Set(try EventStore(directory: store).events().map(\.envelope.id))
        #expect(stored.isSuperset(of: acknowledged), "every acknowledged append is present")
        #expect(killed > 0, "the test killed no append; it proves nothing")
        let (next, _) = try appendProcess(store, id: "final")
        next.waitUntilExit()
        #expect(next.terminationStatus == 0)
        let final = CLI.run(["verify", "--json", "--events", store])
        #expect(final.status == 0 && final.json?["intact"] == .bool(true))
        Self.report("kills\t\(kills) appends started, \(killed) killed by SIGKILL mid-append, \(acknowledged.count) acknowledged and all present; verify passed after every kill")
    }

    @Test func manyWritersAppendingAtOnceGiveExactlyTheirEvents() throws {
        let writers = Self.count("REGISTER_WRITERS", 4), perWriter = Self.count("REGISTER_APPENDS_PER_WRITER", 25)
        let temp = try TemporaryFolder("reliability")
        let store = try temp.folder()
        let script = """
            i=1; while [ $i -le \(perWriter) ]; do
              printf '%s' "$(echo "$EVENT" | sed "s/WRITER-N/$W-$i/g")" | "$BIN" append - --events "$STORE" >/dev/null || exit 1
              i=$((i+1))
            done
            """
        let template = eventJSON(id: "WRITER-N", payload: #"{"decision": "WRITER-N", "body": "college"}"#)
        let processes = (0..<writers).map { w -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", script]
            p.environment = ["W": "w\(w)", "EVENT": template, "BIN": CLIRunner.binary, "STORE": store, "PATH": "/usr/bin:/bin"]
            return p
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let events = try EventStore(directory: store).events()
        #expect(events.count == writers * perWriter)
        #expect(events.map(\.envelope.sequence) == Array(1...(writers * perWriter)))
        #expect(Set(events.map(\.envelope.id)).count == writers * perWriter, "no event appears twice")
        #expect(try verified(store).isIntact)
        Self.report("concurrency\t\(writers) processes x \(perWriter) appends = \(events.count) events, gapless, no duplicates, chain intact")
    }

    @Test func expectHeadRacesHaveExactlyOneWinnerPerHead() throws {
        let temp = try TemporaryFolder("reliability")
        let store = try temp.folder()
        for round in 0..<10 {
            let head = try EventStore(directory: store).head()?.hash ?? .zero
            let racers = (0..<4).map { r -> (Process, Pipe) in
                let p = Process()
                p.executableURL = URL(fileURLWithPath: CLIRunner.binary)
                p.arguments = ["append", "-", "--expect-head", head.hex, "--events", store]
                let input = Pipe()
                p.standardInput = input
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                return (p, input)
            }
            for (r, (p, input)) in racers.enumerated() {
                try p.run()
                input.fileHandleForWriting.write(Data(eventJSON(id: "race-\(round)-\(r)").utf8))
                try input.fileHandleForWriting.close()
            }
            for (p, _) in racers { p.waitUntilExit() }
            let statuses = racers.map { $0.0.terminationStatus }
            #expect(statuses.filter { $0 == 0 }.count == 1, "round \(round): \(statuses)")
            #expect(statuses.filter { $0 == 3 }.count == 3, "round \(round): the others are refused as conflicts")
        }
        #expect(try EventStore(directory: store).events().count == 10)
        Self.report("races\t10 rounds of 4 appends with the same --expect-head: one winner each, 3 refused")
    }

    @Test func aCheckpointCatchesADeletedTailAndARechainedHistory() throws {
        let temp = try TemporaryFolder("reliability")
        let store = try temp.copyOfShippedEvents()
        let checkpoint = CLI.run(["checkpoint", "--events", store]).stdout
        #expect(CLI.run(["verify", "--checkpoint", checkpoint, "--events", store]).status == 0)
        // Delete the newest event: the chain alone still verifies, the checkpoint does not.
        let newest = try FileManager.default.contentsOfDirectory(atPath: store).sorted().last!
        try FileManager.default.removeItem(atPath: store + "/" + newest)
        #expect(CLI.run(["verify", "--events", store]).status == 0)
        let truncated = CLI.run(["verify", "--checkpoint", checkpoint, "--events", store])
        #expect(truncated.status == 1)
        #expect(truncated.stdout.contains("events were deleted from the end"))
    }

    @Test func aForgedHistoryWithARecomputedChainFailsTheCheckpoint() throws {
        let temp = try TemporaryFolder("reliability")
        let original = try temp.copyOfShippedEvents()
        let checkpoint = CLI.run(["checkpoint", "--events", original]).stdout
        // Rebuild the same history through the real store, changing one amount on the way:
        // a valid chain from the forged event on.
        let forged = try temp.folder("forged")
        let store = EventStore(directory: forged)
        for event in try EventStore(directory: original).events() {
            var payload = event.envelope.payload
            if event.envelope.id == "res-404-addition-2019" { payload = ["reserve": "404", "amountCents": 900_000_000, "decision": "2403230"] }
            _ = try store.append(EventDraft(id: event.envelope.id, type: event.envelope.type, effectiveDate: event.envelope.effectiveDate,
                                            actor: event.envelope.actor, source: event.envelope.source, payload: payload))
        }
        #expect(CLI.run(["verify", "--events", forged]).status == 0, "the recomputed chain verifies on its own")
        let r = CLI.run(["verify", "--checkpoint", checkpoint, "--events", forged])
        #expect(r.status == 1)
        #expect(r.stdout.contains("was rewritten"))
    }

    /// A checkpoint whose head line was altered but whose root still matches: it contradicts
    /// itself, and the message names the head (it showed two equal roots and said "rewritten").
    @Test func aCheckpointWithAnAlteredHeadSaysItContradictsItself() throws {
        let checkpoint = CLI.run(["checkpoint", "--events", Repository.shippedEvents]).stdout
        let zero = String(repeating: "0", count: 64)
        let altered = checkpoint.split(separator: "\n").map { $0.hasPrefix("head ") ? "head " + zero : String($0) }.joined(separator: "\n") + "\n"
        let r = CLI.run(["verify", "--checkpoint", altered, "--events", Repository.shippedEvents])
        #expect(r.status == 1)
        #expect(r.stdout.contains("contradicts itself: its root matches the first 29 events, but its head \(zero) is not event 29's hash"), "\(r.stdout)")
    }

    @Test func anInclusionProofConvincesWithoutTheStore() throws {
        let temp = try TemporaryFolder("reliability")
        let store = try temp.copyOfShippedEvents()
        let checkpoint = CLI.run(["checkpoint", "--events", store]).stdout
        let proof = CLI.run(["prove", "res-404-end-date-2026", "--events", store])
        #expect(proof.status == 0)
        let eventFile = store + "/00000013-reserve-end-date-changed.json"
        let ok = CLI.run(["verify-proof", "-", "--checkpoint", checkpoint, "--event", eventFile], stdin: proof.stdout)
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        let wrongEvent = CLI.run(["verify-proof", "-", "--event", store + "/00000012-decision-taken.json"], stdin: proof.stdout)
        #expect(wrongEvent.status == 1)
        let tampered = proof.stdout.replacingOccurrences(of: "\"sequence\": 13", with: "\"sequence\": 12")
        #expect(CLI.run(["verify-proof", "-"], stdin: tampered).status == 1)
    }
}
