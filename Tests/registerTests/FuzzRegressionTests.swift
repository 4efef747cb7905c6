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
}
