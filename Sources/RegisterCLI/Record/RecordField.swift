import Drafting
import EventStore

/// One payload field of a `register record` type: the flag a clerk types and how its text is read.
struct RecordField {
    /// How the text after the flag becomes a JSON value.
    enum Kind {
        case text, identifier, date, amount, year
        /// `unknown` is accepted and stored as null.
        case dateOrUnknown
        case choice([String])
        /// Repeatable `name=amount` pairs, e.g. `--allocation "FLITS=1.100.000"`.
        case amounts(nameKey: String)
    }

    /// What an identifier field names that the register must already hold; checked as soon as
    /// it is typed in a terminal (the append checks it in any case).
    enum Reference { case reserve, decision, contract, commitment, event }

    let flag: String
    let key: String
    let kind: Kind
    let required: Bool
    let help: String
    let reference: Reference?

    init(_ flag: String, _ key: String, _ kind: Kind, required: Bool = true, refers reference: Reference? = nil, _ help: String) {
        self.flag = flag
        self.key = key
        self.kind = kind
        self.required = required
        self.reference = reference
        self.help = help
    }

    /// What each choice means, as a question lists it.
    static let choiceLabels: [String: String] = [
        "raad": "the council (gemeenteraad): raadsbesluit", "college": "the executive (college van B&W)",
        "burgemeester": "the mayor (burgemeester): a decision of the mayor's own powers",
        "algemeen-bestuur": "the general board of a joint arrangement", "unknown": "the source does not say",
        "exact": "the amount is exact", "approximate": "the amount is about this (an estimate)", "maximum": "the amount is at most this",
    ]

    /// Other words clerks write for a choice: `gemeenteraad` is `raad`.
    static let choiceAliases: [String: String] = [
        "gemeenteraad": "raad", "council": "raad", "b&w": "college", "college van b&w": "college", "executive": "college", "mayor": "burgemeester", "de burgemeester": "burgemeester",
        "burgemeester en wethouders": "college", "onbekend": "unknown", "exact": "exact", "ongeveer": "approximate", "raming": "approximate", "schatting": "approximate",
        "maximaal": "maximum", "hoogstens": "maximum",
    ]

    /// The field as a question shows it: the flag without its dashes.
    var label: String { String(flag.drop { $0 == "-" }) }

    var option: OptionSpec {
        let value: String
        switch kind {
        case .text: value = "TEXT"
        case .identifier: value = "ID"
        case .date: value = "DATE"
        case .dateOrUnknown: value = "DATE|unknown"
        case .amount: value = "AMOUNT"
        case .year: value = "YEAR"
        case .choice(let options): value = options.joined(separator: "|")
        case .amounts: value = "NAME=AMOUNT"
        }
        return OptionSpec(name: flag, valueName: value, help: (required ? "" : "(optional) ") + help)
    }

    var isRepeatable: Bool {
        if case .amounts = kind { return true }
        return false
    }

    /// Reads the clerk's text; the error names the flag and lists the accepted forms.
    func value(_ texts: [String]) throws(CLIError) -> JSONValue {
        switch kind {
        case .amounts(let nameKey):
            var items: [JSONValue] = []
            for text in texts {
                guard let eq = text.lastIndex(of: "="), eq != text.startIndex else {
                    throw .usage("\(flag) '\(text)': expected NAME=AMOUNT, e.g. \(flag) \"FLITS=1.100.000\"", command: "record")
                }
                let name = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
                // The amount follows the last '=': a name ending in '=' is a doubled '=' ("x==5"), and an empty one no name.
                guard !name.isEmpty, !name.hasSuffix("=") else {
                    throw .usage("\(flag) '\(text)': the name before the amount is '\(name)'; expected NAME=AMOUNT with one '=', e.g. \(flag) \"FLITS=1.100.000\"",
                                 command: "record")
                }
                let cents = try Self.amount(String(text[text.index(after: eq)...]), flag: flag)
                items.append(.object([nameKey: .string(name), "amountCents": .number(String(cents))]))
            }
            return .array(items)
        default:
            guard texts.count == 1 else { throw .usage("\(flag) is given \(texts.count) times; give it once", command: "record") }
            return try single(texts[0])
        }
    }

    private func single(_ text: String) throws(CLIError) -> JSONValue {
        switch kind {
        case .text, .identifier: return .string(text)
        case .date: return .string(try Self.date(text, flag: flag).iso)
        case .dateOrUnknown:
            return text.lowercased() == "unknown" || text.lowercased() == "onbekend" ? .null : .string(try Self.date(text, flag: flag).iso)
        case .amount: return .number(String(try Self.amount(text, flag: flag)))
        case .year:
            guard let y = Int(text), (1800...9999).contains(y) else {
                throw .usage("\(flag) '\(text)' is not a year; expected four digits such as 2026", command: "record")
            }
            return .number(String(y))
        case .choice(let options):
            if let canonical = Self.choiceAliases[text.lowercased()], options.contains(canonical) { return .string(canonical) }
            guard options.contains(text) else {
                if let near = nearest(text, among: options) ?? options.first(where: { $0.hasPrefix(text.lowercased()) || text.lowercased().hasPrefix($0) }) {
                    throw .usage("\(flag) '\(text)' is not one of \(options.joined(separator: ", ")); did you mean '\(near)'?", command: "record")
                }
                throw .usage("\(flag) '\(text)' is not one of \(options.joined(separator: ", "))", command: "record")
            }
            return .string(text)
        case .amounts: return .null
        }
    }

    static func amount(_ text: String, flag: String) throws(CLIError) -> Int64 {
        do { return try AmountText.cents(text) } catch { throw .usage("\(flag): \(error)", command: "record") }
    }

    static func date(_ text: String, flag: String) throws(CLIError) -> CalendarDate {
        do {
            let d = try DateText.date(text)
            return try CalendarDate(year: d.year, month: d.month, day: d.day)
        } catch let error as DateTextError {
            throw .usage("\(flag): \(error)", command: "record")
        } catch {
            throw .usage("\(flag) '\(text)': \(error)", command: "record")
        }
    }
}
