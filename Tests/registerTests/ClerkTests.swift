import TestSupport
import EventStore
import Foundation
import Testing

/// The clerk's and the auditor's side: record, formats, the HTML report and shell completion.
@Suite struct ClerkTests {
    @Test func recordWithFlagsReadsDutchAmountsAndDates() throws {
        let temp = try TemporaryFolder("clerk")
        let store = try temp.copyOfShippedEvents()
        let r = CLI.run(["record", "addition", "--reserve", "404", "--amount", "€ 1.250.000,50", "--decision", "2022-0177088",
                                   "--effective", "31-12-2022", "--source", "Jaarstukken 2022", "--zaaknummer", "2023-0000001",
                                   "--actor", "griffie:test", "--yes", "--json", "--events", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.json?["written"] == .bool(true))
        let last = try #require(try EventStore(directory: store).events().last?.envelope)
        #expect(last.type == "reserve-addition")
        #expect(last.payload["amountCents"]?.integer == 125_000_050)
        #expect(last.effectiveDate.iso == "2022-12-31")
        #expect(last.source.zaaknummer == "2023-0000001")
    }

    @Test func theIssueExampleRecordsAnEndDateChange() throws {
        let temp = try TemporaryFolder("clerk")
        let store = try temp.copyOfShippedEvents()
        let r = CLI.run(["record", "end-date-change", "--reserve", "404", "--end-date", "2026-12-31", "--decision", "2022-0177088",
                                   "--effective", "2022-12-13", "--source", "Raadsbesluit 2022-0177088", "--yes", "--events", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("reserve 404 end date set to 2026-12-31"))
        #expect(r.stdout.contains("appended event 30"))
    }

    @Test func allocationsTakeRepeatedProjectAmounts() throws {
        let temp = try TemporaryFolder("clerk")
        let store = try temp.copyOfShippedEvents()
        let r = CLI.run(["record", "allocation", "--reserve", "404", "--allocation", "FLITS=1.100.000", "--allocation", "BSO+=240.000,-",
                                   "--effective", "2023-01-15", "--source", "test", "--yes", "--events", store])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try #require(try EventStore(directory: store).events().last?.envelope.payload["allocations"]?.array)
        #expect(lines.compactMap { $0["amountCents"]?.integer } == [110_000_000, 24_000_000])
    }

    /// A doubled '=' ("x==5") made a project named "x="; a name left empty is no name either.
    @Test(arguments: ["x==5", " =5", "=5"])
    func anAllocationWithoutAProperNameIsRefused(_ text: String) throws {
        let temp = try TemporaryFolder("clerk")
        let store = try temp.copyOfShippedEvents()
        let r = CLI.run(["record", "allocation", "--reserve", "404", "--allocation", text,
                         "--effective", "2023-01-15", "--source", "test", "--yes", "--events", store])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("--allocation '\(text)'") && r.stderr.contains("NAME=AMOUNT"), "\(r.stderr)")
    }

    @Test func recordASettlementAndARelease() throws {
        let temp = try TemporaryFolder("clerk-settle")
        let store = try temp.copyOfShippedEvents()
        let settled = CLI.run(["record", "settlement", "--reserve", "404", "--commitment", "res-404-commit-uitvoeringsbrigade",
                               "--amount", "192.500", "--decision", "2022-0177088", "--effective", "2023-12-15", "--source", "Jaarstukken 2023",
                               "--yes", "--events", store])
        #expect(settled.status == 0, "\(settled.stderr)")
        let released = CLI.run(["record", "release", "--reserve", "404", "--commitment", "res-404-commit-bso-plus", "--reason", "not needed",
                                "--effective", "2023-12-15", "--source", "Jaarstukken 2023", "--yes", "--events", store])
        #expect(released.status == 0, "\(released.stderr)")
        let wrong = CLI.run(["record", "release", "--reserve", "404", "--commitment", "res-404-estimate-2022", "--reason", "r",
                             "--effective", "2023-12-15", "--source", "t", "--yes", "--events", store])
        #expect(wrong.status == 3 && wrong.stderr.contains("is a balance-estimate, not a commitment"), "\(wrong.stderr)")
        let reserve = CLI.run(["reserve", "404", "--on", "2024-01-01", "--json", "--events", store])
        #expect(reserve.json?["commitments"]?.array?.compactMap { $0["status"]?.string } == ["settled", "released"])
    }

    @Test func dryRunValidatesAgainstTheStoreAndWritesNothing() throws {
        let temp = try TemporaryFolder("clerk")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let ok = CLI.run(["record", "withdrawal", "--reserve", "404", "--amount", "200.000", "--decision", "2022-0177088",
                                    "--effective", "2023-06-01", "--source", "test", "--dry-run", "--events", store])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("valid: nothing was written"))
        let unknown = CLI.run(["record", "withdrawal", "--reserve", "999", "--amount", "200.000",
                                         "--effective", "2023-06-01", "--source", "test", "--dry-run", "--events", store])
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("no reserve '999'"))
        #expect(try digest(of: store) == before)
    }

    @Test(arguments: [
        (["--amount", "1.5"], "1.5"),
        (["--amount", "1,000.00"], "1,000.00"),
        (["--amount", "vijf"], "vijf"),
    ])
    func ambiguousAmountsAreRefusedWithTheAcceptedForms(_ amount: [String], _ text: String) throws {
        let temp = try TemporaryFolder("clerk")
        let store = try temp.copyOfShippedEvents()
        let r = CLI.run(["record", "addition", "--reserve", "404"] + amount + ["--effective", "2023-01-01", "--source", "t", "--yes", "--events", store])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--amount"))
        #expect(r.stderr.contains("5.000.000"), "the accepted forms are listed: \(r.stderr)")
    }

    @Test func withoutATerminalConfirmationIsRequired() throws {
        let temp = try TemporaryFolder("clerk")
        let store = try temp.copyOfShippedEvents()
        let r = CLI.run(["record", "end-date-change", "--reserve", "404", "--end-date", "2027-12-31", "--effective", "2023-01-01",
                                   "--source", "t", "--events", store])
        #expect(r.status == 2)
        #expect(r.stderr.contains("pass --yes"))
    }

    @Test func aFlagOfAnotherTypeIsAUsageError() throws {
        let temp = try TemporaryFolder("clerk-usage")
        let r = CLI.run(["record", "end-date-change", "--amount", "5", "--events", try temp.copyOfShippedEvents()])
        #expect(r.status == 2)
        #expect(r.stderr.contains("option '--amount' does not belong to 'record end-date-change'"))
    }

    /// Runs the built `register record` in a pseudo-terminal (util-linux `script`), answering its questions.
    @Test func interactiveModeAsksForEachMissingFieldThenConfirms() throws {
        let temp = try TemporaryFolder("clerk")
        let store = try temp.copyOfShippedEvents()
        let command = "'\(CLIRunner.binary)' record end-date-change --decision 2022-0177088 --events '\(store)'"
        // Enter skips the optional zaaknummer and note.
        let answers = ["404", "31-12-2027", "2023-02-01", "Raadsbesluit test", "", "", "y"].joined(separator: "\n") + "\n"
        // CI is cleared: this test is about a clerk at a terminal, also when the suite runs under CI=true.
        let r = try CLIRunner.run(["-qec", command, "/dev/null"], stdin: answers, environment: ["CI": ""], executable: "/usr/bin/script")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("reserve (The reserve number, e.g. 404.):"))
        #expect(r.stdout.contains("source (the source document):"))
        #expect(r.stdout.contains("Append this event? [y/N]"))
        let last = try #require(try EventStore(directory: store).events().last?.envelope)
        #expect(last.type == "reserve-end-date-changed")
        #expect(last.payload["endDate"] == "2027-12-31")
        #expect(last.effectiveDate.iso == "2023-02-01")
    }

    /// A terminal on both ends, but `CI=true` (a CI runner that hands its job a pseudo-terminal):
    /// no question is asked, a missing field is a usage error at once.
    @Test(arguments: ["true", "1", "yes"])
    func withCISetNothingIsAskedEvenInATerminal(_ ci: String) throws {
        let temp = try TemporaryFolder("clerk")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let command = "'\(CLIRunner.binary)' record end-date-change --decision 2022-0177088 --events '\(store)'"
        let answers = ["404", "31-12-2027", "2023-02-01", "Raadsbesluit test", "y"].joined(separator: "\n") + "\n"
        let r = try CLIRunner.run(["-qec", command, "/dev/null"], stdin: answers, environment: ["CI": ci], executable: "/usr/bin/script")
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("record end-date-change needs --reserve"), "\(r.stdout)")
        #expect(!r.stdout.contains("reserve (The reserve number, e.g. 404.):"), "asked although CI is set: \(r.stdout)")
        #expect(try digest(of: store) == before)
    }

    /// Standard input is a terminal, standard output a pipe (`record … | tee`): nobody sees a question.
    @Test func withOutputToAPipeNothingIsAsked() throws {
        let temp = try TemporaryFolder("clerk")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let command = "'\(CLIRunner.binary)' record end-date-change --decision 2022-0177088 --events '\(store)' 2>&1 | cat"
        let r = try CLIRunner.run(["-qec", command, "/dev/null"], stdin: "404\n", environment: ["CI": ""], executable: "/usr/bin/script")
        #expect(r.stdout.contains("record end-date-change needs --reserve"), "\(r.stdout)")
        #expect(!r.stdout.contains("reserve (The reserve number, e.g. 404.):"), "asked with output to a pipe: \(r.stdout)")
        #expect(try digest(of: store) == before)
    }

    /// In process: the same rule, from the context (terminal on both ends) and the environment.
    @Test(arguments: [("true", false), ("1", false), ("false", true), ("0", true), ("", true)])
    func canAskFollowsCI(_ ci: String, _ asks: Bool) throws {
        let temp = try TemporaryFolder("clerk")
        let store = try temp.copyOfShippedEvents()
        let r = CLI.run(["record", "end-date-change", "--reserve", "404", "--end-date", "2027-12-31", "--effective", "2023-01-01",
                         "--source", "t", "--zaaknummer", "2023-1", "--decision", "2022-0177088", "--note", "n", "--events", store], stdin: "n\n", environment: ["CI": ci], interactive: true)
        if asks {
            #expect(r.status == 0 && r.stdout.contains("Append this event? [y/N]"), "\(r.stdout)\(r.stderr)")
        } else {
            #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
            #expect(!r.stdout.contains("Append this event?"))
            #expect(r.stderr.contains("pass --yes"))
        }
    }

    /// In-process, with a context that says standard input is a terminal.
    @Test func answeringNoWritesNothing() throws {
        let temp = try TemporaryFolder("clerk")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let r = CLI.run(["record", "end-date-change", "--reserve", "404", "--end-date", "2027-12-31", "--effective", "2023-01-01",
                         "--source", "t", "--events", store], stdin: "\n\n\nn\n", interactive: true)
        #expect(r.status == 0)
        #expect(r.stdout.contains("not appended"))
        #expect(try digest(of: store) == before)
    }

    @Test(arguments: [
        ["reserve", "404", "--on", "2023-06-30"], ["contract", "dordrecht-sociaal"], ["budget", "--year", "2026"],
        ["timeline", "404"], ["audit"], ["subjects"], ["log"],
    ])
    func csvOutputParsesBackWithOneHeaderRowAndNoThousandsSeparators(_ arguments: [String]) throws {
        let r = CLI.run(arguments + ["--csv", "--events", Repository.shippedEvents])
        #expect(r.status == 0 || (arguments[0] == "audit" && r.status == 1))
        let rows = try #require(parseRFC4180(r.stdout))
        #expect(rows.count >= 2)
        #expect(rows.allSatisfy { $0.count == rows[0].count }, "every row has the header's columns")
        for (i, name) in rows[0].enumerated() where name.hasSuffix("_cents") || name.hasSuffix("_eur") {
            for row in rows.dropFirst() where !row[i].isEmpty {
                #expect(row[i].allSatisfy { $0.isNumber || $0 == "." || $0 == "-" }, "\(name) = \(row[i])")
            }
        }
    }

    @Test(arguments: ["json", "csv", "ledger"])
    func exportWritesTheWholeHistory(_ format: String) throws {
        let temp = try TemporaryFolder("export")
        let out = temp.path("export.\(format)")
        let r = CLI.run(["export", "--format", format, "--output", out, "--events", Repository.shippedEvents])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        switch format {
        case "json": #expect(try JSONParser.parse(text).array?.count == 29)
        case "csv": #expect(parseRFC4180(text)?.count == 30)
        default:
            #expect(text.contains("Reserves:404  EUR 5000000.00"))
            #expect(text.contains("Budget:2026:bestaanszekerheid  EUR 135570000.00"))
        }
    }

    @Test func theHTMLReportHasTheChartTheTimelineAndEveryFinding() throws {
        let temp = try TemporaryFolder("report")
        let out = temp.path("report.html")
        let r = CLI.run(["report", "404", "--html", out, "--on", "2026-11-23", "--events", Repository.shippedEvents])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("<svg"))
        #expect(html.contains("<polyline"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        let audit = CLI.run(["audit", "404", "--json", "--on", "2026-11-23", "--events", Repository.shippedEvents])
        let ids = (audit.json?["findings"]?.array ?? []).compactMap { $0["id"]?.string }
        #expect(!ids.isEmpty)
        for id in ids { #expect(html.contains(id), "finding \(id) is in the report") }
        #expect(html.contains("res-404-end-date-2026") || html.contains("reserve 404 end date set to 2026-12-31"))
    }

    @Test func completionScriptsCoverEveryCommand() throws {
        let bash = CLI.run(["completion", "bash"])
        let zsh = CLI.run(["completion", "zsh"])
        #expect(bash.status == 0 && zsh.status == 0)
        let temp = try TemporaryFolder("completion")
        let file = temp.path("completion.bash")
        try bash.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let check = try CLIRunner.run(["-n", file], executable: "/bin/bash")
        #expect(check.status == 0, "bash -n: \(check.stderr)")
        let help = CLI.run(["--help"]).stdout
        for line in help.split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
            guard let name = line.split(separator: " ").first, !name.hasPrefix("register") else { continue }
            #expect(bash.stdout.contains(String(name)), "bash completes \(name)")
            #expect(zsh.stdout.contains("'\(name):") || name == "help", "zsh completes \(name)")
        }
    }
}
