import TestSupport
import EventStore
import Foundation
import Testing

/// Replication as people install it: the built `register` started from the PATH (by a shell, so
/// `argv[0]` is the bare name `register`), in a working directory of its own, with a clerk's
/// locale. The bare repository is seeded with the shipped history by one `git fast-import`.
@Suite(.serialized) struct InstalledReplicationTests {
    let temp: TemporaryFolder
    let bare: String
    /// A folder on the PATH holding `register` as a symlink to the built binary.
    let bin: String

    init() throws {
        temp = try TemporaryFolder("register-installed")
        bare = temp.path("shared.git")
        let shipped = try FileManager.default.contentsOfDirectory(atPath: Repository.shippedEvents)
            .filter { EventFileName.sequence(of: $0) != nil }.sorted()
            .map { (path: $0, bytes: try readBytes(Repository.shippedEvents + "/" + $0)) }
        try makeBareRepository(bare, files: shipped)
        bin = try temp.folder("bin")
        try FileManager.default.createSymbolicLink(atPath: bin + "/register", withDestinationPath: CLIRunner.binary)
    }

    /// Runs a shell command line with `bin` first on the PATH, in `directory`.
    func shell(_ command: String, in directory: String, environment: [String: String] = [:]) throws -> CLIResult {
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try runProcess("/bin/sh", ["-c", command], environment: gitIdentity.merging(["PATH": path]) { $1 }.merging(environment) { $1 },
                              directory: directory)
    }

    func clone(_ name: String) throws -> String {
        let path = temp.path(name)
        try runGit(["clone", "-q", bare, path])
        return path
    }

    @Test func aHookInstalledFromThePATHRunsTheBinaryAndARefusedPushIsNotRetried() throws {
        let elsewhere = try temp.folder("elsewhere")
        let installed = try shell("register install-hook '\(bare)'", in: elsewhere)
        #expect(installed.status == 0, "\(installed.stderr)")
        let hookPath = bare + "/hooks/pre-receive"
        let hook = try String(contentsOfFile: hookPath, encoding: .utf8)
        let real = URL(fileURLWithPath: CLIRunner.binary).resolvingSymlinksInPath().path
        #expect(hook.contains("exec '\(real)' check-push"), "the hook runs the binary itself, not $PWD/register: \(hook)")
        #expect(!hook.contains(elsewhere))
        // Count the hook's runs: a refused push must not be tried again.
        let runs = temp.path("hook-runs")
        try hook.replacingOccurrences(of: "exec ", with: "echo run >> '\(runs)'\nexec ").write(toFile: hookPath, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hookPath)

        let clerk = try clone("clerk")
        let event = eventJSON(id: "from-path", payload: #"{"decision": "from-path", "body": "college"}"#)
        let appended = try runProcess("/bin/sh", ["-c", "printf '%s' \"$EVENT\" | register append -"],
                                      environment: ["PATH": bin + ":/usr/bin:/bin", "EVENT": event], directory: clerk)
        #expect(appended.status == 0, "\(appended.stderr)")
        let published = try shell("register publish", in: clerk)
        #expect(published.status == 0, "a valid push passes the hook: \(published.stderr)")
        #expect(published.stdout.contains("1 published in 1 attempt(s)"))

        // An event the hook refuses, written past append's checks (as a tool that bypasses append would).
        _ = try EventStore(directory: clerk + "/events").append(EventDraft(
            id: "add-unknown", type: "reserve-addition", effectiveDate: try CalendarDate(iso: "2023-01-10"), actor: "griffie:test",
            source: EventSource(document: "x", zaaknummer: nil), payload: ["reserve": "404", "amountCents": 100, "decision": "NO-SUCH-DECISION"]))
        try FileManager.default.removeItem(atPath: runs)
        let refused = try shell("register publish", in: clerk)
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(refused.stderr.hasPrefix("register: error: the shared repository 'origin' refused the push (pre-receive hook declined): "
                                         + "register: refused: 00000031-reserve-addition.json: not a valid event"), "\(refused.stderr)")
        #expect(refused.stderr.contains("NO-SUCH-DECISION"))
        #expect(!refused.stderr.contains("others kept publishing first"))
        #expect(try String(contentsOfFile: runs, encoding: .utf8) == "run\n", "the hook ran once: a refusal is not retried")
    }

    /// From the PATH, in a folder with no register around it, the binary answers on the history
    /// beside the `Package.swift` above it (found from where the binary is, not from `argv[0]`).
    @Test func aBinaryStartedFromThePATHFindsTheShippedHistoryBesideItsPackage() throws {
        let elsewhere = try temp.folder("elsewhere")
        let verified = try shell("register verify --json", in: elsewhere)
        #expect(verified.status == 0, "\(verified.stderr)")
        let folder = verified.json?["folder"]?.string.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        #expect(folder == URL(fileURLWithPath: Repository.shippedEvents).resolvingSymlinksInPath().path)
    }

    /// A clerk's Dutch (or German) locale reaches no git that register runs: git's messages are read.
    @Test func gitRunsWithEnglishMessagesWhateverTheClerksLocale() throws {
        let gitBinary = try #require(["/usr/bin/git", "/usr/local/bin/git", "/bin/git"].first { FileManager.default.isExecutableFile(atPath: $0) })
        let log = temp.path("git-environments")
        let wrapper = bin + "/git"
        try """
            #!/bin/sh
            echo "LC_ALL=${LC_ALL-unset} LANG=${LANG-unset} LANGUAGE=${LANGUAGE-unset}" >> '\(log)'
            exec '\(gitBinary)' "$@"

            """.write(toFile: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper)
        let empty = temp.path("empty.git")
        try runGit(["init", "-q", "--bare", "-b", "main", empty])
        let clerk = try clone("dutch")
        try runGit(["remote", "add", "empty", empty], in: clerk)
        let locale = ["LANG": "nl_NL.UTF-8", "LANGUAGE": "de", "LC_ALL": "nl_NL.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"]
        // A remote without main yet: publish reads git's "couldn't find remote ref" and pushes the whole history.
        let first = try shell("register publish --remote empty", in: clerk, environment: locale)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try shell("register sync", in: clerk, environment: locale).status == 0)
        let seen = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(!seen.isEmpty)
        #expect(Set(seen) == ["LC_ALL=C LANG=C LANGUAGE=unset"], "\(Set(seen))")
    }
}
