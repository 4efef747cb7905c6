import Foundation
import Glibc

/// The steps of an append where a test may make a system call fail (`REGISTER_FAIL_AT`), as a
/// failing disk would, without killing the process (for that, see `CrashPoint`).
///
/// Tests set `REGISTER_FAIL_AT=dir-fsync` to make the `fsync` of the event's folder, after the
/// event was linked into place, fail with `EIO`: the event is stored, but its durability is not
/// confirmed. Unset, this costs one environment look-up per folder sync.
public enum FailurePoint: String, CaseIterable, Sendable {
    case directoryFsync = "dir-fsync"

    /// Throws the failure the step would have, when a test asked for it.
    static func check(_ point: FailurePoint, call: String, path: String) throws(StoreError) {
        if ProcessEnvironment.value("REGISTER_FAIL_AT") == point.rawValue {
            throw .system(call: call, path: path, errno: EIO, message: Syscall.errorText(EIO) + " (injected by REGISTER_FAIL_AT)")
        }
    }
}
