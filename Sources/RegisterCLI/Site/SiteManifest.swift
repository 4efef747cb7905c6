import EventStore
import Foundation

/// What a run of `register site` leaves in DIR (`.site-manifest.json`) so the next run knows
/// what it made: the store and the options it read, the event it got to (sequence and hash), the
/// subjects that had a page and a digest of each subject's findings, and every file it wrote
/// with its SHA-256 and what `stat` said of it then, grouped by the unit that renders it.
///
/// Read as hostile: anything that does not parse, or does not fit the store and options of this
/// run, makes the run regenerate the whole site (`SiteRegeneration`), never trust the file.
struct SiteManifest: Equatable {
    static let name = ".site-manifest.json"
    static let format = "register-site-manifest 1"

    /// One file of the site as the run that wrote it (or found it unchanged) saw it.
    struct File: Equatable {
        var sha256: String
        /// `size mtime ctime inode` (nanoseconds): unchanged means the file was not touched since.
        var stat: String
    }

    var store: String
    /// A digest of everything besides the events that the pages depend on (language, dates, name,
    /// settings, source hashes, the pagination and the tool's version).
    var parameters: String
    var sequence: Int
    var head: String
    var held: [String]
    /// For each subject (`kind:id`), the SHA-256 of its page's findings section.
    var findings: [String: String]
    /// For each unit (`SiteUnit.key`), its files by path inside DIR.
    var units: [String: [String: File]]

    /// The manifest as JSON, keys sorted, one unit a line (written by hand: tens of thousands of
    /// entries at 100,000 events, which a generic encoder takes seconds over).
    var bytes: Data {
        func string(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                default:
                    if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
                }
            }
            return out + "\""
        }
        func object(_ pairs: [(String, String)]) -> String {
            "{" + pairs.sorted { $0.0 < $1.0 }.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
        }
        let unitsText = "{\n" + units.sorted { $0.key < $1.key }.map { key, files in
            string(key) + ":" + object(files.map { ($0.key, object([("sha256", string($0.value.sha256)), ("stat", string($0.value.stat))])) })
        }.joined(separator: ",\n") + "\n}"
        let text = object([
            ("format", string(Self.format)), ("store", string(store)), ("parameters", string(parameters)), ("sequence", String(sequence)),
            ("head", string(head)), ("held", "[" + held.map(string).joined(separator: ",") + "]"),
            ("findings", object(findings.map { ($0.key, string($0.value)) })), ("units", unitsText),
        ]) + "\n"
        return Data(text.utf8)
    }

    /// The manifest in `data`, or nil when it is not one this build wrote (any missing or
    /// mistyped field, an unsafe path).
    init?(_ data: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["format"] as? String == Self.format,
              let store = object["store"] as? String, let parameters = object["parameters"] as? String,
              let sequence = object["sequence"] as? Int, let head = object["head"] as? String,
              let held = object["held"] as? [String], let findings = object["findings"] as? [String: String],
              let rawUnits = object["units"] as? [String: Any]
        else { return nil }
        var units: [String: [String: File]] = [:]
        for (key, value) in rawUnits {
            guard let files = value as? [String: Any] else { return nil }
            var unit: [String: File] = [:]
            for (path, file) in files {
                guard Self.safe(path), let file = file as? [String: Any], let sha = file["sha256"] as? String,
                      let stat = file["stat"] as? String else { return nil }
                unit[path] = File(sha256: sha, stat: stat)
            }
            units[key] = unit
        }
        self.init(store: store, parameters: parameters, sequence: sequence, head: head, held: held, findings: findings, units: units)
    }

    init(store: String, parameters: String, sequence: Int, head: String, held: [String], findings: [String: String],
         units: [String: [String: File]]) {
        self.store = store
        self.parameters = parameters
        self.sequence = sequence
        self.head = head
        self.held = held
        self.findings = findings
        self.units = units
    }

    /// A path a manifest may name: inside DIR, no way up, not the manifest itself.
    static func safe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0.isEmpty }
            && path != name
    }

    /// What `stat` says of a file now (`size mtime ctime inode`), or nil when there is none.
    static func stat(_ path: String) -> String? {
        var info = Glibc.stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        func ns(_ t: timespec) -> Int { t.tv_sec * 1_000_000_000 + t.tv_nsec }
        return "\(info.st_size) \(ns(info.st_mtim)) \(ns(info.st_ctim)) \(info.st_ino)"
    }
}
