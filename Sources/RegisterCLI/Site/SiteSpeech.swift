/// The register's own texts on the site (event summaries, finding messages, a timeline's
/// changes) in the page's language, each distinct text translated once per run: the same
/// summary or message shows on several pages, and a catalogue lookup costs far more than a
/// dictionary's.
final class SiteSpeech {
    private let language: Language
    private var messages: [String: String] = [:]
    private var values: [String: String] = [:]

    init(_ texts: SiteTexts) { language = texts.speech }

    func message(_ english: String) -> String {
        if let known = messages[english] { return known }
        let translated = language.message(english)
        messages[english] = translated
        return translated
    }

    func value(_ english: String) -> String {
        if let known = values[english] { return known }
        let translated = language.value(english)
        values[english] = translated
        return translated
    }

    func text(_ english: String) -> String { language.text(english) }
}
