import TestSupport
import EventStore
import Foundation
import Testing

/// Publishing through git, on bare repositories in temporary folders (file paths, no network).
/// The commands run in-process (git still runs as a program, and runs the built binary as the
/// hook); the concurrent and the killed publishes are real `register` processes.
@Suite(.serialized) struct ReplicationTests {
    let temp: TemporaryFolder
    let bare: String
    static let identity = gitIdentity

    init() throws {
        temp = try TemporaryFolder("register-git")
        bare = temp.path("shared.git")
        try git(["init", "-q", "--bare", "-b", "main", bare])
        #expect(CLI.run(["install-hook", bare]).status == 0)
        // The first clerk publishes the shipped history.
        let first = try clone("first")
        try FileManager.default.removeItem(atPath: first + "/events")
        _ = try temp.copyOfShippedEvents("first/events")
        let r = try register(["publish"], in: first)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @discardableResult
    func git(_ arguments: [String], in directory: String? = nil) throws -> CLIResult { try runGit(arguments, in: directory) }

    func clone(_ name: String) throws -> String {
        let path = temp.path(name)
        try git(["clone", "-q", bare, path])
        try? FileManager.default.createDirectory(atPath: path + "/events", withIntermediateDirectories: true)
        return path
    }

    func register(_ arguments: [String], in clone: String, stdin: String? = nil) throws -> CLIResult {
        CLI.run(arguments + ["--events", clone + "/events"], stdin: stdin, environment: Self.identity)
    }

    func event(_ id: String) -> String { eventJSON(id: id, payload: #"{"decision": "\#(id)", "body": "college"}"#) }

    /// The events on the bare repository's main, verified in a fresh clone.
    func publishedEvents() throws -> [StoredEvent] {
        let check = try clone("check-\(UUID().uuidString.prefix(6))")
        let verify = try register(["verify"], in: check)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        return try EventStore(directory: check + "/events").events()
    }

    /// Two real processes loop append-then-publish on two clones of one bare repository, so their
    /// publishes race at the remote (and through the hook). 12 rounds each interleave many times;
    /// REGISTER_PUBLISHES_PER_CLONE raises that for a long run.
    @Test func twoClonesPublishingAtOnceKeepEveryAcknowledgedEventOnceAndGapless() throws {
        let a = try clone("a"), b = try clone("b")
        #expect(try register(["sync"], in: a).status == 0)
        #expect(try register(["sync"], in: b).status == 0)
        let perClone = ProcessInfo.processInfo.environment["REGISTER_PUBLISHES_PER_CLONE"].flatMap(Int.init) ?? 12
        func loop(_ clone: String, _ tag: String) -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            let template = event("TAG-N")
            p.arguments = ["-c", """
                i=1; while [ $i -le \(perClone) ]; do
                  printf '%s' "$(echo "$EVENT" | sed "s/TAG-N/\(tag)-$i/g")" | "$BIN" append - --events "$DIR/events" >/dev/null || exit 1
                  "$BIN" publish --json --events "$DIR/events" >>"$LOG" 2>/dev/null || true
                  i=$((i+1))
                done
                """]
            p.environment = ProcessInfo.processInfo.environment.merging(Self.identity.merging(
                ["EVENT": template, "BIN": CLIRunner.binary, "DIR": clone, "LOG": temp.path("publishes-\(tag).json")]) { $1 }) { $1 }
            return p
        }
        let pa = loop(a, "a"), pb = loop(b, "b")
        try pa.run()
        try pb.run()
        pa.waitUntilExit()
        pb.waitUntilExit()
        #expect(pa.terminationStatus == 0 && pb.terminationStatus == 0)
        // Some publish found the other clone's events at the remote first: the loops really interleaved.
        let received = try ["a", "b"].map { tag in
            try String(contentsOfFile: temp.path("publishes-\(tag).json"), encoding: .utf8)
                .matches(of: /"received": *([0-9]+)/).compactMap { Int($0.output.1) }.reduce(0, +)
        }
        #expect(received.reduce(0, +) > 0, "no publish ever received the other clone's events (\(received)); nothing raced")
        // Whatever lost its last race is published now.
        for clone in [a, b] {
            var published = false
            for _ in 0..<5 where !published { published = try register(["publish"], in: clone).status == 0 }
            #expect(published)
        }
        let events = try publishedEvents()
        let ids = events.map(\.envelope.id)
        #expect(events.count == 29 + 2 * perClone)
        #expect(Set(ids).count == ids.count, "no event twice")
        #expect(events.map(\.envelope.sequence) == Array(1...events.count))
        for tag in ["a", "b"] { for i in 1...perClone { #expect(ids.contains("\(tag)-\(i)")) } }
        let recorded = events.map(\.envelope.recordedAt)
        #expect(recorded == recorded.sorted(), "recorded instants never go backwards in the published history")
    }

    func pushRefusal(force: Bool = false, _ change: (String) throws -> Void) throws -> String {
        let c = try clone("forger-\(UUID().uuidString.prefix(6))")
        try change(c)
        let push = try git(["push", "-q"] + (force ? ["--force"] : []) + ["origin", "HEAD:main"], in: c)
        #expect(push.status != 0)
        return push.stderr
    }

    @Test func theHookRefusesAnythingButAnAppend() throws {
        let edited = try pushRefusal { c in
            let file = c + "/events/00000003-decision-taken.json"
            try (try String(contentsOfFile: file, encoding: .utf8)).replacingOccurrences(of: "founding-load", with: "forger")
                .write(toFile: file, atomically: true, encoding: .utf8)
            try git(["commit", "-qam", "edit"], in: c)
        }
        #expect(edited.contains("00000003-decision-taken.json: an already published event was modified"))
        let deleted = try pushRefusal { c in
            try git(["rm", "-q", "events/00000024-stated-total.json"], in: c)
            try git(["commit", "-qm", "delete"], in: c)
        }
        #expect(deleted.contains("00000024-stated-total.json: an already published event was deleted or renamed"))
        let renamed = try pushRefusal { c in
            try git(["mv", "events/00000010-decision-proposed.json", "events/00000010-decision-taken.json"], in: c)
            try git(["commit", "-qm", "rename"], in: c)
        }
        #expect(renamed.contains("00000010-decision-proposed.json: an already published event was deleted or renamed"))
        let forged = try pushRefusal { c in
            // Insert a forged event at 13 and re-chain everything after it through the real store.
            let all = try EventStore(directory: c + "/events").events()
            for e in all where e.envelope.sequence >= 13 { try FileManager.default.removeItem(atPath: c + "/events/" + e.path) }
            let store = EventStore(directory: c + "/events")
            _ = try store.append(EventDraft(id: "forged", type: "reserve-end-date-changed", effectiveDate: try CalendarDate(iso: "2022-12-31"),
                                            actor: "forger", source: EventSource(document: "none", zaaknummer: nil),
                                            payload: ["reserve": "404", "endDate": "2099-12-31"]))
            for e in all where e.envelope.sequence >= 13 {
                _ = try store.append(EventDraft(id: e.envelope.id, type: e.envelope.type, effectiveDate: e.envelope.effectiveDate,
                                                actor: e.envelope.actor, source: e.envelope.source, payload: e.envelope.payload))
            }
            try git(["add", "-A", "events"], in: c)
            try git(["commit", "-qm", "forge"], in: c)
        }
        #expect(forged.contains("00000013-reserve-end-date-changed.json: an already published event was deleted or renamed")
                || forged.contains("00000013-reserve-end-date-changed.json: an already published event was modified"))
        let dropped = try pushRefusal(force: true) { c in
            try git(["reset", "-q", "--hard", "HEAD"], in: c)
            let tree = try git(["rev-parse", "HEAD^{tree}"], in: c).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let orphan = try git(["commit-tree", tree, "-m", "rewritten root"], in: c).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try git(["reset", "-q", "--hard", orphan], in: c)
        }
        #expect(dropped.contains("not a fast-forward"))
        let badEvent = try pushRefusal { c in
            try Data("{\"not\": \"an event\"}".utf8).write(to: URL(fileURLWithPath: c + "/events/00000030-decision-taken.json"))
            try git(["add", "events"], in: c)
            try git(["commit", "-qm", "junk"], in: c)
        }
        #expect(badEvent.contains("00000030-decision-taken.json: unreadable event"), "\(badEvent)")
        // And a valid append is accepted.
        let good = try clone("good")
        #expect(try register(["append", "-"], in: good, stdin: event("fine")).status == 0)
        #expect(try register(["publish"], in: good).status == 0)
        #expect(try publishedEvents().count == 30)
    }

    /// What `append` refuses, the hook refuses too: the same policy, against the names the published
    /// history defines, kept in the bare repository so a push reads only what it adds.
    /// An events folder holds files only: a symbolic link pushed into it (as allowed_signers, as
    /// a signature, as an event) is refused, as verify would find it damaged in every clone.
    @Test(arguments: ["allowed_signers", "00000003-decision-taken.json.sig", "00000030-decision-taken.json"])
    func theHookRefusesASymbolicLinkInTheEventsFolder(_ name: String) throws {
        let refusal = try pushRefusal { c in
            try FileManager.default.createSymbolicLink(atPath: c + "/events/" + name, withDestinationPath: "/dev/zero")
            try git(["add", "events/" + name], in: c)
            try git(["commit", "-qm", "link"], in: c)
        }
        #expect(refusal.contains(name) && refusal.contains("symbolic link"), "\(refusal)")
    }

    /// The hook's own input, as git would never send it: a line it cannot read, or a commit the
    /// repository does not hold, is refused (both were accepted with exit 0: the line skipped, the
    /// unknown commit listed as an empty tree). A line as git sends it is still judged.
    @Test func theHookRefusesInputItCannotReadAndCommitsItDoesNotHold() throws {
        let head = try git(["rev-parse", "refs/heads/main"], in: bare).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let zero = String(repeating: "0", count: 40), unknown = String(repeating: "f", count: 40)
        func checkPush(_ input: String) -> CLIResult {
            CLI.run(["check-push"], stdin: input, environment: Self.identity.merging(["GIT_DIR": bare]) { $1 })
        }
        for (input, says) in [("garbage\n", "line 1 of the hook's input, 'garbage', is not 'OLD NEW REF'"),
                              ("\(head) \(head) refs/heads/main\n\(head) refs/heads/main\n", "line 2 of the hook's input"),
                              ("\(zero) \(unknown) refs/heads/main\n", "\(unknown) is not a commit in this repository"),
                              ("\(head.uppercased()) \(head) refs/heads/main\n", "is not 'OLD NEW REF'"),
                              ("\(head) \(head) refs/heads/main\r\n", "is not 'OLD NEW REF'")] {
            let r = checkPush(input)
            #expect(r.status == 1, "\(input): \(r.stderr)")
            #expect(r.stderr.contains(says), "\(r.stderr)")
        }
        let sound = checkPush("\(head) \(head) refs/heads/main\n")
        #expect(sound.status == 0, "\(sound.stderr)")
        #expect(sound.stderr.contains("accepted 0 new event(s)"), "\(sound.stderr)")
    }

    @Test func theHookJudgesEventsAsAppendDoesFromStoredNames() throws {
        let unknownDecision = eventJSON(type: "reserve-addition", id: "add-unknown",
                                        payload: #"{"reserve": "404", "amountCents": 100, "decision": "NO-SUCH-DECISION"}"#)
        // Written into a clone's folder by hand (as a tool that bypasses append would), chained correctly.
        let refused = try pushRefusal { c in
            let store = EventStore(directory: c + "/events")
            _ = try store.append(EventDraft(id: "add-unknown", type: "reserve-addition", effectiveDate: try CalendarDate(iso: "2023-01-10"),
                                            actor: "griffie:test", source: EventSource(document: "x", zaaknummer: nil),
                                            payload: ["reserve": "404", "amountCents": 100, "decision": "NO-SUCH-DECISION"]))
            try git(["add", "events"], in: c)
            try git(["commit", "-qm", "unknown decision"], in: c)
        }
        #expect(refused.contains("not a valid event") && refused.contains("NO-SUCH-DECISION"), "\(refused)")
        let c = try clone("appender")
        #expect(try register(["append", "-"], in: c, stdin: unknownDecision).status == 3, "append refuses it too")
        // The hook keeps the names of what it accepted; the next push is judged from them.
        #expect(try register(["append", "-"], in: c, stdin: event("named-1")).status == 0)
        #expect(try register(["publish"], in: c).status == 0)
        let manifest = bare + "/register/names/manifest"
        #expect(FileManager.default.fileExists(atPath: manifest))
        let referencing = eventJSON(type: "reserve-addition", id: "add-named",
                                    payload: #"{"reserve": "404", "amountCents": 100, "decision": "named-1"}"#)
        #expect(try register(["append", "-"], in: c, stdin: referencing).status == 0)
        #expect(try register(["publish"], in: c).status == 0, "a reference to a decision published in the previous push")
        // A damaged names file costs a full read, never a wrong verdict.
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: manifest))
        #expect(try register(["append", "-"], in: c, stdin: event("named-2")).status == 0)
        #expect(try register(["publish"], in: c).status == 0)
        #expect(try publishedEvents().count == 32)
    }

    @Test func syncRefusesARemoteRewrittenBehindItsBackAndChangesNothing() throws {
        let clerk = try clone("clerk")
        #expect(try register(["sync"], in: clerk).status == 0)
        #expect(try register(["append", "-"], in: clerk, stdin: event("local-1")).status == 0)
        let before = try digest(of: clerk + "/events")
        let headBefore = try git(["rev-parse", "HEAD"], in: clerk).stdout
        // Rewrite the bare repository directly, bypassing the hook: event 12 edited in a new root commit.
        let rewriter = try clone("rewriter")
        let file = rewriter + "/events/00000012-decision-taken.json"
        try (try String(contentsOfFile: file, encoding: .utf8)).replacingOccurrences(of: "\"raad\"", with: "\"college\"")
            .write(toFile: file, atomically: true, encoding: .utf8)
        try git(["commit", "-qam", "rewrite"], in: rewriter)
        let commit = try git(["rev-parse", "HEAD"], in: rewriter).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try git(["push", "-q", bare, "\(commit):refs/heads/rewritten"], in: rewriter)
        try git(["update-ref", "refs/heads/main", commit], in: bare)
        let sync = try register(["sync"], in: clerk)
        #expect(sync.status == 1)
        #expect(sync.stderr.contains("00000012-decision-taken.json: an already published event was modified"))
        #expect(try digest(of: clerk + "/events") == before)
        #expect(try git(["rev-parse", "HEAD"], in: clerk).stdout == headBefore)
        #expect(try register(["publish"], in: clerk).status == 1, "publish refuses the split view too")
    }

    @Test func aPublishKilledAtRandomLeavesBothSidesConsistent() throws {
        let clerk = try clone("killed")
        #expect(try register(["sync"], in: clerk).status == 0)
        var random = SplitMix64(seed: 4242)
        var appended: [String] = []
        for i in 0..<12 {
            let id = "k-\(i)"
            #expect(try register(["append", "-"], in: clerk, stdin: event(id)).status == 0)
            appended.append(id)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLIRunner.binary)
            p.arguments = ["publish", "--events", clerk + "/events"]
            p.environment = ProcessInfo.processInfo.environment.merging(Self.identity) { $1 }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32(random.next() % 250_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(try register(["verify"], in: clerk).status == 0, "local store after kill \(i)")
            _ = try publishedEvents()
        }
        let final = try register(["publish"], in: clerk)
        #expect(final.status == 0, "\(final.stderr)")
        let ids = try publishedEvents().map(\.envelope.id)
        #expect(Set(ids).count == ids.count)
        for id in appended { #expect(ids.contains(id), "\(id) published exactly once") }
    }

    @Test func anAuditorNeedsThreeCommands() throws {
        let first = temp.path("first")
        #expect(try register(["checkpoint", "--tag", "--remote", "origin"], in: first).status == 0)
        // 1. clone  2. verify against the latest checkpoint tag  3. audit
        let auditor = temp.path("auditor")
        try git(["clone", "-q", bare, auditor])
        let verify = CLI.run(["verify", "--checkpoint", "latest"], directory: auditor)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("extends the checkpoint"))
        let audit = CLI.run(["audit", "--json"], directory: auditor)
        #expect(audit.status == 1)
        #expect(audit.json?["findings"]?.array?.isEmpty == false)
    }

    /// A checkpoint tag over events that were never published would make every auditor's `verify
    /// --checkpoint latest` report deleted events (and, after renumbering, rewritten history).
    @Test func aCheckpointTagCoversOnlyPublishedHistory() throws {
        let clerk = try clone("tagger")
        #expect(try register(["append", "-"], in: clerk, stdin: event("unpublished-1")).status == 0)
        #expect(try register(["append", "-"], in: clerk, stdin: event("unpublished-2")).status == 0)
        let early = try register(["checkpoint", "--tag", "--remote", "origin"], in: clerk)
        #expect(early.status == 3, "\(early.stderr)")
        #expect(early.stderr.contains("2 local event(s) after event 29 are not published to 'origin'"), "\(early.stderr)")
        #expect(early.stderr.contains("run 'register publish' first, then tag"))
        #expect(try git(["tag", "-l"], in: clerk).stdout.isEmpty, "nothing was tagged")
        #expect(try git(["tag", "-l"], in: bare).stdout.isEmpty)
        #expect(try register(["publish"], in: clerk).status == 0)
        let tagged = try register(["checkpoint", "--tag", "--remote", "origin"], in: clerk)
        #expect(tagged.status == 0, "\(tagged.stderr)")
        #expect(tagged.stderr.contains("tagged checkpoint-31 and pushed it to origin"))
        let auditor = try clone("tag-auditor")
        let verify = CLI.run(["verify", "--checkpoint", "latest"], directory: auditor)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("ok: extends the checkpoint") && verify.stdout.contains("(31 events"))
    }

    /// The hook judges a `checkpoint-*` tag against the history it points at, whoever made it.
    @Test func theHookRefusesACheckpointTagThatDoesNotMatchItsHistory() throws {
        let c = try clone("tag-forger")
        func pushTag(_ name: String, force: Bool = false) throws -> CLIResult {
            try git(["push", "-q"] + (force ? ["--force"] : []) + ["origin", "refs/tags/\(name)"], in: c)
        }
        // The checkpoint of 30 events on a commit that holds 29 (the 30th never committed or published).
        #expect(try register(["append", "-"], in: c, stdin: event("local-only")).status == 0)
        let ahead = try register(["checkpoint"], in: c).stdout
        try git(["tag", "-a", "checkpoint-30", "-m", ahead, "HEAD"], in: c)
        let counted = try pushTag("checkpoint-30")
        #expect(counted.status != 0)
        #expect(counted.stderr.contains("checkpoint tag checkpoint-30 refused: it claims 30 events with root"), "\(counted.stderr)")
        #expect(counted.stderr.contains("but the history it points at has 29 events"))
        // The same, committed but not on main.
        try git(["add", "events"], in: c)
        try git(["commit", "-qm", "local only"], in: c)
        try git(["tag", "-f", "-a", "checkpoint-30", "-m", ahead, "HEAD"], in: c)
        let unpublished = try pushTag("checkpoint-30")
        #expect(unpublished.stderr.contains("which is not in main's published history"), "\(unpublished.stderr)")
        // Misnamed, lightweight: refused.
        let published = try git(["rev-parse", "origin/main"], in: c).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let honest = CLI.run(["checkpoint", "--events", temp.path("first") + "/events"]).stdout
        try git(["tag", "-a", "checkpoint-35", "-m", honest, published], in: c)
        #expect(try pushTag("checkpoint-35").stderr.contains("it must be named checkpoint-29"))
        try git(["tag", "checkpoint-29", published], in: c)
        #expect(try pushTag("checkpoint-29").stderr.contains("it is a lightweight tag"))
        // The honest tag, made by hand, is accepted; moving it afterwards is not.
        try git(["tag", "-f", "-a", "checkpoint-29", "-m", honest, published], in: c)
        let accepted = try pushTag("checkpoint-29")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        try git(["tag", "-f", "-a", "checkpoint-29", "-m", honest + "\nmoved", published], in: c)
        #expect(try pushTag("checkpoint-29", force: true).stderr.contains("a published checkpoint is never moved or deleted"))
        #expect(try git(["push", "-q", "origin", ":refs/tags/checkpoint-29"], in: c).stderr.contains("a published checkpoint is never moved or deleted"))
        let remoteTags = try git(["ls-remote", "--tags", "origin"], in: c).stdout
        #expect(remoteTags.contains("refs/tags/checkpoint-29") && !remoteTags.contains("checkpoint-30") && !remoteTags.contains("checkpoint-35"))
    }

    /// Makes an ed25519 key pair without passphrase; returns (private key path, public key line).
    func key(_ name: String) throws -> (path: String, publicKey: String) {
        let path = temp.path(name)
        let made = try runProcess("/usr/bin/env", ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path])
        try #require(made.status == 0, "ssh-keygen: \(made.stderr)")
        return (path, try String(contentsOfFile: path + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func verifySaysWhetherTheCheckpointTagIsSignedAndByWhom() throws {
        let first = temp.path("first")
        let (clerkKey, clerkPublic) = try key("clerk")
        let (_, strangerPublic) = try key("stranger")
        #expect(try register(["checkpoint", "--tag", "--remote", "origin"], in: first).status == 0)
        let auditor = try clone("signed-auditor")
        let allowed = auditor + "/events/allowed_signers"
        try "griffie:test \(clerkPublic)\n".write(toFile: allowed, atomically: true, encoding: .utf8)
        func verify(_ extra: [String] = []) -> CLIResult { CLI.run(["verify", "--checkpoint", "latest"] + extra, directory: auditor) }

        let unsigned = verify()
        #expect(unsigned.status == 0, "an unsigned tag is a note: \(unsigned.stdout)\(unsigned.stderr)")
        #expect(unsigned.stdout.contains("note: the checkpoint tag checkpoint-29 is not signed: anyone who can push tags"), "\(unsigned.stdout)")
        let strict = verify(["--require-signed"])
        #expect(strict.status == 1)
        #expect(strict.stdout.hasPrefix("failed: the checkpoint tag checkpoint-29 is not signed") && strict.stdout.contains("(--require-signed)"))
        #expect(verify(["--require-signed", "--json"]).json?["checkpoint"]?["signature"] == "unsigned")

        #expect(try register(["append", "-"], in: first, stdin: event("before-signed-tag")).status == 0)
        #expect(try register(["publish"], in: first).status == 0)
        let signing = try register(["checkpoint", "--tag", "--sign", clerkKey, "--remote", "origin"], in: first)
        #expect(signing.status == 0, "\(signing.stderr)")
        #expect(try register(["sync"], in: auditor).status == 0)
        try git(["fetch", "-q", "--tags", "origin"], in: auditor)
        let signed = verify(["--require-signed"])
        #expect(signed.status == 0, "\(signed.stdout)\(signed.stderr)")
        #expect(signed.stdout.contains("checkpoint: the checkpoint tag checkpoint-30 is signed by griffie:test (key SHA256:"), "\(signed.stdout)")
        let json = verify(["--require-signed", "--json"]).json?["checkpoint"]
        #expect(json?["signature"] == "valid" && json?["signer"] == "griffie:test" && json?["tag"] == "checkpoint-30")

        try "griffie:test \(strangerPublic)\n".write(toFile: allowed, atomically: true, encoding: .utf8)
        let notAllowed = verify(["--require-signed"])
        #expect(notAllowed.status == 1)
        #expect(notAllowed.stdout.contains("is signed by key SHA256:") && notAllowed.stdout.contains("not by a key the register allows"), "\(notAllowed.stdout)")
        #expect(verify().status == 0, "without --require-signed, a key not allowed is a note")

        // The same signature on an altered tag (another tagger): it no longer signs it, and that always fails.
        let object = try git(["cat-file", "tag", "checkpoint-30"], in: auditor).stdout
        let altered = object.replacingOccurrences(of: "\ntagger ", with: "\ntagger Someone Else <x@example.org> 1700000000 +0000\nX")
            .replacingOccurrences(of: "\nX", with: "\nignored ")
        let forged = try runProcess("/usr/bin/env", ["git", "-C", auditor, "hash-object", "-t", "tag", "-w", "--stdin", "--literally"],
                                    stdin: Array(altered.utf8)).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try git(["update-ref", "refs/tags/checkpoint-30", forged], in: auditor)
        try "griffie:test \(clerkPublic)\n".write(toFile: allowed, atomically: true, encoding: .utf8)
        let invalid = verify()
        #expect(invalid.status == 1, "\(invalid.stdout)")
        #expect(invalid.stdout.contains("the signature of the checkpoint tag checkpoint-30 does not sign that tag"), "\(invalid.stdout)")
    }

    @Test func aProvinceAuditsManyRegistersWithLabels() throws {
        let first = temp.path("first") + "/events"
        let other = try temp.copyOfShippedEvents("other/events")
        let list = temp.path("province.txt")
        try "\(first)\n# a comment\n\(other)\n".write(toFile: list, atomically: true, encoding: .utf8)
        let r = CLI.run(["audit", "--registers", list, "--rule", "intention-past-deadline", "--json", "--on", "2026-11-23"])
        let registers = (r.json?["findings"]?.array ?? []).compactMap { $0["register"]?.string }
        #expect(Set(registers) == [first, other])
        let reserves = CLI.run(["reserve", "404", "--on", "2023-06-30", "--json", "--events", first, "--events", other])
        #expect(reserves.json?["registers"]?.array?.compactMap { $0["answer"]?["endDate"]?.string } == ["2026-12-31", "2026-12-31"])
    }
}
