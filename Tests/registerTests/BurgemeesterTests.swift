import Foundation
import Projections
import TestSupport
import Testing
@testable import RegisterCLI

/// The burgemeester is a body (bestuursorgaan) the register accepts wherever a body is asked or
/// given, and the ZGW export names it.
@Suite struct BurgemeesterTests {
    @Test func aDecisionOfTheBurgemeesterIsRecordedAndQueried() throws {
        let temp = try TemporaryFolder("burgemeester")
        let events = try temp.copyOfShippedEvents()
        let recorded = CLI.run(["record", "decision-taken", "--decision", "2026-BM-0001", "--body", "burgemeester", "--date", "25-11-2026",
                                "--title", "Aanwijzing veiligheidsrisicogebied", "--effective", "2026-11-25", "--source", "besluit-bm.txt",
                                "--yes", "--events", events])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let subjects = CLI.run(["subjects", "--json", "--events", events])
        let entry = try #require(subjects.json?["subjects"]?.array?.first { $0["id"]?.string == "2026-BM-0001" })
        #expect(entry["label"]?.string?.hasPrefix("taken by burgemeester") == true, "\(entry)")
        let timeline = CLI.run(["timeline", "decision:2026-BM-0001", "--events", events])
        #expect(timeline.stdout.contains("decision 2026-BM-0001 taken by burgemeester on 2026-11-25"), "\(timeline.stdout)")
        // A clerk may also write "mayor".
        let alias = CLI.run(["record", "decision-taken", "--decision", "2026-BM-0002", "--body", "mayor", "--date", "2026-11-26",
                             "--effective", "2026-11-26", "--source", "besluit-bm-2.txt", "--yes", "--events", events])
        #expect(alias.status == 0, "\(alias.stderr)")
        #expect(CLI.run(["subjects", "--events", events]).stdout.contains("taken by burgemeester"))
    }

    @Test func recordListsTheBurgemeesterAmongTheBodies() throws {
        guard case .choice(let bodies)? = RecordType.all.first(where: { $0.name == "decision-taken" })?.fields.first(where: { $0.flag == "--body" })?.kind else {
            Issue.record("decision-taken has no --body choice")
            return
        }
        #expect(bodies.starts(with: ["raad", "college", "burgemeester"]))
        #expect(RecordField.choiceLabels["burgemeester"] != nil)
        // A writing command runs on a copy, even with --dry-run, and the copy is left as it was.
        let temp = try TemporaryFolder("burgemeester-refused")
        let events = try temp.copyOfShippedEvents()
        let before = try snapshot(of: events)
        let wrong = CLI.run(["record", "decision-taken", "--decision", "x", "--body", "wethouder", "--date", "2026-11-25",
                             "--effective", "2026-11-25", "--source", "s.txt", "--dry-run", "--events", events])
        #expect(wrong.status == 2 && wrong.stderr.contains("burgemeester"), "\(wrong.stderr)")
        #expect(try snapshot(of: events) == before)
    }

    /// Every body but `unknown` has a bestuursorgaan of at most 50 characters (the API's limit).
    @Test func theZGWExportMapsEveryBody() {
        for body in DecisionBody.allCases {
            let name = ZGWBesluiten.bestuursorgaan(body)
            #expect((name == nil) == (body == .unknown), "\(body)")
            #expect((name?.count ?? 0) <= 50)
        }
        #expect(ZGWBesluiten.bestuursorgaan(.burgemeester) == "burgemeester")
    }

    @Test func theSettingsAcceptABesluittypeForTheBurgemeester() throws {
        let temp = try TemporaryFolder("burgemeester-settings")
        let events = try temp.copyOfShippedEvents()
        let settings = temp.path("register-settings.json")
        try Data(#"{"rsin": "123456782", "besluittypen": {"burgemeester": "https://catalogi.example.nl/api/v1/besluittypen/bm"}}"#.utf8)
            .write(to: URL(fileURLWithPath: settings))
        let r = CLI.run(["export", "--format", "zgw-besluiten", "--events", events, "--settings", settings])
        #expect(!r.stderr.contains("'besluittypen' has"), "\(r.stderr)")
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
    }
}
