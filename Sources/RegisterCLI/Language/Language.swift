import Foundation
/// The language of the texts people read: English (the default) or Dutch.
///
/// Chosen by `--lang en|nl` on any command, else by the environment as POSIX programs do:
/// the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty; a value starting
/// with `nl` (`nl_NL.UTF-8`, `nl_BE`, `nl`) means Dutch, anything else English. Only texts for
/// people change: `--json` keys and values, `--csv` headers, event files and exit codes stay as
/// documented, so scripts read the same output in either language.
public enum Language: String, CaseIterable, Sendable {
    case en, nl

    /// The language the environment asks for.
    init(environment: [String: String]) {
        let setting = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        self = setting.lowercased().hasPrefix("nl") ? .nl : .en
    }

    /// `--lang`'s value: `en` or `nl` (also `nl_NL.UTF-8`, `NL`, `dutch`, `nederlands`, `english`).
    init?(option text: String) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("nl") || lowered == "dutch" || lowered == "nederlands" { self = .nl }
        else if lowered.hasPrefix("en") || lowered == "english" || lowered == "engels" { self = .en }
        else { return nil }
    }

    /// `english` in this language: the catalogue's Dutch text for it, with `{1}`, `{2}`, …
    /// replaced by `arguments`. A text the catalogue lacks stays English (and a test lists it).
    func text(_ english: String, _ arguments: any CustomStringConvertible...) -> String {
        guard self == .nl else { return fill(english, arguments.map { $0.description }) }
        let dutch = Catalogue.dutch[english]
        if dutch == nil { Self.misses?.record(english) }
        return fill(dutch ?? english, arguments.map { $0.description })
    }

    /// Who is told of the texts the catalogue lacks, in the task that runs (nil: nobody; see `CatalogueMisses`).
    @TaskLocal public static var misses: CatalogueMisses?

    /// A value shown to people (a field's name or value in a timeline, a change's before and
    /// after): its Dutch when the catalogue knows it (`€ 5,00 (booked)`), else as written (an
    /// amount, a date, an id). Never a miss: most values are data, not English.
    func value(_ english: String) -> String {
        guard self == .nl else { return english }
        return Catalogue.valueTranslation(of: english) ?? english
    }

    /// A sentence that is not the register's own (a reason the reading of a document gives): its
    /// Dutch when the catalogue has it whole or as a template, else as written. Never a miss.
    func known(_ english: String) -> String {
        guard self == .nl else { return english }
        return Catalogue.translation(of: english) ?? english
    }

    /// A whole text of several lines, translated line by line (help discussions, lists), each
    /// line as `message` translates it, its indentation kept.
    func lines(_ english: String) -> String {
        guard self == .nl else { return english }
        return english.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let body = line.drop { $0 == " " }
            let indent = line.prefix(line.count - body.count)
            return indent + message(String(body))
        }.joined(separator: "\n")
    }

    /// A finished English message (an error, a line of help) in this language: the catalogue's
    /// text for the whole of it, else for a template it fits (`no reserve '{1}'` fits
    /// `no reserve '999'`), else clause by clause (a label before `: ` and the whole rest, else parts separated by `; `, then by
    /// the first `: `), so `X; nothing was written` is translated when `X` and `nothing was written` are;
    /// a label the catalogue knows before the first `: ` keeps the rest together as one message.
    /// What the catalogue does not know stays English.
    func message(_ english: String) -> String {
        guard self == .nl, !english.isEmpty else { return english }
        if let whole = Catalogue.translation(of: english) { return whole }
        if let colon = english.range(of: ": "), let rest = Catalogue.translation(of: String(english[colon.upperBound...])) {
            return message(String(english[..<colon.lowerBound])) + ": " + rest
        }
        // A known label before the first `: ` (`the store is damaged: …`): the rest is a message of its own.
        if let colon = english.range(of: ": "), let label = Catalogue.dutch[String(english[..<colon.lowerBound])] {
            return label + ": " + message(String(english[colon.upperBound...]))
        }
        let clauses = english.components(separatedBy: "; ")
        if clauses.count > 1 { return clauses.map(message).joined(separator: "; ") }
        if let colon = english.range(of: ": ") {
            return message(String(english[..<colon.lowerBound])) + ": " + message(String(english[colon.upperBound...]))
        }
        Self.misses?.record(english)
        return english
    }

    /// `template` with each `{n}` replaced by the n-th argument, in one pass (an argument's own
    /// text is never filled in); a placeholder without its argument stays as written.
    private func fill(_ template: String, _ arguments: [String]) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            let digits = after.prefix { ("0"..."9").contains($0) }
            if !digits.isEmpty, after.dropFirst(digits.count).first == "}", let n = Int(digits), (1...arguments.count).contains(n) {
                result += arguments[n - 1]
                rest = after.dropFirst(digits.count + 1)
            } else {
                result.append("{")
                rest = after
            }
        }
        return result + rest
    }
}
