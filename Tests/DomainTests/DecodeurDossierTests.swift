import Domain
import Outils
import TestSupport
import Testing

struct DecodeurDossierTests {
    func erreurs(_ v: JSONValue) -> [ErreurValidation] { DecodeurDossier.decoder(v).erreurs }
    func valide(_ v: JSONValue) -> DossierApprenant? {
        if case .valide(let d) = DecodeurDossier.decoder(v) { return d }
        return nil
    }

    @Test func invalidPayload1FieldByField() {
        #expect(erreurs(json(dossierInvalideExemple1)) == erreursExemple1)
    }

    @Test func validPayloadIsNormalised() throws {
        let d = try #require(valide(json(dossierValideExemple)))
        #expect(d.nom == "MARTIN")
        #expect(d.telephone == "0628000000")
        #expect(d.rncp?.rawValue == "RNCP35316")
        #expect(d.formateurUAI.rawValue == "0802004U")
        #expect(d.formateurSIRET.rawValue == "77937827200016")
        #expect(d.contrats[0].siretEmployeur?.rawValue == "55212022200013")
        #expect(d.hasNir)
        #expect(d.typeCfa == "07")
        #expect(d.derniereSituation == 3103)
        #expect(d.dateMetierMiseAJourStatut == j("2024-10-01"))
    }

    @Test func invalidPayload2PassesFieldValidation() {
        #expect(erreurs(json(dossierInvalideExemple2)).isEmpty)
    }

    @Test func nullIsAbsentButEmptyStringIsNot() {
        #expect(erreurs(item(["email_contact": .null])).isEmpty)
        #expect(erreurs(item(["email_contact": .string("")])) == [.init("email_contact", "Email non valide")])
    }

    @Test func nulCharactersAreRefusedOnTheField() {
        #expect(
            erreurs(item(["nom_apprenant": .string("Mar\u{0}tin")])) == [.init("nom_apprenant", Message.caractereNul)])
        #expect(
            erreurs(item(["id_erp_apprenant": .string("ID\u{0}")])) == [.init("id_erp_apprenant", Message.caractereNul)]
        )
        #expect(erreurs(item(["nom_apprenant": .string("Martin\u{1}")])).isEmpty)  // other control characters are text
    }

    @Test func requiredFieldsMissing() {
        let e = erreurs(.object([:]))
        #expect(
            e.map(\.path.first!) == [
                "nom_apprenant", "prenom_apprenant", "date_de_naissance_apprenant", "annee_scolaire",
                "id_erp_apprenant",
                "date_inscription_formation", "date_entree_formation", "date_fin_formation",
                "etablissement_responsable_uai", "etablissement_responsable_siret", "etablissement_formateur_uai",
                "etablissement_formateur_siret",
            ])
        #expect(e.first?.message == "String attendu")
        #expect(e.first { $0.path == ["date_entree_formation"] }?.message == "Champ obligatoire")
    }

    @Test func emptyIdErpIsRejected() {
        #expect(erreurs(item(["id_erp_apprenant": .string("  ")])) == [.init("id_erp_apprenant", "Champ obligatoire")])
        #expect(valide(item(["id_erp_apprenant": .number(12345)]))?.idErpApprenant == "12345")
    }

    @Test(arguments: [
        (JSONValue.number(20_240_901), "Date invalide"), (.string("2024-9-1"), "Date invalide"),
        (.string("2024-13-01"), "Invalid date"), (.string("2024-09-01abc"), "Invalid date"),
        (.bool(true), "Date invalide"),
    ])
    func invalidDates(_ v: JSONValue, _ message: String) {
        #expect(erreurs(item(["date_entree_formation": v])) == [.init("date_entree_formation", message)])
    }

    static let champsDates = [
        "date_de_naissance_apprenant", "date_inscription_formation", "date_entree_formation", "date_fin_formation",
        "contrat_date_debut", "contrat_date_fin", "contrat_date_rupture", "contrat_date_debut_2", "contrat_date_fin_4",
        "date_exclusion_formation", "date_obtention_diplome_formation", "date_rqth_apprenant",
        "date_metier_mise_a_jour_statut",
    ]

    /// Year 1 or 9999 is a typing error: refused on its own field, whichever date field it is.
    @Test(arguments: champsDates)
    func implausibleDatesAreRefusedOnTheirField(_ champ: String) {
        for v in ["0001-01-01", "0000-01-01", "1899-12-31", "2101-01-01", "9999-12-31", "3000-06-15T10:00:00Z"] {
            #expect(erreurs(item([champ: .string(v)])).contains(.init(champ, Message.dateHorsPlage)), "\(champ) = \(v)")
        }
        for v in ["1900-01-01", "2100-12-31T23:59:59Z", "1999-02-29"] {
            #expect(!erreurs(item([champ: .string(v)])).contains { $0.path == [champ] }, "\(champ) = \(v)")
        }
    }

    @Test func aDateIsTheDayWrittenInItsFirstTenCharacters() {
        let d = valide(item(["date_entree_formation": .string("2024-09-01T00:00:00+02:00")]))
        #expect(d?.dateEntree == j("2024-09-01"))
        #expect(valide(item(["date_entree_formation": .string("2024-02-30")]))?.dateEntree == j("2024-03-01"))
    }

    @Test func typeErrors() {
        #expect(erreurs(item(["nom_apprenant": .number(3)])) == [.init("nom_apprenant", "String attendu")])
        #expect(
            erreurs(item(["nom_apprenant": .string("  ")])) == [
                .init("nom_apprenant", "String must contain at least 1 character(s)")
            ])
        #expect(erreurs(item(["rqth_apprenant": .string("true")])) == [.init("rqth_apprenant", "Boolean attendu")])
        #expect(
            erreurs(item(["etablissement_formateur_uai": .number(802004)])) == [
                .init("etablissement_formateur_uai", "String attendu")
            ])
        #expect(erreurs(.string("x")) == [.init(path: [], message: "Object attendu")])
    }

    @Test(arguments: [
        (JSONValue.number(1.5), "Integer attendu"), (.number(-1), "Number must be greater than or equal to 0"),
        (.number(6), "Le chiffre doit être inférieur ou égal à 5"), (.string("abc"), "Number attendu"),
    ])
    func anneeFormation(_ v: JSONValue, _ message: String) {
        #expect(erreurs(item(["annee_formation": v])) == [.init("annee_formation", message)])
    }

    @Test func silentRepairs() throws {
        let d = try #require(
            valide(
                item([
                    "siret_employeur": .string("123"), "code_postal_de_naissance_apprenant": .string("ABCDE"),
                    "duree_theorique_formation": .number(9), "duree_theorique_formation_mois": .string("24"),
                    "derniere_situation": .number(0), "etablissement_lieu_de_formation_siret": .string("x"),
                ])))
        #expect(d.contrats[0].siretEmployeur == nil)
        #expect(d.codePostalNaissance == nil)
        #expect(d.dureeTheoriqueAnnees == nil)
        #expect(d.dureeTheoriqueMois == 24)
        #expect(d.derniereSituation == nil)
        #expect(d.lieuSIRET == nil)
    }

    @Test(arguments: [("H", "M"), ("1", "M"), ("2", "F"), ("F", "F"), (" M ", "M"), ("M", "M")])
    func sexe(_ raw: String, _ normalised: String) {
        #expect(valide(item(["sexe_apprenant": .string(raw)]))?.sexe == normalised)
    }

    /// Each replacement touches the first occurrence only, as JavaScript's `replace` with a string.
    @Test(arguments: ["H1", "HH", "12", "MF", "h", "", "2F"])
    func sexeInvalide(_ raw: String) {
        #expect(erreurs(item(["sexe_apprenant": .string(raw)])).map(\.path) == [["sexe_apprenant"]])
    }

    @Test func codesAndLists() {
        #expect(valide(item(["code_postal_apprenant": .number(1000)]))?.codePostal?.rawValue == "01000")
        #expect(
            erreurs(item(["code_commune_insee_apprenant": .number(1053)])) == [
                .init("code_commune_insee_apprenant", "Format invalide")
            ])
        #expect(erreurs(item(["derniere_situation": .number(1234)])) == [.init("derniere_situation", "Invalid input")])
        #expect(
            erreurs(item(["dernier_organisme_uai": .string("ABC")])) == [
                .init("dernier_organisme_uai", "UAI ou département")
            ])
        #expect(valide(item(["dernier_organisme_uai": .number(75)]))?.dernierOrganismeUAI == "75")
        #expect(
            erreurs(item(["type_cfa": .number(11)])).first?.message.hasPrefix(
                "Invalid enum value. Expected '01' | '02'") == true)
        #expect(
            erreurs(item(["statut_apprenant": .string("4")])) == [.init("statut_apprenant", "Valeurs possibles: 0,2,3")]
        )
        #expect(valide(item(["statut_apprenant": .string("2")]))?.statutApprenant == 2)
    }

    @Test(arguments: [
        ("06 28 00 00 00", "0628000000"), ("+33 6 28 00 00 00", "0628000000"), ("01.45.67.89.10", "0145678910"),
        ("0690123456", "+590690123456"), ("0262 12 34 56", "+262262123456"), ("0692123456", "+262692123456"),
        ("+44 20 7946 0958", "+442079460958"),
    ])
    func phonesAccepted(_ raw: String, _ stored: String) {
        #expect(valide(item(["tel_apprenant": .string(raw)]))?.telephone == stored)
    }

    @Test(arguments: [
        ("06 28 00", "Format invalide"), ("abc", "Format invalide"),
        ("0899123456", "Numéro de téléphone est un numéro spécial"),
        ("0712345678", "Numéro de téléphone invalide"),
    ])
    func phonesRejected(_ raw: String, _ message: String) {
        #expect(erreurs(item(["tel_apprenant": .string(raw)])) == [.init("tel_apprenant", message)])
    }

    @Test func emptyPhoneIsAbsent() {
        #expect(valide(item(["tel_apprenant": .string("")]))?.telephone == nil)
    }

    @Test(arguments: ["a@b.co", "first.last+tag@sub.example.org", "o'neil@example.fr"])
    func emailsAccepted(_ e: String) { #expect(erreurs(item(["email_contact": .string(e)])).isEmpty) }

    @Test(arguments: [".a@b.co", "a..b@c.fr", "a@b", "a.@b.fr", "a@-b.fr", "a@b.c", "ab.fr"])
    func emailsRejected(_ e: String) {
        #expect(erreurs(item(["email_contact": .string(e)])) == [.init("email_contact", "Email non valide")])
    }

    @Test func unknownFieldsAreIgnoredAndNirIsNotEchoed() {
        let v = item(["champ_inconnu": .string("x"), "nir_apprenant": .string("1 23")])
        #expect(erreurs(v).isEmpty)
        let echo = ChampsDossier.echo(v)
        #expect(!echo.contains("champ_inconnu"))
        #expect(!echo.contains("nir_apprenant"))
        #expect(echo.hasPrefix(#"{"nom_apprenant":"Martin","prenom_apprenant":"Léa""#))
        #expect((try? AnalyseurJSON.analyser(echo)) != nil)
    }
}
