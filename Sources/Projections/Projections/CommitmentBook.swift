import EventStore

/// The commitments of one reserve: which are still open, and the balance they are judged against.
///
/// A commitment is judged against the balance statement it follows: the reserve's balance
/// (booked, estimated or actual) when the first of the commitments open together was made. That
/// cover grows with later additions and shrinks with what is spent on settled commitments; later
/// withdrawals do not count against it (they are taken to pay the commitments; record a
/// `commitment-settled` to say so). A later statement for the same date (the actual that follows
/// an estimate) replaces the statement the cover rests on. A commitment ends when it is settled,
/// released, or superseded by an actual for a later date (the next jaarstukken: what was spent is
/// in that figure, and what is still owed must be committed again).
///
/// Part of `ReserveState`'s fold; every step costs the size of the event, except that a
/// superseding actual ends each open commitment once.
public struct CommitmentBook: Equatable, Sendable {
    /// One recorded commitment and where it stands.
    public struct Line: Equatable, Sendable {
        /// The id of the `commitment` event.
        public let event: String
        public let commitment: Commitment
        public let madeOn: CalendarDate
        public fileprivate(set) var status: Status

        public var project: String { commitment.project }
        public var amount: Cents { commitment.amount }
        public var basis: AmountBasis { commitment.basis }
        public var year: Int? { commitment.year }
        public var decision: DecisionID? { commitment.decision }
        public var isOpen: Bool { status == .open }
    }

    /// Whether a commitment is still owed, and if not, what ended it.
    public enum Status: Equatable, Sendable {
        case open
        /// Paid: `spent` is what the settlement says was spent on it.
        case settled(spent: Cents, on: CalendarDate, by: String)
        case released(on: CalendarDate, by: String)
        /// Ended by an actual balance for a later date (`actualFor`).
        case superseded(by: String, actualFor: CalendarDate)

        public var name: String {
            switch self {
            case .open: return "open"
            case .settled: return "settled"
            case .released: return "released"
            case .superseded: return "superseded"
            }
        }

        /// The event that ended the commitment; nil while it is open.
        public var endedBy: String? {
            switch self {
            case .open: return nil
            case .settled(_, _, let by), .released(_, let by), .superseded(let by, _): return by
            }
        }
    }

    /// What the open commitments may draw on.
    public struct Cover: Equatable, Sendable {
        /// The balance the commitments follow: as it stood when the first of them was made, or
        /// the later statement for the same date that replaced it.
        public fileprivate(set) var basis: Balance
        /// The balance-estimate or balance-actual behind `basis`; nil for a booked balance.
        public fileprivate(set) var basisEvent: String?
        /// Additions since the commitments were made.
        public fileprivate(set) var added: Cents = .zero
        /// What settlements say was spent since.
        public fileprivate(set) var settled: Cents = .zero
        /// The events that settled commitments since.
        public fileprivate(set) var settlements: [String] = []
        let startedOn: CalendarDate

        /// `basis` plus what was added, less what was spent.
        public var available: Balance {
            get throws(AmountOutOfRange) { try basis.adjusted(by: try added - settled) }
        }
    }

    /// Every commitment recorded, in effect order.
    public private(set) var lines: [Line] = []
    /// The sum of the open commitments.
    public private(set) var open: Cents = .zero
    /// Nil while no commitment is open.
    public private(set) var cover: Cover? = nil
    /// The statement event behind the reserve's balance now (nil: booked).
    private var statement: String? = nil
    private var indexByEvent: [String: Int] = [:]
    private var openLines: Set<Int> = []

    /// Whether `event` is a commitment of this reserve that is still open.
    public func isOpen(_ event: String) -> Bool {
        indexByEvent[event].map { lines[$0].isOpen } ?? false
    }

    /// The commitment recorded by `event`, open or ended.
    public func line(_ event: String) -> Line? { indexByEvent[event].map { lines[$0] } }

    /// The open commitments' events, in the order they were made.
    public var openEvents: [String] { openLines.sorted().map { lines[$0].event } }

    /// A commitment made against `balance` (the reserve's balance before it).
    mutating func commit(_ c: Commitment, event: String, on date: CalendarDate, balance: Balance) throws(AmountOutOfRange) {
        if cover == nil { cover = Cover(basis: balance, basisEvent: statement, startedOn: date) }
        indexByEvent[event] = lines.count
        openLines.insert(lines.count)
        lines.append(Line(event: event, commitment: c, madeOn: date, status: .open))
        try open += c.amount
    }

    mutating func added(_ amount: Cents) throws(AmountOutOfRange) {
        guard var c = cover else { return }
        try c.added += amount
        cover = c
    }

    /// Ends an open commitment; one that is not open is left as it is.
    mutating func settle(_ commitment: String, spent: Cents, on date: CalendarDate, by event: String) throws(AmountOutOfRange) {
        guard try end(commitment, .settled(spent: spent, on: date, by: event)), var c = cover else { return }
        try c.settled += spent
        c.settlements.append(event)
        cover = c
    }

    mutating func release(_ commitment: String, on date: CalendarDate, by event: String) throws(AmountOutOfRange) {
        _ = try end(commitment, .released(on: date, by: event))
    }

    /// A balance statement: `balance` is the reserve's balance after it.
    mutating func stated(_ balance: Balance, asOf: CalendarDate, actual: Bool, by event: String) {
        statement = event
        guard let c = cover else { return }
        let replaces: Bool, supersedes: Bool
        if let basisAsOf = c.basis.asOf {
            replaces = asOf == basisAsOf
            supersedes = actual && asOf > basisAsOf
        } else {
            // A booked balance is a figure of the day the commitments were made.
            replaces = asOf < c.startedOn
            supersedes = actual && !replaces
        }
        if replaces {
            var rebased = Cover(basis: balance, basisEvent: event, startedOn: c.startedOn)
            rebased.settled = c.settled
            rebased.settlements = c.settlements
            cover = rebased
        } else if supersedes {
            for i in openLines { lines[i].status = .superseded(by: event, actualFor: asOf) }
            openLines = []
            open = .zero
            cover = nil
        }
    }

    private mutating func end(_ commitment: String, _ status: Status) throws(AmountOutOfRange) -> Bool {
        guard let i = indexByEvent[commitment], lines[i].isOpen else { return false }
        lines[i].status = status
        openLines.remove(i)
        try open -= lines[i].amount
        if openLines.isEmpty { cover = nil }
        return true
    }
}
