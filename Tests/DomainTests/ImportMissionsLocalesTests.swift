import Domain
import Testing

struct ImportMissionsLocalesTests {
    static let entete =
        "code,nom,siret,email,telephone,site_web,adresse,code_postal,commune,departement,region,communes,"
        + "codes_postaux"

    static func lire(_ lignes: [String], entete: String = entete) -> (
        missionsLocales: [MissionLocale], erreurs: [ErreurLigne]
    ) {
        ImportMissionsLocales.lire(FichierCSV(texte: ([entete] + lignes).joined(separator: "\n")))
    }

    @Test func aGoodLineGivesEveryField() {
        let lu = Self.lire([
            "ML-69-LYON,Mission locale de Lyon,77976658300115,Contact@ML-Lyon.example.org,04 72 00 00 00,"
                + "https://ml-lyon.example.org,3 rue de l'Exemple,69003,Lyon,69,84,69123|69266| 69123 ,69001|69002"
        ])
        #expect(lu.erreurs == [])
        #expect(
            lu.missionsLocales == [
                MissionLocale(
                    code: "ML-69-LYON", nom: "Mission locale de Lyon", siret: "77976658300115",
                    email: "contact@ml-lyon.example.org", telephone: "04 72 00 00 00",
                    siteWeb: "https://ml-lyon.example.org", adresse: "3 rue de l'Exemple", codePostal: "69003",
                    commune: "Lyon", departement: "69", region: "84", communes: ["69123", "69266"],
                    codesPostaux: ["69001", "69002"])
            ])
    }

    @Test func optionalFieldsMayBeEmptyAndTheTerritoryIsCompleted() {
        let lu = Self.lire([
            "ML-2A,Mission locale d'Ajaccio,,,,,,20000,,,,2a004|2A017,",
            "ML-01,Mission locale de Bourg,,,,,,,,1,,01053,",
        ])
        #expect(lu.erreurs == [])
        #expect(lu.missionsLocales.map(\.departement) == ["2A", "01"])
        #expect(lu.missionsLocales.map(\.region) == ["94", "84"])
        #expect(lu.missionsLocales[0].communes == ["2A004", "2A017"])
        #expect(lu.missionsLocales[0].siret == nil && lu.missionsLocales[0].email == nil)
    }

    @Test func semicolonsAndABomAreAccepted() {
        let texte =
            "\u{FEFF}" + Self.entete.replacingOccurrences(of: ",", with: ";") + "\n"
            + "ML-80;Mission locale d'Amiens;;;;;;;;80;32;80021|80001;80000\r\n"
        let lu = ImportMissionsLocales.lire(FichierCSV(texte: texte))
        #expect(lu.erreurs == [])
        #expect(lu.missionsLocales.map(\.code) == ["ML-80"])
        #expect(lu.missionsLocales.first?.codesPostaux == ["80000"])
    }

    @Test func codesPostauxColumnIsOptional() {
        let lu = Self.lire(
            ["ML-80,Mission locale d'Amiens,,,,,,,,80,32,80021"],
            entete: Self.entete.replacingOccurrences(of: ",codes_postaux", with: ""))
        #expect(lu.erreurs == [])
        #expect(lu.missionsLocales.first?.codesPostaux == [])
    }

    @Test func aMissingColumnRejectsTheFile() {
        let lu = Self.lire(["ML-80,Amiens"], entete: "code,nom,departement")
        #expect(lu.missionsLocales.isEmpty)
        #expect(lu.erreurs.count == 1)
        #expect(lu.erreurs.first?.ligne == 1)
        #expect(lu.erreurs.first?.message.hasPrefix("colonnes manquantes : siret, email") == true)
    }

    /// Each bad line is reported with its number and a French reason naming the field.
    @Test(arguments: [
        (",Mission locale,,,,,,,,,,80021,", "code obligatoire"),
        ("ML-X,,,,,,,,,,,80021,", "nom obligatoire"),
        ("ML-X,ML,7797665830011,,,,,,,,,80021,", "siret « 7797665830011 » invalide (14 chiffres attendus)"),
        ("ML-X,ML,77976658300116,,,,,,,,,80021,", "siret « 77976658300116 » invalide (clé de contrôle fausse)"),
        ("ML-X,ML,,contact@ml,,,,,,,,80021,", "email « contact@ml » invalide"),
        ("ML-X,ML,,,,,,7500A,,,,80021,", "code_postal « 7500A » invalide (5 chiffres attendus)"),
        ("ML-X,ML,,,,,,,,99,,80021,", "departement « 99 » inconnu"),
        ("ML-X,ML,,,,,,,,,12,80021,", "region « 12 » inconnue"),
        ("ML-X,ML,,,,,,,,69,11,69123,", "departement : le département 69 n'est pas dans la région 11"),
        ("ML-X,ML,,,,,,,,,,80021|8002|2C004,", "communes : « 8002 », « 2C004 » invalides (codes INSEE de 5"),
        ("ML-X,ML,,,,,,,,,,80021,8000|80000|8000A", "codes_postaux : « 8000 », « 8000A » invalides (5 chiffres"),
    ])
    func aBadLineIsReportedWithItsNumberAndField(ligne: String, raison: String) {
        let lu = Self.lire(["ML-OK,Mission locale correcte,,,,,,,,80,32,80021,", ligne])
        #expect(lu.missionsLocales.map(\.code) == ["ML-OK"])
        #expect(lu.erreurs.count == 1)
        #expect(lu.erreurs.first?.ligne == 3)
        #expect(lu.erreurs.first?.message.contains(raison) == true, "\(lu.erreurs)")
    }

    @Test func everyReasonOfALineIsGiven() {
        let lu = Self.lire([",,123,x@y,,,,,,99,,2C004,"])
        #expect(lu.missionsLocales.isEmpty)
        let message = lu.erreurs.first?.message ?? ""
        for champ in ["code obligatoire", "nom obligatoire", "siret", "email", "departement", "communes"] {
            #expect(message.contains(champ), "\(champ) in \(message)")
        }
    }

    @Test func aDuplicateCodeIsReportedOnItsSecondLine() {
        let lu = Self.lire([
            "ML-80,Mission locale d'Amiens,,,,,,,,80,32,80021,",
            "ML-01,Mission locale de Bourg,,,,,,,,01,84,01053,",
            "ML-80,Mission locale d'Amiens bis,,,,,,,,80,32,80001,",
        ])
        #expect(lu.missionsLocales.map(\.nom) == ["Mission locale d'Amiens", "Mission locale de Bourg"])
        #expect(lu.erreurs == [ErreurLigne(ligne: 4, message: "code « ML-80 » en double (déjà ligne 2)")])
    }

    @Test(arguments: [
        ("77976658300115", true), ("73282932000074", true), ("77976658300116", false),
        // La Poste: its digits add up to a multiple of 5, whatever Luhn says.
        ("35600000049837", true), ("35600000049838", false),
    ])
    func siretCheckDigit(siret: String, valide: Bool) {
        #expect(SIRET(siret)?.cleValide == valide)
    }
}
