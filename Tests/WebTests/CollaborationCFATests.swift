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

/// Issue 15: a CFA and a mission locale on the same young person, through the real router. The CFA sees its young
/// people in rupture (out-of-scope ones said so), asks for support; the mission locale sees the priority request,
/// records an outcome and comments; the CFA sees it, with unread counters on both sides. Nobody else reaches them.
@Suite(.serialized)
struct CollaborationCFATests {
    let ml = MissionLocaleTests()

    func cfa(_ banc: Banc, _ client: any TestClientProtocol, _ cle: OrganismeCle, _ email: String) async throws
        -> Navigateur
    {
        try await FiltresPerimetreTests().membre(
            banc, client,
            NouvelleOrganisation(type: .organismeFormation, nom: "CFA \(email)", organisme: banc.ids[cle]),
            email)
    }

    func effectifDe(_ banc: Banc, _ nom: String) async throws -> EffectifID {
        try #require(try await banc.store.suivis(missionsLocales: nil).first { $0.ligne.nom == nom.uppercased() })
            .ligne.effectif
    }

    static let demande: [(String, String)] = [
        ("au_cfa", "oui"), ("en_formation", "non"), ("cause", "Désaccord avec l'employeur sur les horaires."),
        ("objectif", "TROUVER_EMPLOYEUR"), ("commentaire_trouver_employeur", "Secteur de la restauration"),
        ("objectif", "MOBILITE"), ("referent", "moi"), ("note", "Très motivé."), ("telephone", "06 12 34 56 78"),
    ]

    @Test func aCFAAsksTheMissionLocaleWhichAnswersAndBothSeeTheSharedHistory() async throws {
        let banc = try await ml.banc()
        try await banc.test { client in
            try await ml.peupler(banc, client)
            let cfa = try await cfa(banc, client, OrganismesDeTest.amiens, "cfa@amiens.test")
            let liste = try await cfa.get("/cfa/ruptures")
            #expect(liste.status == .ok)
            for nom in ["MINEUR", "RECENT", "ABBEVILLOIS", "LYONNAIS"] { #expect(liste.corps.contains(nom)) }
            // Too old without RQTH: listed, and said out of scope with the reason.
            #expect(liste.corps.contains("TROPVIEUX"))
            #expect(liste.corps.contains("plus de 25 ans le jour de la rupture"))
            #expect(liste.corps.contains("À signaler"))

            let id = try await effectifDe(banc, "Recent")
            // Every missing answer is named.
            let vide = try await cfa.post("/cfa/ruptures/\(id)/collaboration", paires: [])
            #expect(vide.status == .badRequest)
            for message in [
                "toujours au CFA", "maintenu en formation", "Cause et circonstances", "au moins un objectif",
            ] {
                #expect(vide.corps.contains(message), "\(message)")
            }
            let mauvais = try await cfa.post(
                "/cfa/ruptures/\(id)/collaboration",
                paires: Self.demande.filter { $0.0 != "telephone" } + [("telephone", "12"), ("objectif", "VACANCES")])
            #expect(mauvais.status == .badRequest)
            #expect(mauvais.corps.contains("Téléphone du jeune") && mauvais.corps.contains("valeur inconnue"))

            let envoi = try await cfa.post("/cfa/ruptures/\(id)/collaboration", paires: Self.demande)
            #expect(envoi.status == .seeOther)
            #expect(envoi.headers[.location] == "/cfa/ruptures/\(id)?avis=demande")
            let fiche = try await cfa.get("/cfa/ruptures/\(id)")
            #expect(fiche.corps.contains("Demande envoyée") && fiche.corps.contains("Mission locale d&#39;Amiens"))
            #expect(!fiche.corps.contains("Demander l&#39;accompagnement de la mission locale"))

            // The mission locale: a priority "Demande du CFA", one unread case, the request in full.
            let amiens = try await ml.agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            let page = try await amiens.get("/mission-locale")
            #expect(page.corps.contains("Demande du CFA"))
            #expect(page.corps.contains("Jeunes en rupture (1 non lu)"))
            let suivi = try await ml.idDe(banc, "Recent")
            let cas = try await amiens.get("/mission-locale/suivis/\(suivi)")
            for texte in [
                "Le CFA demande l&#39;accompagnement", "Objectif — Trouver un employeur : Secteur de la restauration",
                "Objectif — Lever un frein : mobilité", "Note : Très motivé.", "0612345678", "Non lu",
            ] { #expect(cas.corps.contains(texte), "\(texte)") }
            #expect(try await amiens.get("/mission-locale").corps.contains("Jeunes en rupture</a>"))

            // It records an outcome and comments; an empty or too long comment is refused, naming the field.
            let version = try #require(try await banc.store.suivi(id: suivi)).version
            let r = try await amiens.post(
                "/mission-locale/suivis/\(suivi)",
                ["joint": "oui", "situation": "RENDEZ_VOUS_PRIS", "version": "\(version)"])
            #expect(r.status == .seeOther)
            #expect(
                try await amiens.post("/mission-locale/suivis/\(suivi)/commentaires", ["message": " "]).status
                    == .badRequest)
            let long = try await amiens.post(
                "/mission-locale/suivis/\(suivi)/commentaires", ["message": String(repeating: "a", count: 2_001)])
            #expect(long.status == .badRequest && long.corps.contains("2000 caractères au plus"))
            #expect(
                try await amiens.post(
                    "/mission-locale/suivis/\(suivi)/commentaires", ["message": "Rendez-vous le 3 avril à 10 h."]
                ).status == .seeOther)

            // The CFA: processed by the mission locale, a new message, the comment on the case page.
            let apres = try await cfa.get("/cfa/ruptures")
            #expect(apres.corps.contains("Traité par la mission locale"))
            #expect(apres.corps.contains("Nouveau message") && apres.corps.contains("Jeunes en rupture (1 non lu)"))
            let ficheApres = try await cfa.get("/cfa/ruptures/\(id)")
            #expect(ficheApres.corps.contains("Rendez-vous le 3 avril à 10 h."))
            #expect(ficheApres.corps.contains("Mission locale : Joint — Rendez-vous pris"))
            #expect(!ficheApres.corps.contains("<blockquote class=\"commentaire\"></blockquote>"))
            #expect(try await cfa.get("/cfa/ruptures").corps.contains("Jeunes en rupture</a>"))
            #expect(
                try await cfa.post("/cfa/ruptures/\(id)/commentaires", ["message": "Merci, il sera présent."]).status
                    == .seeOther)
            #expect(try await amiens.get("/mission-locale/suivis/\(suivi)").corps.contains("Merci, il sera présent."))
            let statuts = try await cfa.get("/cfa/ruptures?statut=traite")
            #expect(statuts.corps.contains("RECENT") && !statuts.corps.contains("MINEUR"))

            let xlsx = try await cfa.get("/cfa/ruptures/telechargement")
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers[.contentType]?.contains("spreadsheetml") == true)
        }
    }

    @Test func nobodyElseReachesTheCFAsYoungPeopleOrItsRequests() async throws {
        let banc = try await ml.banc()
        try await banc.test { client in
            try await ml.peupler(banc, client)
            let id = try await effectifDe(banc, "Recent")
            let autreCFA = try await cfa(banc, client, OrganismesDeTest.lyon, "cfa@lyon.test")
            #expect(try await autreCFA.get("/cfa/ruptures").status == .ok)
            #expect(!(try await autreCFA.get("/cfa/ruptures").corps.contains("RECENT")))
            #expect(try await autreCFA.get("/cfa/ruptures/\(id)").status == .notFound)
            #expect(try await autreCFA.get("/cfa/ruptures/\(id)/collaboration").status == .notFound)
            #expect(
                try await autreCFA.post("/cfa/ruptures/\(id)/collaboration", paires: Self.demande).status == .notFound)
            #expect(try await autreCFA.post("/cfa/ruptures/\(id)/commentaires", ["message": "x"]).status == .notFound)
            #expect(try await autreCFA.get("/cfa/ruptures/999999").status == .notFound)
            // Another mission locale cannot comment on the case.
            let abbeville = try await ml.agent(banc, client, "ML-ABBEVILLE", "agent@ml-abbeville.test")
            let suivi = try await ml.idDe(banc, "Recent")
            #expect(
                try await abbeville.post("/mission-locale/suivis/\(suivi)/commentaires", ["message": "x"]).status
                    == .notFound)
            // Other organisation types: refused.
            let dreets = try await FiltresPerimetreTests().membre(
                banc, client, NouvelleOrganisation(type: .dreets, nom: "DREETS", region: "32"), "dreets@test.test")
            #expect(try await dreets.get("/cfa/ruptures").status == .forbidden)
            #expect(try await abbeville.get("/cfa/ruptures").status == .forbidden)
            #expect(try await Navigateur(client).get("/cfa/ruptures").status == .seeOther)
        }
    }
}
