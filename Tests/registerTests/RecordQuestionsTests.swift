import TestSupport
import EventStore
import Foundation
import Testing

/// `record` at a terminal (in process, with a context that says both ends are terminals): every
/// typo asked again, optional fields asked and skipped, references checked as typed, the audit's
/// view before the append, a menu, Dutch type names, corrections and retractions by number.
@Suite struct RecordQuestionsTests {
    static func answers(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

    @Test func typosAreAskedAgainWithTheReasonAndNothingIsLost() throws {
        let temp = try TemporaryFolder("record-questions")
        let store = try temp.copyOfShippedEvents()
        let stdin = Self.answers(["999", "404",            // reserve: unknown, then known
                                  "1.5", "€ 12.500,00",     // amount: ambiguous, then right
                                  "2099-0000000", "2022-0177088",  // decision: unknown, then known
                                  "",                       // description skipped
                                  "31-02-2026", "31 december 2023",  // effective: impossible, then a month name
                                  "Jaarstukken 2023", "", "", "y"])
        let r = CLI.run(["record", "addition", "--events", store], stdin: stdin, environment: ["USER": "test"], interactive: true)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("the register holds no reserve '999'; it holds 404"), "\(r.stdout)")
        #expect(r.stdout.contains("'1.5' is ambiguous") || r.stdout.contains("1.5"), "\(r.stdout)")
        #expect(r.stdout.contains("the register holds no decision '2099-0000000'"), "\(r.stdout)")
        #expect(r.stdout.contains("February 2026 has no day 31"), "\(r.stdout)")
        #expect(r.stdout.components(separatedBy: "try again").count - 1 == 4, "each refused answer says so: \(r.stdout)")
        #expect(r.stdout.contains("2022-0177088"), "the decisions are listed")
        let last = try #require(try EventStore(directory: store).events().last?.envelope)
        #expect(last.type == "reserve-addition")
        #expect(last.payload["amountCents"]?.integer == 1_250_000)
        #expect(last.payload["decision"] == "2022-0177088")
        #expect(last.payload["description"] == nil)
        #expect(last.effectiveDate.iso == "2023-12-31")
        #expect(r.stdout.contains("appended event 30 (id \(last.id))"), "\(r.stdout)")
        #expect(r.stdout.contains("hash: "))
    }

    @Test func theBodyIsChosenFromAListAndGemeenteraadIsTheRaad() throws {
        let temp = try TemporaryFolder("record-questions")
        let store = try temp.copyOfShippedEvents()
        let stdin = Self.answers(["2026-0000001", "wethouder", "gemeenteraad", "", "unknown", "", "2026-01-15", "Raadsbesluit", "", "", "y"])
        let r = CLI.run(["record", "besluit", "--events", store], stdin: stdin, interactive: true)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("raad ") && r.stdout.contains("college ") && r.stdout.contains("algemeen-bestuur"), "choices listed: \(r.stdout)")
        #expect(r.stdout.contains("'wethouder' is not one of"), "\(r.stdout)")
        #expect(r.stdout.contains("burgemeester "), "the burgemeester is a body: \(r.stdout)")
        let last = try #require(try EventStore(directory: store).events().last?.envelope)
        #expect(last.type == "decision-taken")
        #expect(last.payload["body"] == "raad")
        #expect(last.payload["date"] == .null)
    }

    @Test func anArrowKeyIsRefusedAndExplained() throws {
        let temp = try TemporaryFolder("record-questions")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let stdin = Self.answers(["40\u{1B}[D4", "404", "2027-12-31", "", "2023-01-01", "t", "", "", "n"])
        let r = CLI.run(["record", "end-date-change", "--events", store], stdin: stdin, interactive: true)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("arrow keys, Home and End cannot edit an answer here"), "\(r.stdout)")
        #expect(r.stdout.contains("not appended"))
        #expect(try digest(of: store) == before)
    }

    @Test func endOfInputStopsWithoutWriting() throws {
        let temp = try TemporaryFolder("record-questions")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let r = CLI.run(["record", "withdrawal", "--events", store], stdin: "404\n", interactive: true)
        #expect(r.status == 2)
        #expect(r.stderr.contains("no answer to 'amount"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was written"))
        #expect(try digest(of: store) == before)
    }

    @Test(arguments: ["7", "toevoeging", "addition"])
    func withoutATypeAMenuIsShown(_ choice: String) throws {
        let temp = try TemporaryFolder("record-questions")
        let store = try temp.copyOfShippedEvents()
        let stdin = Self.answers(["99", choice, "404", "1.000", "2022-0177088", "", "2023-03-01", "t", "", "", "n"])
        let r = CLI.run(["record", "--events", store], stdin: stdin, interactive: true)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("What do you want to record?"))
        #expect(r.stdout.contains("'99' is not a number from 1 to"))
        #expect(r.stdout.contains("Event 30 (reserve-addition)"), "\(r.stdout)")
    }

    @Test func withoutATypeOrATerminalItIsAUsageError() throws {
        let temp = try TemporaryFolder("record-usage")
        let r = CLI.run(["record", "--events", try temp.copyOfShippedEvents()])
        #expect(r.status == 2)
        #expect(r.stderr.contains("record needs a TYPE"))
    }

    @Test(arguments: [("toevoeging", "reserve-addition"), ("onttrekking", "reserve-withdrawal"), ("Onttrekking", "reserve-withdrawal")])
    func dutchTypeNamesAreAliases(_ name: String, _ type: String) throws {
        let temp = try TemporaryFolder("record-questions")
        let store = try temp.copyOfShippedEvents()
        let r = CLI.run(["record", name, "--reserve", "404", "--amount", "1.000", "--decision", "2022-0177088", "--effective", "2023-03-01",
                         "--source", "t", "--yes", "--events", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try EventStore(directory: store).events().last?.envelope.type == type)
    }

    @Test func theAuditsViewIsShownBeforeTheAppend() throws {
        let temp = try TemporaryFolder("record-questions")
        let store = try temp.copyOfShippedEvents()
        let r = CLI.run(["record", "allocation", "--reserve", "404", "--allocation", "extra=9.000.000", "--effective", "2023-03-01",
                         "--source", "t", "--dry-run", "--events", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("The audit would report about this event:"), "\(r.stdout)")
        #expect(r.stdout.contains("mutation-without-decision"), "\(r.stdout)")
        #expect(r.stdout.contains("1 error") || r.stdout.contains("2 error"), "\(r.stdout)")
        let json = CLI.run(["record", "allocation", "--reserve", "404", "--allocation", "extra=9.000.000", "--effective", "2023-03-01",
                            "--source", "t", "--dry-run", "--json", "--events", store])
        let rules = json.json?["findings"]?.array?.compactMap { $0["rule"]?.string } ?? []
        #expect(rules.contains("mutation-without-decision"), "\(json.stdout)")
        let clean = CLI.run(["record", "besluit", "--decision", "2026-0000002", "--body", "raad", "--date", "10-01-2026",
                             "--effective", "10-01-2026", "--source", "t", "--dry-run", "--events", store])
        #expect(clean.stdout.contains("The audit would report nothing new about this event."), "\(clean.stdout)")
    }

    /// Only an error or a warning makes the question "append it anyway?"; an info finding is shown and the question stays.
    @Test func anErrorAsksAgainBeforeTheAppend() throws {
        let temp = try TemporaryFolder("record-questions")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let r = CLI.run(["record", "allocation", "--reserve", "404", "--allocation", "extra=9.000.000", "--decision", "2403230",
                         "--effective", "2023-03-01", "--source", "t", "--zaaknummer", "1", "--note", "n", "--events", store],
                        stdin: "n\n", interactive: true)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("ERROR"), "\(r.stdout)")
        #expect(r.stdout.contains("Append it anyway? [y/N]"), "\(r.stdout)")
        #expect(try digest(of: store) == before)
    }

    @Test func aDryRunInATerminalAsksForMissingFields() throws {
        let temp = try TemporaryFolder("record-questions")
        let store = try temp.copyOfShippedEvents()
        let r = CLI.run(["record", "end-date-change", "--reserve", "404", "--dry-run", "--events", store],
                        stdin: Self.answers(["2027-12-31", "2022-0177088", "2023-01-01", "t", "", ""]), interactive: true)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("end-date (The new end date.)"))
        #expect(r.stdout.contains("valid: nothing was written"))
    }

    @Test(arguments: ["5", "res-404-addition-2019"])
    func aCorrectionNamesTheEventByNumberOrIdAndShowsBeforeAndAfter(_ event: String) throws {
        let temp = try TemporaryFolder("record-correction")
        let store = try temp.copyOfShippedEvents()
        let r = CLI.run(["record", "correction", event, "--amount", "4.500.000", "--reason", "typo", "--source", "Jaarstukken",
                         "--yes", "--events", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("corrects event 5 (res-404-addition-2019"), "\(r.stdout)")
        #expect(r.stdout.contains("amountCents: € 5.000.000,00 → € 4.500.000,00"), "\(r.stdout)")
        let last = try #require(try EventStore(directory: store).events().last?.envelope)
        #expect(last.type == "correction" && last.schemaVersion == 2)
        #expect(last.payload["corrects"] == "res-404-addition-2019")
        #expect(last.payload["payload"] == .object(["amountCents": .number("450000000")]))
        let reserve = CLI.run(["reserve", "404", "--on", "2023-01-01", "--json", "--events", store])
        #expect(reserve.json?["authorisedCents"]?.integer == 450_000_000 || reserve.stdout.contains("450000000"), "\(reserve.stdout)")
    }

    @Test func aCorrectionRefusesTheFieldsThatSayWhatTheEventIsAbout() throws {
        let temp = try TemporaryFolder("record-correction")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let r = CLI.run(["record", "correction", "5", "--reserve", "405", "--reason", "x", "--source", "t", "--yes",
                         "--events", store])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--reserve says what event 5 is about and cannot be corrected"), "\(r.stderr)")
        let nothing = CLI.run(["record", "correction", "5", "--reason", "x", "--source", "t", "--yes", "--events", store])
        #expect(nothing.status == 2 && nothing.stderr.contains("nothing to correct in event 5"), "\(nothing.stderr)")
        let missing = CLI.run(["record", "correction", "99", "--amount", "1", "--reason", "x", "--source", "t", "--yes",
                               "--events", store])
        #expect(missing.status == 3 && missing.stderr.contains("there is no event '99'"), "\(missing.stderr)")
        #expect(try digest(of: store) == before)
    }

    @Test func aCorrectionInATerminalAsksEachFieldWithItsCurrentValue() throws {
        let temp = try TemporaryFolder("record-correction")
        let store = try temp.copyOfShippedEvents()
        // end-date, decision: keep; effective date: move; reason; source; zaaknummer, note: skip.
        let stdin = Self.answers(["13", "", "", "30-12-2022", "the council met on 30 December", "Raadsbesluit", "", "", "y"])
        let r = CLI.run(["record", "correction", "--events", store], stdin: stdin, interactive: true)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("[now: 2026-12-31; Enter keeps it]: "), "\(r.stdout)")
        #expect(r.stdout.contains("effective date of event 13 [now: 2022-12-31; Enter keeps it]: "), "\(r.stdout)")
        #expect(!r.stdout.contains("Enter keeps it] [Enter: skip]"), "one hint per question: \(r.stdout)")
        #expect(r.stdout.contains("effectiveDate: 2022-12-31 → 2022-12-30"), "\(r.stdout)")
        let last = try #require(try EventStore(directory: store).events().last?.envelope)
        #expect(last.payload["effectiveDate"] == "2022-12-30")
        #expect(last.payload["payload"] == nil)
    }

    @Test func aRetractionTakesASequenceNumber() throws {
        let temp = try TemporaryFolder("record-retraction")
        let store = try temp.copyOfShippedEvents()
        let r = CLI.run(["record", "retraction", "15", "--reason", "recorded twice", "--source", "griffie", "--yes", "--events", store])
        #expect(r.status == 0, "\(r.stderr)")
        let last = try #require(try EventStore(directory: store).events().last?.envelope)
        #expect(last.type == "retraction")
        #expect(last.payload["retracts"] == "res-404-commit-bso-plus")
        let missing = CLI.run(["record", "retraction", "77", "--reason", "x", "--source", "t", "--yes", "--events", store])
        #expect(missing.status == 3 && missing.stderr.contains("there is no event '77'"), "\(missing.stderr)")
    }

    @Test(arguments: ["31-12-2026", "31/12/2026", "31 december 2026", "31 dec 2026", "2026-12-31"])
    func queriesReadTheDatesRecordReads(_ date: String) throws {
        let r = CLI.run(["reserve", "404", "--on", date, "--json", "--events", Repository.shippedEvents])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.json?["on"] == "2026-12-31", "\(r.stdout)")
        let known = CLI.run(["reserve", "404", "--known-on", date, "--json", "--events", Repository.shippedEvents])
        #expect(known.status == 0, "\(known.stderr)")
    }
}
