import Synchronization

/// Notes that a lookup through the index met `IndexDamage`, even when the code that called the
/// lookup (an append policy) turned the error into a refusal of its own: the append that sees
/// it rebuilds the index and checks the event again (`EventStore.appendHoldingLock`).
final class IndexDamageSentinel: Sendable {
    private let seen = Mutex(false)

    var wasSeen: Bool { seen.withLock { $0 } }

    /// `lookup`, with every `IndexDamage` it throws noted here first.
    func watching(_ lookup: EventLookup) -> EventLookup {
        func noting<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let damage as IndexDamage {
                seen.withLock { $0 = true }
                throw damage
            }
        }
        return EventLookup(locate: { id in try noting { try lookup.locate(id) } },
                           valuesOf: { key in try noting { try lookup.valuesOf(key) } },
                           read: lookup.read.map { read in { type, sequence in try noting { try read(type, sequence) } } })
    }
}
