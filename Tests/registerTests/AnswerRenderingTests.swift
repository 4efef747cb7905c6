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
}
