import Foundation

/// A file written under a temporary name beside its destination and renamed into place by
/// `commit()`, so a reader sees the old file or the whole new one, never part of one, and a
/// write that fails or is abandoned leaves the destination as it was.
///
/// Nothing planted at either name is written through: the temporary's name is new each time
/// (the process id and random digits), it is made with `O_CREAT|O_EXCL`, which follows no
/// symbolic link and fails on anything already there (another name is then tried), and
/// `rename` replaces a link at the destination instead of following it. For caches, exports and pages; never for
/// event files, which are linked into place and never replaced (see `EventStore.append`).
public final class ReplacementFile {
    /// The destination.
    public let path: String
    let temporary: String
    private var descriptor: FileDescriptor?
    /// Whether the temporary file is in place under the destination's name.
    private var committed = false
    private var pending: [UInt8] = []
    /// Bytes gathered before a write call.
    private static let chunk = 1 << 16

    public init(path: String) throws(StoreError) {
        self.path = path
        var attempt = 0
        while true {
            let name = path + ".tmp-\(Syscall.processID())-\(UUID().uuidString.prefix(8))"
            do {
                descriptor = try FileDescriptor.open(name, .createExclusive)
                temporary = name
                return
            } catch StoreError.system(_, _, EEXIST, _) where attempt < 8 {
                attempt += 1
            } catch {
                temporary = name
                throw storeError(error)
            }
        }
    }

    /// Adds bytes to the file (buffered).
    public func write(_ bytes: some Sequence<UInt8>) throws(StoreError) {
        pending.append(contentsOf: bytes)
        if pending.count >= Self.chunk { try flush() }
    }

    /// Writes what is buffered, optionally `fsync`s the file, and renames it into place.
    public func commit(sync: Bool = false) throws(StoreError) {
        try flush()
        guard let descriptor else {
            if committed { return }
            throw .system(call: "rename", path: path, errno: ENOENT, message: "the write was abandoned before it was put in place")
        }
        do {
            if sync { try descriptor.sync() }
            descriptor.close()
            self.descriptor = nil
            try FileSystem.rename(temporary, to: path)
            committed = true
        } catch {
            abandon()
            throw storeError(error)
        }
    }

    /// Closes and removes the temporary file; the destination stays as it was.
    public func abandon() {
        descriptor?.close()
        descriptor = nil
        if !committed { _ = Syscall.unlink(temporary) }
    }

    deinit { if descriptor != nil { abandon() } }

    private func flush() throws(StoreError) {
        guard let descriptor, !pending.isEmpty else { return }
        do { try descriptor.writeAll(pending) } catch {
            abandon()
            throw storeError(error)
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// The failure, naming the destination (the temporary name means nothing to the reader).
    private func storeError(_ error: any Error) -> StoreError {
        if case let .system(call, _, code, message)? = error as? StoreError { return .system(call: call, path: path, errno: code, message: message) }
        return (error as? StoreError) ?? .system(call: "write", path: path, errno: 0, message: "\(error)")
    }
}
