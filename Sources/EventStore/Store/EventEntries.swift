/// The event files of a folder, in order, kept compactly: a sequence number, an index into the
/// few distinct type names and the shard folder the file was found in, 10 bytes an event instead
/// of heap strings. A million events list in about 10 MB; each name and path is rebuilt exactly
/// when asked for (`NNNNNNNN-type.json`, `NNNN/NNNNNNNN-type.json`).
public struct EventEntries: RandomAccessCollection, Sendable {
    /// One listed event file.
    public struct Entry: Sendable {
        public let sequence: Int
        /// The file name, `NNNNNNNN-type.json`.
        public let name: String
        /// The shard folder it was found in; nil for the events folder itself.
        public let folder: String?
        /// Its path inside the events folder.
        public var path: String { folder.map { $0 + "/" + name } ?? name }
        /// Where an append would have written it.
        public var shardPath: String { EventShard.path(ofFile: name, sequence: sequence) }
        /// Whether it lives where its sequence number allows (see `EventShard`).
        public var isPlaced: Bool { EventShard.accepts(folder: folder, sequence: sequence) }
    }

    private var sequences: [Int32] = []
    private var typeIndexes: [UInt16] = []
    /// The shard number of the folder each file was found in; -1 for the events folder itself.
    private var shards: [Int16] = []
    private var types: [String] = []
    private var typeIndex: [String: UInt16] = [:]

    public var startIndex: Int { 0 }
    public var endIndex: Int { sequences.count }

    public subscript(position: Int) -> Entry {
        let sequence = Int(sequences[position])
        let shard = Int(shards[position])
        return Entry(sequence: sequence, name: EventFileName.make(sequence: sequence, type: types[Int(typeIndexes[position])]),
                     folder: shard < 0 ? nil : EventShard.folderName(shard))
    }

    /// Adds a file whose name `EventFileName.sequence(of:)` accepted, found in shard `shard` (nil: the folder itself).
    mutating func append(sequence: Int, name: String, shard: Int? = nil) {
        let type = String(name.dropFirst(EventFileName.digits + 1).dropLast(5))
        let index: UInt16
        if let known = typeIndex[type] {
            index = known
        } else {
            index = UInt16(truncatingIfNeeded: types.count)
            types.append(type)
            typeIndex[type] = index
        }
        sequences.append(Int32(truncatingIfNeeded: sequence))
        typeIndexes.append(index)
        shards.append(Int16(truncatingIfNeeded: shard ?? -1))
    }

    /// Sorts into order: by sequence number, then type, then folder.
    mutating func sort() {
        let order = sequences.indices.sorted {
            (sequences[$0], types[Int(typeIndexes[$0])], shards[$0]) < (sequences[$1], types[Int(typeIndexes[$1])], shards[$1])
        }
        sequences = order.map { sequences[$0] }
        typeIndexes = order.map { typeIndexes[$0] }
        shards = order.map { shards[$0] }
    }
}
