import Glibc

/// What `lstat(2)` says about a file that tells its present contents from earlier ones without
/// reading it: its device and inode, its size, and when its contents and its status last changed.
/// Writing to a file in place changes both times; the status-change time is set by the kernel and
/// cannot be set back by `touch` or `utimes`. (Git trusts its index on the same facts.)
public struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: Int64
    let changed: Int64

    /// The identity of what is at `path` itself (a symbolic link is not followed); nil when
    /// nothing is there or it cannot be examined.
    public static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard path.withCString({ Glibc.lstat($0, &info) }) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                            changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
    }

    /// One line of text, for a digest over many files.
    var text: String { "\(device) \(inode) \(size) \(modified) \(changed)" }
}
