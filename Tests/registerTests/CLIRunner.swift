import TestSupport
import EventStore
import Foundation

/// Runs the built `register` binary end to end and captures what a user would see.
struct CLIResult {
    let status: Int32
    let stdout: String
    let stderr: String

    var json: JSONValue? { try? JSONParser.parse(stdout) }
}

enum CLIRunner {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shippedEvents = packageRoot.appendingPathComponent("events").path

    /// The `register` executable built beside the test bundle.
    static let binary: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("register").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/register").path
    }()

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    directory: String? = nil, executable: String? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? binary)
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
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A copy of the shipped history in a fresh temporary folder, for tests that append.
    static func copyOfShippedStore() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("register-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("events").path
        try FileManager.default.copyItem(atPath: shippedEvents, toPath: target)
        return target
    }

    static func emptyStore() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("register-cli-\(UUID().uuidString)/events")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    /// A digest of every file name and byte in a folder, to prove it did not change.
    static func digest(_ folder: String) throws -> String {
        var hasher = SHA256()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            hasher.update(Array(name.utf8))
            hasher.update(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
        }
        return hasher.finalize().hex
    }
}

/// A valid append input, for tests to vary.
func eventJSON(type: String = "decision-taken", effective: String = "2023-01-10", id: String? = nil,
               payload: String = #"{"decision": "2023-0000001", "body": "college", "date": "2023-01-10"}"#) -> String {
    let idPart = id.map { #""id": "\#($0)", "# } ?? ""
    return #"{\#(idPart)"type": "\#(type)", "schemaVersion": 1, "effectiveDate": "\#(effective)", "actor": "griffie:test", "source": {"document": "test.txt", "zaaknummer": null}, "payload": \#(payload)}"#
}

/// Runs the `git` binary (with a test identity) and returns what it printed.
@discardableResult
func runGit(_ arguments: [String], in directory: String? = nil) throws -> CLIResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git"] + (directory.map { ["-C", $0] } ?? []) + arguments
    p.environment = ProcessInfo.processInfo.environment.merging(ReplicationTests.identity) { $1 }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return CLIResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}
