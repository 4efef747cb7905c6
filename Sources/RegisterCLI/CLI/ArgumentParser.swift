/// The parsed command line of one command: options by name, and positional arguments in order.
///
/// Hand-written in the shape of swift-argument-parser: the command's `CommandSpec` says
/// which options exist and which take a value; anything else is a usage error that
/// quotes the token and suggests the nearest known option.
struct ParsedArguments {
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    init(_ tokens: [String], spec: CommandSpec) throws(CLIError) {
        var index = 0
        var onlyPositionals = false
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if onlyPositionals || token == "-" || !token.hasPrefix("-") {
                positionals.append(token)
                continue
            }
            if token == "--" { onlyPositionals = true; continue }
            var name = token
            var inlineValue: String? = nil
            if let eq = token.firstIndex(of: "="), token.hasPrefix("--") {
                name = String(token[..<eq])
                inlineValue = String(token[token.index(after: eq)...])
            }
            if name == "-h" { name = "--help" }
            guard let option = spec.allOptions.first(where: { $0.name == name }) else {
                var message = "unknown option '\(name)' for 'register \(spec.name)'."
                if let near = nearest(name, among: spec.allOptions.map(\.name)) { message += " Did you mean '\(near)'?" }
                throw .usage(message, command: spec.name)
            }
            if let valueName = option.valueName {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < tokens.count, !(tokens[index].hasPrefix("--") && tokens[index].count > 2) else {
                        throw .usage("option '\(name)' needs a value: \(name) \(valueName)", command: spec.name)
                    }
                    value = tokens[index]
                    index += 1
                }
                values[name, default: []].append(value)
            } else {
                if inlineValue != nil { throw .usage("option '\(name)' takes no value", command: spec.name) }
                flags.insert(name)
            }
        }
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The single value of an option, refusing it when given twice.
    func value(_ name: String, command: String) throws(CLIError) -> String? {
        guard let all = values[name] else { return nil }
        guard all.count == 1 else { throw .usage("option '\(name)' is given \(all.count) times; give it once", command: command) }
        return all[0]
    }

    func allValues(_ name: String) -> [String] { values[name] ?? [] }
}

/// The candidate within edit distance 2 of `word`, if one is nearest.
func nearest(_ word: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }
    return scored.min { $0.1 < $1.1 }?.0
}

/// Levenshtein distance over characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
