/// Event ids and types on disk, sharded by the id's SHA-256, so `append` can refuse a
/// duplicate id and answer "what type is event X" by reading one small file.
///
/// 256 files `ids/00.tsv` … `ids/ff.tsv` in the cache folder, lines `id<TAB>type<TAB>sequence`. Written
/// only under the append lock, rebuilt from a full replay whenever the append state is not
/// valid. A cache: deleting it costs one replay, and `verify` never uses it.
struct EventIndex {
    let folder: String

    private func shard(of id: String) -> String {
        let digest = SHA256.hash(Array(id.utf8))
        return folder + "/" + String(digest.hex.prefix(2)) + ".tsv"
    }

    /// The stored type and sequence number of event `id`, or nil.
    func location(of id: String) throws -> (type: String, sequence: Int)? {
        let path = shard(of: id)
        guard let bytes = try? FileSystem.read(path) else { return nil }
        let wanted = Array(id.utf8)
        var lineStart = 0
        for i in 0..<bytes.count where bytes[i] == 0x0a {
            let line = bytes[lineStart..<i]
            lineStart = i + 1
            guard let tab = line.firstIndex(of: 0x09) else { continue }
            if line[line.startIndex..<tab].elementsEqual(wanted) {
                let rest = String(decoding: line[(tab + 1)...], as: UTF8.self).split(separator: "\t")
                guard rest.count == 2, let sequence = Int(rest[1]) else { return nil }
                return (String(rest[0]), sequence)
            }
        }
        return nil
    }

    /// Adds one event (after it is linked into the store).
    func add(id: String, type: String, sequence: Int) throws {
        let fd = try FileDescriptor.open(shard(of: id), .appendCreate)
        defer { fd.close() }
        try fd.writeAll(Array("\(id)\t\(type)\t\(sequence)\n".utf8))
    }

    /// Replaces the whole index with these events.
    func rebuild(_ entries: [(id: String, type: String, sequence: Int)]) throws {
        try FileSystem.makeDirectory(folder)
        var shards: [String: [UInt8]] = [:]
        for entry in entries { shards[shard(of: entry.id), default: []].append(contentsOf: "\(entry.id)\t\(entry.type)\t\(entry.sequence)\n".utf8) }
        for name in (try? FileSystem.names(in: folder)) ?? [] where name.hasSuffix(".tsv") {
            let path = folder + "/" + name
            if shards[path] == nil { _ = Syscall.unlink(path) }
        }
        for (path, bytes) in shards { try FileSystem.replaceContents(of: path, with: bytes) }
    }
}
