import Foundation
import Glibc

/// Another program run to its end (`ssh-keygen`, `git`), with bytes on its standard input: how it
/// ended and what it wrote. The one place `register` runs a program, so that every caller gets the
/// same care:
/// - a program that stops reading its input early (it exits on a bad signature before reading the
///   event) costs the writer an `EPIPE`, never a SIGPIPE that would end `register` silently;
/// - standard output and standard error are drained at the same time, so neither pipe can fill
///   and stall the program;
/// - with a time limit, a program still running at the limit is ended and reported as such.
public enum ChildProcess {
    /// How the program ended: its exit status (`/usr/bin/env` exits 127 when the program is not
    /// installed) and what it wrote.
    public struct Outcome: Sendable {
        public let status: Int32
        public let output: [UInt8]
        public let error: [UInt8]
        public var errorText: String { String(decoding: error, as: UTF8.self) }
    }

    public enum Failure: Error, Equatable {
        /// The program could not be started at all (`/usr/bin/env` missing, no processes left).
        case cannotStart(program: String, detail: String)
        /// It was still running after `seconds` and was ended.
        case timedOut(program: String, seconds: Int)
    }

    /// Runs `program` (found on the `PATH` by `/usr/bin/env`) with `arguments` and `environment`,
    /// writing `input` to its standard input and then closing it.
    public static func run(_ program: String, _ arguments: [String], environment: [String: String],
                           input: [UInt8]?, timeLimitSeconds: Int? = nil) throws(Failure) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            throw .cannotStart(program: program, detail: "\(error)")
        }
        let writing = Thread {
            // A SIGPIPE raised by this thread's write stays pending on it, and goes with it.
            var pipeSignal = sigset_t()
            sigemptyset(&pipeSignal)
            sigaddset(&pipeSignal, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
            if let input, !input.isEmpty { try? stdin.fileHandleForWriting.write(contentsOf: input) }
            try? stdin.fileHandleForWriting.close()
        }
        writing.start()
        let errorDrained = DispatchSemaphore(value: 0)
        let errorBytes = Drained()
        Thread {
            errorBytes.bytes = Array(stderr.fileHandleForReading.readDataToEndOfFile())
            errorDrained.signal()
        }.start()
        let ended = Drained()
        if let timeLimitSeconds {
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeLimitSeconds)) {
                if process.isRunning {
                    ended.timedOut = true
                    process.terminate()
                }
            }
        }
        let output = Array(stdout.fileHandleForReading.readDataToEndOfFile())
        errorDrained.wait()
        process.waitUntilExit()
        if ended.timedOut, let timeLimitSeconds { throw .timedOut(program: program, seconds: timeLimitSeconds) }
        return Outcome(status: process.terminationStatus, output: output, error: errorBytes.bytes)
    }

    /// What a helper thread hands back to the caller's, under a lock.
    private final class Drained: @unchecked Sendable {
        private let lock = NSLock()
        private var _bytes: [UInt8] = []
        private var _timedOut = false
        var bytes: [UInt8] {
            get { lock.withLock { _bytes } }
            set { lock.withLock { _bytes = newValue } }
        }
        var timedOut: Bool {
            get { lock.withLock { _timedOut } }
            set { lock.withLock { _timedOut = newValue } }
        }
    }
}
