import TestSupport
import Foundation
import Testing
@testable import RegisterCLI

/// `register man`: a manual page with every command, read by man itself where it is installed.
@Suite struct ManCommandTests {
    @Test func thePageNamesEveryCommandAndItsOptions() {
        let r = CLI.run(["man"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix(".TH REGISTER 1"))
        for command in RegisterCommandLine.commands {
            #expect(r.stdout.contains(".SS \(ManCommand.roff(command.spec.name))"), "\(command.spec.name)")
            for option in command.spec.options { #expect(r.stdout.contains(ManCommand.roff(option.name)), "\(command.spec.name) \(option.name)") }
        }
    }

    @Test func aLineStartingWithADotIsGuarded() {
        #expect(ManCommand.roff(".hidden") == "\\&.hidden")
        #expect(ManCommand.roff("a\\b --x") == "a\\eb \\-\\-x")
    }

    /// Runs where man (man-db) is installed: it formats the page without a warning.
    @Test func manFormatsThePage() throws {
        guard try runProcess("/bin/sh", ["-c", "command -v man"]).status == 0 else { return }
        let temp = try TemporaryFolder("man")
        let page = temp.path("register.1")
        try writeBytes(Array(CLI.run(["man"]).stdout.utf8), to: page)
        let r = try runProcess("/usr/bin/env", ["man", "--warnings", "-l", "-P", "cat", page], environment: ["MANWIDTH": "100"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("verify-sources"), "\(r.stdout.prefix(500))")
        #expect(!r.stderr.contains("warning"), "\(r.stderr)")
    }
}
