import EventStore

/// Buffered output to standard output or a file, so exports of a million events do not make a
/// write call per line. A file is a `ReplacementFile`: written under a temporary name and
/// renamed into place on `close()`, so a failed export never leaves half a file under the
/// requested name, and a link planted at either name is never written through.
struct OutputSink {
    private var buffer: [UInt8] = []
    private let file: ReplacementFile?
    private let context: CommandContext
    /// The first write to the file that failed; `close()` throws it, and the file is not put in place.
    private var failure: StoreError?

    init(path: String?, context: CommandContext) throws(StoreError) {
        self.context = context
        file = try path.map { (path) throws(StoreError) in try ReplacementFile(path: path) }
    }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        if let file {
            if failure == nil {
                do throws(StoreError) { try file.write(buffer) } catch { failure = error }
            }
        } else {
            context.writeOut(String(decoding: buffer, as: UTF8.self))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws(StoreError) {
        flush()
        guard let file else { return }
        if let failure {
            file.abandon()
            throw failure
        }
        try file.commit()
    }
}

/// "exported 120000 events…" on standard error, only when it is a terminal.
struct Progress {
    let context: CommandContext
    let label: String

    func tick(_ count: Int) {
        guard context.showsProgress, count % 10_000 == 0 else { return }
        context.writeError("\r\(label) \(count) events…")
    }

    func finish() {
        if context.showsProgress { context.writeError("\r\u{1B}[K") }
    }
}
