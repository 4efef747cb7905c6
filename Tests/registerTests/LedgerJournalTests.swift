import TestSupport
import EventStore
import Foundation
import Testing
@testable import RegisterCLI

/// `export --format ledger` for ids that ledger and hledger would read as syntax.
@Suite struct LedgerJournalTests {
    /// Ids a history that did not come through `append` may hold, each with its account component.
    static let hostileIDs: [(id: String, component: String)] = [
        ("404", "404"),
        ("a  b", "a%20%20b"),
        ("a b", "a%20b"),
        ("a%20b", "a%2520b"),
        ("tab\there", "tab%09here"),
        ("x;comment", "x%3Bcomment"),
        ("(virtual)", "%28virtual%29"),
        ("[balanced]", "%5Bbalanced%5D"),
        ("p@price", "p%40price"),
        ("*cleared", "%2Acleared"),
        ("!pending", "%21pending"),
        ("sub:account", "sub%3Aaccount"),
        ("line\nbreak", "line%0Abreak"),
        ("café", "café"),
        ("cafe\u{301}", "cafe%CC%81"),
        ("=1+1", "%3D1%2B1"),
        ("dordrecht-sociaal_2.0", "dordrecht-sociaal_2.0"),
        ("", "%"),
    ]

    @Test(arguments: hostileIDs.map { [$0.id, $0.component] })
    func anIdBecomesAnAccountComponentWithoutLedgerSyntax(_ pair: [String]) {
        let component = LedgerJournal.accountComponent(pair[0])
        #expect(Array(component.unicodeScalars) == Array(pair[1].unicodeScalars), "\(pair[0].debugDescription) -> \(component)")
        #expect(!component.contains("  ") && !component.contains(" ") && !component.contains("\t"))
        #expect(!component.unicodeScalars.contains { ";:()[]@*!\n\r".unicodeScalars.contains($0) })
    }

    @Test func differentIdsGiveDifferentAccounts() {
        let components = Self.hostileIDs.map { LedgerJournal.accountComponent($0.id) }
        #expect(Set(components).count == components.count)
    }

    @Test func aCommentStaysOnItsLine() {
        #expect(LedgerJournal.commentText("source: a\nb\u{1B}c") == "source: a\\u{A}b\\u{1B}c")
    }

    /// The ids in `hostileIDs` a stored event can hold: the register reads no reserve id that is
    /// empty or holds `:`, `/` or `..` (the `kind:id` syntax and paths), so those never reach a journal.
    static func isStorable(_ id: String) -> Bool { id != "404" && !id.isEmpty && !id.contains(":") }

    /// The shipped history plus a reserve for each hostile id, added to and withdrawn from.
    static func hostileStore(_ temp: TemporaryFolder) throws -> String {
        let store = try temp.copyOfShippedEvents()
        var events: [UncheckedEvent] = []
        for (i, entry) in hostileIDs.enumerated() where isStorable(entry.id) {
            events.append(UncheckedEvent(id: "est-\(i)", type: "reserve-established",
                                         payload: ["reserve": .string(entry.id), "name": "R", "endDate": "2030-12-31"]))
            events.append(UncheckedEvent(id: "add-\(i)", type: "reserve-addition",
                                         payload: ["reserve": .string(entry.id), "amountCents": JSONValue(100_000 + i)]))
            events.append(UncheckedEvent(id: "wd-\(i)", type: "reserve-withdrawal", payload: ["reserve": .string(entry.id), "amountCents": 1]))
        }
        events.append(UncheckedEvent(id: "budget-hostile", type: "budget-set",
                                     payload: ["year": 2030, "programmes": [["programme": "a  b;c", "amountCents": 700]]],
                                     document: "doc\nwith a line break"))
        try appendWithoutChecks(events, to: store)
        return store
    }

    /// Each tool's flat balance report as account -> amount (`EUR 1000.00`).
    static func balances(_ output: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard let gap = trimmed.range(of: "  ") else { continue }
            result[String(trimmed[gap.upperBound...])] = String(trimmed[..<gap.lowerBound])
        }
        return result
    }

    /// Runs only where `ledger` and `hledger` are installed (`apt-get install ledger hledger`):
    /// both read the journal and give every hostile reserve its own, right balance.
    @Test(arguments: [("ledger", ["bal", "--flat", "--no-total"]), ("hledger", ["bal", "--flat", "-N"])])
    func ledgerAndHledgerReadTheJournalOfHostileIds(_ tool: String, _ arguments: [String]) throws {
        let found = try runProcess("/bin/sh", ["-c", "command -v \(tool)"])
        guard found.status == 0 else { return }
        let temp = try TemporaryFolder("ledger")
        let store = try Self.hostileStore(temp)
        let journal = temp.path("register.journal")
        let export = CLI.run(["export", "--format", "ledger", "--output", journal, "--events", store])
        #expect(export.status == 0, "\(export.stderr)")
        let r = try runProcess("/usr/bin/env", [tool, "-f", journal] + arguments)
        #expect(r.status == 0, "\(tool): \(r.stderr)")
        let balances = Self.balances(r.stdout)
        for (i, entry) in Self.hostileIDs.enumerated() where Self.isStorable(entry.id) {
            let cents = 100_000 + i - 1
            let expected = "EUR \(cents / 100).\(String(format: "%02d", cents % 100))"
            #expect(balances["Reserves:" + entry.component] == expected, "\(tool) \(entry.id.debugDescription): \(r.stdout)")
            #expect(balances["Spending:" + entry.component] == "EUR 0.01", "\(tool) \(entry.id.debugDescription)")
        }
        #expect(balances["Budget:2030:a%20%20b%3Bc"] == "EUR 7.00", "\(tool): \(r.stdout)")
    }
}
