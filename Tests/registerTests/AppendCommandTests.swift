import TestSupport
import EventStore
import Foundation
import Testing

/// `register append`: what is written, what is refused, and that refusals write nothing.
@Suite struct AppendCommandTests {
    /// Through the built binary: the event comes down a real pipe.
    @Test func appendsFromStandardInputAndPrintsSequenceAndHash() throws {
        let temp = try TemporaryFolder("cli-append")
        let store = try temp.copyOfShippedEvents()
        let before = CLI.run(["verify", "--json", "--events", store]).json
        let r = try CLIRunner.run(["append", "-", "--json", "--events", store], stdin: eventJSON(id: "new-decision"))
        #expect(r.status == 0, "\(r.stderr)")
        let receipt = try #require(r.json)
        #expect(receipt["sequence"]?.integer == (before?["events"]?.integer ?? 0) + 1)
        #expect(receipt["id"] == "new-decision")
        let verify = CLI.run(["verify", "--json", "--events", store]).json
        #expect(verify?["head"] == receipt["hash"])
        #expect(verify?["intact"] == .bool(true))
    }

    @Test func appendsFromAFile() throws {
        let temp = try TemporaryFolder("cli-append")
        let store = try temp.folder()
        let file = temp.path("event.json")
        try eventJSON().write(toFile: file, atomically: true, encoding: .utf8)
        let r = CLI.run(["append", file, "--events", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("appended event 1 as 00000001-decision-taken.json"))
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let input: String
        let message: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "impossible date", input: eventJSON(effective: "2026-02-30"), message: "field 'effectiveDate'"),
        Refusal(name: "unknown type", input: eventJSON(type: "decision-made"), message: "'decision-made' is not an event type"),
        Refusal(name: "truncated JSON", input: String(eventJSON().dropLast(5)), message: "is not valid JSON"),
        Refusal(name: "fractional cents", input: eventJSON(type: "reserve-addition", payload: #"{"reserve": "404", "amountCents": 10.5}"#),
                message: "field 'payload.amountCents'"),
        Refusal(name: "negative cents", input: eventJSON(type: "reserve-withdrawal", payload: #"{"reserve": "404", "amountCents": -100}"#),
                message: "field 'payload.amountCents'"),
        Refusal(name: "unknown reserve", input: eventJSON(type: "reserve-end-date-changed", payload: #"{"reserve": "999", "endDate": "2030-12-31"}"#),
                message: "no reserve '999'"),
        Refusal(name: "unknown decision", input: eventJSON(type: "reserve-end-date-changed",
                                                           payload: #"{"reserve": "404", "endDate": "2030-12-31", "decision": "1999-0000000"}"#),
                message: "no decision '1999-0000000'"),
        Refusal(name: "store field supplied", input: #"{"sequence": 1}"#, message: "the store sets 'sequence' itself"),
        Refusal(name: "duplicate id", input: eventJSON(id: "res-404-established"), message: "already stored in 00000004-reserve-established.json"),
        Refusal(name: "missing payload field", input: eventJSON(type: "reserve-end-date-changed", payload: #"{"reserve": "404"}"#),
                message: "field 'payload.endDate': missing"),
    ]

    @Test(arguments: refusals)
    func refusedInputExitsThreeAndLeavesTheStoreUnchanged(_ refusal: Refusal) throws {
        let temp = try TemporaryFolder("cli-refusal")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let r = CLI.run(["append", "--events", store], stdin: refusal.input)
        #expect(r.status == 3, "stderr: \(r.stderr)")
        #expect(r.stderr.contains(refusal.message), "stderr: \(r.stderr)")
        #expect(r.stderr.contains("nothing was written") || r.stderr.contains("field"))
        #expect(r.stdout.isEmpty)
        #expect(try digest(of: store) == before)
    }

    @Test func expectSeqAndExpectHeadRefuseAStoreThatMovedOn() throws {
        let temp = try TemporaryFolder("cli-expect")
        let store = try temp.folder()
        let first = CLI.run(["append", "--expect-seq", "0", "--json", "--events", store], stdin: eventJSON(id: "a"))
        #expect(first.status == 0)
        let stale = CLI.run(["append", "--expect-seq", "0", "--events", store], stdin: eventJSON(id: "b"))
        #expect(stale.status == 3)
        #expect(stale.stderr.contains("the store moved on"))
        let head = try #require(first.json?["hash"]?.string)
        let ok = CLI.run(["append", "--expect-head", head, "--events", store], stdin: eventJSON(id: "c"))
        #expect(ok.status == 0)
        let staleHead = CLI.run(["append", "--expect-head", head, "--events", store], stdin: eventJSON(id: "d"))
        #expect(staleHead.status == 3)
    }

    /// Two real processes, so the append lock is taken across processes.
    @Test func twoProcessesAppendingAtOnceBothSucceedGaplessly() throws {
        let temp = try TemporaryFolder("cli-two")
        let store = try temp.folder()
        let perProcess = 15
        func loop(_ tag: String) -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            let input = eventJSON().replacingOccurrences(of: "2023-0000001", with: "D-\(tag)-$i")
            p.arguments = ["-c", "for i in $(seq 1 \(perProcess)); do echo '\(input)' | sed \"s/\\$i/$i/\" | '\(CLIRunner.binary)' append --events '\(store)' >/dev/null || exit 1; done"]
            return p
        }
        let a = loop("a"), b = loop("b")
        try a.run()
        try b.run()
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        let verify = CLI.run(["verify", "--json", "--events", store])
        #expect(verify.json?["intact"] == .bool(true))
        #expect(verify.json?["events"]?.integer == Int64(2 * perProcess))
        let log = try #require(CLI.run(["log", "--json", "--events", store]).json?.array)
        #expect(log.compactMap { $0["sequence"]?.integer } == (1...Int64(2 * perProcess)).map { $0 })
        #expect(Set(log.compactMap { $0["id"]?.string }).count == 2 * perProcess)
    }
}
