import EventStore

/// How a finding's id names an event: readably, and the same in every run on the same history.
///
/// An id a person chose (`res-404-end-date-2026`) is the key as it is. An id the store made up
/// (a UUID, when `append` or `record` got no `--id`) says nothing to a reader, so such an event is
/// named by its subject, effective date and type instead, as first recorded
/// (`reserve:404/2023-05-01/reserve-withdrawal`), with `-2`, `-3`… for the second and later
/// such events of one subject, date and type in sequence order. Appending never renumbers an
/// earlier event; a correction does not change the name either.
struct FindingKeys {
    private var ordinals: [String: Int] = [:]

    /// - Parameter records: the whole history as the audit sees it (any order).
    init(records: [ResolvedRecord]) {
        // Counted by the parts of the name, not the name's text: the text is made only for the
        // events a finding names.
        var seen: [Base: Int] = [:]
        ordinals.reserveCapacity(records.count)
        let inOrder = records.indices.dropFirst().allSatisfy { records[$0 - 1].sequence <= records[$0].sequence }
        let inSequence = inOrder ? Array(records.indices) : records.indices.sorted { records[$0].sequence < records[$1].sequence }
        for index in inSequence where Self.isGenerated(records[index].id) {
            let record = records[index]
            ordinals[record.id] = Self.increment(&seen[Base(record), default: 0])
        }
    }

    func key(_ record: ResolvedRecord) -> String {
        guard let n = ordinals[record.id] else { return record.id }
        return n == 1 ? Base(record).text : "\(Base(record).text)-\(n)"
    }

    private static func increment(_ count: inout Int) -> Int {
        count += 1
        return count
    }

    /// Whether an id has the store's generated form: a UUID, 8-4-4-4-12 hexadecimal digits.
    static func isGenerated(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { utf8 in
            guard utf8.count == 36 else { return false }
            for (i, byte) in utf8.enumerated() {
                if i == 8 || i == 13 || i == 18 || i == 23 {
                    guard byte == UInt8(ascii: "-") else { return false }
                } else {
                    let hex = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                        || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
                    guard hex else { return false }
                }
            }
            return true
        }
    }

    /// Subject, effective date and type of the event as it was recorded. Two bases are equal
    /// exactly when their texts are (a subject's text is its kind and its id).
    private struct Base: Hashable {
        enum Owner: Hashable {
            case subject(Subject)
            case amends(String)
            case register
        }
        let owner: Owner
        let effectiveDate: CalendarDate
        let type: EventType

        init(_ record: ResolvedRecord) {
            let original = record.original
            switch original.event {
            case .correction(let c): owner = .amends(c.target)
            case .retraction(let target, _): owner = .amends(target)
            default: owner = original.event.subject.map(Owner.subject) ?? .register
            }
            effectiveDate = original.effectiveDate
            type = original.type
        }

        var text: String {
            let owner: String
            switch self.owner {
            case .subject(let subject): owner = subject.description
            case .amends(let target): owner = "amends:\(target)"
            case .register: owner = "register"
            }
            return "\(owner)/\(effectiveDate)/\(type.rawValue)"
        }
    }
}
