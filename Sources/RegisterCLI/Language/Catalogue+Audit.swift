/// The Dutch of the audit's finding messages (`Finding.message`, written in English by the rules
/// in `Projections/Audit/`), keyed by the English with `{1}`, `{2}` for what a rule fills in.
///
/// A message with several clauses is translated clause by clause (`Language.message`), so an
/// entry may be one clause; values inside a clause (a balance, a decision's outcome) are in
/// `Catalogue.values`.
extension Catalogue {
    static let audit: [String: String] = [
        // Authority and timing of mutations.
        "{1} names decision {2}, which the register does not hold": "{1} noemt besluit {2}, dat het register niet kent",
        "{1} is authorised by decision {2}, which is proposed, not taken": "{1} steunt op besluit {2}, dat alleen is voorgesteld, niet genomen",
        "{1} is authorised by decision {2}, which is rejected, not taken": "{1} steunt op besluit {2}, dat is verworpen, niet genomen",
        "{1} is authorised by decision {2}, which is withdrawn, not taken": "{1} steunt op besluit {2}, dat is ingetrokken, niet genomen",
        "{1} takes effect on {2}, before its decision {3} of {4}": "{1} gaat in op {2}, vóór het besluit {3} van {4} waarop het steunt",
        "{1} is a reserve mutation in {2}, but decision {3} is dated {4}, after {5}": "{1} is een mutatie van een reserve in {2}, maar besluit {3} is gedateerd op {4}, na {5}",
        // Decisions.
        "decision {1} is taken on {2} by its record, which was made on {3}": "besluit {1} is volgens de vastlegging genomen op {2}, maar die is gemaakt op {3}",
        "decision {1} is rejected on {2} by its record, which was made on {3}": "besluit {1} is volgens de vastlegging verworpen op {2}, maar die is gemaakt op {3}",
        "decision {1} is withdrawn on {2} by its record, which was made on {3}": "besluit {1} is volgens de vastlegging ingetrokken op {2}, maar die is gemaakt op {3}",
        "a decision cannot be dated after it was recorded (a typo in the date?)": "een besluit kan niet later gedateerd zijn dan de vastlegging ervan (een tikfout in de datum?)",
        "decision {1} is recorded as {2} and as {3}": "besluit {1} is vastgelegd als {2} en als {3}",
        "decision {1} is recorded as {2} and as {3} and as {4}": "besluit {1} is vastgelegd als {2}, als {3} en als {4}",
        "the last in effect order, {1}, counts": "de laatste in volgorde van ingang, {1}, telt",
        // Reserves.
        "{1} {2} takes effect on {3}, before reserve {4} was established on {5}": "{1} {2} gaat in op {3}, voordat reserve {4} werd ingesteld op {5}",
        "it counts from the establishment on": "het telt vanaf de instelling",
        "{1} {2} takes effect on {3}, but reserve {4} is never established": "{1} {2} gaat in op {3}, maar reserve {4} wordt nooit ingesteld",
        "it does not count": "het telt niet",
        "{1} {2} establishes reserve {3} again, after {4} on {5}": "{1} {2} stelt reserve {3} opnieuw in, na {4} op {5}",
        "only the first establishment counts": "alleen de eerste instelling telt",
        "{1} {2} awards contract {3} again, after {4} on {5}": "{1} {2} gunt contract {3} opnieuw, na {4} op {5}",
        "only the first award counts": "alleen de eerste gunning telt",
        "source-document {1} records document {2} again, after {3}": "source-document {1} legt document {2} opnieuw vast, na {3}",
        "source-document {1} records document {2} again, after {3}, with another SHA-256 ({4} against {5})":
            "source-document {1} legt document {2} opnieuw vast, na {3}, met een andere SHA-256 ({4} tegenover {5})",
        "only the first counts": "alleen de eerste telt",
        "{1} {2} spells {3} '{4}' as '{5}' is spelt ({6}) another way": "{1} {2} spelt {3} '{4}' anders dan '{5}' ({6})",
        "the answers count them apart": "de antwoorden tellen ze apart",
        "{1} {2} takes effect on {3}, before contract {4} was awarded on {5}": "{1} {2} gaat in op {3}, voordat contract {4} werd gegund op {5}",
        "{1} {2} takes effect on {3}, but contract {4} is never awarded": "{1} {2} gaat in op {3}, maar contract {4} wordt nooit gegund",
        "{1} {2} names commitment {3} of reserve {4}, which is not open on {5} ({6})": "{1} {2} noemt verplichting {3} van reserve {4}, die op {5} niet open is ({6})",
        "reserve {1} lapsed after {2}": "reserve {1} verviel na {2}",
        "{1} on {2} moves its end date to {3} and so brings it back": "{1} op {2} verplaatst de einddatum naar {3} en brengt de reserve zo terug",
        "{1} {2} adds {3} to reserve {4} under decision {5}, as {6} did on {7}": "{1} {2} voegt {3} toe aan reserve {4} onder besluit {5}, zoals {6} deed op {7}",
        "{1} {2} withdraws {3} from reserve {4} under decision {5}, as {6} did on {7}": "{1} {2} onttrekt {3} aan reserve {4} onder besluit {5}, zoals {6} deed op {7}",
        "a possible duplicate (retract one if it is)": "mogelijk dubbel (trek er een in als dat zo is)",
        "reserve {1} is established by {2} under decision {3} with the same name as reserve {4} ({5})": "reserve {1} is ingesteld door {2} onder besluit {3} met dezelfde naam als reserve {4} ({5})",
        "'{1}', a possible duplicate": "'{1}', mogelijk dubbel",
        "after {1} {2} reserve {3} ends on {4}, before it was established on {5}": "na {1} {2} eindigt reserve {3} op {4}, voordat ze werd ingesteld op {5}",
        "after {1} {2} on {3} reserve {4}'s balance is {5}": "na {1} {2} op {3} is het saldo van reserve {4} {5}",
        "below zero unless the actual is near the top of the estimate": "onder nul, tenzij het werkelijke saldo dicht bij de bovenkant van de raming ligt",
        "{1} {2} on {3} is after reserve {4}'s end date {5}": "{1} {2} op {3} valt na de einddatum {5} van reserve {4}",
        "after {1} reserve {2} has {3} allocated but only {4} added": "na {1} heeft reserve {2} {3} toegewezen, maar slechts {4} toegevoegd",
        "reserve {1} lapsed after {2} but on {3} still holds {4}": "reserve {1} verviel na {2}, maar bevat op {3} nog {4}",
        "reserve {1} ends on {2}, {3} (horizon {4} days)": "reserve {1} eindigt op {2}, {3} (horizon {4} dagen)",
        "it holds {1} booked": "ze bevat {1} geboekt",
        "it holds {1} actual for {2}": "ze bevat {1} werkelijk voor {2}",
        "it holds {1} to {2} for {3}": "ze bevat {1} tot {2} voor {3}",
        "it holds {1} booked, with {2} in open commitments": "ze bevat {1} geboekt, met {2} aan open verplichtingen",
        "it holds {1} actual for {2}, with {3} in open commitments": "ze bevat {1} werkelijk voor {2}, met {3} aan open verplichtingen",
        "reserve {1} has {2} in open commitments, more than the balance they follow ({3}) on {4}":
            "reserve {1} heeft {2} aan open verplichtingen, meer dan het saldo dat ze volgen ({3}) op {4}",
        "reserve {1} has {2} in open commitments, more than the balance they follow ({3}, plus {4} added since":
            "reserve {1} heeft {2} aan open verplichtingen, meer dan het saldo dat ze volgen ({3}, plus {4} sindsdien toegevoegd",
        "reserve {1} has {2} in open commitments, more than the balance they follow ({3}, less {4} spent on settled commitments":
            "reserve {1} heeft {2} aan open verplichtingen, meer dan het saldo dat ze volgen ({3}, min {4} uitgegeven aan afgerekende verplichtingen",
        "reserve {1} has {2} in open commitments, more than the balance they follow ({3}, plus {4} added since, less {5} spent on settled commitments":
            "reserve {1} heeft {2} aan open verplichtingen, meer dan het saldo dat ze volgen ({3}, plus {4} sindsdien toegevoegd, min {5} uitgegeven aan afgerekende verplichtingen",
        "{1} left) on {2}": "{1} over) op {2}",
        "{1} to {2} left) on {3}": "{1} tot {2} over) op {3}",
        "reserve {1} has {2} in open commitments against the balance they follow, estimated at {3}":
            "reserve {1} heeft {2} aan open verplichtingen tegenover het saldo dat ze volgen, geraamd op {3}",
        "reserve {1} has {2} in open commitments against the balance they follow, estimated at {3}, plus {4} added since":
            "reserve {1} heeft {2} aan open verplichtingen tegenover het saldo dat ze volgen, geraamd op {3}, plus {4} sindsdien toegevoegd",
        "reserve {1} has {2} in open commitments against the balance they follow, estimated at {3}, less {4} spent on settled commitments":
            "reserve {1} heeft {2} aan open verplichtingen tegenover het saldo dat ze volgen, geraamd op {3}, min {4} uitgegeven aan afgerekende verplichtingen",
        "reserve {1} has {2} in open commitments against the balance they follow, estimated at {3}, plus {4} added since, less {5} spent on settled commitments":
            "reserve {1} heeft {2} aan open verplichtingen tegenover het saldo dat ze volgen, geraamd op {3}, plus {4} sindsdien toegevoegd, min {5} uitgegeven aan afgerekende verplichtingen",
        "covered only if the actual remainder is at least {1}": "alleen gedekt als het werkelijke restant minstens {1} is",
        "{1} left: covered only if the actual remainder is at least {2}": "{1} over: alleen gedekt als het werkelijke restant minstens {2} is",
        "{1} to {2} left: covered only if the actual remainder is at least {3}": "{1} tot {2} over: alleen gedekt als het werkelijke restant minstens {3} is",
        // Stated totals.
        "the source states {1} as {2}, but the parts add up to {3} (difference {4})": "de bron vermeldt {1} als {2}, maar de delen tellen op tot {3} (verschil {4})",
        // Contracts.
        "{1} {2} sets contract {3}'s end to {4}, before its current end {5} (if the end was wrong, correct the event that set it)":
            "{1} {2} zet het einde van contract {3} op {4}, vóór het huidige einde {5} (was dat einde verkeerd, corrigeer dan de gebeurtenis die het zette)",
        "contract {1} was extended to {2} by decision {3} of {4}, after the decide-by date {5} of {6}":
            "contract {1} is verlengd tot {2} bij besluit {3} van {4}, na de beslisdatum {5} van {6}",
        "contract {1} was extended to {2} by decision {3} of {4}, after the notice deadline {5}":
            "contract {1} is verlengd tot {2} bij besluit {3} van {4}, na de opzegtermijn {5}",
        "contract {1} was extended to {2} by decision {3} of {4}, after the decide-by date {5} of {6} and after the notice deadline {7}":
            "contract {1} is verlengd tot {2} bij besluit {3} van {4}, na de beslisdatum {5} van {6} en na de opzegtermijn {7}",
        "contract {1} was extended to {2} on {3} (its effective date": "contract {1} is verlengd tot {2} op {3} (de ingangsdatum",
        "no decision date is known), after the decide-by date {1} of {2}": "er is geen besluitdatum bekend), na de beslisdatum {1} van {2}",
        "no decision date is known), after the notice deadline {1}": "er is geen besluitdatum bekend), na de opzegtermijn {1}",
        "no decision date is known), after the decide-by date {1} of {2} and after the notice deadline {3}":
            "er is geen besluitdatum bekend), na de beslisdatum {1} van {2} en na de opzegtermijn {3}",
        "the raad intended to extend contract {1} to {2}, to be decided by {3}": "de raad was voornemens contract {1} te verlengen tot {2}, te besluiten vóór {3}",
        "the algemeen-bestuur intended to extend contract {1} to {2}, to be decided by {3}": "het algemeen bestuur was voornemens contract {1} te verlengen tot {2}, te besluiten vóór {3}",
        "the unknown intended to extend contract {1} to {2}, to be decided by {3}": "een onbekend orgaan was voornemens contract {1} te verlengen tot {2}, te besluiten vóór {3}",
        "contract {1} ends on {2}, {3} (horizon {4} days)": "contract {1} eindigt op {2}, {3} (horizon {4} dagen)",
        "the raad intends to extend it to {1}, which is not decided": "de raad is voornemens het te verlengen tot {1}, wat niet besloten is",
        "the algemeen-bestuur intends to extend it to {1}, which is not decided": "het algemeen bestuur is voornemens het te verlengen tot {1}, wat niet besloten is",
        "the unknown intends to extend it to {1}, which is not decided": "een onbekend orgaan is voornemens het te verlengen tot {1}, wat niet besloten is",
        // Recording and amendments.
        "event {1} ({2}) was recorded at {3}, before event {4} ({5})": "gebeurtenis {1} ({2}) is vastgelegd op {3}, vóór gebeurtenis {4} ({5})",
        "event {1} ({2}) says it was recorded at {3}, after now ({4})": "gebeurtenis {1} ({2}) zegt te zijn vastgelegd op {3}, na nu ({4})",
        "a clock was wrong or the instant was forged": "een klok liep verkeerd of het tijdstip is vervalst",
        "correction {1} has no effect: {2}": "correctie {1} heeft geen gevolg: {2}",
        "it would change what event {1} is about ({2} '{3}' to '{4}')": "ze zou veranderen waarover gebeurtenis {1} gaat ({2} '{3}' naar '{4}')",
        "its corrected payload is not a valid {1} ({2})": "de gecorrigeerde payload is geen geldige {1} ({2})",
        "the {1} it would make is not plausible ({2})": "de {1} die ze zou maken is niet aannemelijk ({2})",
        "{1} {2} names event {3}, which is not among the events this register reads (it is missing, or an event this register cannot read)":
            "{1} {2} noemt gebeurtenis {3}, die niet bij de gebeurtenissen hoort die dit register leest (ze ontbreekt, of dit register kan haar niet lezen)",
        "{1} {2} names itself": "{1} {2} noemt zichzelf",
        "it has no effect": "ze heeft geen effect",
        "{1} {2} (event {3}) names event {4} ({5}), recorded after it": "{1} {2} (gebeurtenis {3}) noemt gebeurtenis {4} ({5}), die later is vastgelegd",
        "it has no effect (a correction cycle is one case of this)": "ze heeft geen effect (een correctiekringloop is daar een geval van)",
        "{1} {2} names retraction {3}": "{1} {2} noemt intrekking {3}",
        "a retraction cannot be corrected or retracted, so it has no effect": "een intrekking kan niet worden gecorrigeerd of ingetrokken, dus ze heeft geen effect",
        "retraction {1} retracts event {2} again": "intrekking {1} trekt gebeurtenis {2} opnieuw in",
        "{1} (event {2}) already retracted it": "{1} (gebeurtenis {2}) had haar al ingetrokken",
        "event {1} ({2}) counts for {3}, whose creation {4} is retracted": "gebeurtenis {1} ({2}) telt voor {3}, waarvan de instelling {4} is ingetrokken",
        "{1} {2} takes effect on {3}, after {4}": "{1} {2} gaat in op {3}, na {4}",
    ]
}
