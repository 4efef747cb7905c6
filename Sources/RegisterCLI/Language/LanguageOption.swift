/// `--lang en|nl` on any command line: read before the command is found, so it applies to the
/// overview, help and errors too, and taken out of the arguments the command parses.
enum LanguageOption {
    /// The language the arguments ask for (nil: none) and the arguments without `--lang`.
    static func split(_ arguments: [String]) throws(CLIError) -> (Language?, [String]) {
        var rest: [String] = []
        var language: Language? = nil
        var index = 0
        while index < arguments.count {
            let token = arguments[index]
            index += 1
            if token == "--" { rest += arguments[(index - 1)...]; break }
            let value: String
            if token == "--lang" {
                guard index < arguments.count else { throw .usage("option '--lang' needs a value: --lang en|nl", command: nil) }
                value = arguments[index]
                index += 1
            } else if token.hasPrefix("--lang=") {
                value = String(token.dropFirst("--lang=".count))
            } else {
                rest.append(token)
                continue
            }
            guard let chosen = Language(option: value) else {
                throw .usage("--lang '\(value)' is not a language this register speaks; expected en or nl", command: nil)
            }
            language = chosen
        }
        return (language, rest)
    }
}
