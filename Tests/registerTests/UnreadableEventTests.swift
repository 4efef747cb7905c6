import TestSupport
import EventStore
import Foundation
import Testing

/// An event this register cannot read (an unknown type, an amount outside the rules, a date that
/// does not exist), in a history that came from outside `append` (a clone, a copied folder): it may
/// be about any subject, so no question is answered while it is there, and the error names it.
/// Queries used to leave such an event out and answer as if it were not there (exit 0).
@Suite struct UnreadableEventTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let type: String
        let payload: JSONValue
        var testDescription: String { type + " " + "\(payload)" }
    }

    static let cases = [
        Case(type: "reserve-bonus", payload: ["reserve": "404", "amountCents": 100]),
        Case(type: "reserve-addition", payload: ["reserve": "404", "amountCents": -5]),
        Case(type: "contract-extended", payload: ["contract": "dordrecht-sociaal", "newEndDate": "2030-02-30"]),
    ]

    static let questions: [[String]] = [
        ["reserve", "404", "--on", "2023-06-30"], ["reserve", "404", "--no-cache"], ["timeline", "reserve:404"],
        ["contract", "dordrecht-sociaal"], ["budget", "--year", "2025"], ["export", "--format", "ledger"], ["audit", "--on", "2026-11-30"],
    ]

    @Test(arguments: cases)
    func noQuestionIsAnsweredAroundAnEventThisRegisterCannotRead(_ unreadable: Case) throws {
        let temp = try TemporaryFolder("register-unreadable")
        let events = try temp.copyOfShippedEvents()
        // The index and the answer cache exist before the event arrives, as in a clone that was pulled.
        for question in Self.questions { #expect(CLI.run(question + ["--events", events]).stderr.isEmpty, "\(question)") }
        try appendWithoutChecks([UncheckedEvent(id: "odd", type: unreadable.type, payload: unreadable.payload)], to: events)
        let file = "00000030-\(unreadable.type).json"
        for question in Self.questions {
            let r = CLI.run(question + ["--events", events])
            #expect(r.status == 1 && r.stdout.isEmpty, "\(question): \(r.stdout)")
            #expect(r.stderr.contains(file) && r.stderr.contains("cannot read the event"), "\(question): \(r.stderr)")
        }
        // verify: the chain is intact (exit 0); with --decode the event is named as one no question gets past.
        let plain = CLI.run(["verify", "--events", events])
        #expect(plain.status == 0 && !plain.stdout.contains("cannot read"), "\(plain.stdout)")
        let verified = CLI.run(["verify", "--decode", "--events", events])
        #expect(verified.status == 0 && verified.stdout.contains("note: \(file): this register cannot read the event"), "\(verified.stdout)")
        let json = try JSONParser.parse(CLI.run(["verify", "--decode", "--json", "--events", events]).stdout)
        #expect(json["intact"] == .bool(true) && json["unreadable"]?.array?.first?["sequence"] == 30, "\(json)")
        // verify reads no cache: the same without the index.
        try FileManager.default.removeItem(atPath: EventStore(directory: events).cacheDirectory)
        let fresh = try JSONParser.parse(CLI.run(["verify", "--decode", "--json", "--events", events]).stdout)
        #expect(fresh["unreadable"] == json["unreadable"], "\(fresh)")
    }

    /// The way forward: a retraction of the unreadable event sets it aside, and every question
    /// (and the audit, which names the retraction) answers again; a second retraction is refused.
    /// A retraction recorded before the event (possible only from outside append) does not count.
    @Test func aRetractionSetsAnUnreadableEventAsideAndTheRegisterAnswersAgain() throws {
        let temp = try TemporaryFolder("register-unreadable-retracted")
        let events = try temp.copyOfShippedEvents()
        let answers = Self.questions.map { CLI.run($0 + ["--events", events]).stdout }
        try appendWithoutChecks([UncheckedEvent(id: "early", type: "retraction", payload: ["retracts": "odd", "reason": "before it exists"]),
                                 UncheckedEvent(id: "odd", type: "reserve-bonus", payload: ["reserve": "404", "amountCents": 100])], to: events)
        #expect(CLI.run(["reserve", "404", "--events", events]).status == 1, "a retraction before the event does not set it aside")
        #expect(CLI.run(["audit", "--events", events]).status == 1)
        let correction = eventJSON(type: "correction", payload: #"{"corrects": "odd", "reason": "x", "effectiveDate": "2026-01-01"}"#)
        let corrected = CLI.run(["append", "-", "--events", events], stdin: correction)
        #expect(corrected.status == 3 && corrected.stderr.contains("which this register cannot read; it can only be retracted"), "\(corrected.stderr)")
        let retraction = eventJSON(type: "retraction", payload: #"{"retracts": "odd", "reason": "this register cannot read it"}"#)
        let r = CLI.run(["append", "-", "--events", events], stdin: retraction)
        #expect(r.status == 0, "\(r.stderr)")
        for (question, answer) in zip(Self.questions, answers) {
            let again = CLI.run(question + ["--events", events])
            #expect(again.stderr.isEmpty && !again.stdout.isEmpty, "\(question): \(again.stderr)")
            // The subjects' answers are as before; the journal's header and the audit name the new events.
            if !["export", "audit"].contains(question[0]) { #expect(again.stdout == answer, "\(question)") }
        }
        let audit = CLI.run(["audit", "--json", "--events", events])
        #expect(audit.status == 1)
        #expect(audit.stdout.contains("names event odd, which is not among the events this register reads"), "\(audit.stdout)")
        let verified = CLI.run(["verify", "--decode", "--json", "--events", events])
        let after = try JSONParser.parse(verified.stdout)
        #expect(verified.status == 0 && after["unreadable"] == .array([]), "\(verified.stdout)")
        let twice = CLI.run(["append", "-", "--events", events], stdin: retraction)
        #expect(twice.status == 3 && twice.stderr.contains("is already retracted"), "\(twice.stderr)")
    }

    /// `record`, the clerk's way to append, can retract such an event by its sequence number (it
    /// used to refuse, as it read the whole history first), cannot correct it, and notes it while
    /// recording anything else.
    @Test func recordRetractsAnUnreadableEventByItsNumber() throws {
        let temp = try TemporaryFolder("register-unreadable-record")
        let events = try temp.copyOfShippedEvents()
        let answer = CLI.run(["reserve", "404", "--events", events]).stdout
        try appendWithoutChecks([UncheckedEvent(id: "odd", type: "reserve-bonus", payload: ["reserve": "404", "amountCents": 100])], to: events)
        let before = try snapshot(of: events)
        let corrected = CLI.run(["record", "correction", "30", "--reason", "x", "--yes", "--events", events])
        #expect(corrected.status == 3 && corrected.stderr.contains("event 30 is one this register cannot read; it can only be retracted"), "\(corrected.stderr)")
        let other = CLI.run(["record", "reserve-addition", "--reserve", "404", "--amount", "5", "--decision", "2403230", "--effective", "2026-01-01",
                             "--source", "x", "--dry-run", "--events", events])
        #expect(other.status == 0 && other.stdout.contains("note: event 30 is one this register cannot read"), "\(other.stdout)\(other.stderr)")
        let dry = CLI.run(["record", "retraction", "30", "--reason", "unreadable", "--source", "x", "--dry-run", "--events", events])
        #expect(dry.status == 0 && dry.stdout.contains("\"retracts\": \"odd\"") && !dry.stdout.contains("note: event 30"), "\(dry.stdout)\(dry.stderr)")
        #expect(try snapshot(of: events) == before, "refusals and dry runs write nothing")
        let r = CLI.run(["record", "retraction", "30", "--reason", "unreadable", "--source", "x", "--yes", "--events", events])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(CLI.run(["reserve", "404", "--events", events]).stdout == answer)
    }

    /// An id wins over a sequence number, for unreadable events too: an unreadable event whose id
    /// is "29" is the one `record retraction 29` retracts (it retracted event 29, which cannot be
    /// undone). A second retraction, by id or number, is refused as such; the refusal's id is escaped.
    @Test func recordNamesAnUnreadableEventByItsIdBeforeAnySequenceNumber() throws {
        let temp = try TemporaryFolder("register-unreadable-number-id")
        let events = try temp.copyOfShippedEvents()
        try appendWithoutChecks([UncheckedEvent(id: "29", type: "reserve-bonus", payload: ["reserve": "404", "amountCents": 100])], to: events)
        let r = CLI.run(["record", "retraction", "29", "--reason", "unreadable", "--source", "x", "--yes", "--json", "--events", events])
        #expect(r.status == 0, "\(r.stderr)")
        let stored = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: events + "/00000031-retraction.json"))))
        #expect(stored["payload"]?["retracts"] == "29", "\(stored)")
        #expect(CLI.run(["reserve", "404", "--events", events]).status == 0)
        for again in ["29", "30"] {
            let twice = CLI.run(["record", "retraction", again, "--reason", "again", "--source", "x", "--yes", "--events", events])
            #expect(twice.status == 3 && twice.stderr.contains("is already retracted"), "\(again): \(twice.stderr)")
        }
        let odd = try TemporaryFolder("register-unreadable-odd-id")
        let oddEvents = try odd.copyOfShippedEvents()
        try appendWithoutChecks([UncheckedEvent(id: "x\nok: 31 events", type: "reserve-bonus", payload: ["reserve": "404", "amountCents": 100])], to: oddEvents)
        let verified = CLI.run(["verify", "--decode", "--events", oddEvents])
        #expect(verified.status == 0 && !verified.stdout.contains("\nok: 31 events") && verified.stdout.contains("(id x\\u{A}ok: 31 events)"), "\(verified.stdout)")
    }
}
