import Testing
@testable import Drafting

@Suite struct NameTextTests {
    @Test(arguments: [
        ("Visie sociaal domein Dordrecht 2030", "visie-sociaal-domein-dordrecht-2030"),
        ("Dordrecht Sociaal", "dordrecht-sociaal"),
        ("Elkaar helpen", "elkaar-helpen"),
        ("Inzet eigen personeel", "inzet-eigen-personeel"),
        ("Cliëntondersteuning & mantelzorg", "clientondersteuning-mantelzorg"),
        ("  BSO+ ", "bso"),
    ])
    func slugs(_ name: String, _ slug: String) {
        #expect(NameText.slug(name) == slug)
    }

    @Test(arguments: [
        ("Overgang Jeugdwet –Wmo", "overgang Jeugdwet-Wmo"),           // 004 and 003 spell one project two ways
        ("Verbinding onderwijs – jeugdhulp", "verbinding onderwijs-jeugdhulp"),
        ("Doorontwikkeling  wijkteam", "doorontwikkeling wijkteam"),
        ("Cliëntondersteuning", "clientondersteuning"),
    ])
    func oneNameSpelledTwoWays(_ a: String, _ b: String) {
        #expect(NameText.key(a) == NameText.key(b))
    }

    @Test func differentNamesStayDifferent() {
        #expect(NameText.key("Sociaal recept") != NameText.key("Sociaal Wijkteam"))
        #expect(NameText.key("Jeugd-Wmo") != NameText.key("Jeugd Wmo"))
    }
}
