import TestSupport
import EventStore
import Foundation
import Projections
import Testing
@testable import RegisterCLI

/// No English left in Dutch output: every event type's summary, every audit rule's message,
/// the timeline's changes, `changes`, `log`, `sources`, the damage `verify` finds and the public
/// site, on a history made to hold every event type and trigger every rule.
///
/// Two nets: the catalogue reports each text it had no Dutch for (`CatalogueMisses`), and each
/// line of output is searched for English words (for texts that never passed the catalogue).
/// The history's own texts (names, titles, reasons) are Dutch, so an English word can only come
/// from the register itself.
@Suite struct DutchOutputTests {
    static func at(_ iso: String) -> RecordedInstant { try! RecordedInstant(iso: iso) }

    /// Events that between them are every event type and make `audit --on 2026-06-30` report every rule.
    static let everyKind: [UncheckedEvent] = {
        func e(_ id: String, _ type: String, _ effective: String, _ payload: [String: JSONValue], recordedAt: String? = nil) -> UncheckedEvent {
            UncheckedEvent(id: id, type: type, payload: .object(payload), effective: effective, recordedAt: recordedAt.map(at))
        }
        func money(_ euros: Int64) -> JSONValue { JSONValue(euros * 100) }
        func table(_ rows: [(String, Int64)]) -> JSONValue { .array(rows.map { .object(["project": .string($0.0), "amountCents": money($0.1)]) }) }
        return [
            e("d1", "decision-taken", "2020-01-10", ["decision": "D1", "body": "raad", "date": "2020-01-10", "title": "Instelling reserves sociaal domein"]),
            e("d1-again", "decision-taken", "2020-01-20", ["decision": "D1", "body": "college", "date": "2020-01-20"]),
            e("dp", "decision-proposed", "2020-02-01", ["decision": "DP", "body": "college", "date": "2020-02-01", "title": "Voorstel extra middelen"]),
            e("du", "decision-taken", "2020-03-01", ["decision": "DU", "body": "raad", "date": .null]),
            e("dr", "decision-rejected", "2020-04-01", ["decision": "DR", "body": "raad", "date": "2020-04-01"]),
            e("dw", "decision-withdrawn", "2020-04-02", ["decision": "DW", "body": "algemeen-bestuur", "date": .null]),
            e("dk", "decision-taken", "2020-05-01", ["decision": "DK", "body": "unknown", "date": "2020-05-01"]),
            e("dl", "decision-taken", "2024-03-01", ["decision": "DL", "body": "raad", "date": "2024-03-01"]),
            e("df", "decision-taken", "2026-01-10", ["decision": "DF", "body": "raad", "date": "2062-10-02"]),
            // Reserve 404: money before it exists, authority of every kind, too much allocated, commitments past the actual.
            e("r404", "reserve-established", "2020-01-15", ["reserve": "404", "name": "Reserve sociaal domein", "endDate": "2022-12-31", "decision": "D1"]),
            e("add-early", "reserve-addition", "2019-12-01", ["reserve": "404", "amountCents": money(1_000_000), "decision": "D1"]),
            e("add-1", "reserve-addition", "2020-02-01", ["reserve": "404", "amountCents": money(500_000), "decision": "D1"]),
            e("add-2", "reserve-addition", "2020-03-01", ["reserve": "404", "amountCents": money(500_000), "decision": "D1"]),
            e("add-nodec", "reserve-addition", "2020-03-15", ["reserve": "404", "amountCents": money(10_000), "description": "zonder besluit"]),
            e("add-dp", "reserve-addition", "2020-03-20", ["reserve": "404", "amountCents": money(11_000), "decision": "DP"]),
            e("add-dr", "reserve-addition", "2020-03-21", ["reserve": "404", "amountCents": money(12_000), "decision": "DR"]),
            e("add-du", "reserve-addition", "2020-04-01", ["reserve": "404", "amountCents": money(13_000), "decision": "DU"]),
            e("w-missing", "reserve-withdrawal", "2020-04-15", ["reserve": "404", "amountCents": money(5_000), "decision": "D-onbekend"]),
            e("alloc-1", "allocation", "2020-05-01", ["reserve": "404", "allocations": table([("P1", 2_000_000), ("Wonen & zorg", 1_000_000)]), "decision": "D1"]),
            e("realloc-1", "reallocation", "2020-06-01", ["reserve": "404", "allocations": table([("P1", 1_000_000), ("P2", 500_000)]), "decision": "D1"]),
            e("total-alloc", "stated-total", "2020-06-01", ["of": "reserve:404:allocations", "amountCents": money(1_600_000)]),
            e("c-exact", "commitment", "2020-07-01", ["reserve": "404", "project": "P1", "amountCents": money(300_000), "basis": "exact", "year": 2021, "decision": "D1"]),
            e("c-max", "commitment", "2020-07-02", ["reserve": "404", "project": "P2", "amountCents": money(200_000), "basis": "maximum", "decision": "D1"]),
            e("c-about", "commitment", "2020-07-03", ["reserve": "404", "project": "Wonen & zorg", "amountCents": money(100_000), "basis": "approximate", "year": 2021, "decision": "D1"]),
            e("late-entry", "reserve-addition", "2020-08-01", ["reserve": "404", "amountCents": money(1_000), "decision": "D1"], recordedAt: "2026-11-20T09:00:00.000Z"),
            e("settle-1", "commitment-settled", "2020-09-01", ["reserve": "404", "commitment": "c-exact", "amountCents": money(250_000), "decision": "D1"]),
            e("settle-again", "commitment-settled", "2020-10-01", ["reserve": "404", "commitment": "c-exact", "amountCents": money(10_000), "decision": "D1"]),
            e("release-1", "commitment-released", "2020-11-01", ["reserve": "404", "commitment": "c-max", "reason": "niet meer nodig", "decision": "D1"]),
            e("actual-404", "balance-actual", "2021-01-15", ["reserve": "404", "asOf": "2020-12-31", "amountCents": money(50_000)]),
            e("w-404", "reserve-withdrawal", "2021-02-01", ["reserve": "404", "amountCents": money(80_000), "decision": "D1"]),
            e("c-late", "commitment", "2021-03-01", ["reserve": "404", "project": "P3", "amountCents": money(100_000), "basis": "exact", "decision": "D1"]),
            e("c-late2", "commitment", "2021-03-02", ["reserve": "404", "project": "P4", "amountCents": money(20_000), "basis": "exact", "decision": "D1"]),
            e("add-after-actual", "reserve-addition", "2021-04-01", ["reserve": "404", "amountCents": money(5_000), "decision": "D1"]),
            e("settle-late2", "commitment-settled", "2021-05-01", ["reserve": "404", "commitment": "c-late2", "amountCents": money(15_000), "decision": "D1"]),
            e("w-after-end", "reserve-withdrawal", "2023-02-01", ["reserve": "404", "amountCents": money(1_000), "decision": "D1"]),
            e("end-revive", "reserve-end-date-changed", "2023-03-01", ["reserve": "404", "endDate": "2026-08-31", "decision": "DL"]),
            // 405: the same name under the same decision; 406: lapsed holding an estimate, commitments inside it;
            // 407: an estimate whose low end goes below zero; 408: ends before it begins; 409: its creation retracted.
            e("r405", "reserve-established", "2020-02-15", ["reserve": "405", "name": "Reserve sociaal domein", "endDate": "2030-12-31", "decision": "D1"]),
            e("r406", "reserve-established", "2020-01-15", ["reserve": "406", "name": "Reserve jeugd", "endDate": "2024-12-31", "decision": "D1"]),
            e("add-406", "reserve-addition", "2020-02-01", ["reserve": "406", "amountCents": money(400_000), "decision": "D1"]),
            e("est-406", "balance-estimate", "2022-01-15", ["reserve": "406", "asOf": "2021-12-31", "lowCents": money(100_000), "highCents": money(300_000)]),
            e("c-406", "commitment", "2022-02-01", ["reserve": "406", "project": "P1", "amountCents": money(200_000), "basis": "exact", "decision": "D1"]),
            e("add-406-later", "reserve-addition", "2022-03-01", ["reserve": "406", "amountCents": money(10_000), "decision": "D1"]),
            e("rel-ghost", "commitment-released", "2022-05-01", ["reserve": "406", "commitment": "c-onbekend", "reason": "vergissing", "decision": "D1"]),
            e("r407", "reserve-established", "2020-01-15", ["reserve": "407", "name": "Reserve wijken", "endDate": "2030-12-31", "decision": "D1"]),
            e("est-407", "balance-estimate", "2022-01-15", ["reserve": "407", "asOf": "2021-12-31", "lowCents": money(100_000), "highCents": money(300_000)]),
            e("w-407", "reserve-withdrawal", "2022-03-01", ["reserve": "407", "amountCents": money(150_000), "decision": "D1"]),
            e("w-407b", "reserve-withdrawal", "2022-04-01", ["reserve": "407", "amountCents": money(150_000), "decision": "D1"]),
            e("w-2035", "reserve-withdrawal", "2035-01-01", ["reserve": "407", "amountCents": money(10_000), "decision": "D1"]),
            e("r408", "reserve-established", "2021-01-01", ["reserve": "408", "name": "Reserve sport", "endDate": "2030-12-31", "decision": "D1"]),
            e("r0408", "reserve-established", "2021-02-02", ["reserve": "0408", "name": "Reserve sport", "endDate": "2031-12-31", "decision": "D1"]),
            e("r408-again", "reserve-established", "2021-02-01", ["reserve": "408", "name": "Reserve sport opnieuw", "endDate": "2031-12-31", "decision": "D1"]),
            e("w-408", "reserve-withdrawal", "2021-01-15", ["reserve": "408", "amountCents": money(1_000), "decision": "D1"]),
            e("end-408", "reserve-end-date-changed", "2021-02-01", ["reserve": "408", "endDate": "2020-12-31", "decision": "D1"]),
            e("r409", "reserve-established", "2020-01-15", ["reserve": "409", "name": "Reserve cultuur", "endDate": "2030-12-31", "decision": "D1"]),
            e("add-409", "reserve-addition", "2020-02-01", ["reserve": "409", "amountCents": money(1_000), "decision": "D1"]),
            // Contracts: an intention past its deadline and an end coming up; an extension decided late, one that shortens.
            e("c1", "contract-awarded", "2020-01-01", ["contract": "C1", "counterparty": "Stichting Welzijn", "title": "Welzijnswerk",
                                                       "start": "2020-01-01", "end": "2026-09-30", "noticeDeadline": "2026-03-31", "decision": "D1"]),
            e("int-c1", "contract-extension-intended", "2025-06-01", ["contract": "C1", "newEndDate": "2030-12-31", "decideBy": "2025-12-31", "body": "college"]),
            e("c2", "contract-awarded", "2020-01-01", ["contract": "C2", "counterparty": "Zorg bv", "start": "2020-01-01", "end": "2026-12-31",
                                                       "noticeDeadline": "2023-06-30", "decision": "D1"]),
            e("int-c2", "contract-extension-intended", "2023-01-01", ["contract": "C2", "newEndDate": "2028-12-31", "decideBy": "2023-12-31", "body": "college"]),
            e("ext-c2", "contract-extended", "2024-03-05", ["contract": "C2", "newEndDate": "2028-12-31", "decision": "DL"]),
            e("short-c2", "contract-extended", "2024-04-01", ["contract": "C2", "newEndDate": "2025-06-30"]),
            e("c3", "contract-awarded", "2020-01-01", ["contract": "C3", "counterparty": "Cultuurhuis", "start": "2020-01-01", "end": "2030-12-31", "decision": "D1"]),
            e("int-c3", "contract-extension-intended", "2023-01-01", ["contract": "C3", "newEndDate": "2035-12-31", "decideBy": "2023-12-31", "body": "raad"]),
            e("ext-c3", "contract-extended", "2024-03-10", ["contract": "C3", "newEndDate": "2032-12-31", "decision": "DL"]),
            // One decision recorded three ways.
            e("dx-1", "decision-taken", "2021-01-01", ["decision": "DX", "body": "raad", "date": "2021-01-01"]),
            e("dx-2", "decision-taken", "2021-01-05", ["decision": "DX", "body": "college", "date": "2021-01-05"]),
            e("dx-3", "decision-rejected", "2021-01-06", ["decision": "DX", "body": "raad", "date": .null]),
            // A budget whose stated total is off.
            e("b2025", "budget-set", "2024-12-17", ["year": 2025, "decision": "D1", "programmes": .array([
                .object(["programme": "wonen", "name": "Wonen", "amountCents": money(1_000_000)]),
                .object(["programme": "zorg", "name": "Zorg", "amountCents": money(2_000_000)])])]),
            e("tot-2025", "stated-total", "2024-12-17", ["of": "budget:2025", "amountCents": money(3_000_100)]),
            e("src", "source-document", "2026-01-15", ["document": "test.pdf", "sha256": .string(String(repeating: "ab", count: 32)),
                                                        "address": "https://example.org/test.pdf", "title": "Testbesluit"]),
            // Amendments: a correction that counts, ones that cannot, retractions twice and of a retraction, an orphan.
            e("fix-add", "correction", "2020-03-15", ["corrects": "add-nodec", "reason": "bedrag verkeerd overgenomen",
                                                       "payload": ["reserve": "404", "amountCents": money(20_000)]]),
            e("fix-date", "correction", "2020-03-15", ["corrects": "add-du", "reason": "datum verkeerd", "effectiveDate": "2020-04-02"]),
            e("fix-ghost", "correction", "2020-03-15", ["corrects": "spook", "reason": "bestaat niet", "effectiveDate": "2020-04-02"]),
            e("fix-self", "correction", "2020-03-15", ["corrects": "fix-self", "reason": "kringverwijzing", "effectiveDate": "2020-04-02"]),
            e("fix-later", "correction", "2020-03-15", ["corrects": "add-later", "reason": "te vroeg", "effectiveDate": "2020-04-02"]),
            e("fix-elsewhere", "correction", "2020-03-16", ["corrects": "add-nodec", "reason": "andere reserve",
                                                             "payload": ["reserve": "999", "amountCents": money(1)]]),
            e("add-later", "reserve-addition", "2020-12-01", ["reserve": "404", "amountCents": money(2_000), "decision": "D1"]),
            e("undo-1", "retraction", "2020-03-21", ["retracts": "add-dr", "reason": "dubbel ingevoerd"]),
            e("undo-2", "retraction", "2020-03-21", ["retracts": "add-dr", "reason": "nogmaals"]),
            e("undo-undo", "retraction", "2020-03-21", ["retracts": "undo-1", "reason": "terugdraaien"]),
            e("undo-409", "retraction", "2020-01-15", ["retracts": "r409", "reason": "ten onrechte ingesteld"]),
            e("ahead", "reserve-addition", "2022-05-01", ["reserve": "407", "amountCents": money(1_000), "decision": "D1"], recordedAt: "2031-01-01T00:00:00.000Z"),
        ]
    }()

    static func everyKindStore(_ temp: TemporaryFolder) throws -> String {
        let store = try temp.folder("every-kind")
        try appendWithoutChecks(everyKind, to: store)
        return store
    }

    /// The commands a clerk or auditor reads, on `store`.
    static func commands(_ store: String) -> [[String]] {
        let subjects = ["404", "405", "406", "407", "408", "409", "contract:C1", "contract:C2", "contract:C3", "decision:DX", "decision:D1", "decision:DL", "budget:2025", "programme:wonen"]
        return [["audit", "--on", "2026-06-30"], ["audit", "--on", "2026-12-31"], ["audit", "--on", "2020-06-15"],
                ["audit", "--on", "2026-08-30", "--rule", "ends-soon"], ["audit", "--on", "2026-08-31", "--rule", "ends-soon"], ["log"], ["subjects"], ["sources"], ["verify"],
                ["changes", "--known-since", "2020-01-01", "--on", "2026-06-30"], ["changes", "--known-since", "2026-11-24T00:00Z", "--on", "2020-12-31"],
                ["reserve", "404", "--on", "2021-06-30"], ["reserve", "406", "--on", "2026-06-30"], ["contract", "C2", "--on", "2024-06-30"],
                ["budget", "--year", "2025"]]
            + subjects.map { ["timeline", $0] }
    }

    /// Runs each command in Dutch; returns what stayed English: catalogue misses and lines with English words.
    static func englishIn(_ commands: [[String]], store: String) -> [String] {
        let data = historyTexts(of: store)
        let misses = CatalogueMisses()
        var found: [String] = []
        Language.$misses.withValue(misses) {
            for command in commands {
                let r = CLI.run(command + ["--events", store, "--lang", "nl"])
                for line in (r.stdout + r.stderr).split(separator: "\n") where !englishWords(in: String(line)).isEmpty {
                    found.append("\(command.joined(separator: " ")): \(line)   [\(englishWords(in: String(line)).joined(separator: ", "))]")
                }
            }
        }
        return misses.texts.filter { !isData($0, data) }.map { "not in the catalogue: \($0)" } + found
    }

    /// A text that is not a sentence: a number, an id, a date, an amount, a hash; or a text of the history itself.
    static func isData(_ text: String, _ history: Set<String>) -> Bool {
        englishWords(in: text).isEmpty && !text.contains(" ") || history.contains(text)
    }

    /// Every text in the events of `store` (names, titles, reasons): what the history says, not the register.
    static func historyTexts(of store: String) -> Set<String> {
        let files = (FileManager.default.enumerator(atPath: store)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".json") }
        return Set(files.flatMap { file in
            (try? JSONParser.parse(readBytes(store + "/" + file))).map { texts(in: $0.object?["payload"] ?? .null) } ?? []
        })
    }

    static func texts(in value: JSONValue) -> [String] {
        switch value {
        case .string(let s): return [s]
        case .array(let a): return a.flatMap(texts(in:))
        case .object(let o): return o.values.flatMap(texts(in:))
        default: return []
        }
    }

    /// Words that are English and not Dutch, as they would appear in an untranslated line (not
    /// `open`, `of`, `was`, `effect`, `in`, `over`: Dutch words too).
    static let english: Set<String> = [
        "the", "and", "by", "with", "which", "after", "before", "has", "have", "not", "than", "from", "at", "most", "about",
        "booked", "estimated", "estimate", "actual", "established", "recorded", "names", "its", "it", "this", "that", "cannot", "no",
        "or", "set", "to", "were", "be", "been", "are", "only", "does", "but", "on", "for", "event", "events", "decision",
        "decisions", "commitment", "commitments", "balance", "allocation", "allocated", "finding", "findings", "problem", "problems",
        "file", "source", "answer", "answers", "changed", "unknown", "taken", "proposed", "rejected", "withdrawn", "ends", "lapsed",
        "holds", "added", "spent", "left", "again", "already", "itself", "takes", "extended", "intends", "intended",
        "state", "states", "total", "parts", "difference", "cited", "title", "exists", "days", "today", "tomorrow", "addition",
        "withdrawal", "reallocation", "settled", "released", "awarded", "correction", "retraction", "now", "damaged", "ok", "failed",
    ]

    /// The English words of a line; event type names (`allocation`, `correction`: the register's
    /// names for them, shown as they are) and identifiers (with `-`, `:`, `/`, `_`, `.` or digits inside) are not words.
    static func englishWords(in line: String) -> [String] {
        // A list of the values allowed (`verwacht een van raad, college, …, unknown`) holds names, not words.
        let line = line.replacingOccurrences(of: #"een van [^;]*"#, with: "", options: .regularExpression)
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { token in
            let word = token.trimmingCharacters(in: CharacterSet(charactersIn: "()[]{},;:.!?'\"…"))
            guard !word.isEmpty, word.allSatisfy(\.isLetter) else { return nil }
            return english.contains(word.lowercased()) && EventType(rawValue: word) == nil ? word : nil
        }
    }

    @Test func theHistoryHoldsEveryEventTypeAndTriggersEveryRule() throws {
        let temp = try TemporaryFolder("dutch")
        let store = try Self.everyKindStore(temp)
        let types = Set(Self.everyKind.map(\.type))
        #expect(EventType.allCases.filter { !types.contains($0.rawValue) }.isEmpty)
        var rules: Set<String> = []
        for on in ["2026-06-30", "2026-12-31"] {
            let audit = CLI.run(["audit", "--on", on, "--json", "--events", store])
            rules.formUnion(try JSONParser.parse(Array(audit.stdout.utf8)).object?["findings"]?.array?.compactMap { $0.object?["rule"]?.string } ?? [])
        }
        #expect(AuditRule.allCases.filter { !rules.contains($0.rawValue) }.map(\.rawValue) == [])
    }

    @Test func noEnglishInDutchOutputOfEveryKind() throws {
        let temp = try TemporaryFolder("dutch")
        let store = try Self.everyKindStore(temp)
        let english = Self.englishIn(Self.commands(store), store: store)
        #expect(english.isEmpty, "English in Dutch output:\n\(english.joined(separator: "\n"))")
    }

    /// The public site in Dutch (its default): the texts of every page, without markup, script and style.
    @Test func theDutchSiteHasNoEnglish() throws {
        let temp = try TemporaryFolder("dutch-site")
        let store = try Self.everyKindStore(temp)
        let out = temp.root + "/site"
        let misses = CatalogueMisses()
        let r = Language.$misses.withValue(misses) { CLI.run(["site", out, "--events", store, "--on", "2026-06-30"]) }
        #expect(r.status == 0, "\(r.stderr)")
        var found = misses.texts.filter { !Self.isData($0, Self.historyTexts(of: store)) }.map { "not in the catalogue: \($0)" }
        found += r.stdout.split(separator: "\n").map(String.init).filter { !Self.englishWords(in: $0).isEmpty }.map { "site: \($0)" }
        let files = try FileManager.default.subpathsOfDirectory(atPath: out).filter { $0.hasSuffix(".html") }.sorted()
        #expect(files.count > 10)
        for file in files {
            let html = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            for line in Self.visibleText(html) where !Self.englishWords(in: line).isEmpty {
                found.append("\(file): \(line)   [\(Self.englishWords(in: line).joined(separator: ", "))]")
            }
        }
        #expect(found.isEmpty, "English on the Dutch site:\n\(found.joined(separator: "\n"))")
    }

    /// What a reader sees of a page, one piece of text per element.
    static func visibleText(_ html: String) -> [String] {
        var text = html
        for element in ["script", "style"] {
            while let open = text.range(of: "<\(element)"), let close = text.range(of: "</\(element)>", range: open.upperBound..<text.endIndex) {
                text.removeSubrange(open.lowerBound..<close.upperBound)
            }
        }
        var pieces: [String] = [], current = "", inTag = false
        for c in text {
            if c == "<" { inTag = true; pieces.append(current); current = "" } else if c == ">" { inTag = false } else if !inTag { current.append(c) }
        }
        pieces.append(current)
        return pieces.map { $0.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'").trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// An English text is in one part of the catalogue only (a second entry would be ignored).
    @Test func noTextIsInTwoPartsOfTheCatalogue() {
        var seen: [String: Int] = [:]
        for key in Catalogue.allKeys { seen[key, default: 0] += 1 }
        #expect(seen.filter { $0.value > 1 }.keys.sorted() == [])
    }

    /// Each way a copied store can be damaged, made on a copy of the shipped history.
    static let damages: [(name: String, make: @Sendable (String) throws -> Void)] = [
        ("altered", { dir in
            let path = dir + "/00000005-reserve-addition.json"
            var bytes = try readBytes(path)
            bytes[bytes.count / 2] = bytes[bytes.count / 2] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
            try writeBytes(bytes, to: path)
        }),
        ("deleted", { dir in try FileManager.default.removeItem(atPath: dir + "/00000007-stated-total.json") }),
        ("renamed", { dir in try FileManager.default.moveItem(atPath: dir + "/00000008-reallocation.json", toPath: dir + "/00000008-allocation.json") }),
        ("foreign", { dir in try writeBytes(Array("notities".utf8), to: dir + "/notities.txt") }),
        ("leftover", { dir in try writeBytes(Array("{".utf8), to: dir + "/.tmp-1-abcdef12.json") }),
        ("garbage", { dir in try writeBytes(Array("geen json".utf8), to: dir + "/00000029-source-document.json") }),
        ("linked", { dir in
            let path = dir + "/00000010-decision-proposed.json"
            try FileManager.default.moveItem(atPath: path, toPath: dir + "/elders.json.bak")
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: dir + "/elders.json.bak")
        }),
        ("misplaced", { dir in
            try FileManager.default.createDirectory(atPath: dir + "/0001", withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: dir + "/00000012-decision-taken.json", toPath: dir + "/0001/00000012-decision-taken.json")
        }),
        ("twice", { dir in try FileManager.default.copyItem(atPath: dir + "/00000013-reserve-end-date-changed.json", toPath: dir + "/00000013-reserve-addition.json") }),
    ]

    /// `verify`, and a question that must refuse to answer, on every kind of damage: in Dutch.
    @Test func damageIsReportedInDutch() throws {
        var found: [String] = []
        for damage in Self.damages {
            let temp = try TemporaryFolder("dutch-damage")
            let store = try temp.copyOfShippedEvents()
            try damage.make(store)
            let verify = CLI.run(["verify", "--events", store])
            #expect(verify.status == (damage.name == "leftover" ? 0 : 1), "\(damage.name): \(verify.stdout)")
            found += Self.englishIn([["verify"], ["reserve", "404"]], store: store).map { "\(damage.name): \($0)" }
        }
        #expect(found.isEmpty, "English in Dutch output:\n\(found.joined(separator: "\n"))")
    }

    /// Generated histories (`HistoryGenerator`, as the history fuzzer makes them) appended through
    /// the domain's policy: each refusal, and the answers about what was stored, in Dutch.
    @Test(arguments: [UInt64(3), 29, 41])
    func generatedHistoriesAreDutch(_ seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let generator = HistoryGenerator(bytes: random.bytes(160), amounts: .small, maximumEvents: 14)
        let temp = try TemporaryFolder("dutch-generated")
        let store = EventStore(directory: try temp.folder(), clock: SteppingClock().next)
        let misses = CatalogueMisses()
        var refusals: [String] = []
        for draft in generator.drafts {
            do { _ = try store.append(draft, policy: DomainPolicy()) } catch {
                refusals.append(Language.$misses.withValue(misses) { Language.nl.message(CLIError.from(error).description) })
            }
        }
        let data = Self.historyTexts(of: store.directory).union(generator.drafts.flatMap { Self.texts(in: $0.payload) })
        var found = misses.texts.filter { !Self.isData($0, data) }.map { "refusal not in the catalogue: \($0)" }
        found += refusals.filter { !Self.englishWords(in: $0).isEmpty }.map { "refusal: \($0)" }
        let subjects = HistoryGenerator.reserves + HistoryGenerator.contracts.map { "contract:" + $0 }
            + HistoryGenerator.decisions.map { "decision:" + $0 } + HistoryGenerator.years.map { "budget:\($0)" }
        found += Self.englishIn([["audit", "--on", "2023-06-30"], ["audit", "--on", "9999-12-31"], ["log"], ["subjects"]]
                                + subjects.map { ["timeline", $0] }, store: store.directory)
        #expect(found.isEmpty, "seed \(seed): English in Dutch output:\n\(found.joined(separator: "\n"))")
    }

    /// The nets catch what they are for: a text the catalogue lacks is reported, one it has is
    /// not, and an untranslated finding is seen by its English words.
    @Test func theNetsCatchEnglish() {
        let misses = CatalogueMisses()
        Language.$misses.withValue(misses) {
            _ = Language.nl.message("reserve 404 has grown a beard")
            _ = Language.nl.message("reserve 404 ends on 2026-12-31, in 30 days (horizon 90 days)")
        }
        #expect(misses.texts == ["reserve 404 has grown a beard"])
        #expect(Self.englishWords(in: "    reserve 404 has € 5,00 in open commitments against the balance they follow") == ["has", "commitments", "the", "balance"])
        #expect(Self.englishWords(in: "    reserve 404 eindigt op 2026-12-31; res-404-end-date-2026 allocation") == [])
        // A name is kept as written, even one that reads like a balance.
        #expect(Language.nl.message("reserve 404 established: Geld to go for kids, end date 2026-12-31")
                == "reserve 404 ingesteld: Geld to go for kids, einddatum 2026-12-31")
    }

    /// Every refused input of the corpus in `BadInputs/`, appended in Dutch: each refusal in Dutch.
    @Test func everyRefusalOfTheCorpusIsDutch() throws {
        let temp = try TemporaryFolder("dutch-refusals")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let misses = CatalogueMisses()
        var found: [String] = []
        for c in BadInputTests.cases {
            let r = Language.$misses.withValue(misses) {
                CLI.run(["append", BadInputTests.folder.appendingPathComponent(c.file).path, "--events", store, "--lang", "nl"])
            }
            #expect(r.stderr.hasPrefix("register: fout: "), "\(c.file): \(r.stderr)")
            // The input's own texts (a reserve called 'x', a date written '31-12-2026') are data; the message around them is not.
            found += Self.englishWords(in: r.stderr).isEmpty ? [] : ["\(c.file): \(r.stderr)"]
        }
        found += misses.texts.filter { !Self.isData($0, []) }.map { "not in the catalogue: \($0)" }
        #expect(try digest(of: store) == before)
        #expect(found.isEmpty, "English in Dutch refusals:\n\(found.joined(separator: "\n"))")
    }
}
