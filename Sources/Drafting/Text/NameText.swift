/// Names as documents write them, turned into what the register needs: an identifier made from
/// a name (`Elkaar helpen` → `elkaar-helpen`), and a key to compare two spellings of one name.
public enum NameText {
    /// An identifier from a name: lower case, accents dropped, every run of other characters
    /// one `-`, at most 100 characters. `Visie sociaal domein Dordrecht 2030` →
    /// `visie-sociaal-domein-dordrecht-2030`; `Dordrecht Sociaal` → `dordrecht-sociaal`.
    public static func slug(_ name: String) -> String {
        var out = ""
        var pendingDash = false
        for ch in folded(letters: name) {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(ch)
            } else {
                pendingDash = true
            }
        }
        return String(out.prefix(100))
    }

    /// A key under which two spellings of one name are equal: case, accents, the kind of dash
    /// and the spaces around it, and runs of white space do not count. `Overgang Jeugdwet – Wmo`
    /// and `overgang Jeugdwet-Wmo` have the same key.
    public static func key(_ name: String) -> String {
        var words: [String] = []
        for word in folded(letters: name).split(whereSeparator: \.isWhitespace) {
            let w = String(word.map { dashes.contains($0) ? "-" : $0 })
            if w == "-" || w.hasPrefix("-") || (words.last?.hasSuffix("-") ?? false) {
                if words.isEmpty { words.append(w) } else { words[words.count - 1] += w }
            } else {
                words.append(w)
            }
        }
        return words.joined(separator: " ")
    }

    /// The name with white space runs made one space and the ends trimmed, as a value to propose.
    public static func tidy(_ text: Substring) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static let dashes: Set<Character> = ["-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}"]

    /// Lower case with the accents of Latin letters dropped (`ë` → `e`); no Foundation needed.
    static func folded(letters text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            if let plain = accents[ch] { out.append(plain) } else { out.append(ch) }
        }
        return out
    }

    private static let accents: [Character: Character] = {
        var map: [Character: Character] = [:]
        let groups: [(String, Character)] = [("àáâãäå", "a"), ("èéêë", "e"), ("ìíîï", "i"), ("òóôõöø", "o"), ("ùúûü", "u"),
                                             ("ýÿ", "y"), ("ñ", "n"), ("ç", "c")]
        for (letters, plain) in groups { for letter in letters { map[letter] = plain } }
        return map
    }()
}
