import EventStore
import Projections

/// Every taken decision as a resource of the ZGW Besluiten API (`register export --format
/// zgw-besluiten`): what the register holds, and from the register's settings what it does not
/// (the RSIN, the besluittype's catalogue address). A value the register does not know, such as a
/// blank meeting date, is left out and reported, never invented; a resource that then misses a
/// required field is not among the exportable ones but listed with what it misses.
///
/// Mapping, field by field, in docs/reference/publication.md.
struct ZGWBesluiten {
    /// One decision that cannot be a complete resource: what it has, and each value it misses with why.
    struct Incomplete: Equatable {
        let identificatie: String
        let resource: [String: JSONValue]
        let missing: [(field: String, reason: String)]

        static func == (a: Incomplete, b: Incomplete) -> Bool {
            a.identificatie == b.identificatie && a.resource == b.resource && a.missing.map(\.field) == b.missing.map(\.field)
        }
    }

    /// A document a decision rests on, to link with a BesluitInformatieObject once both exist.
    struct Document: Equatable {
        let besluit: String
        let document: String
        let zaaknummer: String?
        let informatieobject: String?
        let sha256: SHA256Digest?
    }

    private(set) var besluiten: [[String: JSONValue]] = []
    private(set) var incomplete: [Incomplete] = []
    private(set) var documents: [Document] = []

    init(records: [ResolvedRecord], settings: RegisterSettings, sourceHashes: [String: SHA256Digest]) {
        let index = DecisionIndex(records: records)
        var sourcesOf: [DecisionID: [EventSource]] = [:]
        for record in records {
            guard case .decision(let d) = record.event else { continue }
            if !(sourcesOf[d.id] ?? []).contains(record.original.source) { sourcesOf[d.id, default: []].append(record.original.source) }
        }
        for id in index.entries.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            let d = index[id]!
            guard d.status == .taken else { continue }
            var resource: [String: JSONValue] = [:]
            var missing: [(String, String)] = []
            if id.rawValue.count <= ZGWFieldRules.maxLengths["identificatie"]! {
                resource["identificatie"] = .string(id.rawValue)
            } else {
                missing.append(("identificatie", "the decision's id is longer than 50 characters; the API would generate one"))
            }
            if let rsin = settings.rsin { resource["verantwoordelijkeOrganisatie"] = .string(rsin) } else {
                missing.append(("verantwoordelijkeOrganisatie", "no 'rsin' in \(RegisterSettings.fileName)"))
            }
            if let type = settings.besluittypen[d.body] { resource["besluittype"] = .string(type) } else if d.body == .unknown {
                missing.append(("besluittype", "the register does not know which body took the decision, so not its besluittype"))
            } else {
                missing.append(("besluittype", "no 'besluittypen.\(d.body.rawValue)' in \(RegisterSettings.fileName)"))
            }
            if let date = d.date {
                resource["datum"] = .string(date.iso)
                // The register holds no separate date of entry into force: a decision takes effect on its date.
                resource["ingangsdatum"] = .string(date.iso)
            } else {
                missing.append(("datum", "the register holds no date for the decision (the source leaves it blank or gives no day)"))
                missing.append(("ingangsdatum", "follows the decision's date, which is unknown"))
            }
            var explanation = d.title ?? ""
            if let basis = d.legalBasis { explanation += (explanation.isEmpty ? "" : ". ") + "Grondslag: \(basis)" }
            if !explanation.isEmpty { resource["toelichting"] = .string(explanation) }
            if let organ = Self.bestuursorgaan(d.body) { resource["bestuursorgaan"] = .string(organ) }
            let problems = ZGWFieldRules.problems(resource)
            if missing.isEmpty && problems.isEmpty {
                besluiten.append(resource)
            } else {
                incomplete.append(Incomplete(identificatie: id.rawValue, resource: resource,
                                             missing: missing + problems.filter { p in !missing.contains { p.hasPrefix($0.0 + ":") } }.map { ("rule", $0) }))
            }
            for source in sourcesOf[id] ?? [] {
                documents.append(Document(besluit: id.rawValue, document: source.document, zaaknummer: source.zaaknummer,
                                          informatieobject: settings.informatieobjectBase.map { $0 + source.document },
                                          sha256: sourceHashes[source.document]))
            }
        }
    }

    /// The body as the API's `bestuursorgaan` names it; nil when unknown (left out).
    static func bestuursorgaan(_ body: DecisionBody) -> String? {
        switch body {
        case .raad: return "gemeenteraad"
        case .college: return "college van burgemeester en wethouders"
        case .burgemeester: return "burgemeester"
        case .algemeenBestuur: return "algemeen bestuur"
        case .unknown: return nil
        }
    }

    var json: JSONValue {
        .object([
            "besluiten": .array(besluiten.map(JSONValue.object)),
            "besluitinformatieobjecten": .array(documents.map { d in
                .object(["besluit": .string(d.besluit), "informatieobject": JSONValue(d.informatieobject), "document": .string(d.document),
                         "zaaknummer": JSONValue(d.zaaknummer), "sha256": d.sha256.map { .string($0.hex) } ?? .null])
            }),
            "onvolledig": .array(incomplete.map { i in
                .object(["identificatie": .string(i.identificatie), "besluit": .object(i.resource),
                         "ontbreekt": .array(i.missing.map { .object(["veld": .string($0.field), "reden": .string($0.reason)]) })])
            }),
        ])
    }
}
