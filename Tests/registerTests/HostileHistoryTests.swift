import TestSupport
import EventStore
import Foundation
import Testing
@testable import RegisterCLI

/// A history that did not come through `append` (a git clone, a copied folder) holding terminal
/// escapes, C1 controls and bidi overrides in names and free texts: every human output shows
/// them written out (`DisplayText`), none reaches the terminal raw.
@Suite struct HostileHistoryTests {
    /// Sets the window title, clears the screen, turns text red (C1 CSI), reverses the rest of
    /// the line, isolates, marks right-to-left, and breaks the line (U+2028).
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}gpj.exe\u{2066}\u{200F}\u{2028}x\u{202D}\u{0}"

    /// The shipped history plus hostile events, chained so that `verify` finds it intact.
    static func hostileStore(_ temp: TemporaryFolder) throws -> String {
        let store = try temp.copyOfShippedEvents()
        let h = Self.hostile
        try appendWithoutChecks([
            UncheckedEvent(id: "evil-decision", type: "decision-taken",
                           payload: ["decision": "2026-0000666", "body": "raad", "date": "2026-01-01", "title": .string("Besluit " + h)]),
            UncheckedEvent(id: "evil-reserve", type: "reserve-established",
                           payload: ["reserve": "999", "name": .string("Evil " + h), "endDate": "2030-12-31", "decision": "2026-0000666",
                                     "assumptions": [.string(h)]], document: "doc " + h),
            UncheckedEvent(id: "evil-addition", type: "reserve-addition",
                           payload: ["reserve": "999", "amountCents": 10000, "description": .string(h)], actor: "griffie:" + h),
            UncheckedEvent(id: "evil-allocation", type: "allocation",
                           payload: ["reserve": "999", "allocations": [["project": .string("P " + h), "amountCents": 5000]]]),
            UncheckedEvent(id: "evil-contract", type: "contract-awarded",
                           payload: ["contract": "evil", "counterparty": .string("Acme " + h), "title": .string(h),
                                     "start": "2026-01-01", "end": "2027-12-31"]),
        ], to: store)
        return store
    }

    static let commands: [[String]] = [
        ["reserve", "999", "--on", "2026-06-30"], ["timeline", "999"], ["timeline", "contract:evil"], ["timeline", "decision:2026-0000666"],
        ["subjects"], ["log"], ["audit", "--on", "2026-06-30"], ["contract", "evil", "--on", "2026-06-30"], ["verify"],
    ]

    @Test(arguments: commands)
    func noControlOrBidiCharacterReachesTheTerminal(_ command: [String]) throws {
        let temp = try TemporaryFolder("hostile")
        let store = try Self.hostileStore(temp)
        let r = CLI.run(command + ["--events", store])
        #expect(r.status == 0 || (command[0] == "audit" && r.status == 1), "\(r.stderr)")
        for (name, text) in [("stdout", r.stdout), ("stderr", r.stderr)] {
            let raw = text.unicodeScalars.filter { TextPolicy.isForbidden($0) && $0 != "\n" && $0 != "\t" }
            #expect(raw.isEmpty, "\(command) \(name) holds \(raw.map(TextPolicy.name))")
        }
        if command[0] != "verify" && command[0] != "audit" {
            #expect(r.stdout.contains("\\u{1B}]0;pwned\\u{7}"), "the escape is shown written out: \(r.stdout)")
            #expect(r.stdout.contains("\\u{202E}gpj.exe"), "\(r.stdout)")
        }
    }

    /// The same through the built binary, as a terminal would receive it.
    @Test func theBinaryWritesNoEscapeToItsOutput() throws {
        let temp = try TemporaryFolder("hostile")
        let store = try Self.hostileStore(temp)
        for command in [["reserve", "999", "--on", "2026-06-30"], ["timeline", "999"], ["subjects"], ["log"]] {
            let r = try CLIRunner.run(command + ["--events", store])
            #expect(r.status == 0, "\(command): \(r.stderr)")
            #expect(!r.stdout.utf8.contains(0x1B) && !r.stdout.utf8.contains(0x07), "\(command) wrote ESC or BEL")
            #expect(!r.stdout.contains("\u{202E}") && !r.stdout.contains("\u{2066}") && !r.stdout.contains("\u{9B}"), "\(command)")
            #expect(r.stdout.split(separator: "\n").allSatisfy { !$0.contains("\u{2028}") })
        }
    }

    /// One stored value cannot forge a line or a column of the log: its tab and line feed are written out.
    @Test func aLineBreakInAStoredTextCannotForgeALogLine() throws {
        let temp = try TemporaryFolder("hostile")
        let store = try temp.copyOfShippedEvents()
        try appendWithoutChecks([UncheckedEvent(id: "forger", type: "reserve-end-date-changed",
                                                payload: ["reserve": "404", "endDate": "2030-12-31",
                                                          "note": "x"], effective: "2026-01-15")], to: store)
        try appendWithoutChecks([UncheckedEvent(id: "x\n26\t2026-01-01\tfake", type: "note", payload: [:])], to: store)
        let r = CLI.run(["log", "--events", store])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 31)
        #expect(lines.last?.contains("x\\u{A}26\\u{9}2026-01-01\\u{9}fake") == true, "\(lines.last ?? "")")
    }

    /// Errors quote what was given: an id with an escape in an error message is written out too.
    @Test func anErrorMessageQuotingAnEscapeShowsItWrittenOut() throws {
        let r = CLI.run(["reserve", "9\u{1B}[2J9", "--events", Repository.shippedEvents])
        #expect(r.status != 0)
        #expect(!r.stderr.unicodeScalars.contains("\u{1B}"), "\(r.stderr)")
        #expect(r.stderr.contains("9\\u{1B}[2J9"), "\(r.stderr)")
    }

    /// CSV of a hostile history: names that begin like formulas are neutralised, amounts stay numbers.
    @Test func csvOfAHostileHistoryHoldsNoFormula() throws {
        let temp = try TemporaryFolder("hostile")
        let store = try temp.copyOfShippedEvents()
        try appendWithoutChecks([
            UncheckedEvent(id: "=cmd", type: "reserve-established",
                           payload: ["reserve": "@998", "name": "=HYPERLINK(\"http://evil.example\",\"klik\")", "endDate": "2030-12-31"]),
            UncheckedEvent(id: "w", type: "reserve-withdrawal", payload: ["reserve": "@998", "amountCents": 1234]),
            UncheckedEvent(id: "a", type: "allocation", payload: ["reserve": "@998", "allocations": [["project": "-2+3", "amountCents": 1]]]),
        ], to: store)
        for command in [["subjects", "--csv"], ["reserve", "@998", "--on", "2026-06-30", "--csv"], ["log", "--csv"],
                        ["timeline", "reserve:@998", "--csv"], ["export", "--format", "csv"]] {
            let r = CLI.run(command + ["--events", store])
            #expect(r.status == 0, "\(command): \(r.stderr)")
            let rows = try #require(parseRFC4180(r.stdout), "\(command)")
            for row in rows {
                for cell in row {
                    if let first = cell.unicodeScalars.first, CSVTable.formulaStarts.contains(first) {
                        #expect(CSVTable.isPlainNumber(cell), "\(command): formula cell \(cell)")
                    }
                }
            }
            if command[0] == "reserve" {
                #expect(r.stdout.contains(",-1234,-12.34,"), "a negative balance stays a number: \(r.stdout)")
                #expect(r.stdout.contains("'-2+3"))
            }
        }
    }
}
