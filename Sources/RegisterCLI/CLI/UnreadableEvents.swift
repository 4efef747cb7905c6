import EventStore
import Projections

/// The events a replay could not read, and the one rule for them: an event this register cannot
/// read (an unknown type, a newer schema, a payload outside the rules: a file that did not come
/// through this `append`) may be about anything, so nothing is answered from a history that
/// holds one, unless a retraction recorded after it set it aside.
struct UnreadableEvents {
    private var events: [(id: String, sequence: Int, failure: CLIError)] = []
    private var lastRetraction: [String: Int] = [:]

    /// The refusal for one such event, naming its file and the way forward.
    static func failure(file: String, id: String, sequence: Int, _ error: any Error) -> CLIError {
        .failure("\(file): this register cannot read the event: \(error); nothing is answered while it counts: "
                 + "upgrade register, or retract event \(sequence) (id \(id)): register record retraction \(sequence) --reason TEXT")
    }

    /// An event the replay could not read.
    mutating func add(_ stored: StoredEvent, _ error: any Error) {
        events.append((stored.envelope.id, stored.envelope.sequence, Self.failure(file: stored.path, id: stored.envelope.id, sequence: stored.envelope.sequence, error)))
    }

    /// A record the replay read: a retraction may set an unreadable event aside.
    mutating func note(_ record: DomainRecord) {
        if case .retraction(let target, _) = record.event { lastRetraction[target] = record.sequence }
    }

    /// The unreadable events no later retraction set aside, in sequence order.
    var standing: [(id: String, sequence: Int, failure: CLIError)] {
        events.filter { event in
            !(lastRetraction[event.id].map { DomainPolicy.setsAside(retractionAt: $0, eventAt: event.sequence) } ?? false)
        }
    }

    /// Throws the refusal for the first unreadable event no later retraction set aside.
    func check() throws(CLIError) {
        if let first = standing.first { throw first.failure }
    }
}
