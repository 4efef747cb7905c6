import Testing
@testable import Projections

/// `IdentifierRules`: what a name may hold, and when two names are one.
@Suite struct IdentifierRulesTests {
    @Test(arguments: ["404", "dordrecht-sociaal", "Overgang Jeugdwet-Wmo", "BSO+", "café", "2019_GDD_B&W_00314", "a b c"])
    func plainNamesAreAccepted(_ name: String) {
        #expect(IdentifierRules.problem(in: name) == nil)
    }

    @Test(arguments: [
        ("404\u{200B}", "holds an invisible character (U+200B)"),
        ("4\u{200D}04", "holds an invisible character (U+200D)"),
        ("\u{FEFF}404", "holds an invisible character (U+FEFF)"),
        ("re\u{AD}serve", "holds an invisible character (U+00AD)"),
        ("a\u{2060}b", "holds an invisible character (U+2060)"),
        ("a\u{FE0F}", "holds an invisible character (U+FE0F)"),
        ("Taskforce  Jeugd", "holds two spaces in a row"),
        ("a\u{A0}b", "holds white space other than a plain space (U+00A0)"),
        ("a\u{3000}b", "holds white space other than a plain space (U+3000)"),
    ])
    func invisibleDifferencesAreRefused(_ name: String, _ problem: String) {
        #expect(IdentifierRules.problem(in: name)?.problem == problem)
    }

    @Test(arguments: [
        ("Welzijn-Noord", "welzijn-noord"), ("404", "0404"), ("R-04", "r-4"), ("Café", "cafe\u{301}"), ("0", "000"),
        ("2022-0177088", "2022-177088"), ("BSO+", "bso+"),
    ])
    func namesThatDifferOnlyInCaseOrLeadingZerosAreOne(_ a: String, _ b: String) {
        #expect(IdentifierRules.identity(a) == IdentifierRules.identity(b))
    }

    @Test(arguments: [("404", "4040"), ("404", "40"), ("a-1", "a1"), ("Welzijn Noord", "Welzijn-Noord"), ("10", "1")])
    func otherNamesStayApart(_ a: String, _ b: String) {
        #expect(IdentifierRules.identity(a) != IdentifierRules.identity(b))
    }
}
