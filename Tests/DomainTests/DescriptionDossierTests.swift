import Domain
import Outils
import Testing

/// The description of a dossier's fields comes from the validation itself: run on probes, the decoder says which
/// fields it reads, how, which are required, and what it answers.
struct DescriptionDossierTests {
    static let requis: Set<String> = [
        "nom_apprenant", "prenom_apprenant", "date_de_naissance_apprenant", "annee_scolaire", "id_erp_apprenant",
        "date_inscription_formation", "date_entree_formation", "date_fin_formation", "etablissement_responsable_uai",
        "etablissement_responsable_siret", "etablissement_formateur_uai", "etablissement_formateur_siret",
    ]

    @Test func everyKnownFieldIsDescribedOnceInReadingOrder() {
        let noms = DescriptionDossier.champs.map(\.nom)
        #expect(Set(noms) == Set(ChampsDossier.tous))
        #expect(noms.count == ChampsDossier.tous.count)
        #expect(noms.first == "nom_apprenant" && noms.last == "type_cfa")
    }

    @Test func requiredFieldsAreThoseTheValidationRequires() {
        #expect(Set(DescriptionDossier.champs.filter(\.requis).map(\.nom)) == Self.requis)
        // The same set as the errors of an empty item.
        let vide = DecodeurDossier.decoder(.object([:])).erreurs.compactMap(\.path.first)
        #expect(Set(vide) == Self.requis)
    }

    func champ(_ nom: String) throws -> DescriptionChamp {
        try #require(DescriptionDossier.champs.first { $0.nom == nom })
    }

    @Test func typesFormatsAndMessagesFollowTheReaders() throws {
        let naissance = try champ("date_de_naissance_apprenant")
        #expect(naissance.nature == .date && naissance.requis)
        #expect(
            naissance.messages.contains(Message.champObligatoire) && naissance.messages.contains(Message.dateInvalide))
        #expect(naissance.nature.format.hasPrefix("AAAA-MM-JJ"))
        let siret = try champ("etablissement_formateur_siret")
        #expect(siret.messages.contains(Message.siret) && siret.messages.contains(Message.stringAttendu))
        #expect(try champ("rqth_apprenant").nature == .booleen)
        #expect(try champ("rqth_apprenant").messages == [Message.booleanAttendu])
        #expect(try champ("email_contact").messages.contains(Message.email))
        #expect(try champ("annee_formation").nature == .entier(0...5))
        #expect(try champ("annee_formation").messages.contains(Message.anneeFormationMax))
        #expect(try champ("statut_apprenant").messages == [Message.statutApprenant])
        #expect(try champ("tel_apprenant").nature == .telephone)
        #expect(try champ("tel_apprenant").messages.contains(Message.telephoneInvalide))
        // Repaired fields have no message: a wrong value is dropped.
        #expect(try champ("siret_employeur").nature == .codeIgnoreSiInvalide)
        #expect(try champ("siret_employeur").messages.isEmpty)
        #expect(try champ("duree_theorique_formation").messages.isEmpty)
        #expect(try champ("nir_apprenant").nature == .nonConserve)
        for c in DescriptionDossier.champs { #expect(!c.nature.type.isEmpty, "\(c.nom)") }
    }

    @Test func decodingWithoutDescriptionIsUnchanged() {
        // The description mode must not change what an ordinary decoding answers.
        let item: JSONValue = .object(["nom_apprenant": .string(" x "), "rqth_apprenant": .string("oui")])
        let erreurs = DecodeurDossier.decoder(item).erreurs
        #expect(erreurs.contains(ErreurValidation("rqth_apprenant", Message.booleanAttendu)))
        #expect(erreurs.contains(ErreurValidation("prenom_apprenant", Message.stringAttendu)))
    }
}
