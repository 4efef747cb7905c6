/// The event files of a folder, in order, kept compactly: a sequence number and an index into the
/// few distinct type names, 8 bytes an event instead of a heap string. A million events list in
/// about 8 MB; each name is rebuilt exactly when asked for (`NNNNNNNN-type.json`).
struct EventEntries: RandomAccessCollection {
    private var sequences: [Int32] = []
    private var typeIndexes: [UInt16] = []
    private var types: [String] = []
    private var typeIndex: [String: UInt16] = [:]

    var startIndex: Int { 0 }
    var endIndex: Int { sequences.count }

    subscript(position: Int) -> (sequence: Int, name: String) {
        let sequence = Int(sequences[position])
        return (sequence, EventFileName.make(sequence: sequence, type: types[Int(typeIndexes[position])]))
    }

    /// Adds a file whose name `EventFileName.sequence(of:)` accepted.
    mutating func append(sequence: Int, name: String) {
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
    }

    /// Sorts into name order: by sequence number, then type.
    mutating func sort() {
        let order = sequences.indices.sorted {
            (sequences[$0], types[Int(typeIndexes[$0])]) < (sequences[$1], types[Int(typeIndexes[$1])])
        }
        sequences = order.map { sequences[$0] }
        typeIndexes = order.map { typeIndexes[$0] }
    }
}
