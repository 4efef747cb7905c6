/// A `register` subcommand: parsed and validated in `init`, then `run`.
protocol Command: Sendable {
    /// The word that names the command on the command line, without building its `spec`.
    static var name: String { get }
    static var spec: CommandSpec { get }
    /// Validates the arguments; throws a usage error before anything is read or written.
    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError)
    func run(_ context: CommandContext) throws -> ExitCode
}
