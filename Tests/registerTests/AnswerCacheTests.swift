import TestSupport
import EventStore
import Foundation
import Testing

/// The answer cache in `.register/`: same answers with and without it, invalidated by any change.
@Suite struct AnswerCacheTests {
    /// A seeded random history of a few reserves, appended through the real store and policy.
    func generatedStore(seed: UInt64, in temp: TemporaryFolder) throws -> String {
        let folder = try temp.folder()
        var random = SplitMix64(seed: seed)
        func append(_ json: String) throws {
            let r = CLI.run(["append", "--events", folder], stdin: json)
            #expect(r.status == 0, "\(r.stderr)")
        }
        try append(eventJSON(effective: "2019-01-01", id: "d1", payload: #"{"decision": "D1", "body": "raad", "date": "2019-01-01"}"#))
        for r in 1...3 {
            try append(eventJSON(type: "reserve-established", effective: "2019-02-0\(r)",
                                 payload: #"{"reserve": "\#(r)", "name": "R\#(r)", "endDate": "2022-12-31", "decision": "D1"}"#))
        }
        for i in 0..<12 {
            let reserve = Int(random.next() % 3) + 1
            let day = String(format: "20%02d-%02d-%02d", 19 + Int(random.next() % 5), 1 + Int(random.next() % 12), 1 + Int(random.next() % 28))
            switch random.next() % 3 {
            case 0: try append(eventJSON(type: "reserve-addition", effective: day, payload: #"{"reserve": "\#(reserve)", "amountCents": \#(1000 + random.next() % 9000), "decision": "D1"}"#))
            case 1: try append(eventJSON(type: "reserve-end-date-changed", effective: day, id: "end-\(i)", payload: #"{"reserve": "\#(reserve)", "endDate": "202\#(3 + random.next() % 5)-12-31", "decision": "D1"}"#))
            default: try append(eventJSON(type: "allocation", effective: day, payload: #"{"reserve": "\#(reserve)", "allocations": [{"project": "P\#(i)", "amountCents": \#(random.next() % 500)}]}"#))
            }
        }
        return folder
    }

    func ask(_ store: String, _ args: [String]) throws -> (cached: String, fresh: String) {
        let cached = CLI.run(args + ["--events", store])
        let again = CLI.run(args + ["--events", store])
        let fresh = CLI.run(args + ["--no-cache", "--events", store])
        #expect(cached.status == fresh.status)
        #expect(again.stdout == cached.stdout, "a cached answer repeats the first")
        return (cached.stdout, fresh.stdout)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func answersWithAndWithoutTheCacheAreIdentical(_ seed: UInt64) throws {
        let temp = try TemporaryFolder("answer-cache")
        let store = try generatedStore(seed: seed, in: temp)
        for date in ["2019-06-30", "2021-01-01", "2023-12-31", "2030-01-01"] {
            for reserve in ["1", "2", "3"] {
                let a = try ask(store, ["reserve", reserve, "--on", date, "--json"])
                #expect(a.cached == a.fresh, "reserve \(reserve) on \(date)")
            }
        }
        let answers = store.replacingOccurrences(of: "/events", with: "/.register/events/answers")
        #expect(try FileManager.default.contentsOfDirectory(atPath: answers).count >= 12, "the cache was used")
    }

    @Test func anAppendOrALaterCorrectionChangesTheAnswerAndKnownOnStillSeesThePast() throws {
        let temp = try TemporaryFolder("answer-cache")
        let store = try generatedStore(seed: 7, in: temp)
        let before = try ask(store, ["reserve", "1", "--on", "2030-01-01", "--json"]).cached
        let log = try #require(CLI.run(["log", "--json", "--events", store]).json?.array)
        let lastRecorded = try #require(log.last?["recordedAt"]?.string)
        let correction = eventJSON(type: "correction", effective: "2024-01-01",
                                   payload: #"{"corrects": "res-1", "reason": "test", "payload": {"reserve": "1", "name": "Renamed", "endDate": "2040-12-31", "decision": "D1"}}"#)
            .replacingOccurrences(of: "res-1", with: try #require(log.first { $0["type"] == "reserve-established" }?["id"]?.string))
        #expect(CLI.run(["append", "--events", store], stdin: correction).status == 0)
        let after = try ask(store, ["reserve", "1", "--on", "2030-01-01", "--json"])
        #expect(after.cached == after.fresh)
        #expect(after.cached != before)
        #expect(after.cached.contains("\"name\": \"Renamed\""))
        let past = try ask(store, ["reserve", "1", "--on", "2030-01-01", "--known-on", lastRecorded, "--json"])
        #expect(past.cached == past.fresh)
        #expect(past.cached.replacingOccurrences(of: "\"knownOn\": \"\(lastRecorded)\"", with: "\"knownOn\": null") == before)
    }

    @Test func aDamagedOrDeletedCacheChangesNoAnswer() throws {
        let temp = try TemporaryFolder("answer-cache")
        let store = try generatedStore(seed: 9, in: temp)
        let first = try ask(store, ["reserve", "2", "--on", "2025-01-01"]).cached
        let answers = store.replacingOccurrences(of: "/events", with: "/.register/events/answers")
        for file in try FileManager.default.contentsOfDirectory(atPath: answers) {
            try Data("{\"key\": \"wrong\", \"answer\": \"forged\"}".utf8).write(to: URL(fileURLWithPath: answers + "/" + file))
        }
        #expect(try ask(store, ["reserve", "2", "--on", "2025-01-01"]).cached == first)
        try FileManager.default.removeItem(atPath: answers)
        #expect(try ask(store, ["reserve", "2", "--on", "2025-01-01"]).cached == first)
    }
}
