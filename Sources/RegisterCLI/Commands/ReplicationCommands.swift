import Replication
import EventStore
import Foundation
import Projections

/// `register publish`: pushes the local events that are not yet published to the remote's `main`.
struct PublishCommand: Command {
    static let name = "publish"
    static let spec = CommandSpec(
        name: name, abstract: "Publish local events to the shared repository (git push to main, retrying after others).",
        arguments: "[--remote NAME] [--json]",
        options: [OptionSpec(name: "--remote", valueName: "NAME", help: "The git remote of the shared bare repository (default: origin)."), .json],
        discussion: """
            Fetches the remote's main and checks it purely extends what this replica published before. When
            someone else published first, the unpublished local events are renumbered after the new remote head
            and re-chained (nobody holds their hashes yet), then pushed again, at most 5 times. Published events
            are never rewritten. A remote that rewrote published history is refused (see 'register sync').
            """,
        examples: ["register publish", "register publish --remote archive --json"])

    let remote: String
    let json: Bool
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.isEmpty else { throw .usage("publish takes no arguments", command: Self.name) }
        remote = try arguments.value("--remote", command: Self.name) ?? "origin"
        json = arguments.flag("--json")
        store = try context.store(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let report = try Replica(store: store, remote: remote).publish(policy: DomainPolicy())
        ReplicationOutput.print(report, verb: "published", json: json, context: context)
        return .ok
    }
}

/// `register sync`: fetches and moves onto the remote's history, only after verifying it.
struct SyncCommand: Command {
    static let name = "sync"
    static let spec = CommandSpec(
        name: name, abstract: "Fetch the shared history and move onto it, after verifying it is a pure append.",
        arguments: "[--remote NAME] [--json]",
        options: [OptionSpec(name: "--remote", valueName: "NAME", help: "The git remote (default: origin)."), .json],
        discussion: """
            Refuses, and changes nothing locally, when the remote rewrote, dropped or forked history this replica
            already had: the message names the first differing event. This is how a clerk or an auditor detects a
            split view. Unpublished local events are renumbered after the remote's events.
            """,
        examples: ["register sync", "register sync --remote accountant"])

    let remote: String
    let json: Bool
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.isEmpty else { throw .usage("sync takes no arguments", command: Self.name) }
        remote = try arguments.value("--remote", command: Self.name) ?? "origin"
        json = arguments.flag("--json")
        store = try context.store(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let report = try Replica(store: store, remote: remote).sync(policy: DomainPolicy())
        ReplicationOutput.print(report, verb: "synced", json: json, context: context)
        return .ok
    }
}

enum ReplicationOutput {
    static func print(_ r: Replica.Report, verb: String, json: Bool, context: CommandContext) {
        if json {
            context.printJSON(.object(["received": JSONValue(r.received), "rechained": JSONValue(r.rechained), "published": JSONValue(r.published),
                                       "attempts": JSONValue(r.attempts), "head": .string(r.head)]))
        } else {
            let l = context.language
            context.print(l.text("{1}: {2} event(s) received, {3} local event(s) renumbered", l.text(verb), r.received, r.rechained)
                          + (verb == "published" ? ", " + l.text("{1} published in {2} attempt(s)", r.published, r.attempts) : "")
                          + (r.head.isEmpty ? "" : "; " + l.text("head {1}", r.head.prefix(12))))
        }
    }
}

/// `register install-hook BARE_REPO`: a pre-receive hook that refuses anything but pure appends.
struct InstallHookCommand: Command {
    static let name = "install-hook"
    static let spec = CommandSpec(
        name: name, abstract: "Install a pre-receive hook in a bare repository that refuses anything but appended events.",
        arguments: "BARE_REPO [--folder PATH]",
        options: [OptionSpec(name: "--folder", valueName: "PATH", help: "The events folder inside the repository (default: events).")],
        discussion: """
            The hook refuses a push to main that modifies, deletes or renames an existing event file, breaks the chain,
            leaves a gap or a duplicate in the sequence, adds an unreadable or invalid event, or is not a fast-forward.
            It also refuses a checkpoint-* tag that does not match the history it points at, or that moves or deletes one.
            Its message names the file and the reason; git shows it to the pusher. It runs this register binary.
            """,
        examples: ["register install-hook /srv/git/dordrecht-register.git"])

    let bare: String
    let folder: String

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count == 1 else { throw .usage("install-hook needs the bare repository's path", command: Self.name) }
        bare = arguments.positionals[0]
        folder = try arguments.value("--folder", command: Self.name) ?? "events"
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let hooks = URL(fileURLWithPath: bare).appendingPathComponent("hooks")
        guard FileManager.default.fileExists(atPath: URL(fileURLWithPath: bare).appendingPathComponent("objects").path) else {
            throw CLIError.refused("\(bare) is not a bare git repository (no objects folder)")
        }
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        let binary = URL(fileURLWithPath: context.executablePath).resolvingSymlinksInPath().path
        guard binary.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: binary) else {
            throw CLIError.failure("cannot tell where this register binary is ('\(binary)' is not an executable file); "
                                   + "run install-hook with the binary's full path, e.g. /usr/local/bin/register install-hook \(bare)")
        }
        let script = """
            #!/bin/sh
            # Installed by 'register install-hook': refuse any push to main that is not a pure append of events,
            # and any checkpoint-* tag that does not match the history it points at.
            exec \(Self.shellQuoted(binary)) check-push --folder \(Self.shellQuoted(folder))

            """
        let hook = hooks.appendingPathComponent("pre-receive")
        try script.write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        context.print(context.language.text("installed {1}: pushes to main must only append valid events to {2}/ (hook runs {3})", hook.path, folder, binary))
        return .ok
    }

    /// `text` as one word for `sh`: in single quotes, each `'` written as `'\''`.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// `register check-push`: the body of the pre-receive hook (reads `old new ref` lines on standard input).
struct CheckPushCommand: Command {
    static let name = "check-push"
    static let spec = CommandSpec(
        name: name, abstract: "Check a push (run by the pre-receive hook; reads 'old new ref' lines).",
        arguments: "[--folder PATH]",
        options: [OptionSpec(name: "--folder", valueName: "PATH", help: "The events folder inside the repository (default: events).")],
        discussion: """
            Exit 0 accepts the push; exit 1 refuses it with a message naming the file and the reason. A checkpoint-* tag
            is accepted only as a new annotated tag whose checkpoint (count, root, head) is that of the history it points
            at, on a commit in main's history.
            """,
        examples: ["echo \"$old $new refs/heads/main\" | register check-push"])

    let folder: String

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        folder = try arguments.value("--folder", command: Self.name) ?? "events"
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let gitDir = context.environment["GIT_DIR"].map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? context.currentDirectory
        let repository = GitRepository(path: gitDir)
        let check = AppendOnlyCheck(repository: repository, folder: folder)
        // git's "no object": 40 zeros, or 64 in a SHA-256 repository.
        func isZero(_ id: String) -> Bool { id.utf8.allSatisfy { $0 == UInt8(ascii: "0") } }
        var updates: [[String]] = []
        // Every line must be an update git could have sent: a hook refuses what it cannot read.
        for (number, line) in String(decoding: context.readStandardInput(), as: UTF8.self).split(separator: "\n").enumerated() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, fields[0].isObjectID, fields[1].isObjectID, !fields[2].isEmpty,
                  fields[2].utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
                let refusal = ReplicationError.unreadableUpdate(line: number + 1, text: String(line))
                context.writeError("register: " + context.language.text("refused: {1}", context.language.message("\(refusal)")) + "\n")
                return .failure
            }
            updates.append(fields)
        }
        // main first: a checkpoint tag is judged against main as this push leaves it.
        var main = repository.commit("refs/heads/main")
        for update in updates where update[2] == "refs/heads/main" {
            let (old, new) = (update[0], update[1])
            if isZero(new) {
                context.writeError("register: " + context.language.text("refused: deleting main would drop the published history") + "\n")
                return .failure
            }
            do {
                let added = try check.added(from: isZero(old) ? nil : old, to: new, policy: DomainPolicy(),
                                            names: NamesIndex(folder: gitDir + "/register/names"))
                context.writeError("register: " + context.language.text("accepted {1} new event(s)", added.count) + "\n")
            } catch {
                context.writeError("register: " + context.language.text("refused: {1}", context.language.message("\(error)")) + "\n")
                return .failure
            }
            main = new
        }
        for update in updates where update[2].hasPrefix("refs/tags/" + CheckpointTag.prefix) {
            let (old, new, name) = (update[0], update[1], String(update[2].dropFirst("refs/tags/".count)))
            do {
                guard isZero(old) else {
                    throw ReplicationError.checkpointTagInvalid(tag: name, reason: "a published checkpoint is never moved or deleted")
                }
                guard let tag = try CheckpointTag.read(name, object: new, in: repository) else {
                    throw ReplicationError.checkpointTagInvalid(tag: name, reason: "the pushed object \(new.prefix(12)) cannot be read")
                }
                try tag.check(in: repository, folder: folder, main: main)
                context.writeError("register: " + context.language.text("accepted checkpoint tag {1}", name) + "\n")
            } catch {
                context.writeError("register: " + context.language.text("refused: {1}", context.language.message("\(error)")) + "\n")
                return .failure
            }
        }
        return .ok
    }
}

private extension String {
    /// 40 (SHA-1) or 64 (SHA-256) lower-case hex digits, as git writes an object id.
    var isObjectID: Bool {
        (utf8.count == 40 || utf8.count == 64) && utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
