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
        // append, site, checkpoint, verify-proof, publish, sync, install-hook, check-push, export
        "already stored: event {1} as {2} is this very event (an earlier append stored it); nothing was written":
            "al opgeslagen: gebeurtenis {1} als {2} is precies deze gebeurtenis (een eerdere toevoeging sloeg haar op); er is niets geschreven",
        "id:   {1}": "id:   {1}",
        "signed: {1}": "ondertekend: {1}",
        "wrote {1}: {2} file(s), {3} written, {4} unchanged; open {5}": "{1} geschreven: {2} bestand(en), {3} geschreven, {4} ongewijzigd; open {5}",
        "wrote {1}: {2} file(s), {3} written, {4} unchanged, {5} removed; open {6}": "{1} geschreven: {2} bestand(en), {3} geschreven, {4} ongewijzigd, {5} verwijderd; open {6}",
        "tagged {1}": "tag {1} gezet",
        "(signed)": "(ondertekend)",
        "and pushed it to {1}": "en gepusht naar {1}",
        "valid: event {1} ({2}) is in the history of {3} events with root {4}": "geldig: gebeurtenis {1} ({2}) staat in de geschiedenis van {3} gebeurtenissen met wortel {4}",
        "invalid: {1}": "ongeldig: {1}",
        "published": "gepubliceerd",
        "synced": "gesynchroniseerd",
        "{1}: {2} event(s) received, {3} local event(s) renumbered": "{1}: {2} gebeurtenis(sen) ontvangen, {3} lokale gebeurtenis(sen) hernummerd",
        "{1} published in {2} attempt(s)": "{1} gepubliceerd in {2} poging(en)",
        "head {1}": "laatste hash {1}",
        "installed {1}: pushes to main must only append valid events to {2}/ (hook runs {3})":
            "{1} geïnstalleerd: een push naar main mag alleen geldige gebeurtenissen toevoegen aan {2}/ (de hook voert {3} uit)",
        "refused: deleting main would drop the published history": "geweigerd: main verwijderen zou de gepubliceerde geschiedenis weggooien",
        "accepted {1} new event(s)": "{1} nieuwe gebeurtenis(sen) aanvaard",
        "accepted checkpoint tag {1}": "controlepunt-tag {1} aanvaard",
        "refused: {1}": "geweigerd: {1}",
        "decision {1} is not a complete Besluit: {2}": "besluit {1} is geen volledig Besluit: {2}",
        "the decision's id is longer than 50 characters; the API would generate one": "de id van het besluit is langer dan 50 tekens; de API zou er een maken",
        "no 'rsin' in {1}": "geen 'rsin' in {1}",
        "the register does not know which body took the decision, so not its besluittype": "het register weet niet welk orgaan het besluit nam, dus ook niet het besluittype",
        "no 'besluittypen.{1}' in {2}": "geen 'besluittypen.{1}' in {2}",
        "the register holds no date for the decision (the source leaves it blank or gives no day)": "het register kent geen datum van het besluit (de bron laat die leeg of noemt geen dag)",
        "follows the decision's date, which is unknown": "volgt de datum van het besluit, die onbekend is",
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
        "decision {1}": "besluit {1}",
        "project of reserve {1}": "project van reserve {1}",
        "the balance of reserve {1}": "het saldo van reserve {1}",
        "the authorised amount of reserve {1}": "het toegestane bedrag van reserve {1}",
        "the committed amount of reserve {1}": "het verplichte bedrag van reserve {1}",
        "the allocated amount of reserve {1}": "het toegewezen bedrag van reserve {1}",
        "the withdrawn amount of reserve {1}": "het onttrokken bedrag van reserve {1}",
        "the budget total of {1}": "het begrotingstotaal van {1}",
        "what the open commitments of reserve {1} may draw on": "waar de open verplichtingen van reserve {1} op mogen steunen",
        "the difference between {1} as stated and its parts": "het verschil tussen {1} zoals vermeld en de delen",
        // The fields of a timeline's changes and of `changes`.
        "endDate": "einddatum",
        "allocated": "toegewezen",
        "committed": "verplicht",
        "answer": "antwoord",
        "exists": "bestaat",
        "(not in the register)": "(niet in het register)",
    ]
}
