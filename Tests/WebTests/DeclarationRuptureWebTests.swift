import App
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Outils
import TestSupport
import Testing
import Web

/// Issue 15, « Déclarer une rupture », through the real router: the CFA finds an apprentice in contract, declares
/// the rupture (each bad field named); the mission locale sees the case at once, marked; the ERP's data then takes
/// over and both sides read the difference; a withdrawal takes a case out; other CFAs reach nothing.
@Suite(.serialized)
struct DeclarationRuptureWebTests {
    let ml = MissionLocaleTests()
    let collaboration = CollaborationCFATests()

    /// Apprentices of Amiens in contract today (2025-04-01), living in Amiens.
    func envoyer(
        _ banc: Banc, _ client: any TestClientProtocol, _ jeunes: [(id: String, nom: String)],
        rupture: String? = nil
    ) async throws {
        let lot: [JSONValue] = jeunes.map { j in
            var champs: [String: JSONValue?] = [
                "id_erp_apprenant": .string(j.id), "nom_apprenant": .string(j.nom),
                "date_de_naissance_apprenant": .string("2004-02-02"), "contrat_date_debut": .string("2024-09-02"),
                "contrat_date_fin": .string("2026-06-30"), "code_commune_insee_apprenant": .string("80021"),
                "email_contact": .string("\(j.nom.lowercased())@example.org"),
            ]
            if let rupture { champs["contrat_date_rupture"] = .string(rupture) }
            return item(champs)
        }
        let r = try await client.execute(
            uri: "/api/v3/dossiers-apprenants", method: .post,
            headers: PagesTableauTests.entetes(banc, OrganismesDeTest.amiens),
            body: ByteBuffer(string: JSONTexte.ecrire(.valeur(.array(lot)))))
        #expect(r.status == .ok)
    }

    static let ids = ["Declare": "D1", "Retire": "D2", "Encontrat": "D3"]

    func effectif(_ banc: Banc, _ nom: String) async throws -> EffectifID {
        let cle = CleEffectif(
            organisme: try #require(banc.ids[OrganismesDeTest.amiens]), anneeScolaire: AnneeScolaire("2024-2025")!,
            idErpApprenant: try #require(Self.ids[nom]))
        return try #require(try await banc.store.effectif(cle: cle)).id
    }

    @Test func aDeclaredRuptureReachesTheMissionLocaleAtOnceThenTheERPTakesOver() async throws {
        let banc = try await ml.banc()
        try await banc.test { client in
            try await envoyer(banc, client, [("D1", "Declare"), ("D2", "Retire"), ("D3", "Encontrat")])
            let cfa = try await collaboration.cfa(banc, client, OrganismesDeTest.amiens, "cfa@amiens.test")
            let liste = try await cfa.get("/cfa/ruptures/declarer")
            #expect(liste.status == .ok)
            for nom in ["DECLARE", "RETIRE", "ENCONTRAT", "Déclarer la rupture"] { #expect(liste.corps.contains(nom)) }
            let cherche = try await cfa.get("/cfa/ruptures/declarer?recherche=retire")
            #expect(cherche.corps.contains("RETIRE") && !cherche.corps.contains("ENCONTRAT"))

            let id = try await effectif(banc, "Declare")
            // Each bad field is named; nothing is written.
            let vide = try await cfa.post("/cfa/ruptures/declarer/\(id)", paires: [])
            #expect(vide.status == .badRequest)
            #expect(vide.corps.contains("Date de rupture : indiquez") && vide.corps.contains("Cause de la rupture"))
            let futur = try await cfa.post(
                "/cfa/ruptures/declarer/\(id)", paires: [("date", "2025-04-02"), ("cause", "Démission")])
            #expect(futur.status == .badRequest && futur.corps.contains("après aujourd&#39;hui"))
            let avant = try await cfa.post(
                "/cfa/ruptures/declarer/\(id)", paires: [("date", "2024-08-01"), ("cause", "Démission")])
            #expect(avant.status == .badRequest && avant.corps.contains("aucun contrat en cours"))
            #expect(try await banc.store.suivis(missionsLocales: nil).isEmpty)

            let ok = try await cfa.post(
                "/cfa/ruptures/declarer/\(id)", paires: [("date", "2025-03-28"), ("cause", "Démission")])
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/cfa/ruptures/\(id)?avis=declaration")
            let fiche = try await cfa.get("/cfa/ruptures/\(id)?avis=declaration")
            for texte in [
                "Rupture déclarée : la mission locale la voit", "Rupture déclarée par le CFA", "28/03/2025",
                "En attente des données de l&#39;ERP", "Retirer la déclaration",
                "Demander l'accompagnement de la mission locale",
            ] { #expect(fiche.corps.contains(texte), "\(texte)") }
            let rupturesCFA = try await cfa.get("/cfa/ruptures")
            #expect(rupturesCFA.corps.contains("DECLARE") && rupturesCFA.corps.contains("Déclarée par le CFA"))

            // The mission locale: the case at once, marked, with the declaration on its page.
            let amiens = try await ml.agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            let page = try await amiens.get("/mission-locale")
            #expect(page.corps.contains("DECLARE") && page.corps.contains("Rupture déclarée par le CFA"))
            let suivi = try #require(try await banc.store.suivis(effectifs: [id]).first).id
            let cas = try await amiens.get("/mission-locale/suivis/\(suivi)")
            #expect(cas.corps.contains("Le CFA déclare une rupture du contrat le 28/03/2025 (cause : Démission)"))
            #expect(!cas.corps.contains("Retirer la déclaration"))

            // The ERP sends the rupture a day earlier: its data rules, both sides read the difference.
            try await envoyer(banc, client, [("D1", "Declare")], rupture: "2025-03-27")
            let apres = try await amiens.get("/mission-locale/suivis/\(suivi)")
            let difference =
                "L&#39;ERP indique une rupture le 27 mars 2025, le CFA l&#39;avait déclarée le 28 mars 2025"
            #expect(apres.corps.contains(difference))
            #expect(apres.corps.contains("Les données de l&#39;ERP du CFA sont arrivées : rupture le 27/03/2025"))
            let ficheApres = try await cfa.get("/cfa/ruptures/\(id)")
            #expect(ficheApres.corps.contains(difference) && !ficheApres.corps.contains("Retirer la déclaration"))
            #expect(!(try await amiens.get("/mission-locale")).corps.contains("Rupture déclarée par le CFA"))

            // A declaration made by mistake is withdrawn: the case leaves the mission locale's list.
            let retire = try await effectif(banc, "Retire")
            _ = try await cfa.post(
                "/cfa/ruptures/declarer/\(retire)", paires: [("date", "2025-03-30"), ("cause", "Erreur")])
            #expect(try await amiens.get("/mission-locale").corps.contains("RETIRE"))
            let retrait = try await cfa.post("/cfa/ruptures/\(retire)/declaration/retrait", paires: [])
            #expect(retrait.status == .seeOther && retrait.headers[.location] == "/cfa/ruptures?avis=retrait")
            #expect(try await cfa.get("/cfa/ruptures?avis=retrait").corps.contains("Déclaration retirée"))
            #expect(!(try await amiens.get("/mission-locale")).corps.contains("RETIRE"))
            #expect(try await cfa.post("/cfa/ruptures/\(retire)/declaration/retrait", paires: []).status == .notFound)

            // Another CFA reaches none of these learners; a mission locale is refused the CFA's pages.
            let autre = try await collaboration.cfa(banc, client, OrganismesDeTest.abbeville, "cfa@abbeville.test")
            let encontrat = try await effectif(banc, "Encontrat")
            #expect(try await autre.get("/cfa/ruptures/declarer/\(encontrat)").status == .notFound)
            #expect(
                try await autre.post(
                    "/cfa/ruptures/declarer/\(encontrat)", paires: [("date", "2025-03-28"), ("cause", "x")]
                ).status == .notFound)
            #expect(!(try await autre.get("/cfa/ruptures/declarer")).corps.contains("ENCONTRAT"))
            #expect(try await amiens.get("/cfa/ruptures/declarer").status == .forbidden)
            #expect(try await banc.store.suivis(effectifs: [encontrat]).isEmpty)
        }
    }
}
