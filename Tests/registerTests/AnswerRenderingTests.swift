import TestSupport
import EventStore
import Foundation
@testable import RegisterCLI
import Testing

/// Answers as values: each `--json` object reads back into its answer type and writes out unchanged,
/// so a cached answer renders in every format exactly as a fresh one.
@Suite struct AnswerRenderingTests {
    func printedJSON(_ arguments: [String]) throws -> JSONValue {
        let r = try CLIRunner.run(arguments + ["--json", "--no-cache", "--events", CLIRunner.shippedEvents])
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(r.json)
    }

    @Test(arguments: [["reserve", "404", "--on", "2023-06-30"], ["reserve", "404", "--on", "2019-01-01"],
                      ["reserve", "404", "--on", "2021-12-31", "--known-on", "2026-11-23T15:00Z"]])
    func aReserveAnswerReadsBackUnchanged(_ arguments: [String]) throws {
        let json = try printedJSON(arguments)
        #expect(try ReserveAnswer(json: json).json == json)
    }

    @Test(arguments: [["contract", "dordrecht-sociaal", "--on", "2026-11-23"], ["contract", "dordrecht-sociaal", "--on", "2019-01-01"],
                      ["contract", "dordrecht-sociaal", "--on", "2024-01-01"]])
    func aContractAnswerReadsBackUnchanged(_ arguments: [String]) throws {
        let json = try printedJSON(arguments)
        #expect(try ContractAnswer(json: json).json == json)
    }

    @Test(arguments: [["budget", "--year", "2026", "--on", "2026-11-23"], ["budget", "--year", "2025", "--on", "2026-11-23"]])
    func aBudgetAnswerReadsBackUnchanged(_ arguments: [String]) throws {
        let json = try printedJSON(arguments)
        #expect(try BudgetAnswer(json: json).json == json)
    }

    /// Several registers, the first of which has no such reserve: each format is rendered once
    /// from the list of (register, answer or error).
    @Test func severalRegistersRenderOnceWithTheirErrors() throws {
        let empty = try CLIRunner.emptyStore()
        let question = ["reserve", "404", "--on", "2019-01-01", "--no-cache", "--events", empty, "--events", CLIRunner.shippedEvents]
        let single = try CLIRunner.run(["reserve", "404", "--on", "2019-01-01", "--no-cache", "--events", CLIRunner.shippedEvents])

        let text = try CLIRunner.run(question)
        #expect(text.status == 3)
        #expect(text.stdout == "== \(empty)\nerror: the register holds no reserve '404' (see 'register subjects')\n"
                + "== \(CLIRunner.shippedEvents)\n" + single.stdout)

        let json = try CLIRunner.run(question + ["--json"])
        let registers = try #require(json.json?["registers"]?.array)
        #expect(registers.map { $0["register"]?.string } == [empty, CLIRunner.shippedEvents])
        #expect(registers.map { $0["status"]?.integer } == [3, 0])
        #expect(registers[0]["answer"]?["error"]?.string?.contains("no reserve '404'") == true)
        #expect(registers[1]["answer"] == (try CLIRunner.run(["reserve", "404", "--on", "2019-01-01", "--json", "--no-cache",
                                                             "--events", CLIRunner.shippedEvents]).json))

        let csv = try CLIRunner.run(question + ["--csv"])
        #expect(csv.status == 3)
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines.first == "register,reserve,name,on,status,end_date,kind,item,amount_cents,amount_eur,basis,year,decision",
                "the header is written even when the first register has no answer")
        #expect(lines.dropFirst().first == "\(CLIRunner.shippedEvents),404,,2019-01-01,not-established,,established_on,2019-06-30,,,,,")
        #expect(lines.count == 3)
    }
}
