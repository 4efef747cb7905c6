extension EventStore {
    /// Reads the events a query needs, in order, without checking the hash chain.
    ///
    /// Queries trust the store; `verify` proves it. Skipping the hashing, and parsing only the
    /// files that `wanted` keeps (it sees the file name, which says the type, and the raw
    /// bytes), is what makes an as-of question cheap on a large store. The sequence is still
    /// checked (no gaps, names match content) so a half-copied folder is not silently used.
    public func scan(where wanted: (_ name: String, _ bytes: [UInt8]) -> Bool, _ body: (EventEnvelope) throws -> Void) throws {
        let listing = try listing()
        for (offset, entry) in listing.events.enumerated() {
            guard entry.sequence == offset + 1 else {
                throw StoreError.damaged(file: entry.name, damage: entry.sequence == offset ? .duplicateSequence(entry.sequence)
                                                                                           : .missingSequence(expected: offset + 1))
            }
            let bytes: [UInt8]
            do { bytes = try FileSystem.read(path(entry.name)) } catch {
                throw StoreError.damaged(file: entry.name, damage: .ioError("\(error)"))
            }
            guard wanted(entry.name, bytes) else { continue }
            let envelope: EventEnvelope
            do { envelope = try EventEnvelope(stored: try JSONParser.parse(bytes)) } catch {
                throw StoreError.damaged(file: entry.name, damage: .unreadable("\(error)"))
            }
            guard envelope.fileName == entry.name else {
                throw StoreError.damaged(file: entry.name, damage: .nameMismatch(expectedName: envelope.fileName))
            }
            try body(envelope)
        }
    }
}

/// Byte search for scan filters.
public enum ByteSearch {
    /// Whether `haystack` contains `needle`.
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
    let first = needle[0]
    let last = haystack.count - needle.count
    return haystack.withUnsafeBufferPointer { h in
        needle.withUnsafeBufferPointer { n in
            var i = 0
            while i <= last {
                if h[i] == first {
                    var j = 1
                    while j < n.count && h[i + j] == n[j] { j += 1 }
                    if j == n.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}
}
