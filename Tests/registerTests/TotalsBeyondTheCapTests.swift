import TestSupport
import EventStore
import Foundation
import Testing

/// Histories whose amounts add up past the cap (EUR 10 trillion, `Cents.limit`), written as files
/// without `append` (as a git clone brings them): every answer that needs such a total ends with
/// a clear error naming the total and the event (exit 1), never a trap; other answers still work.
/// Through the built binary, so that a trap would show as a crash, not end the test process.
@Suite struct TotalsBeyondTheCapTests {
    static let cap = JSONValue(1_000_000_000_000_000)

    /// 9,500 amounts at the cap fill more than an `Int64` (the old sums trapped); two already pass the cap.
    static func store(_ temp: TemporaryFolder) throws -> String {
        let store = try temp.copyOfShippedEvents()
        let lines: [JSONValue] = (0..<9_500).map { .object(["project": .string("p\($0)"), "amountCents": cap]) }
        let programmes: [JSONValue] = (0..<9_500).map { .object(["programme": .string("p\($0)"), "amountCents": cap]) }
        try appendWithoutChecks([
            UncheckedEvent(id: "est-999", type: "reserve-established", payload: ["reserve": "999", "name": "Big", "endDate": "2030-12-31"]),
            UncheckedEvent(id: "big-allocation", type: "allocation", payload: ["reserve": "999", "allocations": .array(lines)]),
            UncheckedEvent(id: "est-998", type: "reserve-established", payload: ["reserve": "998", "name": "Many", "endDate": "2030-12-31"]),
            UncheckedEvent(id: "add-1", type: "reserve-addition", payload: ["reserve": "998", "amountCents": cap]),
            UncheckedEvent(id: "add-2", type: "reserve-addition", payload: ["reserve": "998", "amountCents": cap]),
            UncheckedEvent(id: "big-budget", type: "budget-set", payload: ["year": 2030, "programmes": .array(programmes)]),
        ], to: store)
        return store
    }

    struct Question: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let status: Int32
        let fragment: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let questions: [Question] = [
        Question(arguments: ["reserve", "999", "--on", "2026-06-30"], status: 1,
                 fragment: "the allocated amount of reserve 999 cannot be computed after event big-allocation"),
        Question(arguments: ["reserve", "998", "--on", "2026-06-30"], status: 1,
                 fragment: "the authorised amount of reserve 998 cannot be computed after event add-2"),
        Question(arguments: ["timeline", "999"], status: 1, fragment: "cannot be computed after event big-allocation"),
        Question(arguments: ["audit", "--on", "2026-06-30"], status: 1, fragment: "cannot be computed after event"),
        Question(arguments: ["budget", "--year", "2030", "--on", "2026-06-30"], status: 1,
                 fragment: "the budget total of 2030 cannot be computed after event big-budget"),
        Question(arguments: ["reserve", "404", "--on", "2023-06-30"], status: 0, fragment: ""),
        Question(arguments: ["log"], status: 0, fragment: ""),
        Question(arguments: ["subjects"], status: 0, fragment: ""),
        Question(arguments: ["export", "--format", "csv"], status: 0, fragment: ""),
        // The journal folds the reserves as the answers do (it carries earmarks and commitments), so it ends as they do.
        Question(arguments: ["export", "--format", "ledger"], status: 1,
                 fragment: "the allocated amount of reserve 999 cannot be computed after event big-allocation"),
    ]

    @Test(arguments: questions)
    func anAnswerThatNeedsSuchATotalEndsWithAClearError(_ q: Question) throws {
        let temp = try TemporaryFolder("cap")
        let store = try Self.store(temp)
        let r = try CLIRunner.run(q.arguments + ["--events", store])
        #expect(r.status == q.status, "\(q.arguments): \(r.stderr)")
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.lowercased().contains("backtrace"), "\(r.stderr)")
        if q.status != 0 {
            #expect(r.stderr.hasPrefix("register: error: "), "\(r.stderr)")
            #expect(r.stderr.contains(q.fragment), "\(r.stderr)")
            #expect(r.stderr.contains("correct or retract event"), "the clerk is told what to do: \(r.stderr)")
        }
        if q.arguments == ["export", "--format", "csv"] {
            #expect(r.stdout.contains("9500 project(s), more than € 10.000.000.000.000,00"), "the summary says what it cannot sum")
        }
    }

    @Test func theHTMLReportEndsWithTheSameError() throws {
        let temp = try TemporaryFolder("cap")
        let store = try Self.store(temp)
        let out = temp.path("report.html")
        let r = try CLIRunner.run(["report", "998", "--html", out, "--on", "2026-06-30", "--events", store])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("the authorised amount of reserve 998 cannot be computed after event add-2"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "no half a report")
    }

    /// On append the same totals are refused (exit 3), the store unchanged: here the second addition.
    @Test func anAppendThatWouldPassTheCapIsRefused() throws {
        let temp = try TemporaryFolder("cap")
        let store = try temp.copyOfShippedEvents()
        let establish = eventJSON(type: "reserve-established", id: "est", payload: #"{"reserve": "777", "name": "R", "endDate": "2030-12-31"}"#)
        let add = eventJSON(type: "reserve-addition", payload: #"{"reserve": "777", "amountCents": 600000000000000}"#)
        #expect(CLI.run(["append", "--events", store], stdin: establish).status == 0)
        #expect(CLI.run(["append", "--events", store], stdin: add).status == 0)
        let before = try digest(of: store)
        let r = CLI.run(["append", "--events", store], stdin: add)
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("with this event the authorised amount of reserve 777 would pass the cap"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was written"))
        #expect(try digest(of: store) == before)
        let record = CLI.run(["record", "addition", "--reserve", "777", "--amount", "6.000.000.000.000,00", "--effective", "2023-01-10",
                              "--source", "t", "--yes", "--events", store])
        #expect(record.status == 3, "record refuses it too: \(record.stderr)")
        #expect(try digest(of: store) == before)
    }

    /// Amendments that raise a total without an amount of their own at the top: a correction of a
    /// correction of a commitment, and a retraction of the reallocation that kept two allocations
    /// apart. Both were accepted, and the reserve could not be answered after them.
    @Test func aCorrectionOfACorrectionOrARetractionThatWouldPassTheCapIsRefused() throws {
        let temp = try TemporaryFolder("cap-amendments")
        let store = try temp.copyOfShippedEvents()
        func append(_ json: String) -> CLIResult { CLI.run(["append", "--events", store], stdin: json) }
        #expect(append(eventJSON(type: "correction", id: "c1", payload: #"{"corrects": "res-404-commit-uitvoeringsbrigade", "reason": "x", "payload": {"amountCents": 100}}"#)
            .replacingOccurrences(of: #""schemaVersion": 1"#, with: #""schemaVersion": 2"#)).status == 0)
        let huge = eventJSON(type: "correction", id: "c2", payload: #"{"corrects": "c1", "reason": "x", "payload": {"payload": {"amountCents": 1000000000000000}}}"#)
            .replacingOccurrences(of: #""schemaVersion": 1"#, with: #""schemaVersion": 2"#)
        var before = try digest(of: store)
        let corrected = append(huge)
        #expect(corrected.status == 3 && corrected.stderr.contains("would pass the cap"), "\(corrected.stderr)")
        #expect(try digest(of: store) == before)

        let big = 900_000_000_000_000
        #expect(append(eventJSON(type: "allocation", effective: "2024-01-01", id: "A",
                                 payload: #"{"reserve": "404", "allocations": [{"project": "P1", "amountCents": \#(big)}]}"#)).status == 0)
        #expect(append(eventJSON(type: "reallocation", effective: "2024-02-01", id: "RR",
                                 payload: #"{"reserve": "404", "allocations": [{"project": "P1", "amountCents": 1}]}"#)).status == 0)
        #expect(append(eventJSON(type: "allocation", effective: "2024-03-01", id: "B",
                                 payload: #"{"reserve": "404", "allocations": [{"project": "P2", "amountCents": \#(big)}]}"#)).status == 0)
        before = try digest(of: store)
        let retracted = append(eventJSON(type: "retraction", payload: #"{"retracts": "RR", "reason": "x"}"#))
        #expect(retracted.status == 3 && retracted.stderr.contains("would pass the cap"), "\(retracted.stderr)")
        #expect(try digest(of: store) == before)
        #expect(CLI.run(["reserve", "404", "--events", store]).status == 0, "the register still answers")
    }
}
