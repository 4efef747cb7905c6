import Foundation

/// The steps of an append where a crash test may kill the process (`REGISTER_CRASH_AT`).
///
/// Tests set `REGISTER_CRASH_AT=after-temp-write` (or another step) to make `register append`
/// SIGKILL itself at that exact step, then check that the store is still consistent.
/// Unset, this costs one environment look-up per append.
public enum CrashPoint: String, CaseIterable, Sendable {
    case afterTemporaryWrite = "after-temp-write"
    case afterTemporaryFsync = "after-temp-fsync"
    case afterLink = "after-link"
    case afterDirectoryFsync = "after-dir-fsync"

    static func reach(_ point: CrashPoint) {
        if ProcessEnvironment.value("REGISTER_CRASH_AT") == point.rawValue {
            Syscall.killSelf()
        }
    }
}
