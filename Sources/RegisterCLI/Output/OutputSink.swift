import Foundation

/// Buffered output to standard output or a file, so exports of a million events do not make a
/// write call per line. A file is written to a temporary name and renamed into place on
/// `close()`, so a failed export never leaves half a file under the requested name.
struct OutputSink {
    private var buffer: [UInt8] = []
    private let handle: FileHandle?
    private let path: String?
    private let temporary: String?
    private let context: CommandContext

    init(path: String?, context: CommandContext) throws {
        self.path = path
        self.context = context
        if let path {
            let temporary = path + ".partial"
            guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
                throw CLIError.usage("cannot write to '\(path)'", command: nil)
            }
            self.temporary = temporary
            self.handle = handle
        } else {
            temporary = nil
            handle = nil
        }
    }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        if let handle { handle.write(Data(buffer)) } else { context.writeOut(String(decoding: buffer, as: UTF8.self)) }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        flush()
        guard let handle, let path, let temporary else { return }
        try handle.close()
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
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
