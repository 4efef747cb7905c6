/// The Dutch of what the event store and the domain say when something is wrong: the damage
/// `verify` finds (`Damage`), the store's errors (`StoreError`) and the domain's refusals
/// (`DomainError`), each as written in English in `EventStore` and `Projections`.
///
/// A damage reads `label: detail`; the label and the detail are entries of their own, so the
/// detail is found both in `verify`'s list and inside `the store is damaged: FILE: …`.
extension Catalogue {
    static let store: [String: String] = [
        // Damage.
        "hash mismatch": "hash klopt niet",
        "the file was altered (it hashes to {1}, but {2} records {3})": "het bestand is gewijzigd (de hash is {1}, maar {2} legt {3} vast)",
        "broken link": "gebroken schakel",
        "it names predecessor {1}, but the previous event hashes to {2}": "het noemt voorganger {1}, maar de hash van de vorige gebeurtenis is {2}",
        "missing sequence number": "ontbrekend volgnummer",
        "expected {1} here; an event was deleted or never linked": "hier werd {1} verwacht; een gebeurtenis is verwijderd of nooit gekoppeld",
        "expected {1} here": "hier werd {1} verwacht",
        "an event was deleted or never linked": "een gebeurtenis is verwijderd of nooit gekoppeld",
        "duplicate sequence number {1}": "dubbel volgnummer {1}",
        "more than one file claims it": "meer dan één bestand claimt het",
        "renamed or moved": "hernoemd of verplaatst",
        "its content says it should be named {1}": "volgens de inhoud hoort het {1} te heten",
        "moved into the wrong folder": "in de verkeerde map gezet",
        "an event of this sequence number belongs at {1} (or directly in the events folder)": "een gebeurtenis met dit volgnummer hoort in {1} (of direct in de map met gebeurtenissen)",
        "unexpected file": "onverwacht bestand",
        "not an event file (events are named NNNNNNNN-type.json, in the events folder or its NNNN/ shard folders)":
            "geen gebeurtenisbestand (gebeurtenissen heten NNNNNNNN-soort.json, in de map met gebeurtenissen of in de NNNN/-deelmappen ervan)",
        "leftover temporary file from an interrupted append; it is not part of the history and may be removed":
            "achtergebleven tijdelijk bestand van een onderbroken toevoeging; het hoort niet bij de geschiedenis en mag worden verwijderd",
        "leftover temporary file from an interrupted append": "achtergebleven tijdelijk bestand van een onderbroken toevoeging",
        "it is not part of the history and may be removed": "het hoort niet bij de geschiedenis en mag worden verwijderd",
        "unreadable event": "onleesbare gebeurtenis",
        "cannot be read": "kan niet worden gelezen",
        "bad signature": "ongeldige handtekening",
        "it does not sign its event's bytes ({1}); the event or the signature was altered": "ze ondertekent de bytes van haar gebeurtenis niet ({1}); de gebeurtenis of de handtekening is gewijzigd",
        "it does not sign its event's bytes ({1})": "ze ondertekent de bytes van haar gebeurtenis niet ({1})",
        "the event or the signature was altered": "de gebeurtenis of de handtekening is gewijzigd",
        "duplicate event id": "dubbele gebeurtenis-id",
        "'{1}' is already the id of event {2}; every event has its own id": "'{1}' is al de id van gebeurtenis {2}; elke gebeurtenis heeft een eigen id",
        "'{1}' is already the id of event {2}": "'{1}' is al de id van gebeurtenis {2}",
        "every event has its own id": "elke gebeurtenis heeft een eigen id",
        "not a {1}": "geen {1}",
        "it is a {1}; the history is only read from {2}s inside the events folder itself, never through a link":
            "het is een {1}; de geschiedenis wordt alleen gelezen uit bestanden en mappen in de map met gebeurtenissen zelf, nooit via een koppeling",
        "it is a {1}": "het is een {1}",
        "the history is only read from {1}s inside the events folder itself, never through a link":
            "de geschiedenis wordt alleen gelezen uit bestanden en mappen in de map met gebeurtenissen zelf, nooit via een koppeling",
        "regular file": "gewoon bestand",
        "folder": "map",
        "symbolic link": "symbolische koppeling",
        "named pipe": "named pipe",
        "socket": "socket",
        "device": "apparaat",
        "recorded in the future": "vastgelegd in de toekomst",
        "it says it was recorded at {1}, but it is now {2}; a clock was wrong or the instant was forged":
            "het zegt te zijn vastgelegd op {1}, maar het is nu {2}; een klok liep verkeerd of het tijdstip is vervalst",
        "it says it was recorded at {1}, but it is now {2}": "het zegt te zijn vastgelegd op {1}, maar het is nu {2}",
        // verify
        "damaged: … and {1} more ({2} damaged or foreign files in all; --json lists the first {3} too)":
            "beschadigd: … en nog {1} ({2} beschadigde of vreemde bestanden in totaal; --json noemt ook de eerste {3})",
        "checkpoint: {1}": "controlepunt: {1}",
        "note: {1}": "opmerking: {1}",
        // The store's errors.
        "{1} failed on {2}": "{1} mislukte op {2}",
        "the events folder {1} does not exist; create it, or name another with --events DIR": "de map met gebeurtenissen {1} bestaat niet; maak haar aan, of noem een andere met --events MAP",
        "the events folder {1} does not exist": "de map met gebeurtenissen {1} bestaat niet",
        "create it, or name another with --events DIR": "maak haar aan, of noem een andere met --events MAP",
        "{1} is not valid JSON": "{1} is geen geldige JSON",
        "the store moved on": "het register is verder gegaan",
        "expected head {1} but it is {2}; replay, check, and append again": "verwachte laatste hash {1}, maar het is {2}; lees opnieuw in, controleer en voeg opnieuw toe",
        "expected head {1} but it is {2}": "verwachte laatste hash {1}, maar het is {2}",
        "replay, check, and append again": "lees opnieuw in, controleer en voeg opnieuw toe",
        "event id '{1}' is already stored in {2} with other content": "gebeurtenis-id '{1}' is al opgeslagen in {2} met een andere inhoud",
        "an event is appended once (a retry of the very same event is accepted)": "een gebeurtenis wordt één keer toegevoegd (een herhaling van precies dezelfde gebeurtenis wordt aanvaard)",
        "{1} already exists": "{1} bestaat al",
        "another writer bypassed the lock. Run 'register verify'": "een andere schrijver ging om het slot heen. Voer 'register verify' uit",
        "{1}. Run 'register verify' for details": "{1}. Voer 'register verify' uit voor de details",
        "stored, but not confirmed durable": "opgeslagen, maar niet bevestigd duurzaam",
        "event {1} is stored as {2} (id {3}, hash {4}), but its durability could not be confirmed": "gebeurtenis {1} is opgeslagen als {2} (id {3}, hash {4}), maar de duurzaamheid kon niet worden bevestigd",
        "it may not survive a power failure. Append the same event again": "ze overleeft misschien geen stroomstoring. Voeg dezelfde gebeurtenis opnieuw toe",
        "that stores nothing twice and confirms it": "dat slaat niets dubbel op en bevestigt haar",
        // The domain's refusals.
        "'{1}' is not an event type; expected one of {2}": "'{1}' is geen soort gebeurtenis; verwacht een van {2}",
        "{1} version {2} is newer than this register understands (up to {3}); upgrade register": "{1} versie {2} is nieuwer dan dit register begrijpt (tot en met {3}); werk register bij",
        "the register holds no {1} '{2}'; record that {1} first, or fix the reference": "het register kent geen {1} '{2}'; leg die eerst vast, of verbeter de verwijzing",
        "'{1}' differs from {2} '{3}', which the register holds, only in case or leading zeros": "'{1}' verschilt van {2} '{3}', die het register kent, alleen in hoofdletters of voorloopnullen",
        "names are compared that way, so write '{1}' (or choose a name that differs in more)": "namen worden zo vergeleken, dus schrijf '{1}' (of kies een naam die meer verschilt)",
        "reserve {1} is already established; use reserve-end-date-changed or a correction": "reserve {1} is al ingesteld; gebruik reserve-end-date-changed of een correctie",
        "contract {1} is already awarded; record an extension or a correction": "contract {1} is al gegund; leg een verlenging of een correctie vast",
        "source document '{1}' already has its hash recorded, by event {2}; correct that event to change it": "van brondocument '{1}' is de hash al vastgelegd, door gebeurtenis {2}; corrigeer die gebeurtenis om haar te wijzigen",
        "event {1} is already retracted by {2}; an event is retracted once": "gebeurtenis {1} is al ingetrokken door {2}; een gebeurtenis wordt één keer ingetrokken",
        "event {1} is a retraction; a retraction cannot be corrected or retracted": "gebeurtenis {1} is een intrekking; een intrekking kan niet worden gecorrigeerd of ingetrokken",
        "retract those first, or record a correction": "trek die eerst in, of leg een correctie vast",
        "cannot read the store's index": "kan de index van het register niet lezen",
    ]
}
