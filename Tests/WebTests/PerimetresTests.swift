import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing
import Web

/// Issue 11, the perimeters: what an API key may write, who sees the names of rejected learners.
struct PerimetresTests {
    let uri = "/api/v3/dossiers-apprenants"

    func pour(_ formateur: OrganismeCle, responsable: OrganismeCle, id: String) -> String {
        texte(
            item([
                "id_erp_apprenant": .string(id),
                "etablissement_formateur_uai": .string(formateur.uai.rawValue),
                "etablissement_formateur_siret": .string(formateur.siret.rawValue),
                "etablissement_responsable_uai": .string(responsable.uai.rawValue),
                "etablissement_responsable_siret": .string(responsable.siret.rawValue),
            ]))
    }

    func envoyer(_ client: any TestClientProtocol, _ banc: Banc, _ cle: OrganismeCle, _ dossier: String) async throws
        -> [ErreurValidation]
    {
        try await client.execute(uri: uri, method: .post, headers: banc.bearer(cle), body: tableau([dossier])) { r in
            #expect(r.status == .ok)
            return erreurs(try #require((corps(r)["data"] as? [[String: Any]])?.first))
        }
    }

    @Test func aKeyWritesForItsOrganismeAndItsFormateursOnly() async throws {
        let banc = try await Banc()  // Amiens is responsable of Abbeville
        let (amiens, abbeville, lyon) = (OrganismesDeTest.amiens, OrganismesDeTest.abbeville, OrganismesDeTest.lyon)
        let formateur = ["etablissement_formateur_uai", "etablissement_formateur_siret"]
        let responsable = ["etablissement_responsable_uai", "etablissement_responsable_siret"]
        try await banc.test { client async throws in
            // A responsable outside the key's family (Lyon has no link with Amiens or Abbeville).
            let horsFamille = try await envoyer(client, banc, amiens, pour(abbeville, responsable: lyon, id: "R1"))
            #expect(horsFamille == [ErreurValidation(path: responsable, message: Message.responsableHorsPerimetreCle)])
            // Abbeville's key, for itself, naming its responsable Amiens: accepted.
            #expect(try await envoyer(client, banc, abbeville, pour(abbeville, responsable: amiens, id: "X1")).isEmpty)
            // …but not for Amiens.
            #expect(
                try await envoyer(client, banc, abbeville, pour(amiens, responsable: amiens, id: "X2"))
                    == [ErreurValidation(path: formateur, message: Message.horsPerimetreCle)])
            // Lyon becomes another formateur of Amiens: Abbeville's sibling, still out of Abbeville's reach.
            _ = try await banc.store.importer(relations: [
                (try #require(banc.ids[amiens]), try #require(banc.ids[lyon]))
            ])
            #expect(
                try await envoyer(client, banc, abbeville, pour(lyon, responsable: amiens, id: "X3"))
                    == [ErreurValidation(path: formateur, message: Message.horsPerimetreCle)])
            // Amiens's key writes for both of its formateurs.
            #expect(try await envoyer(client, banc, amiens, pour(lyon, responsable: amiens, id: "X4")).isEmpty)
        }
        #expect(try await banc.store.nombreEffectifs() == 2)
        #expect(try await banc.store.journal(limite: 20).filter { $0.action == "ecrasement_autre_source" }.isEmpty)
    }

    @Test func anOverwriteOfALearnerSentByAnotherOrganismeIsJournaled() async throws {
        let banc = try await Banc()
        let (amiens, abbeville) = (OrganismesDeTest.amiens, OrganismesDeTest.abbeville)
        try await banc.test { client async throws in
            #expect(try await envoyer(client, banc, abbeville, pour(abbeville, responsable: amiens, id: "X1")).isEmpty)
            #expect(try await envoyer(client, banc, abbeville, pour(abbeville, responsable: amiens, id: "X1")).isEmpty)
            #expect(try await banc.store.journal(limite: 20).filter { $0.action == "ecrasement_autre_source" }.isEmpty)
            // Amiens (the responsable) sends the same learner from its own ERP.
            #expect(try await envoyer(client, banc, amiens, pour(abbeville, responsable: amiens, id: "X1")).isEmpty)
        }
        let entrees = try await banc.store.journal(limite: 20).filter { $0.action == "ecrasement_autre_source" }
        #expect(entrees.count == 1)
        let detail = try #require(entrees.first?.detail)
        #expect(detail.contains("transmis par l'organisme \(try #require(banc.ids[amiens]).rawValue) avec la clé"))
        #expect(
            detail.contains(
                "1 apprenant transmis auparavant par un autre organisme — organisme \(try #require(banc.ids[abbeville]).rawValue) (1)"
            ))
        #expect(try await banc.store.nombreEffectifs() == 1)
    }

    @Test func namesOfRejectedLearnersOnlyForThoseWhoSeeTheNamedLists() async throws {
        let banc = try await Banc()
        let dreets = try await banc.store.creerOrganisation(
            NouvelleOrganisation(type: .dreets, nom: "DREETS HdF", region: "32"),
            now: Banc.maintenant)
        _ = try await banc.store.creerUtilisateur(
            NouvelUtilisateur(
                email: "dreets@test.fr", nom: "Durand", prenom: "Paul", organisation: dreets.id, role: .membre,
                statut: .actif,
                hashMotDePasse: await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: ComptesTests.motDePasse)),
            now: Banc.maintenant)
        try await banc.test { client async throws in
            let lea = try await PagesTableauTests().peupler(banc, client)  // one learner rejected: A4, MARTIN Léa
            let chemin = "/organismes/\(try #require(banc.ids[OrganismesDeTest.amiens]))/transmissions?jour=2025-01-04"
            // The CFA sees its own rejected learners.
            let cfa = try await lea.get(chemin)
            #expect(cfa.status == .ok)
            #expect(cfa.corps.contains("<th scope=\"row\">A4</th>") && cfa.corps.contains("MARTIN Léa"))
            // The DREETS sees the transmissions of its region, not the names.
            let nav = Navigateur(client)
            #expect(
                try await nav.post("/connexion", ["email": "dreets@test.fr", "mot_de_passe": ComptesTests.motDePasse])
                    .status == .seeOther)
            let region = try await nav.get(chemin)
            #expect(region.status == .ok)
            #expect(region.corps.contains("Dossiers rejetés le 4 janvier 2025 (1)"))
            #expect(region.corps.contains("date_de_naissance_apprenant"))
            #expect(!region.corps.contains("MARTIN") && !region.corps.contains("<th scope=\"row\">A4</th>"))
            #expect(
                region.corps.contains("n'est visible que des utilisateurs autorisés à consulter les listes nominatives")
            )
        }
        let acces = try await banc.store.journal(limite: 50).filter {
            $0.action == "acces_nominatif" && $0.detail.contains("dossiers rejetés")
        }
        #expect(acces.map(\.acteurEmail) == ["lea@cfa.test"])
    }
}
