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
    /// Each event's sequence number and hash, in sequence order.
    let eventHashes: [(sequence: Int, hash: SHA256Digest)]

    /// The sequence number of the last event the site shows (0 for none).
    var lastSequence: Int { eventHashes.last?.sequence ?? 0 }

    /// The hash of the event with this sequence number, if the site shows it.
    func hash(ofSequence sequence: Int) -> SHA256Digest? {
        var low = 0, high = eventHashes.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if eventHashes[middle].sequence == sequence { return eventHashes[middle].hash }
            if eventHashes[middle].sequence < sequence { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }
}

/// The events of a register grouped by the subject whose timeline shows them, each with the
/// corrections and retractions of them: one pass, so each page is built from its own events
/// and the whole site costs about what the history costs, not subjects times events. The groups
/// hold positions in `records`, not copies, so the site holds each record once.
struct SiteRecordGroups {
    let records: [ResolvedRecord]
    private var positionsBySubject: [Subject: [Int32]] = [:]
    /// The timeline an event's row is on (its first subject's, or its decision's), and the row's
    /// position in it (from 0, in sequence order): later events never move it.
    private(set) var rowOfEvent: [String: (subject: Subject, position: Int)] = [:]
    /// Every subject whose timeline shows an event.
    private(set) var subjectsOfEvent: [String: [Subject]] = [:]
    /// For each decision, the events naming it as their authority.
    private var authorisedPositions: [DecisionID: [Int32]] = [:]

    /// The records on a subject's timeline, in sequence order.
    func bySubject(_ subject: Subject) -> [ResolvedRecord] { (positionsBySubject[subject] ?? []).map { records[Int($0)] } }

    /// The ids of the records on a subject's timeline, in sequence order.
    func ids(of subject: Subject) -> [String] { (positionsBySubject[subject] ?? []).map { records[Int($0)].id } }

    /// How many records a subject's timeline shows.
    func count(of subject: Subject) -> Int { positionsBySubject[subject]?.count ?? 0 }

    /// The events naming a decision as their authority, in sequence order.
    func authorisedBy(_ decision: DecisionID) -> [ResolvedRecord] { (authorisedPositions[decision] ?? []).map { records[Int($0)] } }

    init(records: [ResolvedRecord]) {
        self.records = records
        var subjectsOf: [String: [Subject]] = [:]
        var pageOfEvent: [String: Subject] = [:]
        for (i, record) in records.enumerated() {
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
                    authorisedPositions[decision, default: []].append(Int32(i))
                }
            }
            subjectsOf[record.id] = subjects
            var positions: [Subject: Int] = [:]
            for subject in subjects where positions[subject] == nil {
                positions[subject] = positionsBySubject[subject]?.count ?? 0
                positionsBySubject[subject, default: []].append(Int32(i))
            }
            if let first = page ?? subjects.first, let position = positions[first] {
                pageOfEvent[record.id] = first
                rowOfEvent[record.id] = (first, position)
            }
        }
        subjectsOfEvent = subjectsOf
    }
}
