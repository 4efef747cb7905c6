import TestSupport
import EventStore
import Foundation
import Testing
@testable import RegisterCLI

/// The answer cache holds answers as data (the `--json` value, the key, head and event count it was
/// computed at, and a checksum); an entry that does not check out is recomputed, never served.
@Suite struct AnswerCacheIntegrityTests {
    let temporary: TemporaryFolder
    init() throws { temporary = try TemporaryFolder("answer-cache") }

    static let question = ["reserve", "404", "--on", "2023-06-30"]
    static let formats: [[String]] = [[], ["--json"], ["--csv"]]

    /// A writable copy of the shipped history and its answers folder. The cache needs the store's
    /// state in `.register/`, which the copy gets from its first query.
    func store() throws -> (events: String, answers: String) {
        let events = try temporary.copyOfShippedEvents()
        _ = CLI.run(Self.question + ["--no-cache", "--events", events])
        return (events, events.replacingOccurrences(of: "/events", with: "/.register/events/answers"))
    }

    func ask(_ events: String, _ format: [String], cache: Bool = true) throws -> String {
        let r = CLI.run(Self.question + format + (cache ? [] : ["--no-cache"]) + ["--events", events])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    /// The one entry in the answers folder, as a path and its JSON.
    func entry(_ answers: String) throws -> (path: String, json: [String: JSONValue]) {
        let files = try FileManager.default.contentsOfDirectory(atPath: answers)
        #expect(files.count == 1, "one entry per question, whatever the format: \(files)")
        let path = answers + "/" + (try #require(files.first))
        return (path, try #require(try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).object))
    }

    func write(_ json: [String: JSONValue], to path: String) throws {
        try Data(JSONWriter.compact(.object(json))).write(to: URL(fileURLWithPath: path))
    }

    /// The entry with the reserve's name changed in its answer.
    func renamed(_ json: [String: JSONValue], recomputeChecksum: Bool) throws -> [String: JSONValue] {
        var answer = try #require(json["answer"]?.object)
        answer["name"] = "Forged name"
        var edited = json
        edited["answer"] = .object(answer)
        if recomputeChecksum { edited["checksum"] = .string(AnswerCache.checksum(of: .object(answer))) }
        return edited
    }

    @Test func oneEntryComputedForOneFormatServesEveryFormatAsAFreshComputation() throws {
        let (events, answers) = try store()
        let json = try ask(events, ["--json"])
        let saved = try entry(answers)
        #expect(saved.json["answer"] == (try JSONParser.parse(json)), "the entry holds the answer's JSON value, not rendered text")
        #expect(saved.json["checksum"]?.string == AnswerCache.checksum(of: try #require(saved.json["answer"])))
        for format in Self.formats {
            #expect(try ask(events, format) == (try ask(events, format, cache: false)), "\(format)")
        }
        _ = try entry(answers)
        // Proof that the entry is what is served: an entry rewritten consistently shows in every format.
        try write(try renamed(saved.json, recomputeChecksum: true), to: saved.path)
        for format in Self.formats { #expect(try ask(events, format).contains("Forged name"), "\(format)") }
    }

    @Test func anEditedAnswerWhoseChecksumWasNotRecomputedIsNotServedAndIsReplaced() throws {
        let (events, answers) = try store()
        let fresh = try ask(events, [], cache: false)
        _ = try ask(events, ["--csv"])
        let saved = try entry(answers)
        try write(try renamed(saved.json, recomputeChecksum: false), to: saved.path)
        #expect(try ask(events, []) == fresh)
        #expect(try entry(answers).json == saved.json, "the recomputed answer replaced the edited entry")
    }

    @Test(arguments: ["head", "eventCount", "key"])
    func anEntryForAnotherHeadCountOrKeyIsNotServedEvenWithASoundChecksum(_ field: String) throws {
        let (events, answers) = try store()
        let fresh = try ask(events, ["--json"], cache: false)
        _ = try ask(events, ["--json"])
        let saved = try entry(answers)
        var edited = try renamed(saved.json, recomputeChecksum: true)
        switch field {
        case "head": edited["head"] = .string(SHA256.hash(Array("another head".utf8)).hex)
        case "eventCount": edited["eventCount"] = JSONValue(Int((saved.json["eventCount"]?.integer ?? 0) + 1))
        default: edited["key"] = "reserve 405 on=2023-06-30 knownOn=-"
        }
        try write(edited, to: saved.path)
        #expect(try ask(events, ["--json"]) == fresh)
        #expect(try entry(answers).json == saved.json)
    }

    /// An event the answer was computed from, edited in place (the head stays as it was): the
    /// entry is not served, and the question reads the edited file and reports the damage. The
    /// entry names exactly the files the question read: the reserve's events and their decisions.
    @Test func anAnswerIsNotServedOnceAnEventItWasComputedFromIsEditedInPlace() throws {
        let (events, answers) = try store()
        _ = try ask(events, [])
        let files = try #require(try entry(answers).json["files"]?.string).split(separator: "\n").map(String.init)
        #expect(files.contains("00000005-reserve-addition.json") && files.contains("00000003-decision-taken.json"), "\(files)")
        #expect(!files.contains("00000019-budget-set.json"), "a budget is no part of a reserve's answer")
        let path = events + "/00000005-reserve-addition.json"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let digit = try #require(bytes.firstRange(of: Data("500000000".utf8))).lowerBound
        bytes[digit] = UInt8(ascii: "6")
        let handle = try #require(FileHandle(forWritingAtPath: path)) // in place: same inode, same size
        try handle.write(contentsOf: bytes)
        try handle.close()
        let r = CLI.run(Self.question + ["--events", events])
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stderr.contains("00000005-reserve-addition.json"), "\(r.stderr)")
    }

    /// An entry whose files' fingerprint does not match the files now (an entry from before the
    /// fingerprint, or one edited) is recomputed, never served.
    @Test func anEntryWithoutTheFingerprintOfItsFilesIsNotServed() throws {
        let (events, answers) = try store()
        let fresh = try ask(events, [], cache: false)
        _ = try ask(events, [])
        let saved = try entry(answers)
        var edited = try renamed(saved.json, recomputeChecksum: true)
        edited["filesFingerprint"] = nil
        try write(edited, to: saved.path)
        #expect(try ask(events, []) == fresh)
        edited["filesFingerprint"] = .string(SHA256.hash(Array("other files".utf8)).hex)
        try write(edited, to: saved.path)
        #expect(try ask(events, []) == fresh)
        #expect(try entry(answers).json == saved.json)
    }

    @Test func anEntryThatIsNotAReserveAnswerIsNotServed() throws {
        let (events, answers) = try store()
        let fresh = try ask(events, [], cache: false)
        _ = try ask(events, [])
        let saved = try entry(answers)
        var edited = saved.json
        let foreign: JSONValue = ["year": 2026, "on": "2023-06-30", "knownOn": nil]
        edited["answer"] = foreign
        edited["checksum"] = .string(AnswerCache.checksum(of: foreign))
        try write(edited, to: saved.path)
        #expect(try ask(events, []) == fresh)
        #expect(try entry(answers).json == saved.json)
    }

    /// An append that lands while an answer is computed may be in that answer: it is not filed
    /// under the head the cache was opened for (where a later sync that moves events aside could
    /// find it again).
    @Test func anAnswerComputedWhileTheHeadMovedIsNotSaved() throws {
        let (events, answers) = try store()
        try? FileManager.default.removeItem(atPath: answers)
        let query = try QueryOptions(try ParsedArguments(["404", "--on", "2023-06-30"], spec: ReserveCommand.spec), command: "reserve")
        let store = EventStore(directory: events)
        let answer = try query.answer("reserve 404", store: store) { store -> ReserveAnswer in
            #expect(CLI.run(["append", "--events", events], stdin: eventJSON(id: "during", payload: #"{"decision": "during", "body": "raad"}"#)).status == 0)
            let json = CLI.run(["reserve", "404", "--on", "2023-06-30", "--json", "--no-cache", "--events", events]).stdout
            return try ReserveAnswer(json: try JSONParser.parse(Array(json.utf8)))
        }
        #expect(answer.moment == query.moment)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: answers))?.isEmpty ?? true, "nothing saved under the old head")
        // Asked again at the new head, it is computed and saved.
        _ = try ask(events, [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: answers).count == 1)
    }
}
