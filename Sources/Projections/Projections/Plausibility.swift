import EventStore

/// The rules of what a history can plausibly hold that are checked in more than one place:
/// refused by `DomainPolicy` at append, and reported by the audit for events that arrived
/// another way (an older store, a correction).
public enum Plausibility {
    /// Whether a decision dated `day` was dated after the day it was recorded at `recordedAt`.
    ///
    /// The register's days are days in Europe/Amsterdam, at most two hours ahead of UTC; this
    /// pure check allows the whole day after the UTC date, so it never refuses a decision taken
    /// today in Amsterdam, and it needs no time-zone rules.
    public static func isDatedAfterRecording(_ day: CalendarDate, recordedAt: RecordedInstant) -> Bool {
        day > recordedAt.utcDate.adding(days: 1)
    }

    /// Whether a reserve established on `established` with end date `end` ends before it began.
    public static func endsBeforeEstablishment(_ end: CalendarDate, established: CalendarDate) -> Bool {
        end < established
    }
}
