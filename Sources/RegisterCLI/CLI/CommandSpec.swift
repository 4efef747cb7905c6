/// What a command accepts and how it is described: the single source of help and usage text.
struct CommandSpec {
    let name: String
    let abstract: String
    /// The argument part of the usage line, e.g. `ID [--on DATE]`.
    let arguments: String
    let options: [OptionSpec]
    let discussion: String
    let examples: [String]

    /// The command's own options plus the ones every command has (a command that defines one of
    /// those itself, as `site` does `--lang`, says what it means there, once).
    var allOptions: [OptionSpec] { options + OptionSpec.common.filter { common in !options.contains { $0.name == common.name } } }

    var usage: String { "register \(name) \(arguments)".trimmingCharacters(in: .whitespaces) }

    var help: String { help(in: .en) }

    /// The help in `language`: abstract, discussion and option texts from the catalogue; the usage
    /// line, option names and examples stay as typed.
    func help(in language: Language) -> String {
        var lines = [language.text(abstract), "", language.text("USAGE:") + " \(usage)"]
        if !discussion.isEmpty { lines += ["", language.lines(discussion)] }
        lines += ["", language.text("OPTIONS:")]
        let width = allOptions.map(\.label.count).max() ?? 0
        for option in allOptions {
            lines.append("  " + option.label.padding(toLength: width + 2, withPad: " ", startingAt: 0) + language.text(option.help))
        }
        if !examples.isEmpty {
            lines += ["", language.text("EXAMPLES:")] + examples.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every text of the help that the catalogue translates (for the test that none is missing).
    var translatableTexts: [String] {
        [abstract] + allOptions.map(\.help) + discussion.split(separator: "\n").map { String($0.drop { $0 == " " }) }.filter { !$0.isEmpty }
    }
}

/// One option: its name, its value's placeholder (nil for a flag) and help.
struct OptionSpec {
    let name: String
    let valueName: String?
    let help: String

    var label: String { valueName.map { "\(name) \($0)" } ?? name }

    static let events = OptionSpec(name: "--events", valueName: "DIR",
                                   help: "The events folder (default: $REGISTER_EVENTS, else ./events of this repository).")
    static let json = OptionSpec(name: "--json", valueName: nil, help: "Print JSON for scripts instead of text.")
    static let csv = OptionSpec(name: "--csv", valueName: nil,
                                help: "Print CSV for spreadsheets (UTF-8, one header row, amounts in cents and plain euros).")
    static let on = OptionSpec(name: "--on", valueName: "DATE", help: "The date the answer is about: YYYY-MM-DD, or as a clerk writes it (31-12-2026, 31 december 2026) (default: today).")
    static let knownOn = OptionSpec(name: "--known-on", valueName: "DATE|DATETIME",
                                    help: "Answer as the register stood then: only events recorded by that moment (end of DATE, Europe/Amsterdam).")
    /// For the commands that read many registers: repeat --events, or list folders in a file.
    static let registers = OptionSpec(name: "--registers", valueName: "FILE",
                                      help: "Read every register listed in FILE (one events folder per line; --events may also repeat).")
    static let help = OptionSpec(name: "--help", valueName: nil, help: "Show this help.")
    static let lang = OptionSpec(name: "--lang", valueName: "en|nl", help: "The language of texts for people (default: from LC_ALL, LC_MESSAGES or LANG; --json and --csv stay as documented).")
    static let common: [OptionSpec] = [events, lang, help]
}

import Foundation
