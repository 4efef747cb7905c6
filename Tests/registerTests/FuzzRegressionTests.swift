import TestSupport
import EventStore
import Foundation
import Projections
import Testing

/// What the history fuzzer (`scripts/fuzz.sh history`, and its seeded twin `HistoryFuzzTests`)
/// found, each as the smallest history that shows it, named after what went wrong.
@Suite struct FuzzRegressionTests {
    let temp: TemporaryFolder
    let events: String

    init() throws {
        temp = try TemporaryFolder("fuzz-regression")
        events = try temp.folder()
    }

    func append(_ drafts: [EventDraft]) throws {
        let store = EventStore(directory: events, clock: SteppingClock().next)
        for draft in drafts { _ = try store.append(draft, policy: DomainPolicy()) }
    }

    /// Append refuses these drafts now; a copied folder can still hold them: written without
    /// the checks, chained, after `append` was shown to refuse the first one that it refuses.
    func writeRefused(_ drafts: [EventDraft]) throws {
        let store = EventStore(directory: events, clock: SteppingClock().next)
        var refusedOne = false
        for draft in drafts {
            do { _ = try store.append(draft, policy: DomainPolicy()) } catch {
                refusedOne = true
                #expect("\(error)".contains("add up to more than"), "\(error)")
                try appendWithoutChecks([UncheckedEvent(id: draft.id ?? UUID().uuidString.lowercased(), type: draft.type, payload: draft.payload,
                                                        effective: draft.effectiveDate.iso)], to: events)
            }
        }
        #expect(refusedOne, "append accepted a table whose amounts add up past the cap")
    }

    func draft(_ id: String, _ type: String, _ payload: JSONValue) -> EventDraft {
        makeDraft(id: id, type: type, date: "2023-01-10", actor: "griffie:fuzz", document: "fuzz.pdf", zaaknummer: nil, payload: payload)
    }

    /// Found by HistoryFuzzTests in its first run: a register with decisions but no reserve, asked for a report
    /// without SUBJECT said "name the reserve to report on: " and listed nothing (a usage error, exit 2).
    @Test func aReportOnARegisterWithoutReservesSaysThereIsNone() throws {
        try append([draft("e1", "decision-taken", ["decision": "D1", "body": "college"])])
        let r = CLI.run(["report", "--html", temp.path("report.html"), "--events", events])
        #expect(r.status == 3)
        #expect(r.stderr == "register: error: the register holds no reserve to report on\n", "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: temp.path("report.html")))
    }

    /// 9,300 lines at the cap of EUR 10 trillion each, in one allocation or one budget (under
    /// 1 MiB, so append accepted it): their sum exceeds what an Int64 of cents holds, and `Cents.+`
    /// trapped ("a sum of amounts exceeds EUR 92 quadrillion"), killing `reserve`, `budget`, `audit`,
    /// `report`, `timeline` and `log` (SIGILL, exit 132) instead of refusing or answering. Found with the history generator's
    /// many-lines tables (`HistoryGenerator.manyLines`). Now append refuses such a table and the
    /// commands say the sum is past the cap; the files are written without the checks, as a copied folder could hold them.
    static func table(_ key: String, _ name: String, count: Int = HistoryGenerator.manyLines) -> JSONValue {
        .array((0..<count).map { .object([key: .string("\(name)\($0)"), "amountCents": JSONValue(HistoryGenerator.amountLimit)]) })
    }

    @Test(arguments: [["reserve", "404", "--on", "2023-06-30"], ["budget", "--year", "2023", "--on", "2023-06-30"], ["audit", "--on", "2023-06-30"],
                      ["report", "404", "--html", "REPORT"], ["timeline", "reserve:404"], ["log"]])
    func allocationsAndBudgetLinesWhoseSumOverflowsAreRefusedNotATrap(_ command: [String]) throws {
        try writeRefused([
            draft("e1", "decision-taken", ["decision": "D1", "body": "college"]),
            draft("e2", "reserve-established", ["reserve": "404", "name": "Reserve", "endDate": "2030-12-31", "decision": "D1"]),
            draft("e3", "allocation", ["reserve": "404", "allocations": Self.table("project", "P"), "decision": "D1"]),
            draft("e4", "budget-set", ["year": 2023, "programmes": Self.table("programme", "p"), "decision": "D1"]),
        ])
        let r = CLI.run(command.map { $0 == "REPORT" ? temp.path("report.html") : $0 } + ["--events", events])
        if command == ["log"] {
            // The log lists events, not totals: it says the table's sum is past the cap.
            #expect(r.status == 0 && r.stdout.contains("more than € 10.000.000.000.000,00"), "\(r.stderr)")
        } else {
            #expect(r.status != 0)
            #expect(r.stderr.hasPrefix("register: error: "), "\(r.stderr)")
        }
    }

    /// The history fuzzer's own find (`scripts/fuzz.sh 300 history`, crash input
    /// `48aa ffff ffff 0000 0000 2aff ffff`): that input is one budget-set for 2019 with 9,300
    /// programmes at the cap and no decision, which append accepts; `timeline programme:zorg`
    /// then traps in `EventSummary.describe` summing the programmes. Replayed from the same bytes
    /// through the same generator, so the test is the fuzzer's input, not a paraphrase of it.
    @Test
    func theFuzzersBudgetWithProgrammesSummingPastInt64DoesNotTrapTheTimeline() throws {
        var generator = HistoryGenerator(bytes: [0x48, 0xaa, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x2a, 0xff, 0xff, 0xff])
        #expect(generator.drafts.map(\.type) == ["budget-set"])
        try writeRefused(generator.drafts)
        for command in generator.chosenCommands(events: events, scratch: temp.root, count: 6) {
            let r = CLI.run(command.arguments)
            #expect(command.allowedStatuses.contains(r.status), "'\(command)' exited \(r.status): \(r.stderr)")
        }
    }
}
