import Foundation

extension EventStore {
    /// Reads the events a query needs, in order, without checking the hash chain.
    ///
    /// Queries trust the store; `verify` proves it. Skipping the hashing, and parsing only the
    /// files that `wanted` keeps (it sees the file name, which says the type, and the raw
    /// bytes), is what makes an as-of question cheap on a large store. The sequence is still
    /// checked (no gaps, names match content) so a half-copied folder is not silently used.
    public func scan(where wanted: @escaping @Sendable (_ name: String, _ bytes: [UInt8]) -> Bool,
                     _ body: (EventEnvelope) throws -> Void) throws {
        let listing = try listing()
        let window = 4096
        var start = 0
        while start < listing.events.count {
            let entries = Array(listing.events[start..<min(start + window, listing.events.count)])
            for (i, entry) in entries.enumerated() {
                if entry.sequence != start + i + 1 {
                    throw StoreError.damaged(file: entry.path, damage: entry.sequence == start + i ? .duplicateSequence(entry.sequence)
                                                                                                  : .missingSequence(expected: start + i + 1))
                }
                if !entry.isPlaced { throw StoreError.damaged(file: entry.path, damage: .misplaced(expectedPath: entry.shardPath)) }
            }
            // Read, filter and parse on all cores; hand over in order.
            let results = UnsafeMutableBufferPointer<Result<EventEnvelope?, Damage>>.allocate(capacity: entries.count)
            defer { results.deallocate() }
            let slots = ScanSlots(base: results.baseAddress!)
            let directory = self.directory
            DispatchQueue.concurrentPerform(iterations: entries.count) { i in
                let name = entries[i].name
                let result: Result<EventEnvelope?, Damage>
                if let bytes = try? FileSystem.read(directory + "/" + entries[i].path) {
                    if wanted(name, bytes) {
                        if let envelope = try? EventEnvelope(stored: try JSONParser.parse(bytes)) {
                            result = envelope.fileName == name ? .success(envelope) : .failure(.nameMismatch(expectedName: envelope.fileName))
                        } else {
                            result = .failure(.unreadable("not an event envelope; run 'register verify'"))
                        }
                    } else {
                        result = .success(nil)
                    }
                } else {
                    result = .failure(.ioError("cannot be read"))
                }
                (slots.base + i).initialize(to: result)
            }
            let loaded = Array(results)
            _ = results.deinitialize()
            for (i, entry) in entries.enumerated() {
                switch loaded[i] {
                case .failure(let damage): throw StoreError.damaged(file: entry.path, damage: damage)
                case .success(let envelope?): try body(envelope)
                case .success(nil): continue
                }
            }
            start += window
        }
    }

    private struct ScanSlots: @unchecked Sendable {
        let base: UnsafeMutablePointer<Result<EventEnvelope?, Damage>>
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

    /// The text of the first `"key": "value"` in event JSON as the store writes it, without parsing;
    /// nil when absent or when the value has an escape (the caller then parses the file).
    public static func stringValue(of key: String, in bytes: [UInt8]) -> String? {
        let needle = Array("\"\(key)\": \"".utf8)
        guard needle.count <= bytes.count else { return nil }
        let last = bytes.count - needle.count
        var i = 0
        while i <= last {
            if bytes[i] == needle[0] {
                var j = 1
                while j < needle.count && bytes[i + j] == needle[j] { j += 1 }
                if j == needle.count {
                    var end = i + j
                    while end < bytes.count && bytes[end] != UInt8(ascii: "\"") {
                        if bytes[end] == UInt8(ascii: "\\") { return nil }
                        end += 1
                    }
                    return end < bytes.count ? String(decoding: bytes[(i + j)..<end], as: UTF8.self) : nil
                }
            }
            i += 1
        }
        return nil
    }
}
