import EventStore
import Projections

/// One register as the site shows it: its history as it counts, and what the store says about
/// itself. Plain values, so the site's pages are a pure function of them (`SitePages`).
struct SiteRegister {
    /// The register's name on the pages (its folder's name).
    let name: String
    let records: [ResolvedRecord]
    let eventCount: Int
    let headHash: SHA256Digest
    /// The RFC 9162 Merkle root over every event, as `register checkpoint` prints it.
    let merkleRoot: SHA256Digest
    /// The SHA-256 of each source document found beside the register (`--sources`), by file name.
    let sourceHashes: [String: SHA256Digest]
}

/// The events of a register grouped by the subject whose timeline shows them, each with the
/// corrections and retractions of them: one pass, so each page is built from its own events
/// and the whole site costs about what the history costs, not subjects times events.
struct SiteRecordGroups {
    private(set) var bySubject: [Subject: [ResolvedRecord]] = [:]
    /// The page an event's row is on (its first subject's page, or its decision's).
    private(set) var pageOfEvent: [String: Subject] = [:]
    /// For each decision, the events naming it as their authority.
    private(set) var authorisedBy: [DecisionID: [ResolvedRecord]] = [:]

    init(records: [ResolvedRecord]) {
        var subjectsOf: [String: [Subject]] = [:]
        for record in records {
            var subjects: [Subject]
            var page: Subject?
            switch record.original.event {
            case .correction(let c):
                subjects = subjectsOf[c.target] ?? []
                page = pageOfEvent[c.target]
            case .retraction(let target, _):
                subjects = subjectsOf[target] ?? []
                page = pageOfEvent[target]
            default:
                subjects = Array(Set(record.original.event.subjects + record.event.subjects)).sorted()
                page = subjects.first
                for decision in Set([record.original.event.authorisingDecision, record.event.authorisingDecision].compactMap { $0 }) {
                    subjects.append(.decision(decision))
                    authorisedBy[decision, default: []].append(record)
                }
            }
            subjectsOf[record.id] = subjects
            for subject in subjects { bySubject[subject, default: []].append(record) }
            if let first = page ?? subjects.first { pageOfEvent[record.id] = first }
        }
    }
}
