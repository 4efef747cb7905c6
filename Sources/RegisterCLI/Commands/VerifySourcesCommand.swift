import EventStore
import Foundation
import Projections

/// `register verify-sources DIR`: checks a folder of source documents against the SHA-256 the
/// register records for each document the history cites.
struct VerifySourcesCommand: Command {
    static let name = "verify-sources"
    static let spec = CommandSpec(
        name: name, abstract: "Check a folder of source documents against the SHA-256 the register records for each.",
        arguments: "DIR [--known-on DATE|DATETIME] [--json]", options: [.knownOn, .json],
        discussion: """
            For every document the history cites, DIR/<document> must exist and have the recorded SHA-256.
            Each document is 'verified', 'different' (another SHA-256: not the document the events were read
            from), 'missing' (not in DIR), or 'no hash recorded' (record one with a source-document event).
            Files in DIR that no event cites are listed as 'not cited' and do not fail the check.
            Exit 0 when every cited document is verified, 1 otherwise.
            """,
        examples: ["register verify-sources ~/dordrecht-sources", "register verify-sources sources/ --json"])

    /// What became of one document.
    enum Status: String {
        case verified, different, missing
        case noHash = "no-hash-recorded"
        case notCited = "not-cited"
    }

    /// The human texts of this command, in one place so they can be translated.
    enum Text {
        static func status(_ s: Status) -> String {
            switch s {
            case .verified: return "verified"
            case .different: return "DIFFERENT"
            case .missing: return "MISSING"
            case .noHash: return "NO HASH RECORDED"
            case .notCited: return "not cited"
            }
        }
        static func found(_ hash: String, recorded: String) -> String { "  found sha256 \(hash), recorded \(recorded)" }
        static func summary(verified: Int, of total: Int) -> String { "\(verified) of \(total) cited document(s) verified" }
        static func notAFolder(_ dir: String) -> String { "'\(dir)' is not a folder; expected the folder that holds the source documents" }
    }

    struct Result {
        let document: String
        let status: Status
        let recorded: String?
        let found: String?
    }

    let folder: String
    let knownOn: RecordedInstant?
    let json: Bool
    let store: EventStore

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.count == 1 else {
            throw .usage(arguments.positionals.isEmpty ? "verify-sources needs the folder of documents, DIR"
                         : "verify-sources takes one folder; got \(arguments.positionals.count) arguments", command: Self.name)
        }
        let given = arguments.positionals[0]
        folder = given.hasPrefix("/") ? given : context.currentDirectory + "/" + given
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .usage(Text.notAFolder(arguments.positionals[0]), command: Self.name)
        }
        knownOn = try arguments.value("--known-on", command: Self.name).map { (t) throws(CLIError) in
            try DateArguments.moment(t, option: "--known-on", command: Self.name)
        }
        json = arguments.flag("--json")
        store = try context.store(arguments, command: Self.name)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let catalog = SourceCatalog(records: try context.history(of: store).resolved(knownOn: knownOn))
        var results: [Result] = catalog.entries.map { entry in
            let found = Self.hash(ofFile: entry.document, in: folder)
            guard let recorded = entry.recorded?.sha256 else { return Result(document: entry.document, status: .noHash, recorded: nil, found: found) }
            guard let found else { return Result(document: entry.document, status: .missing, recorded: recorded, found: nil) }
            return Result(document: entry.document, status: found == recorded ? .verified : .different, recorded: recorded, found: found)
        }
        let cited = Set(catalog.entries.map(\.document))
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().filter { !cited.contains($0) }
        for name in others { if let found = Self.hash(ofFile: name, in: folder) { results.append(Result(document: name, status: .notCited, recorded: nil, found: found)) } }
        let checked = results.filter { $0.status != .notCited }
        let verified = checked.filter { $0.status == .verified }.count
        if json {
            func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
            context.printJSON(.object([
                "verified": .bool(verified == checked.count), "cited": JSONValue(checked.count), "verifiedCount": JSONValue(verified),
                "documents": .array(results.map {
                    .object(["document": .string($0.document), "status": .string($0.status.rawValue),
                             "recordedSha256": text($0.recorded), "foundSha256": text($0.found)])
                }),
            ]))
        } else {
            let l = context.language
            var lines: [String] = []
            for r in results {
                lines.append("\(l.text(Text.status(r.status)))  \(r.document)")
                if r.status == .different, let found = r.found, let recorded = r.recorded { lines.append(l.message(Text.found(found, recorded: recorded))) }
            }
            lines.append(l.message(Text.summary(verified: verified, of: checked.count)))
            context.writeText(lines.joined(separator: "\n") + "\n")
        }
        return verified == checked.count ? .ok : .failure
    }

    /// The SHA-256 of DIR/name, or nil when that is not a regular file that can be read (a name
    /// with a `/` or that is `.` or `..` never leaves the folder: it is not looked up).
    static func hash(ofFile name: String, in folder: String) -> String? {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else { return nil }
        let path = URL(fileURLWithPath: folder + "/" + name).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return SHA256.hash([UInt8](data)).hex
    }
}
