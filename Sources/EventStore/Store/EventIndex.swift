import Foundation

/// Keys and values on disk, sharded by the key's SHA-256, so `append` can refuse a duplicate
/// event id or an unknown reference by reading one small file instead of the whole store.
///
/// 4096 files `index/000.tsv` … `index/fff.tsv` in the cache folder, lines `key<TAB>value`: event
/// ids as `event:<id>` with `<type> <sequence>`, and the keys an `AppendPolicy` names. Keys are
/// NFC-normalised first, so the same text typed two ways is one key. Written only under the
/// append lock, rebuilt from a full replay whenever the append state is not valid. A cache:
/// deleting it costs one replay, and `verify` never uses it.
struct EventIndex {
    let folder: String

    static func normalised(_ key: String) -> String { key.precomposedStringWithCanonicalMapping }

    private func shard(of key: String) -> String {
        folder + "/" + String(SHA256.hash(Array(key.utf8)).hex.prefix(3)) + ".tsv"
    }

    /// The value recorded for `key` (the last one, when recorded twice), or nil.
    func value(of key: String) throws -> String? {
        let key = Self.normalised(key)
        guard let bytes = try? FileSystem.read(shard(of: key)) else { return nil }
        let wanted = Array(key.utf8)
        var found: String? = nil
        var lineStart = 0
        for i in 0..<bytes.count where bytes[i] == 0x0a {
            let line = bytes[lineStart..<i]
            lineStart = i + 1
            guard let tab = line.firstIndex(of: 0x09) else { continue }
            if line[line.startIndex..<tab].elementsEqual(wanted) {
                found = String(decoding: line[(tab + 1)...], as: UTF8.self)
            }
        }
        return found
    }

    /// Where event `id` is: its type and sequence number.
    func location(ofEvent id: String) throws -> (type: String, sequence: Int)? {
        guard let value = try value(of: "event:" + id) else { return nil }
        let parts = value.split(separator: " ")
        guard parts.count == 2, let sequence = Int(parts[1]) else { return nil }
        return (String(parts[0]), sequence)
    }

    static func entries(for event: EventEnvelope, policyKeys: [(key: String, value: String)]) -> [(key: String, value: String)] {
        [("event:" + event.id, "\(event.type) \(event.sequence)")] + policyKeys
    }

    /// Adds the entries of one event (after it is linked into the store).
    func add(_ entries: [(key: String, value: String)]) throws {
        var byShard: [String: [UInt8]] = [:]
        for entry in entries {
            let key = Self.normalised(entry.key)
            byShard[shard(of: key), default: []].append(contentsOf: "\(key)\t\(entry.value)\n".utf8)
        }
        for (path, bytes) in byShard {
            let fd = try FileDescriptor.open(path, .appendCreate)
            defer { fd.close() }
            try fd.writeAll(bytes)
        }
    }

    /// Replaces the whole index with these entries.
    func rebuild(_ entries: [(key: String, value: String)]) throws {
        try FileSystem.makeDirectory(folder)
        var shards: [String: [UInt8]] = [:]
        for entry in entries {
            let key = Self.normalised(entry.key)
            shards[shard(of: key), default: []].append(contentsOf: "\(key)\t\(entry.value)\n".utf8)
        }
        for name in (try? FileSystem.names(in: folder)) ?? [] where name.hasSuffix(".tsv") {
            let path = folder + "/" + name
            if shards[path] == nil { _ = Syscall.unlink(path) }
        }
        for (path, bytes) in shards { try FileSystem.replaceContents(of: path, with: bytes) }
    }
}
