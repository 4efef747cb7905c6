import TestSupport
import EventStore
import Foundation
import Testing

/// `append --sign` and `verify --require-signatures` with OpenSSH keys made in the test.
@Suite struct SigningTests {
    let folder: TemporaryFolder
    let store: String

    init() throws {
        folder = try TemporaryFolder("register-sign")
        store = try folder.folder()
    }

    /// Makes an ed25519 key pair without passphrase; returns (private key path, public key line).
    func key(_ name: String) throws -> (String, String) {
        let path = folder.path(name)
        let made = try runProcess("/usr/bin/env", ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path])
        try #require(made.status == 0, "ssh-keygen: \(made.stderr)")
        let publicKey = try String(contentsOfFile: path + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return (path, publicKey)
    }

    func allow(_ lines: [String]) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: store + "/allowed_signers", atomically: true, encoding: .utf8)
    }

    func append(id: String, sign key: String?) throws -> CLIResult {
        CLI.run(["append", "--events", store] + (key.map { ["--sign", $0] } ?? []), stdin: eventJSON(id: id))
    }

    @Test func signedEventsFromAnAllowedKeyVerify() throws {
        let (clerk, clerkPublic) = try key("clerk")
        try allow(["griffie:test \(clerkPublic)"])
        let r = try append(id: "a", sign: clerk)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: store + "/00000001-decision-taken.json.sig"))
        let v = CLI.run(["verify", "--require-signatures", "--json", "--events", store])
        #expect(v.status == 0, "\(v.stdout)")
        #expect(v.json?["signatures"]?["valid"]?.integer == 1)
    }

    @Test func unsignedEventsAreReportedAndFailOnlyWhenSignaturesAreRequired() throws {
        let (clerk, clerkPublic) = try key("clerk")
        try allow(["griffie:test \(clerkPublic)"])
        #expect(try append(id: "a", sign: clerk).status == 0)
        #expect(try append(id: "b", sign: nil).status == 0)
        let lenient = CLI.run(["verify", "--events", store])
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains("note: 00000002-decision-taken.json is not signed"))
        let strict = CLI.run(["verify", "--require-signatures", "--events", store])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("1 unsigned event(s)"))
    }

    @Test func aKeyNotInAllowedSignersIsReported() throws {
        let (_, clerkPublic) = try key("clerk")
        let (stranger, _) = try key("stranger")
        try allow(["griffie:test \(clerkPublic)"])
        #expect(try append(id: "a", sign: stranger).status == 0)
        let v = CLI.run(["verify", "--require-signatures", "--json", "--events", store])
        #expect(v.status == 1)
        #expect(v.json?["signatures"]?["notAllowed"]?.array?.count == 1)
    }

    @Test func aSignatureThatNoLongerMatchesItsEventIsDamage() throws {
        let (clerk, clerkPublic) = try key("clerk")
        try allow(["griffie:test \(clerkPublic)"])
        #expect(try append(id: "a", sign: clerk).status == 0)
        #expect(try append(id: "b", sign: clerk).status == 0)
        // Swap the two signatures: each is sound, but over the other event's bytes.
        let s1 = store + "/00000001-decision-taken.json.sig", s2 = store + "/00000002-decision-taken.json.sig"
        let one = try Data(contentsOf: URL(fileURLWithPath: s1)), two = try Data(contentsOf: URL(fileURLWithPath: s2))
        try two.write(to: URL(fileURLWithPath: s1))
        try one.write(to: URL(fileURLWithPath: s2))
        let v = CLI.run(["verify", "--json", "--events", store])
        #expect(v.status == 1)
        #expect(v.json?["problem"]?["kind"] == "bad-signature")
    }

    /// A signature `ssh-keygen` rejects at once, over an event larger than a pipe holds: it exits
    /// before reading the event from its standard input. `verify` used to die of the SIGPIPE that
    /// followed (exit 141, nothing printed); it must report the bad signature, every time.
    @Test func aGarbageSignatureOverALargeEventIsReportedNotASilentExit() throws {
        let (clerk, clerkPublic) = try key("clerk")
        try allow(["griffie:test \(clerkPublic)"])
        let notes = (0..<200).map { _ in "\"" + String(repeating: "x", count: 2000) + "\"" }.joined(separator: ",")
        let payload = #"{"decision": "2023-0000001", "body": "college", "date": "2023-01-10", "assumptions": [\#(notes)]}"#
        let appended = CLI.run(["append", "--events", store, "--sign", clerk], stdin: eventJSON(id: "big", payload: payload))
        try #require(appended.status == 0, "\(appended.stderr)")
        try "garbage\n".write(toFile: store + "/00000001-decision-taken.json.sig", atomically: true, encoding: .utf8)
        for _ in 0..<3 {
            let v = CLI.run(["verify", "--json", "--events", store])
            #expect(v.status == 1, "\(v.stdout)\(v.stderr)")
            #expect(v.json?["problem"]?["kind"] == "bad-signature")
        }
    }

    /// A signature file larger than any signature is damage, reported without handing it to
    /// `ssh-keygen` (which took minutes over 20 MB, and ran on after `register` was killed).
    @Test func aSignatureFileLargerThanAnySignatureIsDamageAndNotChecked() throws {
        let (clerk, clerkPublic) = try key("clerk")
        try allow(["griffie:test \(clerkPublic)"])
        #expect(try append(id: "a", sign: clerk).status == 0)
        try Data(repeating: 0x41, count: EventStore.maximumSignatureBytes + 1).write(to: URL(fileURLWithPath: store + "/00000001-decision-taken.json.sig"))
        let v = CLI.run(["verify", "--events", store])
        #expect(v.status == 1)
        #expect(v.stdout.contains("00000001-decision-taken.json.sig") && v.stdout.contains("larger than 65536 bytes"), "\(v.stdout)")
    }

    /// One rule for `--sign` wherever it is taken: `record` said "Couldn't load public key" with exit 3.
    @Test(arguments: ["nope", "folder"])
    func aMissingOrFolderKeyIsTheSameUsageErrorForRecordAndCheckpoint(_ name: String) throws {
        let key = name == "folder" ? try folder.folder("keys") : folder.path(name)
        let events = try folder.copyOfShippedEvents("shipped")
        let before = try FileManager.default.contentsOfDirectory(atPath: events).sorted()
        for command in [["record", "addition", "--reserve", "404", "--amount", "5", "--effective", "2023-01-01", "--source", "t", "--yes"],
                        ["checkpoint", "--tag"], ["append", "-"]] {
            let r = CLI.run(command + ["--sign", key, "--events", events], stdin: eventJSON(id: "x"))
            #expect(r.status == 2, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("--sign '\(key)': no readable private key file there"), "\(command): \(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: events).sorted() == before)
    }

    /// allowed_signers must be a regular file itself: a link (to a pipe, to /dev/zero), a pipe or
    /// a folder under its name is damage, and is never handed to ssh-keygen (a pipe stalled verify
    /// 60 s, a link to /dev/zero 42 s per signed event).
    @Test(arguments: ["pipe", "link-to-pipe", "folder"])
    func anAllowedSignersThatIsNotARegularFileIsDamage(_ kind: String) throws {
        let (clerk, _) = try key("clerk")
        #expect(try append(id: "a", sign: clerk).status == 0)
        let path = store + "/allowed_signers"
        switch kind {
        case "pipe": #expect(mkfifo(path, 0o644) == 0)
        case "link-to-pipe":
            #expect(mkfifo(folder.path("fifo"), 0o644) == 0)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: folder.path("fifo"))
        default: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        let v = CLI.run(["verify", "--events", store])
        #expect(v.status == 1, "\(v.stdout)")
        #expect(v.stdout.contains("damaged: allowed_signers: "), "\(v.stdout)")
    }

    @Test func signingWithAMissingKeyIsAUsageErrorAndWritesNothing() throws {
        let r = try append(id: "a", sign: folder.path("nope"))
        #expect(r.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store).isEmpty)
    }
}
