import Foundation
import TestSupport
@testable import Drafting

/// The documents the drafting tests read: the five sources of the shipped history, copied byte
/// for byte into `Fixtures/sources/`, and documents written for the tests in `Fixtures/made/`.
enum Fixture {
    static let folder = Repository.root + "/Tests/DraftingTests/Fixtures"

    static let sources = ["000_670a6af81f8fa9c1.txt", "001_b2a2623ba0ed9aeb.txt", "002_339159327708f54b.txt",
                          "003_b485894c4d3abfa7.txt", "004_aa63f06cb8a44dce.txt"]
    static let made = ["raadsbesluit-reserves-512-377.txt", "raadsvoorstel-zonder-besluit.txt", "rib-begroting-en-contract.txt",
                       "bijlage-besteding-reserve-208.txt"]

    static func path(_ name: String) -> String {
        folder + (sources.contains(name) ? "/sources/" : "/made/") + name
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    /// The drafts of a fixture; drafting is pure, so each is made once per test run.
    static func drafts(_ name: String) throws -> DocumentDrafts {
        if let cached = cache.withLock({ $0[name] }) { return cached }
        let drafts = try Drafter.draft(document: name, bytes: try bytes(name))
        cache.withLock { $0[name] = drafts }
        return drafts
    }

    private static let cache = Locked<[String: DocumentDrafts]>([:])
}

/// A value shared between the tests, which run in parallel.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

extension DocumentDrafts {
    func all(_ type: String) -> [DraftEvent] { drafts.filter { $0.type.rawValue == type } }
    func first(_ type: String) -> DraftEvent? { all(type).first }
}

extension DraftEvent {
    func date(_ key: String) -> String? {
        if case .date(let d)? = value(key) { return d.iso }
        return nil
    }

    func cents(_ key: String) -> Int64? {
        if case .cents(let c)? = value(key) { return c }
        return nil
    }

    /// The values of one item of every line of a list: `items("allocations", "project")`.
    func items(_ list: String, _ item: String) -> [String] {
        lines(list).compactMap { value("\(list)[\($0)].\(item)").map { "\($0)" } }
    }
}
