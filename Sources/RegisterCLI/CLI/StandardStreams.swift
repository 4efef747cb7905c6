import Glibc

/// The real process's standard input, output and error, as `CommandContext.process()` uses them:
/// plain `read(2)` and `write(2)` loops, so an input limit is a limit and a closed pipe ends the
/// command quietly instead of crashing it.
///
/// Foundation's `FileHandle.readDataToEndOfFile()` reads everything before a limit can be checked
/// (256 MB of input took 543 MB of memory), and `FileHandle.write` stops the process with a fatal
/// error and a backtrace when the reader is gone and SIGPIPE is ignored (as under systemd).
enum StandardStreams {
    /// At most `limit` bytes of standard input; fewer only at its end (or on a read error).
    /// Reads in steps of 64 KiB, so memory follows what was read, never what was sent.
    static func read(atMost limit: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, wanted) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes.append(contentsOf: chunk[..<n])
        }
        return bytes
    }

    /// Writes all of `text` to `descriptor` (standard output or error).
    ///
    /// When the reader has gone (`EPIPE`: `register log | head -1` with SIGPIPE ignored), the
    /// command stops at once, silently, with `ExitCode.outputClosed` (141, the status a shell
    /// reports for a process that SIGPIPE ended, so the outcome is the same whether or not the
    /// parent ignores SIGPIPE). Any other failure (a full disk, a closed descriptor) stops it with
    /// a message on standard error and `ExitCode.failure`.
    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if n >= 0 { written += n; continue }
            let code = errno
            if code == EINTR || code == EAGAIN { continue }
            if code == EPIPE { exit(ExitCode.outputClosed.rawValue) }
            if descriptor != STDERR_FILENO {
                let name = descriptor == STDOUT_FILENO ? "standard output" : "descriptor \(descriptor)"
                bytes = Array("register: error: cannot write to \(name): \(String(cString: strerror(code))) (errno \(code))\n".utf8)
                _ = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            }
            exit(ExitCode.failure.rawValue)
        }
    }
}
