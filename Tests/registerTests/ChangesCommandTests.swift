import TestSupport
import EventStore
import Foundation
import Testing
@testable import RegisterCLI

/// `register changes --known-since T1 [--known-on T2]`: the events recorded in between and each
/// answer that changed.
@Suite struct ChangesCommandTests {
    /// The shipped history was recorded on 2026-11-23 (events 1-24) and 2026-12-01 (the source
    /// hashes, 25-29): nothing an answer shows changed between those days.
    @Test func theSourceHashesChangeNoAnswer() throws {
        let r = CLI.run(["changes", "--known-since", "2026-11-30", "--known-on", "2026-12-01", "--on", "2023-06-30", "--json",
                         "--events", Repository.shippedEvents])
        #expect(r.status == 0, "\(r.stderr)")
        let result = try JSONParser.parse(r.stdout).object ?? [:]
        #expect(result["events"]?.array?.compactMap { $0.object?["type"]?.string } == Array(repeating: "source-document", count: 5))
        #expect(result["subjects"]?.array?.isEmpty == true)
    }

    @Test func beforeTheFirstEventEverySubjectIsNew() throws {
        let r = CLI.run(["changes", "--known-since", "2026-11-22", "--known-on", "2026-11-23T23:00Z", "--on", "2026-06-30", "--json",
                         "--events", Repository.shippedEvents])
        let result = try JSONParser.parse(r.stdout).object ?? [:]
        #expect(result["events"]?.array?.count == 24)
        let subjects = result["subjects"]?.array?.compactMap { $0.object?["subject"]?.string } ?? []
        #expect(subjects.contains("reserve:404") && subjects.contains("contract:dordrecht-sociaal") && subjects.contains("budget:2026"), "\(subjects)")
    }

    /// A later actual and a correction show as the fields they change, before -> after.
    @Test func aNewActualAndACorrectionShowAsFieldChanges() throws {
        let temp = try TemporaryFolder("changes")
        let store = try temp.copyOfShippedEvents()
        try appendWithoutChecks([
            UncheckedEvent(id: "actual-2022", type: "balance-actual", payload: ["reserve": "404", "asOf": "2022-12-31", "amountCents": 43_012_345],
                           effective: "2023-04-15"),
            UncheckedEvent(id: "fix-end", type: "correction", payload: ["corrects": "res-404-end-date-2026", "reason": "typo",
                                                                        "payload": ["reserve": "404", "endDate": "2026-06-30", "decision": "2022-0177088"]], effective: "2022-12-31"),  // schema 1: the whole payload
        ], to: store)
        // appendWithoutChecks records on 2026-11-24, after events 1-24 and before the source hashes (2026-12-01).
        let r = CLI.run(["changes", "--known-since", "2026-11-24T00:00Z", "--on", "2023-06-30", "--events", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("7 event(s) recorded after 2026-11-24T00:00Z"), "\(r.stdout)")
        #expect(r.stdout.contains("reserve:404"))
        #expect(r.stdout.contains("balance.kind: estimate -> actual"), "\(r.stdout)")
        #expect(r.stdout.contains("balance.amountCents: null -> 43012345"), "\(r.stdout)")
        #expect(r.stdout.contains("endDate: 2026-12-31 -> 2026-06-30"), "\(r.stdout)")
        #expect(!r.stdout.contains("contract:dordrecht-sociaal"))
    }

    @Test(arguments: [(["changes"], "needs --known-since"), (["changes", "--known-since", "2026-12-01", "--known-on", "2026-01-01"], "is before --known-since"),
                      (["changes", "--known-since", "yesterday"], "--known-since")])
    func usageErrors(_ arguments: [String], _ message: String) {
        let r = CLI.run(arguments + ["--events", Repository.shippedEvents])
        #expect(r.status == 2 && r.stderr.contains(message), "\(r.stderr)")
    }
}
