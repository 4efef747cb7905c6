import EventStore

/// The field rules of a Besluit resource in the ZGW Besluiten API (VNG Realisatie, version 1.0.x,
/// the API Open Zaak implements; openapi.yaml, schema `Besluit`): which fields are required, their
/// lengths, formats and allowed values. The export checks every resource against them before it
/// writes one, and the tests check the exported resources against them again.
enum ZGWFieldRules {
    static let required = ["verantwoordelijkeOrganisatie", "besluittype", "datum", "ingangsdatum"]
    static let maxLengths = ["identificatie": 50, "verantwoordelijkeOrganisatie": 9, "besluittype": 200, "zaak": 200,
                             "bestuursorgaan": 50, "vervalreden": 30]
    static let dates = ["datum", "ingangsdatum", "vervaldatum", "publicatiedatum", "verzenddatum", "uiterlijkeReactiedatum"]
    static let vervalredenen = ["", "tijdelijk", "ingetrokken_overheid", "ingetrokken_belanghebbende"]
    static let fields = Set(["url", "identificatie", "verantwoordelijkeOrganisatie", "besluittype", "zaak", "datum", "toelichting",
                             "bestuursorgaan", "ingangsdatum", "vervaldatum", "vervalreden", "vervalredenWeergave", "publicatiedatum",
                             "verzenddatum", "uiterlijkeReactiedatum"])

    /// What is wrong with `resource` as a Besluit; empty when it passes every rule.
    static func problems(_ resource: [String: JSONValue]) -> [String] {
        var problems: [String] = []
        for key in resource.keys.sorted() where !fields.contains(key) { problems.append("\(key): not a field of Besluit") }
        for key in required where resource[key] == nil || resource[key] == .null { problems.append("\(key): required") }
        for (key, limit) in maxLengths.sorted(by: { $0.key < $1.key }) {
            if let text = resource[key]?.string, text.count > limit { problems.append("\(key): longer than \(limit) characters") }
        }
        for key in dates {
            guard let value = resource[key], value != .null else { continue }
            if value.string.flatMap({ try? CalendarDate(iso: $0) }) == nil { problems.append("\(key): not a date YYYY-MM-DD") }
        }
        if let rsin = resource["verantwoordelijkeOrganisatie"]?.string, !isRSIN(rsin) {
            problems.append("verantwoordelijkeOrganisatie: not an RSIN (9 digits passing the eleven test)")
        }
        for key in ["besluittype", "zaak"] {
            if let uri = resource[key]?.string, !isURI(uri, maxLength: maxLengths[key]!) { problems.append("\(key): not an http(s) URI") }
        }
        if let reason = resource["vervalreden"]?.string, !vervalredenen.contains(reason) {
            problems.append("vervalreden: '\(reason)' is not one of " + vervalredenen.dropFirst().joined(separator: ", "))
        }
        if let start = resource["ingangsdatum"]?.string, let end = resource["vervaldatum"]?.string, end < start {
            problems.append("vervaldatum: before ingangsdatum")
        }
        return problems
    }

    /// Nine digits whose weighted sum (9, 8, ..., 2, and -1 for the last) is a multiple of 11.
    static func isRSIN(_ text: String) -> Bool {
        let digits = text.unicodeScalars.compactMap { $0.properties.numericType == .decimal && $0.isASCII ? Int($0.value) - 48 : nil }
        guard digits.count == 9, text.unicodeScalars.count == 9 else { return false }
        var sum = 0
        for (i, digit) in digits.enumerated() { sum += (i == 8 ? -1 : 9 - i) * digit }
        return sum % 11 == 0
    }

    static func isURI(_ text: String, maxLength: Int) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && text.count <= maxLength && text.count > 8
            && !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 }
    }
}
