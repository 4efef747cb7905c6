import TestSupport
import EventStore
import Foundation
@testable import RegisterCLI

/// What a user would see from one `register` command line.
typealias CLIResult = CommandResult

/// Runs `register` command lines in this process, through `RegisterCommandLine.run` with a
/// `CommandContext` over buffers: no process is started, nothing global is read or changed.
///
/// The environment is exactly `environment` (not this process's) and the working directory is
/// `directory`, a folder that does not exist unless given; so a command finds its store through
/// `--events` or `REGISTER_EVENTS` (or the repository's `events/` beside the built binary, as the
/// real binary does from anywhere, for commands that only read).
enum CLI {
    /// A working directory with no events folder in or above it.
    static let nowhere = "/nonexistent/register-tests"

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    directory: String = nowhere, interactive: Bool = false) -> CLIResult {
        precondition(!writes(arguments) || arguments.contains("--events") || arguments.contains("--help") || environment["REGISTER_EVENTS"] != nil,
                     "a test must name the store it writes to (never the repository's events/): \(arguments)")
        precondition(!mayWrite(arguments) || !namesShippedEvents(arguments, environment: environment),
                     "a test writes to a copy of the shipped history (copyOfShippedEvents), never to events/ itself: \(arguments)")
        let out = Output(), err = Output()
        var lines = (stdin ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        if lines.last == "" { lines = lines.dropLast() }
        let context = CommandContext(
            environment: environment, currentDirectory: directory, executablePath: CLIRunner.binary,
            readStandardInput: { Array((stdin ?? "").utf8.prefix($0)) },
            writeOut: { out.text += $0 }, writeError: { err.text += $0 },
            isInteractive: interactive, showsProgress: false,
            readLine: { lines.popFirst() })
        let status = RegisterCommandLine.run(arguments, context: context)
        return CLIResult(status: status, stdout: out.text, stderr: err.text)
    }

    /// Whether a command line names the repository's own `events/` (through `--events` or
    /// `REGISTER_EVENTS`), however the path is spelled.
    static func namesShippedEvents(_ arguments: [String], environment: [String: String]) -> Bool {
        let shipped = URL(fileURLWithPath: Repository.shippedEvents).standardizedFileURL.resolvingSymlinksInPath().path
        var named = environment["REGISTER_EVENTS"].map { [$0] } ?? []
        for (i, argument) in arguments.enumerated() where argument == "--events" && i + 1 < arguments.count { named.append(arguments[i + 1]) }
        return named.contains { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path == shipped }
    }

    /// Whether this command line can change its events folder: a writing command, except in
    /// the forms that write nothing (`draft --compare`, `record --dry-run`, `--help`).
    static func mayWrite(_ arguments: [String]) -> Bool {
        guard writes(arguments), !arguments.contains("--help") else { return false }
        switch arguments.first {
        case "draft": return !arguments.contains("--compare")
        case "record": return !arguments.contains("--dry-run")
        default: return true
        }
    }

    /// The commands that can change an events folder.
    static func writes(_ arguments: [String]) -> Bool {
        ["append", "record", "draft", "publish", "sync"].contains(arguments.first ?? "")
    }

    private final class Output { var text = "" }
}

/// Runs the built `register` binary end to end, as a separate process: for what only a real
/// process shows (exit codes as the shell sees them, standard input from a pipe, signals, git
/// running the hook, crashes).
enum CLIRunner {
    /// The `register` executable built beside the test bundle.
    static let binary: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("register").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return Repository.root + "/.build/debug/register"
    }()

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    directory: String? = nil, executable: String? = nil) throws -> CLIResult {
        precondition(!CLI.mayWrite(arguments) || !CLI.namesShippedEvents(arguments, environment: environment),
                     "a test writes to a copy of the shipped history (copyOfShippedEvents), never to events/ itself: \(arguments)")
        return try runProcess(executable ?? binary, arguments, stdin: stdin.map { Array($0.utf8) }, environment: environment,
                       directory: directory)
    }
}

/// A valid append input, for tests to vary.
func eventJSON(type: String = "decision-taken", effective: String = "2023-01-10", id: String? = nil,
               payload: String = #"{"decision": "2023-0000001", "body": "college", "date": "2023-01-10"}"#) -> String {
    let idPart = id.map { #""id": "\#($0)", "# } ?? ""
    return #"{\#(idPart)"type": "\#(type)", "schemaVersion": 1, "effectiveDate": "\#(effective)", "actor": "griffie:test", "source": {"document": "test.txt", "zaaknummer": null}, "payload": \#(payload)}"#
}
