import EventStore

/// What may be in a name that identifies something (a reserve, contract, programme, decision or
/// project), and when two names are the same name.
///
/// Names are compared by people on paper and on screens, so differences nobody sees may not
/// make two subjects: a name may not hold invisible characters (zero-width spaces and joiners,
/// soft hyphens, byte order marks, variation selectors: Unicode's default-ignorable and format
/// characters), white space other than the plain space, or two spaces in a row; white space at
/// either end is refused where the name is read. And two names are the same name when they
/// differ only in case or in leading zeros (`Welzijn-Noord` and `welzijn-noord`, `404` and
/// `0404`): `identity` is what is compared, and a new name whose identity an existing name
/// already has is refused, naming the existing one.
public enum IdentifierRules {
    /// Why `name` cannot be a name, as the `problem` and `expected` of an invalid field; nil when it can.
    public static func problem(in name: String) -> (problem: String, expected: String)? {
        var previousWasSpace = false
        for scalar in name.unicodeScalars {
            let p = scalar.properties
            if p.isDefaultIgnorableCodePoint || p.generalCategory == .format {
                return ("holds an invisible character (\(TextPolicy.name(scalar)))", "a name made only of visible characters and single spaces")
            }
            if scalar == " " {
                if previousWasSpace { return ("holds two spaces in a row", "a name with single spaces between its words") }
                previousWasSpace = true
                continue
            }
            previousWasSpace = false
            if p.isWhitespace {
                return ("holds white space other than a plain space (\(TextPolicy.name(scalar)))",
                        "a name made only of visible characters and single spaces")
            }
        }
        return nil
    }

    /// The form names are compared in: canonical equivalence (NFC), lower case, and each run of
    /// digits without its leading zeros (`Reserve 0404` and `reserve 404` are one name; `0` stays `0`).
    public static func identity(_ name: String) -> String {
        var out = ""
        var digits = ""
        func flushDigits() {
            guard !digits.isEmpty else { return }
            let trimmed = digits.drop { $0 == "0" }
            out += trimmed.isEmpty ? "0" : String(trimmed)
            digits = ""
        }
        for ch in KeyIndex.normalised(name).lowercased() {
            if ch.isASCII, ch.isNumber { digits.append(ch) } else { flushDigits(); out.append(ch) }
        }
        flushDigits()
        return out
    }
}
