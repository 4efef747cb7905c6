import EventStore
import Projections

/// The events a replay could not read, and the one rule for them: an event this register cannot
/// read (an unknown type, a newer schema, a payload outside the rules: a file that did not come
/// through this `append`) may be about anything, so nothing is answered from a history that
/// holds one, unless a retraction recorded after it set it aside.
struct UnreadableEvents {
    private var events: [Unreadable] = []
    private var lastRetraction: [String: Int] = [:]

    /// The refusal for one such event, naming its file and the way forward.
    static func failure(file: String, id: String, sequence: Int, _ error: any Error) -> CLIError {
        .failure(message(file: file, id: id, sequence: sequence, error))
    }

    /// What the refusal says: the file, why it cannot be read, and the way forward.
    static func message(file: String, id: String, sequence: Int, _ error: any Error) -> String {
        "\(file): this register cannot read the event: \(DisplayText.escaped(DisplayText.shortened("\(error)"))); nothing is answered while it counts: "
            + "upgrade register, or retract event \(sequence) (id \(DisplayText.escaped(DisplayText.shortened(id)))): register record retraction \(sequence) --reason TEXT"
    }

    /// One event this register cannot read.
    struct Unreadable {
        let id: String
        let sequence: Int
        let file: String
        /// What the refusal says (`message(file:id:sequence:_:)`).
        let message: String
        var failure: CLIError { .failure(message) }

        init(_ envelope: EventEnvelope, file: String, _ error: any Error) {
            id = envelope.id
            sequence = envelope.sequence
            self.file = file
            message = UnreadableEvents.message(file: file, id: envelope.id, sequence: envelope.sequence, error)
        }
    }

    /// A replay's work on each envelope, on all cores: its domain record, or why there is none.
    @Sendable static func decode(_ envelope: EventEnvelope, _: SHA256Digest) -> Result<DomainRecord, any Error> {
        Result { try DomainRecord(envelope: envelope) }
    }

    /// Takes a replayed event as `decode` left it: the record (noted, and returned), or the
    /// reason it cannot be read (kept, and nil returned).
    mutating func take(_ stored: StoredEvent, _ decoded: Result<DomainRecord, any Error>) -> DomainRecord? {
        switch decoded {
        case .success(let record):
            note(record)
            return record
        case .failure(let error):
            add(stored, error)
            return nil
        }
    }

    /// An event the replay could not read.
    mutating func add(_ stored: StoredEvent, _ error: any Error) {
        events.append(Unreadable(stored.envelope, file: stored.path, error))
    }

    /// The unreadable events the index lists that no retraction after them set aside (what a
    /// replay's `standing` would be, read from the index).
    static func standing(in index: StoreIndex) throws -> [Unreadable] {
        var standing: [Unreadable] = []
        for location in try index.locations(touching: DomainPolicy.unreadable) {
            let envelope = try index.envelope(at: location)
            if try index.values(of: DomainPolicy.retractedKey(envelope.id)).contains(where: { by in
                try index.location(ofEvent: by).map { DomainPolicy.setsAside(retractionAt: $0.sequence, eventAt: location.sequence) } ?? false
            }) { continue }
            do { _ = try DomainRecord(envelope: envelope) } catch { standing.append(Unreadable(envelope, file: envelope.fileName, error)) }
        }
        return standing
    }

    /// A record the replay read: a retraction may set an unreadable event aside.
    mutating func note(_ record: DomainRecord) {
        if case .retraction(let target, _) = record.event { lastRetraction[target] = record.sequence }
    }

    /// Every unreadable event, set aside or not, in sequence order.
    var all: [Unreadable] { events }

    /// The unreadable events no later retraction set aside, in sequence order.
    var standing: [Unreadable] {
        events.filter { event in
            !(lastRetraction[event.id].map { DomainPolicy.setsAside(retractionAt: $0, eventAt: event.sequence) } ?? false)
        }
    }

    /// Throws the refusal for the first unreadable event no later retraction set aside.
    func check() throws(CLIError) {
        if let first = standing.first { throw first.failure }
    }
}
