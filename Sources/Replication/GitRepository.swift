import EventStore
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

    /// Given to every git command: no automatic `gc` or maintenance. Git starts those in the
    /// background after a commit, fetch or push; on a large register a repack takes minutes, and
    /// a publish must neither wait for one nor leave one running. Keep repositories packed with
    /// `git maintenance start` or a scheduled `git gc` instead (see README). Passed on to the
    /// `receive-pack` of a local push through git's own configuration environment.
    static let options = ["-c", "gc.auto=0", "-c", "maintenance.auto=false"]

    /// The environment every git process gets: this process's, with git's messages in English
    /// (`LC_ALL=C`, `LANG=C`, no `LANGUAGE`), because replication reads some of them (a missing
    /// remote ref, a hook's refusal) and a Dutch or German git would say them otherwise; no
    /// terminal prompts; no `GIT_DIR`/`GIT_WORK_TREE` (inside a hook git sets `GIT_DIR` relative to
    /// the hook, and `-C path` says which repository; `GIT_OBJECT_DIRECTORY` and the quarantine
    /// variables stay, a pre-receive hook needs them); then `extra`.
    public static func environment(_ extra: [String: String] = [:],
                                   base: [String: String] = ProcessEnvironment.all()) -> [String: String] {
        var env = base
        env["GIT_TERMINAL_PROMPT"] = "0"
        env.removeValue(forKey: "GIT_DIR")
        env.removeValue(forKey: "GIT_WORK_TREE")
        env.merge(extra) { $1 }
        env["LC_ALL"] = "C"
        env["LANG"] = "C"
        env.removeValue(forKey: "LANGUAGE")
        return env
    }

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
        let outcome = try runGit(["-C", path] + Self.options + arguments, input: input, environment: environment)
        return (outcome.status, String(decoding: outcome.output, as: UTF8.self), outcome.errorText)
    }

    private func runGit(_ arguments: [String], input: [UInt8]?, environment: [String: String] = [:]) throws -> ChildProcess.Outcome {
        do {
            return try ChildProcess.run("git", arguments, environment: Self.environment(environment), input: input)
        } catch {
            throw GitError(arguments: arguments, status: -1, message: "cannot run git (install the git package): \(error)")
        }
    }

    /// How a push ended (`git push --porcelain`, which says per ref what happened, in words meant for programs).
    public enum PushResult: Equatable, Sendable {
        case pushed
        /// The remote's ref moved on since it was fetched (`[rejected] (fetch first)` or
        /// `(non-fast-forward)`): someone else pushed first; fetching and trying again may work.
        case lostRace(String)
        /// The remote refused the update itself (`[remote rejected]`, e.g. its pre-receive hook
        /// declined): trying again changes nothing. `messages` are the remote's own lines (git's
        /// `remote:` lines: what the hook printed).
        case refused(reason: String, messages: [String])

        /// Reads a finished `git push --porcelain`; nil when the push failed before any ref was judged
        /// (no such remote, no network): then git's standard error is the message.
        public static func parse(status: Int32, output: String, error: String) -> PushResult? {
            let messages = error.split(whereSeparator: \.isNewline).compactMap { line -> String? in
                guard line.hasPrefix("remote:") else { return nil }
                let text = line.dropFirst("remote:".count).trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            // Per ref: "<flag>\t<from>:<to>\t<summary> (<reason>)"; "!" is a ref that was not updated.
            var verdicts: [PushResult] = []
            for line in output.split(whereSeparator: \.isNewline) {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count >= 3, fields[0].count == 1 else { continue }
                guard fields[0] == "!" else { verdicts.append(.pushed); continue }
                let summary = String(fields[2])
                let reason = summary.firstIndex(of: "(").map { String(summary[summary.index(after: $0)...].dropLast()) } ?? summary
                if summary.hasPrefix("[rejected]"), reason == "fetch first" || reason == "non-fast-forward" {
                    verdicts.append(.lostRace(reason))
                } else {
                    verdicts.append(.refused(reason: reason, messages: messages))
                }
            }
            if status == 0 && (verdicts.isEmpty || verdicts.allSatisfy { $0 == .pushed }) { return .pushed }
            // A refusal outweighs a lost race: retrying would be refused again.
            return verdicts.first { if case .refused = $0 { true } else { false } } ?? verdicts.first { $0 != .pushed }
        }
    }

    /// Pushes `refspec` to `remote` and says how it went; throws `GitError` when git could not push at all.
    public func push(_ refspec: String, to remote: String) throws -> PushResult {
        let result = try runAllowingFailure(["push", "--porcelain", remote, refspec])
        guard let outcome = PushResult.parse(status: result.status, output: result.output, error: result.error) else {
            throw GitError(arguments: ["push", remote, refspec], status: result.status,
                           message: result.error.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return outcome
    }

    /// The blob ids of the files in `folder` and its subfolders at `revision`, by path inside
    /// `folder` (`0001/00012345-x.json`); empty when absent. Reads the whole tree: for a first
    /// push only; the other checks compare trees with `changes`.
    public func blobs(at revision: String, folder: String) throws -> [String: String] {
        try entries(["ls-tree", "-r", "-z", revision + ":" + folder])
    }

    /// The entries directly in `folder` at `revision` (files and subfolders), by name; empty when absent.
    public func children(at revision: String, folder: String) throws -> [String: String] {
        try entries(["ls-tree", "-z", revision + ":" + folder], kinds: ["blob", "tree"])
    }

    private func entries(_ arguments: [String], kinds: Set<Substring> = ["blob"]) throws -> [String: String] {
        let listing = try runAllowingFailure(arguments)
        guard listing.status == 0 else { return [:] }
        var result: [String: String] = [:]
        for entry in listing.output.split(separator: "\0") {
            // "<mode> <type> <object>\t<name>"
            guard let tab = entry.firstIndex(of: "\t") else { continue }
            let fields = entry[..<tab].split(separator: " ")
            guard fields.count == 3, kinds.contains(fields[1]) else { continue }
            result[String(entry[entry.index(after: tab)...])] = String(fields[2])
        }
        return result
    }

    /// One file that differs between two revisions (`git diff-tree`).
    public struct Change: Equatable, Sendable {
        /// `A` added, `M` modified, `D` deleted, `T` changed type.
        public let status: Character
        /// The path inside the compared folder.
        public let path: String
        /// Its mode in the new revision (`100644`, `120000` for a symbolic link, `000000` when deleted).
        public let mode: String

        /// Whether the new revision has a symbolic link (or a submodule) there, not a file.
        public var isLink: Bool { Self.linkModes.contains(mode) }
        static let linkModes: Set<String> = ["120000", "160000"]
    }

    /// The symbolic links (and submodules) in `folder` and its subfolders at `revision`, by path
    /// inside `folder`: an events folder holds files only.
    public func links(at revision: String, folder: String) throws -> [String] {
        let listing = try runAllowingFailure(["ls-tree", "-r", "-z", revision + ":" + folder])
        guard listing.status == 0 else { return [] }
        return listing.output.split(separator: "\0").compactMap { entry in
            // "<mode> <type> <object>\t<name>"
            guard let tab = entry.firstIndex(of: "\t"), let mode = entry[..<tab].split(separator: " ").first,
                  Change.linkModes.contains(String(mode)) else { return nil }
            return String(entry[entry.index(after: tab)...])
        }.sorted()
    }

    /// The files under `folder` that differ between two revisions. Git skips every subtree whose id
    /// is unchanged, so with a sharded events folder the cost follows what changed, not the history's size.
    public func changes(from old: String, to new: String, folder: String) throws -> [Change] {
        let output = try run(["diff-tree", "-r", "-z", "--no-renames", old, new, "--", folder])
        var result: [Change] = []
        var fields = output.split(separator: "\0", omittingEmptySubsequences: false)[...]
        let prefix = folder + "/"
        // Records are ":<modes> <ids> <status>\0<path>\0".
        while let header = fields.popFirst(), header.hasPrefix(":"), let path = fields.popFirst() {
            let parts = header.split(separator: " ")
            guard let status = parts.last?.first, parts.count >= 2 else { continue }
            let inside = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : String(path)
            result.append(Change(status: status, path: inside, mode: String(parts[1])))
        }
        return result
    }

    /// The commit a ref points at, or nil.
    public func commit(_ ref: String) -> String? {
        guard let r = try? runAllowingFailure(["rev-parse", "--verify", "-q", ref + "^{commit}"]), r.status == 0 else { return nil }
        return r.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The exact bytes of many files at a revision, in the order asked, from one `git cat-file --batch`
    /// process (one process per file would cost more than the check itself for a large push).
    public func show(_ revision: String, files: [String]) throws -> [[UInt8]] {
        guard !files.isEmpty else { return [] }
        let request = Array(files.map { revision + ":" + $0 + "\n" }.joined().utf8)
        let outcome = try runGit(["-C", path] + Self.options + ["cat-file", "--batch"], input: request)
        let output = outcome.output
        // Each answer is "<id> blob <size>\n<bytes>\n", or "<name> missing\n".
        var result: [[UInt8]] = []
        var position = 0
        for file in files {
            guard let newline = output[position...].firstIndex(of: UInt8(ascii: "\n")) else {
                throw GitError(arguments: ["cat-file", "--batch"], status: outcome.status, message: "\(file): no answer")
            }
            let header = String(decoding: output[position..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, header[1] == "blob", let size = Int(header[2]), newline + 1 + size <= output.count else {
                throw GitError(arguments: ["cat-file", "--batch"], status: outcome.status, message: "\(file): not a file at \(revision)")
            }
            result.append(Array(output[(newline + 1)..<(newline + 1 + size)]))
            position = newline + 1 + size + 1
        }
        return result
    }

    /// The exact bytes of a file at a revision.
    public func show(_ revision: String, _ file: String) throws -> [UInt8] {
        try show(revision, files: [file])[0]
    }
}

/// A git command that failed, with git's own message.
public struct GitError: Error, Equatable, Sendable, CustomStringConvertible {
    public let arguments: [String]
    public let status: Int32
    public let message: String
    public var description: String { "git \(arguments.joined(separator: " ")) failed: \(message)" }
}
