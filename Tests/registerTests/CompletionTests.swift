import Foundation
import TestSupport
import Testing
import Projections
@testable import RegisterCLI

/// Shell completion offers the register's own ids, rule names, record types, only the chosen
/// type's flags and the allowed values of a choice: the candidate lists in process, and the
/// generated bash script end to end under bash (COMP_WORDS, compgen) with the built binary.
@Suite struct CompletionTests {
    func candidates(_ words: [String]) -> [String] {
        // --events right after the command, so the last word stays the one whose value is completed.
        CLI.run(["completion", "candidates", "--"] + words.prefix(1) + ["--events", Repository.shippedEvents] + words.dropFirst()).stdout
            .split(separator: "\n").map(String.init)
    }

    @Test func theRegistersOwnIdsWhereACommandTakesOne() {
        #expect(candidates(["reserve"]).contains("404"))
        #expect(candidates(["report"]).contains("404"))
        #expect(candidates(["contract"]) .contains("dordrecht-sociaal"))
        #expect(!candidates(["contract"]).contains("404"))
        let subjects = candidates(["timeline"])
        for id in ["404", "dordrecht-sociaal", "2022-0177088", "bestaanszekerheid"] { #expect(subjects.contains(id), "timeline offers \(id)") }
        #expect(candidates(["budget", "--year"]).contains("2026"))
        #expect(!candidates(["reserve", "404"]).contains("404"), "one SUBJECT only")
    }

    @Test func ruleNamesAndChoices() {
        #expect(candidates(["audit", "--rule"]) == AuditRule.allCases.map(\.rawValue))
        #expect(candidates(["export", "--format"]) == ["json", "csv", "ledger", "zgw-besluiten"])
        #expect(candidates(["reserve", "--lang"]) == ["en", "nl"])
        #expect(candidates(["reserve", "--on"]).isEmpty, "a date: nothing to offer")
        #expect(candidates(["report", "404", "--html"]).isEmpty, "a file: the shell offers file names")
        #expect(candidates(["record", "decision-taken", "--body"]).starts(with: ["raad", "college"]))
        #expect(candidates(["record", "commitment", "--basis"]) == ["exact", "approximate", "maximum"])
        #expect(candidates(["record", "addition", "--reserve"]) == ["404"])
        #expect(candidates(["record", "addition", "--decision"]).contains("2022-0177088"))
    }

    @Test func recordOffersItsTypesThenOnlyTheFlagsOfTheChosenType() {
        let types = candidates(["record"])
        for name in ["addition", "withdrawal", "decision-taken", "correction", "retraction", "toevoeging", "onttrekking"] {
            #expect(types.contains(name), "record offers \(name)")
        }
        let addition = candidates(["record", "addition"])
        for flag in ["--reserve", "--amount", "--decision", "--effective", "--source", "--yes", "--dry-run"] { #expect(addition.contains(flag), "\(flag)") }
        for flag in ["--body", "--end-date", "--allocation", "--contract", "--new-effective"] { #expect(!addition.contains(flag), "addition has no \(flag)") }
        #expect(candidates(["toevoeging"]).isEmpty, "not a command")
        #expect(candidates(["record", "toevoeging"]).contains("--amount"), "a Dutch type name chooses the type")
        let given = candidates(["record", "addition", "--reserve", "404"])
        #expect(!given.contains("--reserve") && given.contains("--amount"), "a flag given once is not offered again")
        #expect(candidates(["record", "retraction"]).contains("29"), "retraction EVENT: sequence numbers")
        #expect(candidates(["record", "retraction"]).contains("res-404-end-date-2026"), "and ids")
        let correction = candidates(["record", "correction", "13"])
        #expect(correction.contains("--end-date") && correction.contains("--reason") && correction.contains("--new-effective"))
        #expect(!correction.contains("--amount"), "event 13 changes an end date: no --amount")
    }

    @Test func anUnreadableStoreOffersNoIdsAndNoError() {
        let r = CLI.run(["completion", "candidates", "--", "reserve", "--events", "/nonexistent/events"])
        #expect(r.status == 0 && r.stderr.isEmpty)
        #expect(!r.stdout.contains("404"))
        #expect(r.stdout.contains("--on"))
    }

    /// Sources the generated script in bash and completes as bash would, with the built binary.
    @Test func theBashScriptCompletesUnderBash() throws {
        let temp = try TemporaryFolder("completion-bash")
        let script = temp.path("register.bash")
        try CLI.run(["completion", "bash"]).stdout.write(toFile: script, atomically: true, encoding: .utf8)
        func complete(_ line: [String]) throws -> [String] {
            let words = ([CLIRunner.binary] + line).map { "'\($0.replacingOccurrences(of: "'", with: "'\\''"))'" }.joined(separator: " ")
            let program = "source '\(script)'; COMP_WORDS=(\(words)); COMP_CWORD=\(line.count); _register; printf '%s\\n' \"${COMPREPLY[@]}\""
            let r = try CLIRunner.run(["-c", program], environment: ["REGISTER_EVENTS": Repository.shippedEvents], executable: "/bin/bash")
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").map(String.init)
        }
        #expect(try complete(["rep"]) == ["report"])
        #expect(try complete(["reserve", ""]).contains("404"))
        #expect(try complete(["contract", "d"]) == ["dordrecht-sociaal"])
        #expect(try complete(["audit", "--rule", "ends"]) == ["ends-soon"])
        #expect(try complete(["record", "add"]) == ["addition"])
        #expect(try complete(["record", "addition", "--am"]) == ["--amount"])
        #expect(try complete(["record", "addition", "--bo"]).isEmpty, "addition has no --body")
        #expect(try complete(["record", "decision-taken", "--body", ""]).contains("college"))
        #expect(try complete(["export", "--format", "zgw"]) == ["zgw-besluiten"])
    }
}
