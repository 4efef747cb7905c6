import TestSupport
import Projections
import Testing
@testable import Drafting

/// Amounts as clerks write them: Dutch separators read exactly, anything ambiguous refused.
@Suite struct AmountTextTests {
    @Test(arguments: [
        ("5000000", 500_000_000),
        ("5.000.000", 500_000_000),
        ("5.000", 500_000),
        ("5.000.000,00", 500_000_000),
        ("5000000,5", 500_000_050),
        ("5000000,50", 500_000_050),
        ("5000000,05", 500_000_005),
        ("€ 5.000.000,00", 500_000_000),
        ("€5.000.000,00", 500_000_000),
        ("EUR 5.000.000,00", 500_000_000),
        ("eur 12,50", 1_250),
        ("€\u{00A0}5.000", 500_000),
        ("400.000,-", 40_000_000),
        ("400.000,--", 40_000_000),
        ("€ 400.000,-", 40_000_000),
        ("  5.000  ", 500_000),
        ("\t€ 1,50\n", 150),
        ("0", 0),
        ("0,01", 1),
        ("123.456.789,12", 12_345_678_912),
        ("10.000.000.000.000", 1_000_000_000_000_000),
        ("10000000000000,00", 1_000_000_000_000_000),
    ] as [(String, Int64)])
    func accepted(text: String, cents: Int64) throws {
        #expect(try AmountText.cents(text) == cents)
        #expect(try AmountText.cents(text, allowNegative: true) == cents)
    }

    @Test(arguments: [
        ("-12,50", -1_250),
        ("-€ 12,50", -1_250),
        ("€ -12,50", -1_250),
        ("EUR -5.000.000,00", -500_000_000),
        ("-400.000,-", -40_000_000),
        ("-10.000.000.000.000", -1_000_000_000_000_000),
    ] as [(String, Int64)])
    func negativeWhenAllowed(text: String, cents: Int64) throws {
        #expect(try AmountText.cents(text, allowNegative: true) == cents)
        #expect(throws: AmountTextError.negative(text)) { try AmountText.cents(text) }
    }

    @Test(arguments: [
        ("", AmountTextError.empty("")),
        ("   ", .empty("   ")),
        ("1.5", .ambiguous("1.5")),
        ("1.50", .ambiguous("1.50")),
        ("12.345,6.7", .ambiguous("12.345,6.7")),
        ("1,000.00", .ambiguous("1,000.00")),
        ("1,000,000", .ambiguous("1,000,000")),
        ("5,123", .ambiguous("5,123")),
        ("5.000,123", .ambiguous("5.000,123")),
        ("1.0000", .ambiguous("1.0000")),
        ("1000.000", .ambiguous("1000.000")),
        ("0.500", .ambiguous("0.500")),
        ("5.", .ambiguous("5.")),
        (".500", .ambiguous(".500")),
        ("5..000", .ambiguous("5..000")),
        ("abc", .notAnAmount("abc")),
        ("5k", .notAnAmount("5k")),
        ("12,5O", .notAnAmount("12,5O")),
        ("5 000 000", .notAnAmount("5 000 000")),
        ("€ 5 000", .notAnAmount("€ 5 000")),
        ("5.000 EUR", .notAnAmount("5.000 EUR")),
        ("+5", .notAnAmount("+5")),
        ("--5", .notAnAmount("--5")),
        ("-€ -5", .notAnAmount("-€ -5")),
        ("- 5", .notAnAmount("- 5")),
        ("-", .notAnAmount("-")),
        ("€", .notAnAmount("€")),
        ("5,", .notAnAmount("5,")),
        (",50", .notAnAmount(",50")),
        ("5,-5", .notAnAmount("5,-5")),
        ("5-000", .notAnAmount("5-000")),
        ("5,---", .notAnAmount("5,---")),
        ("٥٠٠", .notAnAmount("٥٠٠")),
        ("1e6", .notAnAmount("1e6")),
        ("10.000.000.000.000,01", .tooLarge("10.000.000.000.000,01")),
        ("10000000000001", .tooLarge("10000000000001")),
        ("99999999999999999999999999", .tooLarge("99999999999999999999999999")),
        ("-5", .negative("-5")),
        ("-€ 12,50", .negative("-€ 12,50")),
        ("€ -1", .negative("€ -1")),
    ] as [(String, AmountTextError)])
    func refused(text: String, expected: AmountTextError) {
        do {
            let cents = try AmountText.cents(text)
            Issue.record("'\(text)' was read as \(cents) cents")
        } catch {
            #expect(error == expected)
            #expect(error.description.contains(AmountText.acceptedForms))
            #expect(error.description.contains("5.000.000,00"))
            if case .empty = error {} else { #expect(error.description.contains("'\(text)'")) }
        }
    }

    @Test func doubleMinusIsRefusedEvenWhenNegativesAreAllowed() {
        #expect(throws: AmountTextError.notAnAmount("--5")) { try AmountText.cents("--5", allowNegative: true) }
    }

    @Test(arguments: [
        ("1.5", "if you mean € 1,50, write € 1,50"),
        ("1.50", "if you mean € 1,50, write € 1,50"),
        ("1,000.00", "if you mean € 1.000,00, write € 1.000,00"),
        ("1,000,000", "if you mean € 1.000.000,00, write € 1.000.000,00"),
    ])
    func englishStyleGetsTheDutchSpelling(text: String, hint: String) {
        #expect(throws: AmountTextError.ambiguous(text)) { try AmountText.cents(text) }
        #expect(AmountTextError.ambiguous(text).description.contains(hint))
    }

    @Test func anAmbiguityWithNoEnglishReadingGivesNoHint() {
        #expect(!AmountTextError.ambiguous("12.345,6.7").description.contains("if you mean"))
    }

    @Test func theMessageSaysWhatIsWrongAndWhatToWrite() {
        #expect(AmountTextError.ambiguous("1.5").description == "'1.5' is not an amount the register can read unambiguously: "
            + "a dot separates thousands (groups of exactly three digits) and a comma comes before at most two cents digits; "
            + "if you mean € 1,50, write € 1,50; e.g. 5000000, 5.000.000, € 5.000.000,00, EUR 5.000.000,00, 0,50 or 400.000,-")
    }

    @Test func theLimitIsTheRegistersCentsLimit() {
        #expect(AmountText.limitCents == 1_000_000_000_000_000)
        #expect(AmountText.limitCents == Cents.limit)
        #expect(AmountText.limitCents <= Int64.max / 9_000)
    }
}
