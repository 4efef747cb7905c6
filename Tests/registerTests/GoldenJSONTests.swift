import TestSupport
import EventStore
import Foundation
import Testing
@testable import RegisterCLI

/// `--json` answers as golden files (Tests/registerTests/Golden/NAME.json), and the same keys in
/// every state: before a reserve is established or a contract awarded as after.
///
/// Regenerate after a deliberate change: `REGISTER_UPDATE_GOLDEN=1 swift test --filter GoldenJSON`,
/// then read the diff.
@Suite struct GoldenJSONTests {
    static let folder = Repository.root + "/Tests/registerTests/Golden"

    static let cases: [(name: String, arguments: [String])] = [
        ("reserve-404-before-establishment", ["reserve", "404", "--on", "2018-01-01", "--json", "--no-cache"]),
        ("reserve-404-2023-06-30", ["reserve", "404", "--on", "2023-06-30", "--json", "--no-cache"]),
        ("contract-before-award", ["contract", "dordrecht-sociaal", "--on", "2020-01-01", "--json", "--no-cache"]),
        ("contract-2024-01-01", ["contract", "dordrecht-sociaal", "--on", "2024-01-01", "--json", "--no-cache"]),
        ("budget-2026", ["budget", "--year", "2026", "--on", "2026-06-30", "--json", "--no-cache"]),
        ("sources", ["sources", "--json"]),
    ]

    @Test(arguments: cases.map(\.name))
    func answerMatchesItsGoldenFile(_ name: String) throws {
        let arguments = Self.cases.first { $0.name == name }!.arguments
        let r = CLI.run(arguments + ["--events", Repository.shippedEvents])
        #expect(r.status == 0, "\(r.stderr)")
        try Self.compare(r.stdout, golden: name)
    }

    static func compare(_ output: String, golden name: String) throws {
        let path = folder + "/\(name).json"
        if ProcessInfo.processInfo.environment["REGISTER_UPDATE_GOLDEN"] == "1" {
            try writeBytes(Array(output.utf8), to: path)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(output == expected, "\(name): the output differs from \(path); regenerate with REGISTER_UPDATE_GOLDEN=1 if the change is meant")
    }

    /// Every key, with the path of objects that leads to it (arrays' elements as `[]`).
    static func keyPaths(_ value: JSONValue, _ prefix: String = "") -> Set<String> {
        switch value {
        case .object(let o): return o.reduce(into: Set<String>()) { $0.insert(prefix + $1.key); $0.formUnion(keyPaths($1.value, prefix + $1.key + ".")) }
        case .array(let a): return a.reduce(into: Set<String>()) { $0.formUnion(keyPaths($1, prefix + "[].")) }
        default: return []
        }
    }

    @Test(arguments: [("reserve-404-before-establishment", "reserve-404-2023-06-30"), ("contract-before-award", "contract-2024-01-01")])
    func theSameTopLevelKeysInEveryState(_ before: String, _ after: String) throws {
        func keys(_ name: String) throws -> Set<String> {
            let arguments = Self.cases.first { $0.name == name }!.arguments
            return Set(try JSONParser.parse(CLI.run(arguments + ["--events", Repository.shippedEvents]).stdout).object?.keys.map { $0 } ?? [])
        }
        #expect(try keys(before) == keys(after))
    }

    /// Every key an answer writes is documented in docs/reference/json.md.
    @Test(arguments: cases.map(\.name))
    func everyKeyIsDocumented(_ name: String) throws {
        let reference = try String(contentsOfFile: Repository.root + "/docs/reference/json.md", encoding: .utf8)
        let arguments = Self.cases.first { $0.name == name }!.arguments
        let answer = try JSONParser.parse(CLI.run(arguments + ["--events", Repository.shippedEvents]).stdout)
        for path in Self.keyPaths(answer) {
            let key = String(path.split(separator: ".").last ?? "")
            #expect(reference.contains("`\(key)`") || reference.contains("\(key),") || reference.contains("{\(key)") || reference.contains(" \(key)}")
                    || reference.contains(" \(key),"), "\(name): key '\(key)' (\(path)) is not in docs/reference/json.md")
        }
    }

    /// In --json mode an error is a JSON object on stderr, with the same exit code.
    @Test(arguments: [(["reserve", "404", "--on", "2023-13-01", "--json"], Int32(2), "usage"),
                      (["reserve", "999", "--json"], Int32(3), "refused"),
                      (["reserve", "404", "--json", "--jsno"], Int32(2), "usage")])
    func errorsAreJSONOnStandardError(_ arguments: [String], _ status: Int32, _ kind: String) throws {
        let r = CLI.run(arguments + ["--events", Repository.shippedEvents])
        #expect(r.status == status)
        #expect(r.stdout.isEmpty)
        let error = try JSONParser.parse(r.stderr).object?["error"]?.object ?? [:]
        #expect(Set(error.keys) == ["kind", "message", "exitCode", "command", "usage"], "\(r.stderr)")
        #expect(error["kind"]?.string == kind && error["exitCode"]?.integer == Int64(status), "\(r.stderr)")
    }
}
