import App
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing
import Web

struct ApiIndicateursTests {
    /// Amiens sends three learners, Lyon one; a DREETS of Hauts-de-France and the CFA of Amiens look.
    @Test func countsArePerPerimeterAndImmediate() async throws {
        let banc = try await Banc()  // today is 2025-01-04
        let admin = Comptes(
            store: banc.store, secrets: SecretsServeur(coutBcrypt: 4), horloge: banc.horloge, urlPublique: "")
        let dreets = try await banc.store.creerOrganisation(
            NouvelleOrganisation(type: .dreets, nom: "DREETS HdF", region: "32"), now: Date())
        let ml = try await banc.store.creerOrganisation(
            NouvelleOrganisation(type: .missionLocale, nom: "ML"), now: Date())
        for (email, orga) in [("dreets@test.fr", dreets.id), ("ml@test.fr", ml.id)] {
            _ = try await banc.store.creerUtilisateur(
                NouvelUtilisateur(
                    email: email, nom: "N", prenom: "P", organisation: orga, role: .membre, statut: .actif,
                    hashMotDePasse: await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: ComptesTests.motDePasse)),
                now: Date())
        }
        _ = admin
        try await banc.test { client in
            let items = [
                texte(item(["id_erp_apprenant": .string("A1"), "contrat_date_debut": .string("2024-09-02")])),
                texte(item(["id_erp_apprenant": .string("A2")])),  // inscrit, abandon from 2024-12-01
                texte(item(["id_erp_apprenant": .string("A3"), "date_entree_formation": .string("2024-11-15")])),  // inscrit
            ]
            let lyon = texte(
                item([
                    "id_erp_apprenant": .string("L1"), "etablissement_formateur_uai": .string("0691234B"),
                    "etablissement_formateur_siret": .string("44444444400011"),
                    "etablissement_responsable_uai": .string("0691234B"),
                    "etablissement_responsable_siret": .string("44444444400011"),
                ]))
            let nav = Navigateur(client)
            #expect(
                try await nav.post("/connexion", ["email": "dreets@test.fr", "mot_de_passe": ComptesTests.motDePasse])
                    .status == .seeOther)
            #expect(
                try await nav.json("/api/v1/indicateurs/effectifs", .get).corps
                    == #"{"apprenants":0,"apprentis":0,"inscrits":0,"abandons":0,"rupturants":0}"#)
            try await client.execute(
                uri: "/api/v3/dossiers-apprenants", method: .post, headers: banc.bearer(OrganismesDeTest.amiens),
                body: tableau(items)
            ) { _ in }
            try await client.execute(
                uri: "/api/v3/dossiers-apprenants", method: .post, headers: banc.bearer(OrganismesDeTest.lyon),
                body: tableau([lyon])
            ) { _ in }
            // Counted as soon as the POST returned; Lyon is outside Hauts-de-France.
            #expect(
                try await nav.json("/api/v1/indicateurs/effectifs", .get).corps
                    == #"{"apprenants":2,"apprentis":1,"inscrits":1,"abandons":1,"rupturants":0}"#)
            let parDep = try await nav.json("/api/v1/indicateurs/effectifs/par-departement?date=2024-11-30", .get)
            // On 30 November, A2 is still inscrit (day 90), so 3 apprenants.
            #expect(
                parDep.corps
                    == #"[{"departement":"80","libelle":"Somme","apprenants":3,"apprentis":1,"inscrits":2,"abandons":0,"rupturants":0}]"#
            )
            let evolution = try await nav.json(
                "/api/v1/indicateurs/effectifs/evolution?debut=2024-09&fin=2025-01", .get)
            #expect(evolution.corps.hasPrefix(#"[{"mois":"2024-09","date":"2024-09-30","apprenants":2"#))
            let organismes = try await nav.json("/api/v1/indicateurs/organismes", .get)
            #expect(
                organismes.corps.contains(#""departement":"80""#) && organismes.corps.contains(#""tauxCouverture":50"#))
            for bad in [
                "date=2024-13-01", "organisme_departements=999", "formation_niveaux=9", "inconnu=1",
                "apprenant_tranchesAge=30-40",
            ] {
                let r = try await nav.json("/api/v1/indicateurs/effectifs?\(bad)", .get)
                #expect(r.status == .badRequest, "\(bad)")
                #expect(r.corps.contains(#""path":["\#(bad.prefix { $0 != "=" })"]"#))
            }
            // A mission locale has no effectif indicators; anonymous users are told to sign in.
            let mlNav = Navigateur(client)
            _ = try await mlNav.post("/connexion", ["email": "ml@test.fr", "mot_de_passe": ComptesTests.motDePasse])
            #expect(try await mlNav.json("/api/v1/indicateurs/effectifs", .get).status == .forbidden)
            #expect(try await Navigateur(client).json("/api/v1/indicateurs/effectifs", .get).status == .unauthorized)
            // The public national view, by département, with no login.
            let national = try await Navigateur(client).json("/api/v1/indicateurs/national?date=2025-01-04", .get)
            #expect(national.status == .ok)
            #expect(
                national.corps.contains(#"{"departement":"69","apprenants":0,"apprentis":0,"inscrits":0,"abandons":1"#))
            #expect(national.corps.contains(#""departement":"80","apprenants":2"#))
            #expect(
                try await Navigateur(client).json("/api/v1/indicateurs/national?formation_niveaux=3", .get).status
                    == .badRequest)
        }
    }
}
