import TestSupport
import Foundation
import Testing

/// Help, version, usage errors and exit codes, through the built binary.
@Suite struct CommandLineTests {
    @Test func helpListsEveryCommandOnStdout() throws {
        let r = try CLIRunner.run(["--help"])
        #expect(r.status == 0)
        for command in ["reserve", "contract", "budget", "timeline", "subjects", "audit", "append", "verify", "log"] {
            #expect(r.stdout.contains("  \(command) "), "\(command) missing from --help")
        }
        #expect(r.stderr.isEmpty)
    }

    @Test(arguments: ["reserve", "contract", "budget", "timeline", "subjects", "audit", "append", "verify", "log"])
    func everyCommandHasHelpWithUsageAndExamples(_ command: String) throws {
        let viaHelp = try CLIRunner.run(["help", command])
        let viaFlag = try CLIRunner.run([command, "--help"])
        #expect(viaHelp.status == 0 && viaFlag.status == 0)
        #expect(viaHelp.stdout == viaFlag.stdout)
        #expect(viaHelp.stdout.contains("USAGE: register \(command)"))
        #expect(viaHelp.stdout.contains("EXAMPLES:"))
    }

    @Test func versionPrintsTheVersion() throws {
        let r = try CLIRunner.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("register "))
    }

    @Test func anUnknownCommandIsAUsageErrorWithASuggestion() throws {
        let r = try CLIRunner.run(["reserv", "404"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("unknown command 'reserv'. Did you mean 'reserve'?"))
    }

    @Test func anUnknownOptionIsAUsageErrorThatQuotesTheToken() throws {
        let r = try CLIRunner.run(["verify", "--jsno", "--events", CLIRunner.shippedEvents])
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
        let r = try CLIRunner.run(arguments + ["--events", CLIRunner.shippedEvents])
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
    }

    @Test func theDefaultStoreIsTheRepositorysEventsFolder() throws {
        let r = try CLIRunner.run(["verify"], directory: CLIRunner.packageRoot.path)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("ok: "))
        let viaEnv = try CLIRunner.run(["verify", "--json"], environment: ["REGISTER_EVENTS": CLIRunner.shippedEvents],
                                       directory: FileManager.default.temporaryDirectory.path)
        #expect(viaEnv.json?["intact"] == .bool(true))
    }

    @Test func aMissingEventsFolderIsAClearFailure() throws {
        let r = try CLIRunner.run(["verify", "--events", "/nonexistent/events"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("/nonexistent/events does not exist"))
    }
}
