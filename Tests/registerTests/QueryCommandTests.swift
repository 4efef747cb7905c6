import TestSupport
import EventStore
import Foundation
import Testing

/// The questions the register exists for, on the shipped history (read only), in-process; one
/// query also through the built binary.
@Suite struct QueryCommandTests {
    func run(_ arguments: [String]) throws -> CLIResult {
        CLI.run(arguments + ["--events", Repository.shippedEvents])
    }

    @Test func theBinaryAnswersTheREADMEQuestion() throws {
        let r = try CLIRunner.run(["reserve", "404", "--on", "2023-06-30"], directory: Repository.root)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == (try run(["reserve", "404", "--on", "2023-06-30"])).stdout)
        #expect(r.stdout.contains("end date     2026-12-31"))
    }

    @Test func reserve404EndDateMovesWithTheCouncilDecision() throws {
        let before = try run(["reserve", "404", "--on", "2022-06-30", "--json"])
        #expect(before.status == 0)
        #expect(before.json?["endDate"] == "2022-12-31")
        #expect(before.json?["status"] == "open")
        let after = try run(["reserve", "404", "--on", "2023-06-30", "--json"])
        #expect(after.json?["endDate"] == "2026-12-31")
        #expect(after.json?["reserve"] == "404")
        #expect(after.json?["name"] == "SI Sociaal Domein Innovatiebudget & versterken sociale infrastructuur")
        #expect(after.json?["on"] == "2023-06-30")
        #expect(after.json?["balance"]?["kind"] == "estimate")
    }

    /// `--known-on` before the history was recorded (a clerk who meant `--on`): the answer says the
    /// register held no such subject *then*, and when it was first recorded, not that it holds none.
    @Test(arguments: [["reserve", "404"], ["contract", "dordrecht-sociaal"], ["budget", "--year", "2025", "--on", "2025-06-30"]])
    func aSubjectRecordedAfterKnownOnIsSaidToBeRecordedLater(_ question: [String]) throws {
        let r = try run(question + ["--known-on", "2023-01-01"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("as known on 2023-01-01: it was first recorded at 2026-11-23T14:39"), "\(r.stderr)")
        let missing = try run(["reserve", "999", "--known-on", "2023-01-01"])
        #expect(missing.stderr.contains("the register holds no reserve '999'"), "\(missing.stderr)")
    }

    /// A proposal is put to the body that decides it: the log says "proposed to raad", not "by".
    @Test func aProposalIsProposedToTheBodyThatDecides() throws {
        let log = try run(["log"])
        #expect(log.stdout.contains("decision 2019_GDD_B&W_00314 proposed to raad (date unknown)"), "\(log.stdout)")
        #expect(!log.stdout.contains("proposed by"))
    }

    @Test func the2021AllocationsInJSON() throws {
        let r = try run(["reserve", "404", "--on", "2021-12-31", "--json"])
        let allocations = try #require(r.json?["allocations"]?.array)
        #expect(allocations.count == 14)
        #expect(allocations.compactMap { $0["amountCents"]?.integer }.reduce(0, +) == 500_000_000)
        #expect(r.json?["allocatedCents"]?.integer == 500_000_000)
    }

    @Test func humanOutputUsesDutchAmountsAndISODates() throws {
        let r = try run(["reserve", "404", "--on", "2023-06-30"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("end date     2026-12-31"))
        #expect(r.stdout.contains("€ 5.000.000,00"))
        #expect(r.stdout.contains("estimate € 400.000,00 to € 450.000,00"))
    }

    @Test func aDateBeforeTheReserveExistedIsAClearAnswer() throws {
        let r = try run(["reserve", "404", "--on", "2018-01-01"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("did not exist yet on 2018-01-01"))
        #expect(try run(["reserve", "404", "--on", "2018-01-01", "--json"]).json?["endDate"] == .null)
    }

    @Test func anUnknownReserveIsRefusedWithTheKnownOnes() throws {
        let r = try run(["reserve", "405"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("no reserve '405'; known reserves: 404"))
    }

    @Test func theContractHasADecidedAndAnIntendedEnd() throws {
        let r = try run(["contract", "dordrecht-sociaal", "--on", "2026-01-01", "--json"])
        #expect(r.status == 0)
        #expect(r.json?["contract"] == "dordrecht-sociaal")
        #expect(r.json?["endDate"] == "2026-12-31")
        #expect(r.json?["intendedEndDate"] == "2030-12-31")
        #expect(r.json?["counterparty"]?.string?.hasPrefix("Stichting Dordrecht Sociaal") == true)
    }

    @Test func theBudget2026Totals266Million() throws {
        let r = try run(["budget", "--year", "2026", "--json"])
        #expect(r.status == 0)
        #expect(r.json?["year"]?.integer == 2026)
        #expect(r.json?["totalCents"]?.integer == 26_624_200_000)
        #expect(r.json?["programmes"]?.array?.count == 5)
        #expect(r.json?["statedTotalDifferenceCents"]?.integer == 0)
    }

    @Test func theTimelineOfReserve404IsInEffectOrderWithSources() throws {
        let r = try run(["timeline", "404", "--json"])
        #expect(r.status == 0)
        let entries = try #require(r.json?["entries"]?.array)
        let dates = entries.compactMap { $0["effectiveDate"]?.string }
        #expect(dates == dates.sorted())
        #expect(entries.allSatisfy { $0["source"]?["document"]?.string?.hasSuffix(".txt") == true })
        let change = entries.first { $0["type"] == "reserve-end-date-changed" }
        #expect(change?["changes"]?.array?.first?["before"] == "2022-12-31")
        #expect(change?["changes"]?.array?.first?["after"] == "2026-12-31")
        #expect(change?["decision"] == "2022-0177088")
    }

    @Test func subjectsListTheIdsToUse() throws {
        let r = try run(["subjects", "--json"])
        let subjects = Set((r.json?["subjects"]?.array ?? []).compactMap { $0["subject"]?.string })
        #expect(subjects.isSuperset(of: ["reserve:404", "contract:dordrecht-sociaal", "budget:2026", "programme:bestaanszekerheid",
                                         "decision:2022-0177088"]))
    }

    @Test func theAuditReportsFindingsAndExitsOne() throws {
        let r = try run(["audit", "--json", "--on", "2026-11-23"])
        #expect(r.status == 1)
        let ids = Set((r.json?["findings"]?.array ?? []).compactMap { $0["id"]?.string })
        #expect(ids.contains("commitments-within-estimate/reserve:404"))
        #expect(ids.contains("intention-past-deadline/con-dordrecht-sociaal-intention-2025"))
        let forContract = try run(["audit", "dordrecht-sociaal", "--json", "--on", "2026-11-23"])
        let contractIDs = (forContract.json?["findings"]?.array ?? []).compactMap { $0["id"]?.string }
        #expect(!contractIDs.isEmpty && !contractIDs.contains { $0.contains("reserve:404") })
    }

    @Test func knownOnAnswersAsTheRegisterStoodThen() throws {
        let temp = try TemporaryFolder("cli-known-on")
        let store = try temp.copyOfShippedEvents()
        let log = try #require(CLI.run(["log", "--json", "--events", store]).json?.array)
        let lastRecorded = try #require(log.last?["recordedAt"]?.string)
        let correction = eventJSON(type: "correction", effective: "2023-01-20",
                                   payload: #"{"corrects": "res-404-end-date-2026", "reason": "test: the council moved it to 2027", "payload": {"reserve": "404", "endDate": "2027-12-31", "decision": "2022-0177088"}}"#)
        let appended = CLI.run(["append", "--events", store], stdin: correction)
        #expect(appended.status == 0, "\(appended.stderr)")
        let now = CLI.run(["reserve", "404", "--on", "2023-06-30", "--json", "--events", store])
        #expect(now.json?["endDate"] == "2027-12-31")
        let then = CLI.run(["reserve", "404", "--on", "2023-06-30", "--known-on", lastRecorded, "--json", "--events", store])
        #expect(then.json?["endDate"] == "2026-12-31")
        let timeline = CLI.run(["timeline", "404", "--events", store])
        #expect(timeline.stdout.contains("[CORRECTED by"))
    }
}
