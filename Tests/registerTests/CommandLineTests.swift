import TestSupport
import Foundation
import Projections
import Testing
@testable import RegisterCLI

/// Help, version, usage errors and exit codes: in-process, and through the built binary where
/// what matters is what the shell sees.
@Suite struct CommandLineTests {
    @Test func helpListsEveryCommandOnStdout() throws {
        let r = try CLIRunner.run(["--help"])
        #expect(r.status == 0)
        for command in RegisterCommandLine.commands.map({ $0.spec.name }) {
            #expect(r.stdout.contains("  \(command) "), "\(command) missing from --help")
        }
        #expect(r.stderr.isEmpty)
    }

    /// `help help` and `help --help` ask what there is, as `--help` does (they said "unknown
    /// command 'help'. Did you mean 'help'?").
    @Test(arguments: [["help", "help"], ["help", "--help"], ["help", "-h"], ["help"]])
    func helpAboutHelpIsTheOverview(_ arguments: [String]) throws {
        let r = CLI.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == CLI.run(["--help"]).stdout)
    }

    /// The usage line names every output format a command takes (`reserve` said `[--json]` and took `--csv` too).
    @Test(arguments: RegisterCommandLine.commands.map { $0.spec.name })
    func theUsageLineNamesEveryOutputFormat(_ name: String) throws {
        let spec = try #require(RegisterCommandLine.commands.first { $0.spec.name == name }?.spec)
        for format in ["--json", "--csv"] where spec.allOptions.contains(where: { $0.name == format }) {
            #expect(spec.usage.contains(format), "\(spec.usage)")
        }
    }

    /// A refused 100 KB argument is not echoed whole: its first 200 characters and its length.
    @Test func aHugeArgumentIsShortenedInTheMessage() throws {
        let huge = String(repeating: "a", count: 100_000)
        let r = CLI.run(["reserve", huge, "--events", Repository.shippedEvents])
        #expect(r.status == 3)
        // The stretch cut is the quoted argument with its quotes and the semicolon after it.
        #expect(r.stderr.utf8.count < 1_000 && r.stderr.contains("'" + String(repeating: "a", count: 199) + "… (100003 characters)"), "\(r.stderr.prefix(300))")
    }

    /// The audit's help names every rule with the severity of its findings, as the findings carry it.
    @Test func theAuditHelpGivesEveryRulesSeverity() throws {
        let help = CLI.run(["help", "audit"]).stdout
        for rule in AuditRule.allCases {
            #expect(help.contains("\n  \(rule.rawValue): \(rule.severity.rawValue); \(rule.explanation)\n"), "\(rule)")
        }
        let findings = CLI.run(["audit", "--json", "--on", "2026-11-30", "--events", Repository.shippedEvents]).json?["findings"]?.array ?? []
        #expect(!findings.isEmpty)
        for finding in findings {
            let rule = try #require(finding["rule"]?.string.flatMap(AuditRule.init(rawValue:)))
            #expect(finding["severity"]?.string == rule.severity.rawValue, "\(finding)")
        }
    }

    /// A suggestion is never the very name that was refused.
    @Test func anUnknownCommandIsNotSuggestedItself() throws {
        let r = CLI.run(["help", "reservee"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Did you mean 'reserve'?"), "\(r.stderr)")
    }

    /// The dispatcher finds a command by its `name` without building every spec: each name must
    /// be the one its spec shows, and no two commands share one.
    @Test func everyCommandsNameIsItsSpecsName() {
        let names = RegisterCommandLine.commands.map { $0.name }
        let specNames = RegisterCommandLine.commands.map { $0.spec.name }
        #expect(names == specNames)
        #expect(Set(names).count == names.count)
    }

    /// Every command, so a new one cannot ship without help: both ways of asking, the usage line,
    /// and every option its spec accepts.
    @Test(arguments: RegisterCommandLine.commands.map { $0.spec.name })
    func everyCommandHasHelpWithUsageAndEveryOption(_ name: String) throws {
        let spec = try #require(RegisterCommandLine.commands.first { $0.spec.name == name }?.spec)
        let viaHelp = CLI.run(["help", name])
        let viaFlag = CLI.run([name, "--help"])
        #expect(viaHelp.status == 0, "\(viaHelp.stderr)")
        #expect(viaFlag.status == 0, "\(viaFlag.stderr)")
        #expect(viaHelp.stdout == viaFlag.stdout)
        #expect(viaHelp.stderr.isEmpty && viaFlag.stderr.isEmpty)
        #expect(viaHelp.stdout.contains("USAGE: \(spec.usage)\n"))
        #expect(viaHelp.stdout.contains("USAGE: register \(name)"))
        #expect(!spec.abstract.isEmpty && viaHelp.stdout.hasPrefix(spec.abstract))
        for option in spec.allOptions {
            #expect(viaHelp.stdout.contains("\n  \(option.label)  "), "'register help \(name)' does not describe \(option.label)")
        }
        #expect(viaHelp.stdout.contains("EXAMPLES:"), "\(name) has no examples")
    }

    @Test func versionPrintsTheVersion() throws {
        let r = try CLIRunner.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout == "register \(RegisterCommandLine.version)\n")
    }

    @Test func anUnknownCommandIsAUsageErrorWithASuggestion() throws {
        let r = try CLIRunner.run(["reserv", "404"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("unknown command 'reserv'. Did you mean 'reserve'?"))
    }

    @Test func anUnknownOptionIsAUsageErrorThatQuotesTheToken() throws {
        let r = CLI.run(["verify", "--jsno", "--events", Repository.shippedEvents])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown option '--jsno' for 'register verify'. Did you mean '--json'?"))
        #expect(r.stderr.contains("Usage: register verify"))
    }

    @Test(arguments: [
        (["reserve"], "exactly one reserve number"),
        (["reserve", "404", "--on", "2026-02-30"], "--on '2026-02-30'"),
        (["reserve", "404", "--on"], "needs a value"),
        (["reserve", "404", "--known-on", "yesterday"], "--known-on 'yesterday'"),
        (["budget"], "needs --year"),
        (["budget", "--year", "twenty"], "--year 'twenty'"),
        (["append", "--expect-head", "abc"], "not a SHA-256 hash"),
        (["append", "--expect-seq", "-1"], "--expect-seq '-1'"),
    ])
    func malformedArgumentsAreUsageErrors(_ arguments: [String], _ message: String) throws {
        // A command that writes is given a copy: were the check to let it through, events/ stays as it is.
        let temp = try TemporaryFolder("usage-errors")
        let events = CLI.writes(arguments) ? try temp.copyOfShippedEvents() : Repository.shippedEvents
        let r = CLI.run(arguments + ["--events", events])
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
    }

    /// The real binary, from the repository and from elsewhere with $REGISTER_EVENTS.
    @Test func theDefaultStoreIsTheRepositorysEventsFolder() throws {
        let r = try CLIRunner.run(["verify"], directory: Repository.root)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("ok: "))
        let viaEnv = try CLIRunner.run(["verify", "--json"], environment: ["REGISTER_EVENTS": Repository.shippedEvents],
                                       directory: "/")
        #expect(viaEnv.json?["intact"] == .bool(true))
    }

    /// In-process the working directory is the context's, never this process's.
    @Test func theDefaultStoreIsFoundFromTheContextsWorkingDirectory() throws {
        let temp = try TemporaryFolder("cli-cwd")
        let events = try temp.copyOfShippedEvents()
        try FileManager.default.removeItem(atPath: events + "/00000029-source-document.json")
        let here = CLI.run(["verify", "--json"], directory: temp.root)
        #expect(here.json?["events"]?.integer == 28, "\(here.stdout)\(here.stderr)")
        let nested = try temp.folder("some/where/deeper")
        #expect(CLI.run(["verify", "--json"], directory: nested).json?["events"]?.integer == 28)
        let viaEnv = CLI.run(["verify", "--json"], environment: ["REGISTER_EVENTS": Repository.shippedEvents], directory: temp.root)
        #expect(viaEnv.json?["events"]?.integer == 29)
    }

    @Test func aMissingEventsFolderIsAClearFailure() throws {
        let r = CLI.run(["verify", "--events", "/nonexistent/events"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("/nonexistent/events does not exist; name the register's events folder with --events DIR"))
    }

    /// A file or a pipe where the events folder should be is named for what it is (it was "does
    /// not exist; create it", which invites starting an empty register beside a real one).
    @Test func anEventsFolderThatIsNotAFolderIsNamedForWhatItIs() throws {
        let temp = try TemporaryFolder("not-a-folder")
        let file = temp.path("events"), pipe = temp.path("pipe")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(mkfifo(pipe, 0o644) == 0)
        for (path, kind) in [(file, "regular file"), (pipe, "named pipe")] {
            for question in [["verify"], ["reserve", "404"], ["append", "-"]] {
                let r = CLI.run(question + ["--events", path], stdin: eventJSON())
                #expect(r.status != 0)
                #expect(r.stderr.contains("the events folder \(path) is a \(kind), not a folder"), "\(question): \(r.stderr)")
            }
        }
    }
}
