import Glibc

/// What is at a path or behind a descriptor, as `lstat(2)` or `fstat(2)` says: a symbolic link
/// is itself, never what it points at.
public enum FileKind: Equatable, Sendable, CustomStringConvertible {
    case regularFile, folder, symbolicLink, fifo, socket, device

    /// What a path ends at, following symbolic links (`realpath(3)`, then `lstat`: nothing is
    /// opened, so a named pipe is not waited on); nil when nothing is there.
    public static func resolving(_ path: String) -> FileKind? {
        guard let real = path.withCString({ Glibc.realpath($0, nil) }) else { return nil }
        defer { free(real) }
        return Syscall.kind(ofPath: String(cString: real))
    }

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regularFile
        case S_IFDIR: self = .folder
        case S_IFLNK: self = .symbolicLink
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        default: self = .device
        }
    }

    public var description: String {
        switch self {
        case .regularFile: return "regular file"
        case .folder: return "folder"
        case .symbolicLink: return "symbolic link"
        case .fifo: return "named pipe"
        case .socket: return "socket"
        case .device: return "device"
        }
    }
}
