import Glibc

/// An open file, closed exactly once by `close()`; each method wraps one C call.
///
/// Methods retry `EINTR` (see `retryingInterrupts`) and throw `StoreError.system`
/// naming the call, the path and the `errno` text, so a clerk sees which file failed.
struct FileDescriptor {
    let raw: Int32
    let path: String

    /// `open(2)`. Use `exclusive` for `O_CREAT|O_EXCL`: fails if the path exists.
    static func open(_ path: String, _ mode: AccessMode, permissions: mode_t = 0o644) throws -> FileDescriptor {
        var flags: Int32 = O_CLOEXEC
        switch mode {
        case .readOnly: flags |= O_RDONLY
        case .readOnlyNoFollow: flags |= O_RDONLY | O_NOFOLLOW | O_NONBLOCK
        case .readOnlyDirectory: flags |= O_RDONLY | O_DIRECTORY
        case .createExclusive: flags |= O_WRONLY | O_CREAT | O_EXCL
        case .appendCreate: flags |= O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_NONBLOCK
        case .writeExisting: flags |= O_WRONLY | O_NOFOLLOW | O_NONBLOCK
        }
        let fd = try retryingInterrupts("open", path) { Syscall.open(path, flags, permissions) }
        return FileDescriptor(raw: fd, path: path)
    }

    /// `readOnlyNoFollow` opens neither a symbolic link (`O_NOFOLLOW`) nor waits on a named
    /// pipe (`O_NONBLOCK`): for files that may be hostile, checked with `FileSystem.readRegularFile`.
    /// `appendCreate` does not follow a symbolic link or wait on a pipe either,
    /// so a link planted in a cache folder never makes a write land outside it. `writeExisting`
    /// opens a file that is there already, the same way, to write over its bytes.
    enum AccessMode { case readOnly, readOnlyNoFollow, readOnlyDirectory, createExclusive, appendCreate, writeExisting }

    /// `write(2)` until every byte is written.
    func writeAll(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = try retryingInterrupts("write", path) {
                    Syscall.write(raw, buffer.baseAddress! + offset, buffer.count - offset)
                }
                offset += n
            }
        }
    }

    /// `read(2)` until end of file, or until `limit` bytes. Sizes the buffer by `fstat` (or the
    /// `expected` size the caller already has) to read small files in one call: asked for one
    /// byte more than the file holds, a read that stops short exactly at that size is the end of
    /// the file, so no second read is needed to see it.
    func readAll(limit: Int = .max, expected: Int? = nil) throws -> [UInt8] {
        let expected = max(0, expected ?? Syscall.fstatSize(raw) ?? 0)
        // One byte more than the file holds (to see its end), never more than `limit`: a sparse
        // file may claim any size.
        // The first buffer is at most 64 MiB whatever the size claims; it grows as bytes arrive.
        let first = min(max(expected < limit ? expected + 1 : limit, 4096), limit, 1 << 26)
        // The first buffer is read into as it is: a file as large as it says fills it in one
        // read, and no byte of it is written twice.
        var bytes = try [UInt8](unsafeUninitializedCapacity: first) { buffer, count in
            while count < buffer.count {
                let n = try retryingInterrupts("read", path) { Syscall.read(raw, buffer.baseAddress! + count, buffer.count - count) }
                if n == 0 { break }
                count += n
                if count == expected { break }
            }
        }
        var filled = bytes.count
        if filled < first { return bytes }
        while filled < limit {
            if filled == bytes.count { bytes += [UInt8](repeating: 0, count: min(bytes.count, limit - bytes.count)) }
            let asked = bytes.count - filled
            let n = try bytes.withUnsafeMutableBytes { buffer in
                try retryingInterrupts("read", path) {
                    Syscall.read(raw, buffer.baseAddress! + filled, buffer.count - filled)
                }
            }
            if n == 0 { break }
            filled += n
            if n < asked && filled == expected { break }
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// `fsync(2)`: the bytes (or, for a folder, its entries) are on stable storage.
    func sync() throws {
        _ = try retryingInterrupts("fsync", path) { Int(Syscall.fsync(raw)) }
    }

    /// `flock(2)` with `LOCK_EX`: blocks until no other process holds the lock.
    func lockExclusive() throws {
        _ = try retryingInterrupts("flock", path) { Int(Syscall.flock(raw, LOCK_EX)) }
    }

    /// `flock(2)` with `LOCK_UN`. Closing the descriptor also releases the lock.
    func unlock() {
        _ = Syscall.flock(raw, LOCK_UN)
    }

    /// `close(2)`. Not retried on `EINTR`: on Linux the descriptor is gone either way.
    func close() {
        _ = Syscall.close(raw)
    }
}

/// Runs a C call until it does not fail with `EINTR`; other failures become `StoreError.system`.
@discardableResult
func retryingInterrupts<T: BinaryInteger>(_ call: String, _ path: String, _ body: () -> T) throws -> T {
    while true {
        let result = body()
        if result >= 0 { return result }
        let code = Syscall.errno
        if code == EINTR { continue }
        throw StoreError.system(call: call, path: path, errno: code, message: Syscall.errorText(code))
    }
}

/// Path-level operations that have no descriptor: `link`, `unlink`, listing a folder.
enum FileSystem {
    /// `link(2)`: gives `from` the second name `to`; fails with `EEXIST` rather than replace.
    static func link(_ from: String, to: String) throws {
        try retryingInterrupts("link", to) { Syscall.link(from, to) }
    }

    /// `unlink(2)`.
    static func unlink(_ path: String) throws {
        try retryingInterrupts("unlink", path) { Syscall.unlink(path) }
    }

    /// Calls `body` with each entry of a folder (not `.` or `..`) and what it is (nil: it
    /// vanished before it could be examined), unsorted, without holding them all.
    static func forEachEntry(in directory: String, _ body: (String, FileKind?) throws -> Void) throws {
        guard let ok = try Syscall.forEachDirectoryEntry(directory, body), ok else {
            let code = Syscall.errno
            throw StoreError.system(call: "opendir", path: directory, errno: code, message: Syscall.errorText(code))
        }
    }

    /// The entries of a folder (not `.` or `..`), unsorted.
    static func names(in directory: String) throws -> [String] {
        guard let names = Syscall.directoryNames(directory) else {
            let code = Syscall.errno
            throw StoreError.system(call: "opendir", path: directory, errno: code, message: Syscall.errorText(code))
        }
        return names
    }

    /// Opens a folder and fsyncs it, so a new entry in it survives a power loss.
    static func syncDirectory(_ path: String) throws {
        let fd = try FileDescriptor.open(path, .readOnlyDirectory)
        defer { fd.close() }
        try fd.sync()
    }

    /// Writes `bytes` over a file's own bytes instead of replacing the file: for a cache file
    /// rewritten at every append whose readers check a seal and, when a read crosses a write,
    /// read again under the append lock (the index manifest). Replacing a file makes the file
    /// system evict the old inode and start the new file's writeback (ext4 does on a rename over
    /// a file); this is one write into pages it holds. Only a regular file with no other name,
    /// opened without following a link or waiting on a pipe, is written over: for anything else
    /// (no file, a link, a pipe, a file with a second name that may be another file's) this
    /// returns false having written nothing, and the caller replaces the file instead.
    static func overwrite(_ path: String, with bytes: [UInt8]) throws -> Bool {
        guard let fd = try? FileDescriptor.open(path, .writeExisting) else { return false }
        defer { fd.close() }
        guard let (kind, size, links) = Syscall.kindSizeAndLinks(of: fd.raw), kind == .regularFile, links == 1 else { return false }
        try fd.writeAll(bytes)
        if size > bytes.count { try retryingInterrupts("ftruncate", path) { Syscall.ftruncate(fd.raw, bytes.count) } }
        return true
    }

    /// `rename(2)`: atomically replaces `to`. Only for caches, never for event files.
    static func rename(_ from: String, to: String) throws {
        try retryingInterrupts("rename", to) { Syscall.rename(from, to) }
    }

    /// `mkdir(2)`, succeeding when the folder already exists, but only when it is a folder itself:
    /// a symbolic link (to a folder or not) or a file under its name is `IrregularFile`, so that
    /// nothing the store writes below it lands outside (a cloned repository may carry a link
    /// named `.register`).
    static func makeDirectory(_ path: String) throws {
        if Syscall.mkdir(path) != 0 && Syscall.errno != EEXIST {
            let code = Syscall.errno
            throw StoreError.system(call: "mkdir", path: path, errno: code, message: Syscall.errorText(code))
        }
        if let kind = Syscall.kind(ofPath: path), kind != .folder { throw IrregularFile.kind(kind) }
    }

    /// Appends bytes to a file, making it when it is missing: never through a symbolic link, into
    /// a pipe, or into a file that has another name (a hard link planted in a cache folder could
    /// name an event file).
    static func append(_ bytes: [UInt8], to path: String) throws {
        let fd = try FileDescriptor.open(path, .appendCreate)
        defer { fd.close() }
        guard let (kind, _, links) = Syscall.kindSizeAndLinks(of: fd.raw) else {
            let code = Syscall.errno
            throw StoreError.system(call: "fstat", path: path, errno: code, message: Syscall.errorText(code))
        }
        guard kind == .regularFile else { throw IrregularFile.kind(kind) }
        guard links == 1 else { throw IrregularFile.otherNames(links: links) }
        try fd.writeAll(bytes)
    }

    /// Writes a small file whole under a temporary name and renames it into place (`ReplacementFile`).
    static func replaceContents(of path: String, with bytes: [UInt8]) throws {
        let file = try ReplacementFile(path: path)
        try file.write(bytes)
        try file.commit()
    }

    /// Reads a whole file that may be hostile: it must be a regular file itself (not a symbolic
    /// link, a folder, a pipe or a device) and at most `limit` bytes, or `IrregularFile` says
    /// what it is; nothing past `limit + 1` bytes is read.
    static func readRegularFile(_ path: String, limit: Int) throws -> [UInt8] {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(path, .readOnlyNoFollow)
        } catch StoreError.system(_, _, let code, _) where code == ELOOP {
            throw IrregularFile.kind(.symbolicLink)
        }
        defer { fd.close() }
        guard let (kind, size) = Syscall.kindAndSize(of: fd.raw) else {
            let code = Syscall.errno
            throw StoreError.system(call: "fstat", path: path, errno: code, message: Syscall.errorText(code))
        }
        guard kind == .regularFile else { throw IrregularFile.kind(kind) }
        let bytes = try fd.readAll(limit: limit + 1, expected: size)
        guard bytes.count <= limit else { throw IrregularFile.larger(than: limit) }
        return bytes
    }

    /// Reads a whole regular file: a symbolic link, a pipe, a folder or a device at `path` is
    /// refused (`IrregularFile`), never followed or waited on, as every file the store reads may
    /// be hostile (a cache file as much as an event). At most 1 GiB, more than any file the store
    /// writes (an index bucket at ten million events holds about 100 MB): a file past it is
    /// damage, not something to load.
    static func read(_ path: String) throws -> [UInt8] {
        try readRegularFile(path, limit: 1 << 30)
    }
}
