/// The Dutch texts of everything `register` says to people, keyed by the English text.
///
/// The one place translations live: code writes the English text (with `{1}`, `{2}` for what
/// it fills in) through `Language.text`, and this table gives the Dutch. A text missing here is
/// shown in English; `LanguageTests` lists the help and record texts that lack a translation.
enum Catalogue {
    static let dutch: [String: String] = [
        // The frame of every error.
        "error:": "fout:",
        "Usage: {1}": "Gebruik: {1}",
        "See 'register help {1}'.": "Zie 'register help {1}'.",
        "See 'register --help'.": "Zie 'register --help'.",
    ]
}
