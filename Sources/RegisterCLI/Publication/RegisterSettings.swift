import EventStore
import Foundation
import Projections

/// Values about the organisation that the register's events do not hold, for the publication
/// formats (ZGW Besluiten, Woo metadata): read from `register-settings.json` beside the events
/// folder, or the file `--settings` names. Documented in docs/reference/publication.md.
///
/// Every field is optional in the file; an export that needs one that is missing says which.
struct RegisterSettings: Equatable, Sendable {
    /// The organisation's name as it publishes, e.g. `gemeente Dordrecht`.
    var organisation: String?
    /// The organisation's TOOI identifier, e.g. `https://identifier.overheid.nl/tooi/id/gemeente/gm0505`.
    var organisationTOOI: String?
    /// The organisation's RSIN (9 digits, passing the eleven test): ZGW `verantwoordelijkeOrganisatie`.
    var rsin: String?
    /// The besluittype in the ZTC catalogue for each body's decisions (`raad`, `college`, `burgemeester`, `algemeen-bestuur`).
    var besluittypen: [DecisionBody: String] = [:]
    /// The address source documents are published under in a Documenten API; a document's file name is appended.
    var informatieobjectBase: String?
    /// The Woo information category of the register's decisions, as label and TOOI resource.
    var wooCategory: (label: String, resource: String)?

    static let fileName = "register-settings.json"

    static func == (a: RegisterSettings, b: RegisterSettings) -> Bool {
        a.organisation == b.organisation && a.organisationTOOI == b.organisationTOOI && a.rsin == b.rsin
            && a.besluittypen == b.besluittypen && a.informatieobjectBase == b.informatieobjectBase
            && a.wooCategory?.label == b.wooCategory?.label && a.wooCategory?.resource == b.wooCategory?.resource
    }

    /// The settings file to read: the one named, else `register-settings.json` in the folder that
    /// holds the events folder, when there is one; nil when there is none (every setting missing).
    static func load(named path: String?, store: EventStore, command: String) throws(CLIError) -> RegisterSettings {
        let file = path ?? URL(fileURLWithPath: store.directory).deletingLastPathComponent().appendingPathComponent(fileName).path
        guard let data = FileManager.default.contents(atPath: file) else {
            if path != nil { throw .usage("--settings '\(file)': cannot read that file", command: command) }
            return RegisterSettings()
        }
        do { return try parse(Array(data), file: file) } catch { throw error }
    }

    static func parse(_ bytes: [UInt8], file: String) throws(CLIError) -> RegisterSettings {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch { throw .refused("\(file): not JSON (\(error))") }
        guard let object = json.object else { throw .refused("\(file): expected a JSON object of settings") }
        let known: Set<String> = ["organisatie", "organisatieTOOI", "rsin", "besluittypen", "informatieobjectBasis", "wooInformatiecategorie"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw .refused("\(file): unknown setting '\(unknown)'; settings are " + known.sorted().joined(separator: ", "))
        }
        func text(_ key: String) throws(CLIError) -> String? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let s = value.string, !s.isEmpty else { throw .refused("\(file): '\(key)' must be a non-empty text") }
            return s
        }
        var settings = RegisterSettings()
        settings.organisation = try text("organisatie")
        settings.organisationTOOI = try text("organisatieTOOI")
        settings.rsin = try text("rsin")
        if let rsin = settings.rsin, !ZGWFieldRules.isRSIN(rsin) {
            throw .refused("\(file): 'rsin' '\(rsin)' is not an RSIN: expected 9 digits that pass the eleven test")
        }
        settings.informatieobjectBase = try text("informatieobjectBasis")
        if let types = object["besluittypen"], !types.isNull {
            guard let map = types.object else { throw .refused("\(file): 'besluittypen' must be an object from body (raad, college) to address") }
            for (key, value) in map {
                guard let body = DecisionBody(rawValue: key), body != .unknown else {
                    throw .refused("\(file): 'besluittypen' has '\(key)'; bodies are raad, college, burgemeester, algemeen-bestuur")
                }
                guard let url = value.string, ZGWFieldRules.isURI(url, maxLength: 200) else {
                    throw .refused("\(file): 'besluittypen.\(key)' must be an http(s) address of at most 200 characters")
                }
                settings.besluittypen[body] = url
            }
        }
        if let category = object["wooInformatiecategorie"], !category.isNull {
            guard let label = category["label"]?.string, let resource = category["resource"]?.string else {
                throw .refused("\(file): 'wooInformatiecategorie' must be {\"label\": ..., \"resource\": ...}")
            }
            settings.wooCategory = (label, resource)
        }
        return settings
    }
}
