/// The exit statuses of `register`, set in this one place (see README, "Exit codes").
enum ExitCode: Int32 {
    /// The command did what was asked; for `audit`, there are no findings.
    case ok = 0
    /// `verify` found damage, `audit` found findings, or the store could not be read.
    case failure = 1
    /// The command line is wrong: unknown command or option, missing or malformed argument.
    case usage = 2
    /// The input was refused (invalid event, unknown reference, conflict); nothing was written.
    case refused = 3
    /// Whoever read the output stopped reading (`register log | head -1`): the command ends
    /// quietly, with the status a shell shows for a process SIGPIPE ended (128 + 13). Set by
    /// `StandardStreams.write`, whether or not SIGPIPE is ignored.
    case outputClosed = 141
}
