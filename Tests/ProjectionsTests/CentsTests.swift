import Testing
@testable import Projections

/// `Cents` arithmetic: exact, and a typed error (never a trap) beyond the cap.
@Suite struct CentsTests {
    static let cap = Cents(Cents.limit)

    @Test func sumsAndDifferencesWithinTheCapAreExact() throws {
        #expect(try Cents(10) + Cents(20) == Cents(30))
        #expect(try Cents(10) - Cents(20) == Cents(-10))
        #expect(try Self.cap - Self.cap == .zero)
        #expect(try Self.cap + .zero == Self.cap)
        #expect(try Cents.zero - Self.cap == Cents(-Cents.limit))
        #expect(try [Cents(1), Cents(2), Cents(3)].sum() == Cents(6))
    }

    @Test func aSumPastTheCapThrowsWithItsOperands() {
        #expect(throws: AmountOutOfRange(left: Self.cap, operation: "+", right: Cents(1))) { try Self.cap + Cents(1) }
        #expect(throws: AmountOutOfRange(left: Cents(-Cents.limit), operation: "-", right: Cents(1))) { try Cents(-Cents.limit) - Cents(1) }
    }

    /// What used to trap: amounts that fill an Int64 (9,223 amounts at the cap, or two extremes).
    @Test func whatWouldOverflowAnInt64ThrowsInstead() {
        #expect(throws: AmountOutOfRange.self) { try Cents(Int64.max) + Cents(1) }
        #expect(throws: AmountOutOfRange.self) { try Cents(Int64.min) - Cents(1) }
        #expect(throws: AmountOutOfRange.self) { try Array(repeating: Self.cap, count: 10_000).sum() }
        var total = Cents.zero
        #expect(throws: AmountOutOfRange.self) { for _ in 0..<10 { try total += Self.cap } }
        #expect(total == Self.cap, "the total stops at the last sum within the cap")
    }

    @Test func theMessageSaysWhatMetAndTheCap() {
        let error = AmountOutOfRange(left: Self.cap, operation: "+", right: Cents(100))
        #expect(error.description == "€ 10.000.000.000.000,00 + € 1,00 is beyond € 10.000.000.000.000,00, the most any total in the register may be")
    }
}
