import Testing
@testable import Drafting

/// Amounts as decision documents write them, one form at a time, each read exactly into cents.
@Suite struct AmountPhraseTests {
    @Test(arguments: [
        ("€ 5 miljoen", 1, 500_000_000),                 // 000 line 13, 003 line 29
        ("€ 4,6 miljoen", 1, 460_000_000),               // 000 lines 38-39
        ("€ 4,6 \nmiljoen", 1, 460_000_000),             // the same, broken over two lines as in 000
        ("€ 400.000,-", 1, 40_000_000),                  // 000 lines 15-16
        ("€ \n400.000,-", 1, 40_000_000),
        ("€ 450.000,-", 1, 45_000_000),
        ("€ 200.000,-", 1, 20_000_000),                  // 000 line 79
        ("€340.160", 1, 34_016_000),                     // 004: no space after the sign
        ("€ 5.000.000,00", 1, 500_000_000),
        ("EUR 1.250,50", 1, 125_050),
        ("30.000 Euro", 1, 3_000_000),                   // 004 line 1195
        ("200.000 euro", 1, 20_000_000),
        ("€ 1,2 miljoen", 1, 120_000_000),
        ("1,25 mln", 1, 125_000_000),
        ("€ 2 miljard", 1, 200_000_000_000),
        ("135.099", 1000, 13_509_900_000),               // 002: a cell of a table headed 'x € 1.000,-'
        ("1.902", 1000, 190_200_000),
        ("270.057", 1000, 27_005_700_000),
        ("5.000.000", 1, 500_000_000),                   // 003 and 004: a table in euros
        ("37.500", 1, 3_750_000),
        ("73.000", 1, 7_300_000),
        ("€ 12,5", 1000, 1_250_000),                     // cents times the scale stay exact
    ] as [(String, Int64, Int64)])
    func reads(_ text: String, scale: Int64, cents: Int64) throws {
        #expect(try AmountPhrase.cents(text, scale: scale) == cents)
    }

    @Test(arguments: [
        ("4.6 miljoen", AmountTextError.ambiguous("4.6 miljoen")),     // English decimal point
        ("1.5", AmountTextError.ambiguous("1.5")),
        ("1,000.00", AmountTextError.ambiguous("1,000.00")),
        ("vijf miljoen", AmountTextError.notAnAmount("vijf miljoen")),
        ("€ 1,234567891 miljoen", AmountTextError.ambiguous("€ 1,234567891 miljoen")),  // finer than a cent
        ("€ 20.000 miljard", AmountTextError.ambiguous("€ 20.000 miljard")),
        ("€ 20000 miljard", AmountTextError.tooLarge("€ 20000 miljard")),
        ("", AmountTextError.empty("")),
    ])
    func refuses(_ text: String, _ expected: AmountTextError) {
        #expect(throws: expected) { try AmountPhrase.cents(text) }
    }

    @Test func aTableScaleCannotTakeAnAmountPastTheCap() {
        #expect(throws: AmountTextError.tooLarge("9.000.000.000.000")) { try AmountPhrase.cents("9.000.000.000.000", scale: 1000) }
    }
}
