import Foundation
import EventStore

/// What a command printed and how it ended: from a child process, or from a command run in-process.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Standard output parsed as JSON, or nil.
    public var json: JSONValue? { try? JSONParser.parse(stdout) }
}

/// Runs a program to its end and captures what it printed.
///
/// The environment is this process's, minus `REGISTER_EVENTS` (so no test picks up a store by
/// accident), plus `environment`. Standard input is `stdin`, then end of file.
public func runProcess(_ executable: String, _ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:],
                       directory: String? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "REGISTER_EVENTS")
    env.merge(environment) { $1 }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    _ = ignoreSIGPIPE
    try process.run()
    // Input is written and standard error read on other threads, so a child that fills one pipe
    // while the test waits on another cannot stall. A child that exits without reading all of
    // its input makes the write fail (EPIPE); that ends the writer, never the test process.
    let errors = Collected()
    let finished = DispatchSemaphore(value: 0)
    let writer = Thread {
        try? input.fileHandleForWriting.write(contentsOf: stdin ?? [])
        try? input.fileHandleForWriting.close()
        finished.signal()
    }
    let reader = Thread {
        errors.data = err.fileHandleForReading.readDataToEndOfFile()
        finished.signal()
    }
    writer.start()
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    finished.wait()
    finished.wait()
    process.waitUntilExit()
    let errData = errors.data
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// Bytes one thread collects and another reads after a semaphore says it is done.
private final class Collected: @unchecked Sendable {
    var data = Data()
}

/// Set once: a write to a pipe whose reader is gone fails with EPIPE instead of killing the process.
private let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

/// An author and committer for the git commands tests run, and no zlib compression of objects:
/// the repositories tests make hold ten thousand event files, and compressing and inflating
/// them was most of the time of the replication suites (perf: three quarters of a sharded
/// publish-and-sync test was git in zlib).
public let gitIdentity = ["GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "t@example.org",
                          "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "t@example.org",
                          "GIT_CONFIG_COUNT": "2", "GIT_CONFIG_KEY_0": "core.compression", "GIT_CONFIG_VALUE_0": "0",
                          "GIT_CONFIG_KEY_1": "pack.compression", "GIT_CONFIG_VALUE_1": "0"]

/// Runs `git` (with the test identity, in `directory` when given) and returns what it printed.
@discardableResult
public func runGit(_ arguments: [String], in directory: String? = nil, stdin: [UInt8]? = nil) throws -> CommandResult {
    try runProcess("/usr/bin/env", ["git"] + (directory.map { ["-C", $0] } ?? []) + arguments, stdin: stdin, environment: gitIdentity)
}
