import TestSupport
import EventStore
import Foundation
import Testing
@testable import RegisterCLI

/// The real process's standard streams (`StandardStreams`), through the built binary: input is
/// read only up to its limit, and a reader that goes away ends a command quietly.
@Suite struct StandardStreamsTests {
    /// An endless input (`/dev/zero`) under a memory limit of about 400 MB: reading all of it before
    /// checking the 1 MiB limit ran out of memory; reading at most limit + 1 bytes refuses at once.
    @Test func anEndlessStandardInputIsRefusedAfterTheLimitWithoutReadingOn() throws {
        let temp = try TemporaryFolder("stdin-limit")
        let store = try temp.copyOfShippedEvents()
        let before = try digest(of: store)
        let script = #"ulimit -v 400000; cat /dev/zero | timeout 60 "$0" append - --events "$1"; echo "status=$?" >&2"#
        let r = try runProcess("/bin/sh", ["-c", script, CLIRunner.binary, store])
        #expect(r.stderr.contains("status=3"), "\(r.stderr)")
        #expect(r.stderr.contains("standard input is more than 1048576 bytes"), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
        #expect(try digest(of: store) == before)
    }

    /// In process: the append asks for exactly one byte more than an event may be, never more.
    @Test func appendAsksForAtMostOneByteMoreThanTheLimit() throws {
        let temp = try TemporaryFolder("stdin-limit")
        let store = try temp.copyOfShippedEvents()
        final class Asked: @unchecked Sendable { var limits: [Int] = [] }
        let asked = Asked()
        var errors = ""
        let context = CommandContext(
            environment: [:], currentDirectory: CLI.nowhere, executablePath: CLIRunner.binary,
            readStandardInput: { limit in asked.limits.append(limit); return [UInt8](repeating: 0x20, count: min(limit, 5 << 20)) },
            writeOut: { _ in }, writeError: { errors += $0 }, isInteractive: false, showsProgress: false, readLine: { nil })
        let status = RegisterCommandLine.run(["append", "-", "--events", store], context: context)
        #expect(status == 3)
        #expect(asked.limits == [EventStore.maximumEventBytes + 1])
        #expect(errors.contains("standard input is more than 1048576 bytes"), "\(errors)")
    }

    @Test func aFileLongerThanTheLimitIsRefusedToo() throws {
        let temp = try TemporaryFolder("stdin-limit")
        let store = try temp.copyOfShippedEvents()
        let file = temp.path("big.json")
        try writeBytes([UInt8](repeating: 0x20, count: 3 << 20), to: file)
        let r = CLI.run(["append", file, "--events", store])
        #expect(r.status == 3)
        #expect(r.stderr.contains("big.json is more than 1048576 bytes"), "\(r.stderr)")
    }

    /// `register log | head -c 10` with SIGPIPE ignored (as systemd starts services): the write
    /// to the closed pipe fails with EPIPE, and the command stops with 141, no message, no backtrace.
    @Test(arguments: [["log"], ["log", "--json"], ["log", "--csv"], ["export", "--format", "json"]])
    func aReaderThatGoesAwayEndsTheCommandQuietly(_ command: [String]) throws {
        let temp = try TemporaryFolder("epipe")
        let store = try temp.folder()
        try writeHistory(count: 3000, into: store) // far more than a pipe holds (64 KiB)
        let arguments = command.map { "'\($0)'" }.joined(separator: " ")
        let script = #"trap "" PIPE; ( "$0" "# + arguments + #" --events "$1"; echo "status=$?" >&2 ) | head -c 10 > /dev/null"#
        let r = try runProcess("/bin/sh", ["-c", script, CLIRunner.binary, store])
        #expect(r.stderr.contains("status=141"), "\(r.stderr)")
        #expect(!r.stderr.contains("register: error"), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"), "\(r.stderr)")
        #expect(!r.stderr.lowercased().contains("backtrace"), "\(r.stderr)")
    }
}
