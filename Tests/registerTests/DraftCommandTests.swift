import TestSupport
import EventStore
import Foundation
import Testing

/// `register draft`: the drafts shown with their quotes, the review in a terminal (in-process with
/// `interactive:`, and once through a real pseudo-terminal), `--json` for scripts, refusals, and the
/// comparison the docs show.
@Suite struct DraftCommandTests {
    static let fixtures = Repository.root + "/Tests/DraftingTests/Fixtures"
    static func source(_ name: String) -> String { fixtures + "/sources/" + name }
    static func made(_ name: String) -> String { fixtures + "/made/" + name }
    static let raadsvoorstel = source("000_670a6af81f8fa9c1.txt")
    static let besluit = made("raadsbesluit-reserves-512-377.txt")

    @Test func withoutATerminalTheDraftsArePrintedWithTheirQuotesAndNothingIsAppended() throws {
        let temp = try TemporaryFolder("draft")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let r = CLI.run(["draft", Self.raadsvoorstel, "--events", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("000_670a6af81f8fa9c1.txt: a raadsvoorstel with its decision text (besluit)"))
        #expect(r.stdout.contains("zaaknummer 2022-0177088 (line 126)"))
        #expect(r.stdout.contains("Draft 6 of 9: reserve-end-date-changed"))
        #expect(r.stdout.contains("endDate        2026-12-31  [line 138 '31 december 2026']"))
        #expect(r.stdout.contains("date           unknown (blank in the document)  [line 140 'Aldus besloten in de vergadering van']"))
        #expect(r.stdout.contains("[ASSUMED: The meeting date is blank"))
        #expect(r.stdout.contains("The register already holds this: event 13 (res-404-end-date-2026, reserve-end-date-changed)."))
        #expect(r.stdout.contains("Nothing was appended"))
        #expect(try digest(of: store) == before)
    }

    @Test func jsonGivesScriptsEveryFieldItsQuotesAndTheEventToAppend() throws {
        let temp = try TemporaryFolder("draft-json")
        let store = try temp.folder()
        let r = CLI.run(["draft", Self.besluit, "--json", "--actor", "griffie:script", "--events", store])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(r.json)
        #expect(json["kind"] == "besluit" && json["zaaknummer"]?["value"] == "2024-0031415")
        #expect(json["sha256"]?.string?.count == 64)
        let drafts = try #require(json["drafts"]?.array)
        #expect(drafts.count == 6)
        let fields = try #require(drafts[0]["fields"]?.array)
        let date = try #require(fields.first { $0["field"] == "date" })
        #expect(date["value"] == "2024-03-12" && date["source"] == "quoted")
        #expect(date["quotes"]?.array?.first?["text"] == "12 maart 2024" && date["quotes"]?.array?.first?["firstLine"] == 19)
        #expect(drafts[4]["event"] == .null && drafts[4]["missing"] == ["effectiveDate", "endDate"])
        // The event of a complete draft is what `register append` takes.
        let event = try #require(drafts[0]["event"])
        #expect(event["actor"] == "griffie:script" && event["source"]?["document"] == "raadsbesluit-reserves-512-377.txt")
        let appended = CLI.run(["append", "-", "--json", "--events", store], stdin: JSONWriter.prettyString(event))
        #expect(appended.status == 0, "\(appended.stderr)")
        let stored = try #require(try EventStore(directory: store).events().first?.envelope)
        #expect(stored.type == "decision-taken" && stored.payload["decision"] == "2024-0031415")
        #expect(stored.payload["note"]?.string?.hasPrefix("Drafted from raadsbesluit-reserves-512-377.txt (SHA-256 ") == true)
    }

    /// The clerk accepts, meets a refusal, skips, edits the fields a draft lacks, and accepts again.
    @Test func acceptingADraftAppendsItAsRecordDoes() throws {
        let temp = try TemporaryFolder("draft-review")
        let store = try temp.folder()
        let answers = ["a", "a", "a",
                       "a", "s",                                   // the withdrawal from reserve 377: refused, skipped
                       "e", "effectiveDate", "2020-01-01", "e", "endDate", "31-12-2025", "a",
                       "a"].joined(separator: "\n") + "\n"
        let r = CLI.run(["draft", Self.besluit, "--actor", "griffie:test", "--events", store], stdin: answers, interactive: true)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("not appended, refused:") && r.stdout.contains("no reserve '377'"), "\(r.stdout)")
        #expect(r.stdout.contains("Reviewed 6 of 6 drafts: 5 appended (events 1-5), 1 skipped."))
        let events = try EventStore(directory: store).events().map(\.envelope)
        #expect(events.map(\.type) == ["decision-taken", "reserve-established", "reserve-addition", "reserve-established", "reserve-end-date-changed"])
        #expect(events.allSatisfy { $0.source == EventSource(document: "raadsbesluit-reserves-512-377.txt", zaaknummer: "2024-0031415") })
        #expect(events.allSatisfy { $0.actor == "griffie:test" })
        let sha = hex(SHA256.hash(try readBytes(Self.besluit)).bytes)
        #expect(events.allSatisfy { $0.payload["note"]?.string?.contains("(SHA-256 \(sha))") == true })
        #expect(events[2].payload["amountCents"]?.integer == 120_000_000 && events[2].effectiveDate.iso == "2024-03-12")
        #expect(events[3].payload["endDate"] == "2025-12-31" && events[3].effectiveDate.iso == "2020-01-01")
        #expect(events[3].payload["note"]?.string?.contains("Given by the clerk: effectiveDate, endDate.") == true)
        let verify = CLI.run(["verify", "--events", store])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    @Test func aDraftTheRegisterHoldsAsksBeforeASecondAppend() throws {
        let temp = try TemporaryFolder("draft-held")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let r = CLI.run(["draft", Self.raadsvoorstel, "--events", store], stdin: "a\nn\nq\n", interactive: true)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("The register already holds this as event 1 (dec-2019-gdd-00314-proposed). Append it anyway? [y/N]"))
        #expect(r.stdout.contains("not appended"))
        #expect(r.stdout.contains("Reviewed 0 of 9 drafts: 0 appended, 0 skipped, 9 not reviewed."))
        #expect(try digest(of: store) == before)
    }

    @Test func anIncompleteDraftSaysWhatToGiveAndAReserveGivenOnceGoesToTheLaterDrafts() throws {
        let temp = try TemporaryFolder("draft-missing")
        let store = try temp.copyOfShippedEvents()
        let answers = ["s", "a", "s", "e", "reserve", "404", "q"].joined(separator: "\n") + "\n"
        let r = CLI.run(["draft", Self.source("003_b485894c4d3abfa7.txt"), "--events", store], stdin: answers, interactive: true)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("not appended: this draft cannot be appended yet: unknown effectiveDate (the document gives no date for this decision)"))
        #expect(r.stdout.contains("reserve 404 also given to drafts 4, 5"))
        #expect(r.stdout.contains("reserve        404  [given by the clerk]"))
        #expect(r.stdout.contains("The register already holds this: event 5 (res-404-addition-2019, reserve-addition)."),
                "with the reserve given, the addition is recognised")
    }

    @Test func anEditThatCannotBeReadIsAskedAgain() throws {
        let temp = try TemporaryFolder("draft-edit")
        let store = try temp.folder()
        let answers = ["e", "effectiveDate", "12/31/2024", "31-12-2024", "q"].joined(separator: "\n") + "\n"
        let r = CLI.run(["draft", Self.besluit, "--events", store], stdin: answers, interactive: true)
        #expect(r.status == 0)
        #expect(r.stdout.contains("effectiveDate '12/31/2024': '12/31/2024' is not a real date: there is no month 31"))
        #expect(r.stdout.contains("effectiveDate  2024-12-31  [given by the clerk]"))
    }

    /// Runs the built `register draft` in a pseudo-terminal (util-linux `script`), as a clerk would.
    @Test func inATerminalTheReviewAsks() throws {
        let temp = try TemporaryFolder("draft-pty")
        let store = try temp.folder()
        let command = "'\(CLIRunner.binary)' draft '\(Self.besluit)' --actor griffie:pty --events '\(store)'"
        // A clerk's terminal, not CI (under CI the register never asks).
        let r = try CLIRunner.run(["-qec", command, "/dev/null"], stdin: "a\nq\n", environment: ["CI": ""], executable: "/usr/bin/script")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Accept, edit, skip or quit? [a/e/s/q]"))
        #expect(r.stdout.contains("appended event 1 as 00000001-decision-taken.json"))
        let events = try EventStore(directory: store).events()
        #expect(events.count == 1 && events[0].envelope.actor == "griffie:pty")
    }

    @Test(arguments: [
        (made("nieuwsbrief-geen-besluit.txt"), 3, "is not a decision document"),
        (made("rib-zonder-gegevens.txt"), 3, "but nothing could be drafted from it"),
        (fixtures + "/none.txt", 2, "cannot read"),
        (fixtures, 2, "cannot read"),
    ])
    func aDocumentThatGivesNoDraftsIsNoSuccess(_ file: String, _ status: Int32, _ message: String) throws {
        let temp = try TemporaryFolder("draft-refused")
        let store = try temp.folder()
        let r = CLI.run(["draft", file, "--events", store])
        #expect(r.status == status, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func aDocumentsEscapeSequencesNeverReachTheTerminal() throws {
        let temp = try TemporaryFolder("draft-escape")
        let file = temp.path("besluit.txt")
        let text = "Raadsbesluit\n\nZaaknummer 2024-0000001\n\nDe raad van de gemeente Ergens;\n\ninzake Rood\u{1B}[31m en \u{202E}omgekeerd;\n\n"
            + "b e s l u i t :\n\nde einddatum van de reserve 701 Test\u{1B}[2J\u{07} op te schuiven naar 31 december 2027.\n\n"
            + "Aldus besloten in de vergadering van 1 maart 2024.\n"
        try writeBytes(Array(text.utf8), to: file)
        let r = CLI.run(["draft", file, "--events", try temp.folder()])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("reserve-end-date-changed"))
        #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(r.stdout.contains("Rood\u{FFFD}[31m"))
    }

    @Test func aFileThatIsNoTextIsRefused() throws {
        let temp = try TemporaryFolder("draft-binary")
        let file = temp.path("scan.pdf")
        try writeBytes(Array("%PDF-1.7\n".utf8) + [0, 0xFF, 0xFE], to: file)
        let r = CLI.run(["draft", file, "--events", try temp.folder()])
        #expect(r.status == 3 && r.stderr.contains("'scan.pdf' is not plain text"), "\(r.stderr)")
    }

    @Test(arguments: [
        (["draft"], "draft needs a FILE"),
        (["draft", "a.txt", "b.txt"], "several are only compared"),
        (["draft", "a.txt", "--jsno"], "Did you mean '--json'?"),
    ])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        // A command that can append is only ever pointed at a copy, even when it must refuse.
        let temp = try TemporaryFolder("draft-usage")
        let r = CLI.run(arguments + ["--events", try temp.copyOfShippedEvents()])
        #expect(r.status == 2 && r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func theSourceNameCanBeGiven() throws {
        let temp = try TemporaryFolder("draft-source")
        let r = CLI.run(["draft", Self.besluit, "--json", "--source", "Raadsbesluit 2024-0031415", "--events", try temp.folder()])
        #expect(r.json?["document"] == "Raadsbesluit 2024-0031415")
        #expect(r.json?["drafts"]?.array?.first?["event"]?["source"]?["document"] == "Raadsbesluit 2024-0031415")
    }

    /// The table in docs/drafting.md is what `register draft --compare` computes now.
    @Test func theComparisonInTheDocsIsCurrent() throws {
        let files = ["000_670a6af81f8fa9c1.txt", "001_b2a2623ba0ed9aeb.txt", "002_339159327708f54b.txt", "003_b485894c4d3abfa7.txt",
                     "004_aa63f06cb8a44dce.txt"].map(Self.source)
        let r = CLI.run(["draft"] + files + ["--compare", "--events", Repository.shippedEvents])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try String(contentsOfFile: Repository.root + "/docs/drafting.md", encoding: .utf8)
        let begin = "<!-- compare:begin (scripts/draft-compare.sh --update) -->\n"
        let block = try #require(doc.components(separatedBy: begin).last?.components(separatedBy: "<!-- compare:end -->").first)
        #expect(block == r.stdout, "docs/drafting.md is stale: run scripts/draft-compare.sh --update")

        let json = CLI.run(["draft"] + files + ["--compare", "--json", "--events", Repository.shippedEvents]).json?.array ?? []
        #expect(json.count == 5)
        let amounts = json.compactMap { $0["fields"]?["amounts"] }
        #expect(amounts.compactMap { $0["correct"]?.integer }.reduce(0, +) == 49)
        #expect(amounts.allSatisfy { $0["wrong"] == 0 && $0["missed"] == 0 }, "every amount of the shipped history is proposed correctly")
        let endDates = json.compactMap { $0["fields"]?["end date"] }
        #expect(endDates.allSatisfy { $0["wrong"] == 0 && $0["missed"] == 0 })
    }
}
