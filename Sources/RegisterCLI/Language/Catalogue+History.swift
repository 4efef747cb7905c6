/// The Dutch of what the register says about its history: event summaries (`EventSummary`), the
/// timeline's changes, `changes`, `sources` and `verify-sources`.
extension Catalogue {
    static let history: [String: String] = [
        // Event summaries the older entries do not cover.
        "commitment in reserve {1}: {2} about {3} in {4}": "verplichting in reserve {1}: {2} ongeveer {3} in {4}",
        "commitment in reserve {1}: {2} about {3}": "verplichting in reserve {1}: {2} ongeveer {3}",
        "commitment in reserve {1}: {2} at most {3} in {4}": "verplichting in reserve {1}: {2} hoogstens {3} in {4}",
        "commitment in reserve {1}: {2} at most {3}": "verplichting in reserve {1}: {2} hoogstens {3}",
        "source document {1} has SHA-256 {2}": "brondocument {1} heeft SHA-256 {2}",
        "source document {1} has SHA-256 {2}, at {3}": "brondocument {1} heeft SHA-256 {2}, te vinden op {3}",
        "superseded": "vervangen",
        // changes
        "{1} event(s) recorded after {2} up to {3}": "{1} gebeurtenis(sen) vastgelegd na {2} tot en met {3}",
        "now": "nu",
        "answers on {1} that changed": "antwoorden op {1} die veranderden",
        "no answer changed": "geen antwoord veranderde",
        // sources
        "no hash recorded": "geen hash vastgelegd",
        "address: {1}": "adres: {1}",
        "title: {1}": "titel: {1}",
        "cited by: {1}": "geciteerd door: {1}",
        "cited by: no event": "geciteerd door: geen gebeurtenis",
        // verify-sources
        "verified": "geverifieerd",
        "DIFFERENT": "ANDERS",
        "MISSING": "ONTBREEKT",
        "NO HASH RECORDED": "GEEN HASH VASTGELEGD",
        "not cited": "niet geciteerd",
        "found sha256 {1}, recorded {2}": "gevonden sha256 {1}, vastgelegd {2}",
        "{1} of {2} cited document(s) verified": "{1} van {2} geciteerde document(en) geverifieerd",
    ]

    /// Texts that appear as values inside other texts (a balance inside a finding, a decision's
    /// outcome in a list, a field of a timeline's change): used only for a template's values and
    /// for `Language.value`, never for a whole message, so short patterns such as `{1} booked`
    /// cannot fit the middle of an unrelated sentence.
    static let values: [String: String] = [
        "{1} booked": "{1} geboekt",
        "{1} to {2} for {3}": "{1} tot {2} voor {3}",
        "{1} actual for {2}": "{1} werkelijk voor {2}",
        "{1} (booked)": "{1} (geboekt)",
        "{1} to {2} (estimate for {3})": "{1} tot {2} (raming voor {3})",
        "{1} (actual for {2})": "{1} (werkelijk voor {2})",
        "more than {1}": "meer dan {1}",
        "today": "vandaag",
        "tomorrow": "morgen",
        "in {1} days": "over {1} dagen",
        "{1} and as {2}": "{1} en als {2}",
        "taken by {1} on {2} ({3})": "genomen door {1} op {2} ({3})",
        "rejected by {1} on {2} ({3})": "verworpen door {1} op {2} ({3})",
        "withdrawn by {1} on {2} ({3})": "ingetrokken door {1} op {2} ({3})",
        "taken by {1} on an unknown date ({2})": "genomen door {1} op een onbekende datum ({2})",
        "rejected by {1} on an unknown date ({2})": "verworpen door {1} op een onbekende datum ({2})",
        "withdrawn by {1} on an unknown date ({2})": "ingetrokken door {1} op een onbekende datum ({2})",
        "settled by {1}": "afgerekend door {1}",
        "released by {1}": "vrijgevallen door {1}",
        "superseded by {1}": "vervangen door {1}",
        "no commitment of reserve {1} with that id takes effect before it": "geen verplichting van reserve {1} met die id gaat eerder in",
        "algemeen-bestuur": "algemeen bestuur",
        // The fields of a timeline's changes and of `changes`.
        "endDate": "einddatum",
        "allocated": "toegewezen",
        "committed": "verplicht",
        "answer": "antwoord",
        "exists": "bestaat",
        "(not in the register)": "(niet in het register)",
    ]
}
