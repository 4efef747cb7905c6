/// `register man`: the manual page (roff, section 1), generated from the command table so it
/// says what `register help COMMAND` says.
struct ManCommand: Command {
    static let name = "man"
    static let spec = CommandSpec(
        name: name, abstract: "Print the manual page (roff), made from every command's help.",
        arguments: "", options: [],
        discussion: "Install with: register man > ~/.local/share/man/man1/register.1 (then 'man register'),\nor read it at once: register man | man -l -",
        examples: ["register man | man -l -", "register man > ~/.local/share/man/man1/register.1"])

    init(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard arguments.positionals.isEmpty else { throw .usage("man takes no arguments", command: Self.name) }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        context.writeOut(Self.page)
        return .ok
    }

    /// The human texts of the page's own sections, in one place so they can be translated.
    enum Text {
        static let name = "register \\- an append-only, hash-chained register of municipal decisions"
        static let description = """
            Each event (a decision, a change to a reserve, a contract or a budget) is one JSON file in the events folder \
            that names its source document and the hash of the event before it. The commands answer questions about any \
            moment: --on DATE is the date the answer is about, --known-on DATE|DATETIME the moment the register is read as \
            it stood (days are days in Europe/Amsterdam).
            """
        static let environment = "REGISTER_EVENTS: the events folder when --events is not given."
        static let exitStatus = [
            ("0", "done; audit: no findings; verify, verify-sources: intact"),
            ("1", "audit found findings, verify or verify-sources found damage, or the store cannot be read"),
            ("2", "usage error: unknown command or option, missing or malformed argument"),
            ("3", "refused input: invalid event, unknown reference, conflict, unknown subject; nothing was written"),
            ("141", "the reader of the output went away"),
        ]
        static let seeAlso = "docs/auditor-guide.md, docs/griffie-guide.md, docs/reference/events.md and docs/reference/json.md in the repository."
    }

    /// Text as roff: backslashes written out, a line that would start with `.` or `'` guarded,
    /// and `-` as a real minus so options can be searched and copied.
    static func roff(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var out = line.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
            if out.hasPrefix(".") || out.hasPrefix("'") { out = "\\&" + out }
            return out
        }.joined(separator: "\n")
    }

    static var page: String {
        var lines = [".TH REGISTER 1 \"\" \"register \(RegisterCommandLine.version)\" \"User Commands\"", ".SH NAME", Text.name,
                     ".SH SYNOPSIS", ".B register", "\\fICOMMAND\\fR [\\fIOPTIONS\\fR]", ".SH DESCRIPTION", roff(Text.description), ".SH COMMANDS"]
        for command in RegisterCommandLine.commands {
            let spec = command.spec
            lines += [".SS \(roff(spec.name))", roff(spec.abstract), ".PP", ".B " + roff(spec.usage)]
            if !spec.discussion.isEmpty { lines += [".PP", roff(spec.discussion.replacingOccurrences(of: "\n", with: " "))] }
            for option in spec.options {
                lines += [".TP", ".B " + roff(option.label), roff(option.help)]
            }
            if !spec.examples.isEmpty {
                lines += [".PP", "Examples:", ".nf"] + spec.examples.map { "  " + roff($0) } + [".fi"]
            }
        }
        lines += [".SH OPTIONS OF EVERY COMMAND"]
        for option in OptionSpec.common { lines += [".TP", ".B " + roff(option.label), roff(option.help)] }
        lines += [".SH ENVIRONMENT", roff(Text.environment), ".SH EXIT STATUS"]
        for (code, meaning) in Text.exitStatus { lines += [".TP", ".B \(code)", roff(meaning)] }
        lines += [".SH SEE ALSO", roff(Text.seeAlso)]
        return lines.joined(separator: "\n") + "\n"
    }
}
