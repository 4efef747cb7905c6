import Glibc

/// The only place in the package that calls the C library's file system functions.
///
/// Every other file goes through `FileDescriptor` and `FileSystem`, which retry
/// `EINTR` and turn `errno` into `StoreError`. Keeping the raw calls in one file
/// makes the durability protocol auditable: grep here to see every syscall used.
enum Syscall {
    static func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
        path.withCString { Glibc.open($0, flags, mode) }
    }
    static func close(_ fd: Int32) -> Int32 { Glibc.close(fd) }
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        Glibc.read(fd, buffer, count)
    }
    static func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        Glibc.write(fd, buffer, count)
    }
    static func fsync(_ fd: Int32) -> Int32 { Glibc.fsync(fd) }
    static func flock(_ fd: Int32, _ operation: Int32) -> Int32 { cFlock(fd, operation) }
    static func link(_ from: String, _ to: String) -> Int32 {
        from.withCString { f in to.withCString { t in Glibc.link(f, t) } }
    }
    static func unlink(_ path: String) -> Int32 { path.withCString { Glibc.unlink($0) } }
    static func fstatSize(_ fd: Int32) -> Int? {
        var info = stat()
        guard Glibc.fstat(fd, &info) == 0 else { return nil }
        return Int(info.st_size)
    }
    /// The names in a folder, without `.` and `..`; nil with errno set when it cannot be read.
    static func directoryNames(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
    /// The modification time of a path in nanoseconds since the epoch, or nil.
    static func modificationTime(_ path: String) -> Int64? {
        let fd = path.withCString { Glibc.open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return nil }
        defer { _ = Glibc.close(fd) }
        var info = stat()
        guard Glibc.fstat(fd, &info) == 0 else { return nil }
        return Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
    /// What is at `path` itself (`lstat`: a symbolic link is not followed); nil when nothing
    /// is there or it cannot be examined.
    static func kind(ofPath path: String) -> FileKind? {
        var info = stat()
        guard path.withCString({ Glibc.lstat($0, &info) }) == 0 else { return nil }
        return FileKind(mode: info.st_mode)
    }
    /// What an open descriptor is and its size, from one `fstat`.
    static func kindAndSize(of fd: Int32) -> (FileKind, Int)? {
        var info = stat()
        guard Glibc.fstat(fd, &info) == 0 else { return nil }
        return (FileKind(mode: info.st_mode), Int(info.st_size))
    }
    /// What an open descriptor is, its size and how many names (hard links) it has, from one `fstat`.
    static func kindSizeAndLinks(of fd: Int32) -> (FileKind, Int, Int)? {
        var info = stat()
        guard Glibc.fstat(fd, &info) == 0 else { return nil }
        return (FileKind(mode: info.st_mode), Int(info.st_size), Int(info.st_nlink))
    }
    static func ftruncate(_ fd: Int32, _ size: Int) -> Int32 { Glibc.ftruncate(fd, off_t(size)) }
    /// Whether `path` is a folder (following a symbolic link).
    static func isDirectory(_ path: String) -> Bool {
        let fd = path.withCString { Glibc.open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { return false }
        _ = Glibc.close(fd)
        return true
    }
    static func rename(_ from: String, _ to: String) -> Int32 {
        from.withCString { f in to.withCString { t in Glibc.rename(f, t) } }
    }
    static func mkdir(_ path: String) -> Int32 { path.withCString { Glibc.mkdir($0, 0o755) } }
    /// Calls `body` with each name in a folder and what it is (from `d_type`, or `lstat` where
    /// the file system does not say); false (errno set) when it cannot be opened.
    static func forEachDirectoryEntry(_ path: String, _ body: (String, FileKind?) throws -> Void) throws -> Bool? {
        guard let dir = opendir(path) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard name != "." && name != ".." else { continue }
            let kind: FileKind?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .regularFile
            case Int32(DT_DIR): kind = .folder
            case Int32(DT_LNK): kind = .symbolicLink
            case Int32(DT_FIFO): kind = .fifo
            case Int32(DT_SOCK): kind = .socket
            case Int32(DT_CHR), Int32(DT_BLK): kind = .device
            default: kind = Self.kind(ofPath: path + "/" + name)
            }
            try body(name, kind)
        }
        return true
    }
    static var errno: Int32 { Glibc.errno }
    /// Ends this process at once with SIGKILL, as a power cut would (crash tests only).
    static func killSelf() -> Never {
        _ = Glibc.kill(getpid(), SIGKILL)
        fatalError("SIGKILL did not end the process")
    }
    static func processID() -> Int32 { getpid() }
    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
}


/// `flock(2)`. Declared by symbol name because Glibc's `struct flock` hides the function in Swift.
@_silgen_name("flock")
private func cFlock(_ fd: Int32, _ operation: Int32) -> Int32
