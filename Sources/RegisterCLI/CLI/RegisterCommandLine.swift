import Foundation

/// The `register` command line: finds the command, parses, runs, and maps errors to exit codes.
public enum RegisterCommandLine {
    static let version = "0.1.0"

    /// Every command, in the order `register --help` lists them.
    static let commands: [any Command.Type] = [
        ReserveCommand.self, ContractCommand.self, BudgetCommand.self, TimelineCommand.self, SubjectsCommand.self,
        AuditCommand.self, AppendCommand.self, VerifyCommand.self, LogCommand.self, CheckpointCommand.self,
        ProveCommand.self, VerifyProofCommand.self, SourcesCommand.self, VerifySourcesCommand.self, ChangesCommand.self, ExportCommand.self,
        RecordCommand.self, DraftCommand.self, ReportCommand.self, SiteCommand.self, CompletionCommand.self, ManCommand.self,
        PublishCommand.self, SyncCommand.self, InstallHookCommand.self, CheckPushCommand.self,
    ]

    /// The command a word names, found by `name` (no spec is built to look for it).
    static func command(named name: String) -> (any Command.Type)? { commands.first { $0.name == name } }

    static var overview: String { overview(in: .en) }

    static func overview(in language: Language) -> String {
        var lines = [
            "register \(version): " + language.text("an append-only, hash-chained register of municipal decisions."),
            "",
            language.text("USAGE:") + " register <command> [options]",
            "",
            language.text("COMMANDS:"),
        ]
        let width = commands.map { $0.spec.name.count }.max() ?? 0
        for command in commands {
            lines.append("  " + command.spec.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + language.text(command.spec.abstract))
        }
        lines.append("  " + "help".padding(toLength: width + 2, withPad: " ", startingAt: 0) + language.text("Show help for a command: register help COMMAND"))
        lines += [
            "",
            language.text("Every command takes --events DIR (default: $REGISTER_EVENTS, else the repository's events/) and --help."),
            language.text("Every command takes --lang en|nl (default: from LC_ALL, LC_MESSAGES or LANG)."),
            language.text("Exit codes: 0 ok, 1 findings or damage, 2 usage error, 3 refused input."),
            "",
            language.text("EXAMPLES:"),
            "  register reserve 404 --on 2023-06-30",
            "  register contract dordrecht-sociaal --json",
            "  register verify",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs one command line and returns the exit status; all output goes through `context`.
    public static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        var context = context
        do {
            let (language, rest) = try LanguageOption.split(arguments)
            if let language {
                context.language = language
                context.chosenLanguage = language
            }
            return try dispatch(rest, context: context).rawValue
        } catch {
            let cliError = CLIError.from(error)
            if arguments.contains("--json") {
                let usage: String? = if case .usage(_, let command?) = cliError { Self.command(named: command)?.spec.usage } else { nil }
                context.writeError(cliError.jsonLine(usage: usage))
                return cliError.exitCode.rawValue
            }
            let language = context.language
            // The message may quote a stored or given text: it cannot reach the terminal as escapes.
            context.writeError("register: \(language.text("error:")) \(DisplayText.escapedKeepingLayout(DisplayText.shortened(language.message(cliError.description))))\n")
            if case .usage(_, let command?) = cliError, let spec = Self.command(named: command)?.spec {
                context.writeError(language.text("Usage: {1}", spec.usage) + "\n" + language.text("See 'register help {1}'.", command) + "\n")
            } else if case .usage = cliError {
                context.writeError(language.text("See 'register --help'.") + "\n")
            }
            return cliError.exitCode.rawValue
        }
    }

    private static func dispatch(_ arguments: [String], context: CommandContext) throws -> ExitCode {
        guard let first = arguments.first else {
            context.writeOut(overview(in: context.language))
            return .ok
        }
        switch first {
        case "--help", "-h":
            context.writeOut(overview(in: context.language))
            return .ok
        case "--version":
            context.print("register \(version)")
            return .ok
        case "help":
            // `help`, `help help` and `help --help` all ask what there is.
            guard arguments.count > 1, !["help", "--help", "-h"].contains(arguments[1]) else {
                context.writeOut(overview(in: context.language))
                return .ok
            }
            guard let command = Self.command(named: arguments[1]) else {
                throw unknownCommand(arguments[1])
            }
            context.writeOut(command.spec.help(in: context.language))
            return .ok
        default:
            guard let command = Self.command(named: first) else { throw unknownCommand(first) }
            let parsed = try ParsedArguments(Array(arguments.dropFirst()), spec: command.spec)
            if parsed.flag("--help") {
                context.writeOut(command.spec.help(in: context.language))
                return .ok
            }
            return try command.init(parsed, context: context).run(context)
        }
    }

    private static func unknownCommand(_ name: String) -> CLIError {
        var message = name.hasPrefix("-") ? "unknown option '\(name)'." : "unknown command '\(name)'."
        let names = commands.map { $0.name } + ["help", "--help", "--version"]
        if let near = nearest(name, among: names), near != name { message += " Did you mean '\(near)'?" }
        return .usage(message, command: nil)
    }
}
