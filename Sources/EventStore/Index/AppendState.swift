/// What `append` remembers between runs so it need not replay the store: the head and the
/// modification times, when the head was written, of the folders the next event could appear in.
///
/// It is a cache, kept in the store's cache folder (`.register/` beside `events/`), and never
/// trusted blindly: it counts only when those folders' modification times are unchanged (no file
/// added, removed or renamed there since, by anyone) and the head file still hashes to the
/// recorded hash. Otherwise `append` replays the whole store, checks it, and writes the state anew.
/// The folders are the events folder itself and the shard folder of the next sequence number
/// (see `EventShard`); creating a shard folder changes the events folder.
struct AppendState: Equatable, Sendable {
    /// Names the layout of the index and what the append policy puts in it; a change to either
    /// needs a new format, so an index written before is rebuilt, never misread. v3: entries carry
    /// each file's hash; v4: the policy defines commitment and authorisation keys; v5: it also keeps
    /// the spelling of every name by its identity (case, leading zeros) and the amendment keys;
    /// v6: the magnitudes of recorded amounts per subject (`DomainPolicy+Magnitudes`); v7: group
    /// lists in buckets of their own (`SubjectIndex.groupBuckets`); v8: single-valued keys in
    /// leaves that compact and split (`IndexLeaf`); v9: XXH64 checksums in the manifest (`XXH64`);
    /// v10: the events the policy cannot read, under a subject of their own (`DomainPolicy.unreadable`).
    static let format = "register subject index v10"

    var sequence: Int
    /// The head's path inside the events folder.
    var headPath: String
    var headHash: SHA256Digest
    var directoryModified: Int64
    /// The next sequence number's shard folder's modification time; 0 when it is the events folder or does not exist.
    var nextShardModified: Int64

    var json: JSONValue {
        .object([
            "format": .string(Self.format), "sequence": JSONValue(sequence), "headPath": .string(headPath),
            "headHash": .string(headHash.hex), "directoryModified": .number(String(directoryModified)),
            "nextShardModified": .number(String(nextShardModified)),
        ])
    }

    init(sequence: Int, headPath: String, headHash: SHA256Digest, directoryModified: Int64, nextShardModified: Int64) {
        self.sequence = sequence
        self.headPath = headPath
        self.headHash = headHash
        self.directoryModified = directoryModified
        self.nextShardModified = nextShardModified
    }

    /// Nil for anything that is not a state of this format: the caller rebuilds.
    init?(json: JSONValue) {
        guard json["format"]?.string == Self.format,
              let sequence = json["sequence"]?.integer, let headPath = json["headPath"]?.string,
              let headHash = json["headHash"]?.string.flatMap(SHA256Digest.init(hex:)),
              let modified = json["directoryModified"]?.integer, let shardModified = json["nextShardModified"]?.integer else { return nil }
        self.init(sequence: Int(sequence), headPath: headPath, headHash: headHash, directoryModified: modified,
                  nextShardModified: shardModified)
    }
}
