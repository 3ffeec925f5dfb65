import Domain
import TestSupport
import Testing

struct IdentifiantsTests {
    @Test func uai() {
        #expect(UAI(" 0802004u ")?.rawValue == "0802004U")
        #expect(UAI("080200U") == nil)
        #expect(UAI("08020041") == nil)
    }

    @Test func siret() {
        #expect(SIRET("779.378.272.00016")?.rawValue == "77937827200016")
        #expect(SIRET("552 120 222 00013")?.rawValue == "55212022200013")
        #expect(SIRET("779-378-272-00016")?.siren == "779378272")
        #expect(SIRET("7793782720001") == nil)
        #expect(SIRET("7793782720001A") == nil)
    }

    @Test func formationCodes() {
        #expect(CFD(" 5002214a ")?.rawValue == "5002214A")
        #expect(CFD("5002214") == nil)
        #expect(RNCP("35316")?.rawValue == "RNCP35316")
        #expect(RNCP("rncp 353-16")?.rawValue == "RNCP35316")
        #expect(RNCP("RNCP1")?.rawValue == nil)
        #expect(RNCP("RNCP123456") == nil)
    }

    @Test func codesGeographiques() {
        #expect(CodePostal("1000")?.rawValue == "01000")
        #expect(CodePostal("7500A") == nil)
        #expect(CodeCommuneInsee("2A004")?.departement == "2A")
        #expect(CodeCommuneInsee("97411")?.departement == "974")
        #expect(CodeCommuneInsee("80021")?.departement == "80")
        #expect(CodeCommuneInsee("2a004") == nil)
        #expect(CodeCommuneInsee("1053") == nil)
    }

    @Test func territoires() {
        let t = Territoires.france
        #expect(t.regions.count == 26)
        #expect(t.departements.count == 109)
        #expect(t.academies.count == 35)
        #expect(t.bassinsEmploi.count == 306)
        #expect(t.departement("80")?.region == "32")
        #expect(t.departement("80")?.academie == "20")
        #expect(t.departement(codePostal: CodePostal("20000")!)?.code == "2A")
        #expect(t.departement(codePostal: CodePostal("20600")!)?.code == "2B")
        #expect(t.departement(codePostal: CodePostal("97400")!)?.code == "974")
    }
}
