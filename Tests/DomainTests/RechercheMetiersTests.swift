import Domain
import Foundation
import Testing

/// Issue 16: the ROME tree shipped with the service and the search of trades as a company types them.
struct RechercheMetiersTests {
    @Test func theShippedTreeHasTheThirtyFiveSectorsAndCleanNames() {
        let arbre = ArbreMetiers.rome
        #expect(arbre.secteurs.count == 35)
        #expect(arbre.secteur(99)?.libelle == "Bâtiment et travaux publics (BTP)")
        #expect(arbre.secteur(99)?.sousSecteurs.map(\.libelle) == ["BTP", "Gros œuvre", "Second œuvre"])
        #expect(arbre.libelle(CodeROME("F1703")!) == "Maçon / Maçonne")
        #expect(arbre.libelle(CodeROME("A1423")!) == "Œnologue")
        // The export's mis-decoded characters are put back.
        #expect(!arbre.metiers.contains { $0.libelle.contains("¿") || $0.libelle.contains("¼") })
        #expect(arbre.metiers.count > 1_300)
        #expect(!arbre.connait(CodeROME("Z9999")!))
    }

    /// What is typed → the first trade found (code and name).
    @Test(arguments: [
        ("Maçon", "F1703"), ("maçon", "F1703"), ("macon", "F1703"), ("MACON", "F1703"), ("maçons", "F1703"),
        ("Maçonne", "F1703"), ("maçonnes", "F1703"), ("  maçon  ", "F1703"), ("F1703", "F1703"), ("f1703", "F1703"),
        ("boulangers", "D1102"), ("patissier", "D1104"), ("pâtissières", "D1104"), ("oenologue", "A1423"),
        ("Œnologue", "A1423"), ("coiffeuse", "D1202"), ("développeur informatique", "M1805"),
        ("Developpeuses informatiques", "M1805"),
    ])
    func aTradeIsFoundWhateverTheAccentsCaseAndPlural(_ texte: String, _ code: String) {
        let trouves = RechercheMetiers.chercher(texte)
        #expect(trouves.first?.code.rawValue == code, "\(texte) → \(trouves.prefix(3).map(\.libelle))")
    }

    @Test func everyWordTypedMustStartAWordOfTheName() {
        let maconPaysage = RechercheMetiers.chercher("maçon paysage")
        #expect(maconPaysage.map(\.code.rawValue) == ["F1707"])
        #expect(RechercheMetiers.chercher("maçon").map(\.code.rawValue).prefix(2) == ["F1703", "F1707"])
        #expect(RechercheMetiers.chercher("xylophoniste").isEmpty)
        #expect(RechercheMetiers.chercher("").isEmpty)
        #expect(RechercheMetiers.chercher("   ").isEmpty)
        #expect(RechercheMetiers.chercher("Z9999").isEmpty)
        // The start of a code finds the codes beginning so.
        #expect(RechercheMetiers.chercher("F17").allSatisfy { $0.code.rawValue.hasPrefix("F17") })
        #expect(RechercheMetiers.chercher("F17").contains { $0.code.rawValue == "F1703" })
        #expect(RechercheMetiers.chercher("a", limite: 5).count == 5)
    }

    @Test(
        arguments: [
            ("F1703", "F1703"), (" f1703 ", "F1703"), ("F170", nil), ("F17033", nil), ("11703", nil), ("FF703", nil),
            ("", nil), ("É1703", nil),
        ] as [(String, String?)])
    func aRomeCodeIsALetterAndFourDigits(_ texte: String, _ attendu: String?) {
        #expect(CodeROME(texte)?.rawValue == attendu)
    }

    @Test func neighboursComeFromTheSameSubSector() {
        let voisins = ArbreMetiers.rome.voisins(CodeROME("F1703")!).map(\.rawValue)
        #expect(voisins.contains("F1707"))  // Maçon du paysage, Gros œuvre too
        #expect(!voisins.contains("F1703"))
        #expect(!voisins.contains("D1102"))
    }
}

/// Issue 16: `tdb import formations` reads the optional `codes_rome` column.
struct ImportFormationsRomeTests {
    static func lire(_ codes: String) -> (formations: [FormationCatalogue], erreurs: [ErreurLigne]) {
        ImportFormations.lire(FichierCSV(texte: "cfd,rncp,libelle,niveau,codes_rome\n50023215,,CAP Maçon,3,\(codes)\n"))
    }

    @Test func validCodesAreKeptOnceInOrder() {
        let lu = Self.lire("F1703| f1707 |F1703")
        #expect(lu.erreurs.isEmpty)
        #expect(lu.formations.first?.codesRome.map(\.rawValue) == ["F1703", "F1707"])
        #expect(Self.lire("").formations.first?.codesRome == [])
        // The column is optional.
        let sansColonne = ImportFormations.lire(FichierCSV(texte: "cfd,rncp,libelle,niveau\n50023215,,CAP Maçon,3\n"))
        #expect(sansColonne.erreurs.isEmpty && sansColonne.formations.first?.codesRome == [])
    }

    @Test(arguments: [
        ("F170", "ligne 2 : code ROME « F170 » invalide (une lettre et 4 chiffres, par exemple F1703)"),
        ("F1703;F1707", "ligne 2 : code ROME « F1703;F1707 » invalide (une lettre et 4 chiffres, par exemple F1703)"),
        ("Z9999", "ligne 2 : code ROME « Z9999 » inconnu du répertoire des métiers ROME"),
        ("F1703||F1707", "ligne 2 : codes_rome « F1703||F1707 » : code vide entre deux |"),
    ])
    func aBadCodeRefusesTheLineNamingIt(_ codes: String, _ message: String) {
        let lu = Self.lire(codes)
        #expect(lu.formations.isEmpty)
        #expect(lu.erreurs.map(\.description) == [message])
    }
}
