import TestSupport
import EventStore
import Foundation
import Testing

/// The tamper suite through the command line: a damaged or hostile events folder makes every
/// answer fail loudly, and no read command writes into the events folder or its cache.
@Suite struct HostileStoreCommandTests {
    let temp: TemporaryFolder
    let events: String

    init() throws {
        temp = try TemporaryFolder("hostile-cli")
        events = try temp.copyOfShippedEvents()
    }

    func file(_ name: String) -> String { events + "/" + name }

    /// Every bucket and leaf of the built index removed, emptied or replaced by a named pipe; the
    /// manifest still names them.
    func damageEveryIndexFile(_ damage: String) throws {
        let index = temp.path(".register/events/index")
        let files = try FileManager.default.contentsOfDirectory(atPath: index).filter { $0.hasSuffix(".tsv") }
        try #require(!files.isEmpty)
        for file in files {
            let path = index + "/" + file
            try FileManager.default.removeItem(atPath: path)
            switch damage {
            case "emptied": try writeBytes([], to: path)
            case "pipe": #expect(mkfifo(path, 0o644) == 0)
            default: break
            }
        }
    }

    @Test(arguments: [["reserve", "404", "--on", "2027-01-01"], ["timeline", "404"], ["reserve", "404", "--on", "2027-01-01", "--no-cache"]])
    func anEmptiedEventOfTheSubjectIsNeverAnsweredAround(_ question: [String]) throws {
        #expect(CLI.run(question + ["--events", events]).status == 0)
        try writeBytes([], to: file("00000013-reserve-end-date-changed.json"))
        let r = CLI.run(question + ["--events", events])
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stdout.isEmpty, "no answer from a history with a hole: \(r.stdout)")
        #expect(r.stderr.contains("00000013-reserve-end-date-changed.json"), "\(r.stderr)")
    }

    @Test func aTruncatedEventOfTheSubjectIsNeverAnsweredAround() throws {
        #expect(CLI.run(["reserve", "404", "--events", events]).status == 0)
        let bytes = try readBytes(file("00000013-reserve-end-date-changed.json"))
        try writeBytes(Array(bytes.prefix(bytes.count - 40)), to: file("00000013-reserve-end-date-changed.json"))
        let r = CLI.run(["reserve", "404", "--on", "2027-01-01", "--events", events])
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr.contains("00000013-reserve-end-date-changed.json"), "\(r.stderr)")
    }

    /// Editing an event file in place changes no folder's modification time, so the index looks
    /// current; the hash it recorded for the file does not match, and the answer is refused.
    @Test func anEventEditedInPlaceAfterItWasIndexedIsNotAnswered() throws {
        let before = CLI.run(["reserve", "404", "--on", "2027-01-01", "--events", events, "--no-cache"])
        #expect(before.stdout.contains("2026-12-31"))
        let path = file("00000013-reserve-end-date-changed.json")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("2026-12-31"))
        try writeBytes(Array(text.replacingOccurrences(of: "2026-12-31", with: "2029-12-31").utf8), to: path)
        for extra in [["--no-cache"], []] {
            let r = CLI.run(["reserve", "404", "--on", "2027-01-01", "--events", events] + extra)
            #expect(r.status == 1, "\(extra): \(r.stdout)")
            #expect(!r.stdout.contains("2029-12-31"))
            #expect(r.stderr.contains("00000013-reserve-end-date-changed.json: hash mismatch"), "\(r.stderr)")
        }
    }

    /// Index files gone, emptied or replaced by a pipe after the index was built (the manifest
    /// still names them): every question rebuilds the index and answers as before. `timeline`
    /// (which looks a bare id up in the index first) used to fail on every run instead.
    @Test(arguments: ["removed", "emptied", "pipe"])
    func damagedIndexFilesCostARebuildNotAnAnswer(_ damage: String) throws {
        let questions = [["timeline", "404"], ["timeline", "reserve:404"], ["reserve", "404", "--no-cache"], ["contract", "dordrecht-sociaal"]]
        let before = questions.map { CLI.run($0 + ["--events", events]).stdout }
        try damageEveryIndexFile(damage)
        for (question, answer) in zip(questions, before) {
            let r = CLI.run(question + ["--events", events])
            #expect(r.status == 0, "\(question): \(r.stderr)")
            #expect(r.stdout == answer, "\(question)")
        }
    }

    /// The same damage met by an append (whose policy reads leaves and buckets while it checks
    /// the event, and turned the damage into a refusal, exit 3, on every run): it rebuilds and appends.
    @Test(arguments: ["removed", "emptied", "pipe"])
    func damagedIndexFilesCostAnAppendARebuildNotARefusal(_ damage: String) throws {
        #expect(CLI.run(["reserve", "404", "--events", events]).status == 0)
        try damageEveryIndexFile(damage)
        let addition = eventJSON(type: "reserve-addition", payload: #"{"reserve": "404", "amountCents": 100, "decision": "2403230"}"#)
        let r = CLI.run(["append", "-", "--events", events], stdin: addition)
        #expect(r.status == 0, "\(r.stderr)")
        let recorded = CLI.run(["record", "addition", "--reserve", "404", "--amount", "2", "--decision", "2403230",
                                "--effective", "2023-01-15", "--source", "t", "--yes", "--events", events])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(CLI.run(["verify", "--events", events]).stdout.hasPrefix("ok: 31 events"))
    }

    @Test func verifyNamesEveryDamagedFileInJSON() throws {
        try writeBytes([], to: file("00000005-reserve-addition.json"))
        try writeBytes(Array("x".utf8), to: file("notes.txt"))
        try FileManager.default.createSymbolicLink(atPath: file("0001"), withDestinationPath: temp.root)
        let r = CLI.run(["verify", "--json", "--events", events])
        #expect(r.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let problems = try #require(json["problems"] as? [[String: Any]])
        let named = problems.map { problem in "\(problem["file"] as? String ?? "?") \(problem["kind"] as? String ?? "?")" }
        #expect(named == ["00000005-reserve-addition.json unreadable", "0001 wrong-kind-of-file", "notes.txt unexpected-file"], "\(named)")
        #expect(json["problemCount"] as? Int == 3)
        let text = CLI.run(["verify", "--events", events])
        #expect(text.stdout.contains("damaged: 0001: not a folder: it is a symbolic link"), "\(text.stdout)")
        #expect(text.stdout.contains("3 problem(s)"))
    }

    /// The newest event's recorded instant moved to 2099: no link breaks (nothing follows it).
    @Test func anEventRecordedInTheFutureFailsVerifyAndIsAnAuditFinding() throws {
        let path = file("00000029-source-document.json")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let recorded = try #require(text.firstMatch(of: /"recordedAt": "([^"]+)"/))
        try writeBytes(Array(text.replacingOccurrences(of: String(recorded.output.1), with: "2099-01-01T00:00:00.000Z").utf8), to: path)
        let verify = CLI.run(["verify", "--events", events])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("00000029-source-document.json: recorded in the future"), "\(verify.stdout)")
        let audit = CLI.run(["audit", "--rule", "recorded-in-future", "--json", "--events", events])
        #expect(audit.stdout.contains("recorded-in-future/"), "\(audit.stdout) \(audit.stderr)")
        #expect(audit.status == 1)
    }

    @Test(arguments: ["events/00000001-decision-proposed.json", "events/new.csv", "./events/../events/x", "link/x", ".register/events/x"])
    func aReadCommandNeverWritesInsideTheEventsFolderOrItsCache(_ relative: String) throws {
        try FileManager.default.createSymbolicLink(atPath: temp.path("link"), withDestinationPath: events)
        #expect(CLI.run(["reserve", "404", "--events", events]).status == 0)  // makes the cache folder
        let before = try digest(of: events)
        let cache = try digest(of: temp.path(".register/events"))
        for command in [["export", "--format", "csv", "--output"], ["export", "--format", "ledger", "--output"], ["report", "404", "--html"]] {
            let r = CLI.run(command + [temp.path(relative), "--events", events])
            #expect(r.status == 2, "\(command) \(relative): \(r.stderr)")
            #expect(r.stderr.contains("a read command never writes there"), "\(r.stderr)")
        }
        #expect(try digest(of: events) == before)
        #expect(try digest(of: temp.path(".register/events")) == cache)
        #expect(!FileManager.default.fileExists(atPath: events + "/new.csv"))
    }

    @Test(arguments: ["/.", "/./", "/", "/../events"])
    func anEventsFolderSpelledWithDotsKeepsItsCacheBesideIt(_ suffix: String) throws {
        let r = CLI.run(["reserve", "404", "--events", events + suffix])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: events + "/.register"), "the cache went inside the events folder")
        #expect(FileManager.default.fileExists(atPath: temp.path(".register/events")))
        #expect(CLI.run(["verify", "--events", events]).status == 0)
    }

    /// With the repository's `.gitattributes`, a clone that converts line endings
    /// (`core.autocrlf=true`) still checks out every event byte for byte.
    @Test func gitKeepsEventBytesWhateverAClonesLineEndingSettings() throws {
        // Without the attributes the same steps rewrite the bytes: the test can fail.
        for withAttributes in [true, false] {
            let repo = try temp.folder("repo-\(withAttributes)")
            #expect(try runGit(["init", "-q", "-b", "main", repo]).status == 0)
            if withAttributes {
                try FileManager.default.copyItem(atPath: Repository.root + "/.gitattributes", toPath: repo + "/.gitattributes")
            }
            try FileManager.default.copyItem(atPath: events, toPath: repo + "/events")
            #expect(try runGit(["-c", "core.autocrlf=true", "add", "."], in: repo).status == 0)
            #expect(try runGit(["-c", "core.autocrlf=true", "commit", "-q", "-m", "history"], in: repo).status == 0)
            let clone = temp.path("clone-\(withAttributes)")
            let cloned = try runGit(["-c", "core.autocrlf=true", "clone", "-q", "--config", "core.autocrlf=true", repo, clone])
            #expect(cloned.status == 0, "\(cloned.stderr)")
            let same = try digest(of: clone + "/events") == (try digest(of: events))
            #expect(same == withAttributes)
            #expect(CLI.run(["verify", "--events", clone + "/events"]).status == (withAttributes ? 0 : 1))
        }
    }
}
