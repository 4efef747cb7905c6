import TestSupport
import EventStore
import Foundation
@testable import RegisterCLI
import Testing

/// Answers as values: each `--json` object reads back into its answer type and writes out unchanged,
/// so a cached answer renders in every format exactly as a fresh one.
@Suite struct AnswerRenderingTests {
    let temporary: TemporaryFolder
    init() throws { temporary = try TemporaryFolder("answer-rendering") }

    func printedJSON(_ arguments: [String]) throws -> JSONValue {
        let r = CLI.run(arguments + ["--json", "--no-cache", "--events", Repository.shippedEvents])
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
        let empty = try temporary.folder()
        let question = ["reserve", "404", "--on", "2019-01-01", "--no-cache", "--events", empty, "--events", Repository.shippedEvents]
        let single = CLI.run(["reserve", "404", "--on", "2019-01-01", "--no-cache", "--events", Repository.shippedEvents])

        let text = CLI.run(question)
        #expect(text.status == 3)
        #expect(text.stdout == "== \(empty)\nerror: the register holds no reserve '404' (see 'register subjects')\n"
                + "== \(Repository.shippedEvents)\n" + single.stdout)

        let json = CLI.run(question + ["--json"])
        let registers = try #require(json.json?["registers"]?.array)
        #expect(registers.map { $0["register"]?.string } == [empty, Repository.shippedEvents])
        #expect(registers.map { $0["status"]?.integer } == [3, 0])
        #expect(registers[0]["answer"]?["error"]?.string?.contains("no reserve '404'") == true)
        #expect(registers[1]["answer"] == (CLI.run(["reserve", "404", "--on", "2019-01-01", "--json", "--no-cache",
                                                             "--events", Repository.shippedEvents]).json))

        let csv = CLI.run(question + ["--csv"])
        #expect(csv.status == 3)
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines.first == "register,reserve,name,on,status,end_date,kind,item,amount_cents,amount_eur,basis,year,decision",
                "the header is written even when the first register has no answer")
        #expect(lines.dropFirst().first == "\(Repository.shippedEvents),404,,2019-01-01,not-established,,established_on,2019-06-30,,,,,")
        #expect(lines.count == 3)
    }
}
