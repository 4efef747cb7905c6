/// What `append` remembers between runs so it need not replay the store: the head and the
/// folder's modification time when the head was written (the key index is beside it).
///
/// It is a cache, kept in the store's cache folder (`.register/` beside `events/`), and never
/// trusted blindly: it counts only when the folder's modification time is unchanged (no file
/// added, removed or renamed since, by anyone) and the head file still hashes to the recorded
/// hash. Otherwise `append` replays the whole store, checks it, and writes the state anew.
struct AppendState: Equatable {
    static let format = "register append state v2"

    var sequence: Int
    var headName: String
    var headHash: SHA256Digest
    var directoryModified: Int64

    var json: JSONValue {
        .object([
            "format": .string(Self.format), "sequence": JSONValue(sequence), "headName": .string(headName),
            "headHash": .string(headHash.hex), "directoryModified": .number(String(directoryModified)),
        ])
    }

    init(sequence: Int, headName: String, headHash: SHA256Digest, directoryModified: Int64) {
        self.sequence = sequence
        self.headName = headName
        self.headHash = headHash
        self.directoryModified = directoryModified
    }

    /// Nil for anything that is not a state of this format: the caller rebuilds.
    init?(json: JSONValue) {
        guard json["format"]?.string == Self.format,
              let sequence = json["sequence"]?.integer, let headName = json["headName"]?.string,
              let headHash = json["headHash"]?.string.flatMap(SHA256Digest.init(hex:)),
              let modified = json["directoryModified"]?.integer else { return nil }
        self.init(sequence: Int(sequence), headName: headName, headHash: headHash, directoryModified: modified)
    }
}
