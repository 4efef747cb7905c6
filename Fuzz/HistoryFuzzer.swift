// libFuzzer entry point over whole histories (scripts/fuzz.sh builds it with the library modules).
//
// Each input becomes a short history of mixed events that refer to each other
// (Tests/TestSupport/HistoryGenerator.swift, shared with the seeded HistoryFuzzTests), appended to
// an empty temporary store through the real append path with the domain's policy; then six of the
// questions the generator lists (queries in every format, timelines, the audit, the report, the
// exports, log, verify, a proof), picked by the input's next bytes, run in-process through
// RegisterCommandLine, output discarded. (All of them for every input ran 5 inputs a second.)
// A trap, a crash or a sanitizer report is a bug; so is a command that ends with a status it does
// not allow, or fails without saying "register: error:" (reported as a trap, so libFuzzer keeps it).

import EventStore
import Foundation
import Projections
import RegisterCLI

/// Where the temporary stores go: `REGISTER_FUZZ_WORK` (scripts/fuzz.sh makes one in memory and
/// removes it after the run, also what a crashing input left), else the temporary directory.
let fuzzBase = ProcessInfo.processInfo.environment["REGISTER_FUZZ_WORK"] ?? NSTemporaryDirectory()

/// `REGISTER_FUZZ_AMOUNTS=up-to-the-cap` leaves out the tables whose sum overflows an Int64 (once
/// a trap, now a refusal or an error that says so), so a run spends its time on other inputs; the
/// default is `anything`.
let amounts = ProcessInfo.processInfo.environment["REGISTER_FUZZ_AMOUNTS"].flatMap(HistoryGenerator.Amounts.init(rawValue:)) ?? .anything

/// What a command wrote to standard error (its output is discarded).
final class Captured: @unchecked Sendable { var error = "" }

/// Recorded instants one second apart, so every input's history is the same history.
final class Ticker: @unchecked Sendable {
    var milliseconds: Int64 = 1_795_444_037_123
    @Sendable func next() -> RecordedInstant {
        milliseconds += 1000
        return RecordedInstant(millisecondsSinceEpoch: milliseconds)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHistory(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var generator = HistoryGenerator(bytes: bytes, amounts: amounts)
    let root = fuzzBase + "/register-fuzz-history-\(getpid())"
    try? FileManager.default.removeItem(atPath: root)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let events = root + "/events"
    guard (try? FileManager.default.createDirectory(atPath: events, withIntermediateDirectories: true)) != nil else { return 0 }
    let clock = Ticker()
    let store = EventStore(directory: events, clock: clock.next)
    for draft in generator.drafts { _ = try? store.append(draft, policy: DomainPolicy()) }
    for command in generator.chosenCommands(events: events, scratch: root, count: 6) {
        let captured = Captured()
        let context = CommandContext(environment: [:], currentDirectory: "/nonexistent/register-fuzz", executablePath: "/nonexistent/register",
                                     readStandardInput: { _ in [] }, writeOut: { _ in }, writeError: { captured.error += $0 },
                                     isInteractive: false, showsProgress: false, readLine: { nil })
        let status = RegisterCommandLine.run(command.arguments, context: context)
        if !command.allowedStatuses.contains(status) {
            fatalError("'\(command)' exited \(status): \(captured.error)")
        }
        // A refusal is a message: `register: error: …`, or with --json one JSON line `{"error":{…}}`.
        let expected = command.arguments.contains("--json") ? "{\"error\":" : "register: error: "
        if status != 0 && !captured.error.isEmpty && !captured.error.hasPrefix(expected) {
            fatalError("'\(command)' failed without '\(expected)': \(captured.error)")
        }
    }
    return 0
}
