import Glibc

/// Sorts fixed-width records, more of them than a command should hold in memory: records are
/// gathered into runs of `runLength`, each run is sorted and written to a file in a private
/// temporary folder, and `forEachSorted` merges the runs as it reads them back, a buffer per
/// run. Memory is one run plus a read buffer per run written, whatever the number of records.
///
/// Records order by their bytes, so a key written big-endian at the start orders as a number;
/// records with equal bytes keep no particular order. The folder is removed when the sorter
/// goes away.
public final class ExternalSort {
    /// The bytes of every record.
    public let width: Int
    /// How many records are sorted in memory before they are written out as a run.
    public let runLength: Int
    /// The records added so far.
    public private(set) var count = 0
    private let folder: String
    private var buffer: [UInt8] = []
    /// Each run's file and how many records were written to it.
    private var runs: [(path: String, records: Int)] = []
    /// Bytes read from a run file at a time.
    static let readSize = 1 << 16

    /// Makes the temporary folder (mode 0700) in `base` (the caller's `TMPDIR`); nil or empty: `/tmp`.
    public init(width: Int, runLength: Int = 1 << 18, in base: String? = nil) throws(StoreError) {
        precondition(width > 0 && runLength > 0, "an external sort needs records and runs of at least one")
        self.width = width
        self.runLength = runLength
        let base = base.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/register-sort-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            let code = errno
            throw .system(call: "mkdtemp (a folder for sorting, in TMPDIR or /tmp)", path: base, errno: code, message: Syscall.errorText(code))
        }
        folder = String(cString: made)
        buffer.reserveCapacity(min(runLength, 1 << 16) * width)
    }

    deinit {
        for run in runs { _ = Syscall.unlink(run.path) }
        _ = folder.withCString { rmdir($0) }
    }

    /// Adds one record of exactly `width` bytes.
    public func add(_ record: some Collection<UInt8>) throws {
        guard record.count == width else {
            throw StoreError.invalidField(field: "record", problem: "has \(record.count) bytes", expected: "\(width) bytes")
        }
        buffer += record
        count += 1
        if buffer.count == runLength * width { try spill() }
    }

    /// Calls `body` with every record added, in order; can be called again, and records can be
    /// added between calls.
    public func forEachSorted(_ body: (ArraySlice<UInt8>) throws -> Void) throws {
        sortBuffer()
        var sources: [RunReader] = try runs.map { try RunReader(path: $0.path, width: width, records: $0.records) }
        sources.append(RunReader(bytes: buffer, width: width))
        // A binary min-heap of the sources that still hold a record, by their current record.
        var heap: [Int] = sources.indices.filter { !sources[$0].isEmpty }
        func less(_ a: Int, _ b: Int) -> Bool { sources[heap[a]].current.lexicographicallyPrecedes(sources[heap[b]].current) }
        func down(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var smallest = i
                if l < heap.count && less(l, smallest) { smallest = l }
                if r < heap.count && less(r, smallest) { smallest = r }
                if smallest == i { return }
                heap.swapAt(i, smallest)
                i = smallest
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { down(i) }
        while let top = heap.first {
            try body(sources[top].current)
            if try sources[top].advance() {
                down(0)
            } else {
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
                down(0)
            }
        }
        for source in sources { source.close() }
    }

    /// Every record added, in the order they were added to their runs: for a pass that needs no
    /// order, without the cost of a merge.
    public func forEach(_ body: (ArraySlice<UInt8>) throws -> Void) throws {
        for run in runs {
            let reader = try RunReader(path: run.path, width: width, records: run.records)
            defer { reader.close() }
            while !reader.isEmpty {
                try body(reader.current)
                _ = try reader.advance()
            }
        }
        var start = 0
        while start < buffer.count {
            try body(buffer[start..<(start + width)])
            start += width
        }
    }

    /// Sorts the records in memory by their bytes.
    private func sortBuffer() {
        let n = buffer.count / width, w = width
        guard n > 1 else { return }
        var order = Array(0..<n)
        buffer.withUnsafeBytes { bytes in
            let base = bytes.baseAddress!
            order.sort { memcmp(base + $0 * w, base + $1 * w, w) < 0 }
        }
        var sorted = [UInt8]()
        sorted.reserveCapacity(buffer.count)
        for i in order { sorted += buffer[(i * w)..<(i * w + w)] }
        buffer = sorted
    }

    /// Writes the buffer, sorted, as a new run.
    private func spill() throws {
        sortBuffer()
        let path = folder + "/run-\(runs.count)"
        let file = try FileDescriptor.open(path, .createExclusive, permissions: 0o600)
        defer { file.close() }
        runs.append((path, buffer.count / width))
        try file.writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// One sorted run read back a record at a time, from its file or from memory. A file must give
/// back exactly the records written to it: one that ends early, or runs on, or stops inside a
/// record, was changed while the sort ran, and reading it fails rather than lose or add records.
private final class RunReader {
    let width: Int
    private var file: FileDescriptor?
    private let path: String
    private var bytes: [UInt8]
    private var offset = 0
    /// The records the run holds; the records read so far.
    private let records: Int
    private var delivered = 0

    init(path: String, width: Int, records: Int) throws {
        self.width = width
        self.path = path
        self.records = records
        let file = try FileDescriptor.open(path, .readOnlyNoFollow)
        self.file = file
        bytes = []
        try refill()
        try checkEnd()
    }

    init(bytes: [UInt8], width: Int) {
        self.width = width
        self.bytes = bytes
        path = "memory"
        records = bytes.count / width
    }

    var isEmpty: Bool { offset + width > bytes.count }

    var current: ArraySlice<UInt8> { bytes[offset..<(offset + width)] }

    /// Moves to the next record; false at the end of the run.
    func advance() throws -> Bool {
        offset += width
        delivered += 1
        if isEmpty, file != nil { try refill() }
        try checkEnd()
        return !isEmpty
    }

    /// At the end of the run: exactly the records written, and no byte more.
    private func checkEnd() throws {
        guard isEmpty, file == nil else { return }
        guard delivered == records, offset == bytes.count else {
            throw StoreError.system(call: "read (a run of a sort)", path: path, errno: EIO,
                                    message: "it holds other records than were written to it: it was changed while the sort ran")
        }
    }

    /// Keeps the unread part of the buffer and reads up to `ExternalSort.readSize` bytes after it.
    private func refill() throws {
        guard let file else { return }
        bytes.removeFirst(offset)
        offset = 0
        let kept = bytes.count
        bytes += [UInt8](repeating: 0, count: ExternalSort.readSize)
        var filled = kept
        while filled < bytes.count {
            let n = try bytes.withUnsafeMutableBytes { buffer in
                try retryingInterrupts("read", file.path) { Syscall.read(file.raw, buffer.baseAddress! + filled, buffer.count - filled) }
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeLast(bytes.count - filled)
        if filled == kept { close() }
    }

    func close() {
        file?.close()
        file = nil
    }
}
