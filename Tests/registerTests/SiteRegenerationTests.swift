import EventStore
import Foundation
import TestSupport
import Testing
@testable import RegisterCLI

/// `register site` after new events: only what they change is rendered, and the folder ends up
/// byte for byte what a whole regeneration makes; a manifest that does not fit is not trusted.
/// Pages of 3 rows, so the shipped history's timelines run over several pages.
@Suite struct SiteRegenerationTests {
    static let small = SitePagination(rowsPerPage: 3, latestRows: 2, findingsOnASubjectPage: 2)
    static let generatedAt = RecordedInstant(millisecondsSinceEpoch: 1_796_000_000_000)

    static func generate(_ out: String, events: String) throws -> (outcome: SiteFiles.Outcome, plan: SiteRegeneration.Plan?) {
        let context = CommandContext(environment: [:], currentDirectory: CLI.nowhere, executablePath: CLIRunner.binary,
                                     readStandardInput: { _ in [] }, writeOut: { _ in }, writeError: { _ in },
                                     isInteractive: false, showsProgress: false, readLine: { nil })
        let parsed = try ParsedArguments([out, "--events", events, "--on", "2026-12-01"], spec: SiteCommand.spec)
        return try SiteCommand(parsed, context: context).generate(pagination: small, generatedAt: generatedAt)
    }

    static func append(_ type: String, version: Int = 1, effective: String = "2026-11-25", _ payload: String, events: String) {
        let event = #"{"type": "\#(type)", "schemaVersion": \#(version), "effectiveDate": "\#(effective)", "actor": "griffie:test", "source": {"document": "test.txt", "zaaknummer": "Z-1"}, "payload": \#(payload)}"#
        let r = CLI.run(["append", "--events", events], stdin: event)
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// Every file but the manifest.
    static func pages(_ folder: String) throws -> [String: String] {
        try SiteCommandTests.files(folder).filter { $0.key != SiteManifest.name }
    }

    /// A whole site of the store in a new folder.
    static func whole(_ temp: TemporaryFolder, _ name: String, events: String) throws -> String {
        let folder = temp.path(name)
        #expect(try generate(folder, events: events).plan == .whole(reason: "no manifest of an earlier run"))
        return folder
    }

    /// Every page of `folder` is byte for byte the page of the same name in `whole`, and no more or fewer.
    static func expectSame(_ folder: String, _ whole: String) throws {
        let incremental = try pages(folder), fresh = try pages(whole)
        #expect(incremental.keys.sorted() == fresh.keys.sorted())
        for (path, content) in fresh { #expect(incremental[path] == content, "\(path) differs from a whole regeneration") }
        #expect(SiteCommandTests.linkProblems(incremental) == [])
    }

    static func isIncremental(_ plan: SiteRegeneration.Plan?) -> Bool {
        if case .incremental = plan { return true }
        return false
    }

    @Test func afterNewEventsTheSiteIsByteForByteAWholeRegeneration() throws {
        let temp = try TemporaryFolder("site-incremental")
        let events = try temp.copyOfShippedEvents()
        let out = temp.path("public")
        let first = try Self.generate(out, events: events)
        #expect(first.plan == .whole(reason: "no manifest of an earlier run"))
        let before = try Self.pages(out)
        #expect(before["reserve/timeline/404-3.html"] != nil, "\(before.keys.sorted())")
        // Additions to reserve 404, later in effect than every event before: a new page of its
        // timeline; the full pages before it stay as they were.
        for cents in [100, 200, 300, 400] {
            Self.append("reserve-addition", #"{"reserve": "404", "amountCents": \#(cents), "decision": "2022-0177088"}"#, events: events)
        }
        // One naming a decision the register does not hold yet (no link to it until it does).
        try appendWithoutChecks([UncheckedEvent(id: "res-404-addition-later", type: "reserve-addition", payload: [
            "reserve": "404", "amountCents": 500, "decision": "2026-0200002",
        ], effective: "2026-11-26")], to: events)
        let added = try Self.generate(out, events: events)
        #expect(Self.isIncremental(added.plan), "\(String(describing: added.plan))")
        try Self.expectSame(out, Self.whole(temp, "whole-1", events: events))
        for k in 1...3 { #expect(!added.outcome.written.contains("reserve/timeline/404-\(k).html"), "\(added.outcome.written)") }
        #expect(added.outcome.written.contains("reserve/timeline/404-5.html"))
        #expect(added.outcome.written.count < added.outcome.files / 2, "\(added.outcome.written)")
        _ = before

        // A back-dated addition changes the figures of every later row, on whichever page.
        Self.append("reserve-addition", effective: "2020-01-01", #"{"reserve": "404", "amountCents": 700, "decision": "2022-0177088"}"#, events: events)
        let backDated = try Self.generate(out, events: events)
        #expect(Self.isIncremental(backDated.plan), "\(String(describing: backDated.plan))")
        try Self.expectSame(out, Self.whole(temp, "whole-back-dated", events: events))
        #expect(backDated.outcome.written.contains("reserve/timeline/404-3.html"), "\(backDated.outcome.written)")

        // A date for decision 2403230: no new event is on reserve 404's timeline, yet its page
        // changes, as the findings about the unknown date are gone.
        Self.append("correction", version: 2, #"{"corrects": "dec-2403230-taken", "reason": "date found", "payload": {"date": "2019-06-20"}}"#, events: events)
        let dated = try Self.generate(out, events: events)
        #expect(Self.isIncremental(dated.plan), "\(String(describing: dated.plan))")
        try Self.expectSame(out, Self.whole(temp, "whole-2", events: events))
        #expect(dated.outcome.written.contains("reserve/404.html"))

        // New decisions, one that an earlier event named: a row on 404's timeline now links it.
        Self.append("decision-taken", #"{"decision": "2026-0100001", "body": "college", "date": "2026-11-20", "title": "Kader"}"#, events: events)
        Self.append("decision-taken", #"{"decision": "2026-0200002", "body": "raad", "date": "2026-11-20", "title": "Later"}"#, events: events)
        let decided = try Self.generate(out, events: events)
        #expect(Self.isIncremental(decided.plan), "\(String(describing: decided.plan))")
        try Self.expectSame(out, Self.whole(temp, "whole-3", events: events))
        #expect(decided.outcome.written.contains("decision/2026-0100001.html"))
        #expect(decided.outcome.written.contains { $0.hasPrefix("reserve/timeline/404-") }, "\(decided.outcome.written)")

        // A correction and a retraction of earlier events on 404's timeline.
        Self.append("correction", version: 2, #"{"corrects": "res-404-addition-2019", "reason": "amount mistyped", "payload": {"amountCents": 450000000}}"#, events: events)
        Self.append("retraction", #"{"retracts": "res-404-commit-bso-plus", "reason": "not committed after all"}"#, events: events)
        let amended = try Self.generate(out, events: events)
        #expect(Self.isIncremental(amended.plan), "\(String(describing: amended.plan))")
        try Self.expectSame(out, Self.whole(temp, "whole-4", events: events))

        // With nothing new, only what says when it was made could change, and here nothing does.
        let still = try Self.generate(out, events: events)
        #expect(Self.isIncremental(still.plan))
        #expect(still.outcome.written == [])
    }

    @Test func longListsAreSplitIntoPagesThatKeepTheirRows() throws {
        let temp = try TemporaryFolder("site-pages")
        let events = try temp.copyOfShippedEvents()
        let out = temp.path("public")
        _ = try Self.generate(out, events: events)
        let files = try Self.pages(out)
        let rows = { (html: String) in html.components(separatedBy: "<tr id=\"e-").count - 1 }
        for (path, html) in files where path.contains("/timeline/") || path.hasPrefix("source/") {
            #expect(rows(html) <= 3, "\(path) has \(rows(html)) rows")
        }
        let reserve = try #require(files["reserve/404.html"])
        #expect(rows(reserve) == 2)
        #expect(reserve.contains("href=\"../reserve/timeline/404-1.html\">1–3</a>"))
        let page1 = try #require(files["reserve/timeline/404-1.html"])
        #expect(page1.contains("rel=\"next\"") && !page1.contains("rel=\"prev\""))
        #expect(page1.contains("href=\"../../index.html\">Terug naar het overzicht</a>"))
        // Each rule's findings on pages of their own, linked from the audit page.
        let audit = try #require(files["audit.html"])
        #expect(audit.contains("href=\"audit/mutation-without-decision-1.html\""))
        #expect(files["audit/mutation-without-decision-1.html"] != nil)
        // A document's citing events on pages; the sources page links them.
        #expect(files["sources.html"]?.contains("href=\"source/003_5fb485894c4d3abfa7.txt-1.html\"") == true)
        #expect(SiteCommandTests.linkProblems(files) == [])
    }

    @Test func aManifestThatDoesNotFitIsNotTrusted() throws {
        let temp = try TemporaryFolder("site-hostile-manifest")
        let events = try temp.copyOfShippedEvents()
        let out = temp.path("public")
        _ = try Self.generate(out, events: events)
        let good = try Self.pages(out)
        let manifest = out + "/" + SiteManifest.name
        let saved = try #require(FileManager.default.contents(atPath: manifest))

        // Not JSON: the whole site, and every page as it should be.
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: manifest))
        #expect(try Self.generate(out, events: events).plan == .whole(reason: "no manifest of an earlier run"))
        #expect(try Self.pages(out) == good)

        // A page edited after the manifest was written is found and put right.
        let page = out + "/reserve/timeline/404-1.html"
        try Data("<p>edited</p>".utf8).write(to: URL(fileURLWithPath: page))
        let edited = try Self.generate(out, events: events)
        #expect(edited.plan == .whole(reason: "reserve/timeline/404-1.html is not as the manifest says"))
        #expect(edited.outcome.written == ["reserve/timeline/404-1.html"])
        #expect(try Self.pages(out) == good)

        // Another store's manifest, and one whose head is not in this history.
        var other = try #require(SiteManifest(saved))
        other.store = "/elsewhere/events"
        try other.bytes.write(to: URL(fileURLWithPath: manifest))
        #expect(try Self.generate(out, events: events).plan == .whole(reason: "the manifest names another store"))
        var later = try #require(SiteManifest(saved))
        later.head = String(repeating: "ab", count: 32)
        try later.bytes.write(to: URL(fileURLWithPath: manifest))
        #expect(try Self.generate(out, events: events).plan == .whole(reason: "the manifest's head is not in this store's history"))
        // A path out of the folder makes the manifest unreadable, and nothing outside is touched.
        let outside = temp.path("outside.html")
        try Data("keep".utf8).write(to: URL(fileURLWithPath: outside))
        var escaping = try #require(SiteManifest(saved))
        escaping.units["register"]?["../outside.html"] = SiteManifest.File(sha256: "00", stat: "")
        try escaping.bytes.write(to: URL(fileURLWithPath: manifest))
        #expect(SiteManifest(try #require(FileManager.default.contents(atPath: manifest))) == nil)
        _ = try Self.generate(out, events: events)
        #expect(FileManager.default.contents(atPath: outside) == Data("keep".utf8))
        #expect(try Self.pages(out) == good)
    }
}
