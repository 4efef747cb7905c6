import EventStore
import Projections

/// The Woo publication metadata of every decision the register holds: the fields of the DiWoo
/// metadata standard that the register can fill, as JSON beside the site (`woo-metadata.json`).
/// Field by field in docs/reference/publication.md. A field the register does not hold is left
/// out and named in the decision's `ontbreekt` list, never guessed.
enum WooMetadata {
    /// The settings the metadata takes from `register-settings.json`.
    typealias Settings = RegisterSettings

    static func document(decisions: DecisionIndex, records: [ResolvedRecord], sourceHashes: [String: SHA256Digest],
                         settings: Settings?) -> JSONValue {
        var sourcesOf: [DecisionID: [EventSource]] = [:]
        for record in records {
            guard case .decision(let d) = record.event else { continue }
            let source = record.original.source
            if !(sourcesOf[d.id] ?? []).contains(source) { sourcesOf[d.id, default: []].append(source) }
        }
        let items: [JSONValue] = decisions.entries.keys.sorted { $0.rawValue < $1.rawValue }.map { id in
            let d = decisions[id]!
            var item: [String: JSONValue] = [:]
            var missing: [JSONValue] = []
            item["identifiers"] = .array([.string(id.rawValue)] + Set((sourcesOf[id] ?? []).compactMap(\.zaaknummer)).sorted().filter { $0 != id.rawValue }.map(JSONValue.string))
            if let title = d.title { item["officieleTitel"] = .string(title) } else { missing.append("officieleTitel") }
            if let organisation = settings?.organisation {
                var publisher: [String: JSONValue] = ["label": .string(organisation)]
                if let tooi = settings?.organisationTOOI { publisher["resource"] = .string(tooi) } else { missing.append("publisher.resource") }
                item["publisher"] = .object(publisher)
                item["verantwoordelijke"] = .object(publisher)
            } else {
                missing += ["publisher", "verantwoordelijke"]
            }
            var classification: [String: JSONValue] = ["documentsoorten": .array([.object(["label": .string("besluit")])])]
            if let category = settings?.wooCategory {
                classification["informatiecategorieen"] = .array([.object(["label": .string(category.label), "resource": .string(category.resource)])])
            } else {
                missing.append("informatiecategorieen")
            }
            item["classificatiecollectie"] = .object(classification)
            if let date = d.date {
                item["documenthandelingen"] = .array([.object(["soortHandeling": .string("vaststelling"), "atTime": .string(date.iso)])])
            } else {
                missing.append("documenthandelingen.vaststelling.atTime")
            }
            item["register:status"] = .string(d.status.rawValue)
            item["register:bestuursorgaan"] = .string(d.body.rawValue)
            item["register:bronnen"] = .array((sourcesOf[id] ?? []).map { source in
                .object(["document": .string(source.document), "zaaknummer": JSONValue(source.zaaknummer),
                         "sha256": sourceHashes[source.document].map { .string($0.hex) } ?? .null])
            })
            if (sourcesOf[id] ?? []).contains(where: { sourceHashes[$0.document] == nil }) { missing.append("register:bronnen.sha256") }
            item["ontbreekt"] = .array(missing)
            return .object(item)
        }
        return .object(["standaard": .string("DiWoo metadata (velden die het register bevat)"), "besluiten": .array(items)])
    }
}
