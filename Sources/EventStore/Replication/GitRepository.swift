import Foundation

/// The `git` binary, run in one repository; every call is one process, nothing is linked in.
///
/// Git is the register's replication layer: a shared bare repository is the publication
/// point and updating its `main` is the compare-and-swap that orders appends made on
/// different machines. Errors carry git's own message.
public struct GitRepository: Sendable {
    /// The work tree (or, for a bare repository, the git directory).
    public let path: String

    public init(path: String) { self.path = path }

    /// The repository that contains `folder`, or nil when it is in none.
    public static func containing(_ folder: String) -> GitRepository? {
        guard let top = try? GitRepository(path: folder).run(["rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines),
              !top.isEmpty else { return nil }
        return GitRepository(path: top)
    }

    /// Runs git and returns its standard output; throws `GitError` with its standard error on failure.
    @discardableResult
    public func run(_ arguments: [String], input: [UInt8]? = nil, environment: [String: String] = [:]) throws -> String {
        let result = try runAllowingFailure(arguments, input: input, environment: environment)
        guard result.status == 0 else {
            throw GitError(arguments: arguments, status: result.status, message: result.error.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result.output
    }

    /// Runs git and returns status, standard output and standard error, whatever the status.
    public func runAllowingFailure(_ arguments: [String], input: [UInt8]? = nil,
                                   environment: [String: String] = [:]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", path] + arguments
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        // Inside a hook git sets GIT_DIR relative to the hook; `-C path` says which repository.
        // (GIT_OBJECT_DIRECTORY and the quarantine variables stay: a pre-receive hook needs them.)
        env.removeValue(forKey: "GIT_DIR")
        env.removeValue(forKey: "GIT_WORK_TREE")
        env.merge(environment) { $1 }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            throw GitError(arguments: arguments, status: -1, message: "cannot run git (install the git package): \(error)")
        }
        let writer = Thread {
            if let input { stdin.fileHandleForWriting.write(Data(input)) }
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// The blob ids of the files directly in `folder` at `revision`, by name; empty when absent.
    public func blobs(at revision: String, folder: String) throws -> [String: String] {
        let listing = try runAllowingFailure(["ls-tree", "-z", revision + ":" + folder])
        guard listing.status == 0 else { return [:] }
        var result: [String: String] = [:]
        for entry in listing.output.split(separator: "\0") {
            // "<mode> <type> <object>\t<name>"
            guard let tab = entry.firstIndex(of: "\t") else { continue }
            let fields = entry[..<tab].split(separator: " ")
            guard fields.count == 3, fields[1] == "blob" else { continue }
            result[String(entry[entry.index(after: tab)...])] = String(fields[2])
        }
        return result
    }

    /// The commit a ref points at, or nil.
    public func commit(_ ref: String) -> String? {
        guard let r = try? runAllowingFailure(["rev-parse", "--verify", "-q", ref + "^{commit}"]), r.status == 0 else { return nil }
        return r.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The exact bytes of a file at a revision.
    public func show(_ revision: String, _ file: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", path, "cat-file", "blob", revision + ":" + file]
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "GIT_DIR")
        env.removeValue(forKey: "GIT_WORK_TREE")
        process.environment = env
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let bytes = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitError(arguments: ["cat-file", "blob", revision + ":" + file], status: process.terminationStatus, message: "no such file")
        }
        return Array(bytes)
    }
}

/// A git command that failed, with git's own message.
public struct GitError: Error, Equatable, Sendable, CustomStringConvertible {
    public let arguments: [String]
    public let status: Int32
    public let message: String
    public var description: String { "git \(arguments.joined(separator: " ")) failed: \(message)" }
}
