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

/// Issue 16 (F18), for the people who steer: each sees the searches made for places of its territory and the
/// requests to its CFAs, month by month (page and JSON, counts only); administrators everything; a CFA or an
/// anonymous caller nothing.
@Suite(.serialized)
struct StatistiquesEntreprisesWebTests {
    let demandes = DemandesEntreprisesWebTests()

    func membre(_ banc: Banc, _ client: any TestClientProtocol, _ o: NouvelleOrganisation, _ email: String)
        async throws -> Navigateur
    {
        let orga = try await banc.store.creerOrganisation(o, now: Banc.maintenant)
        _ = try await banc.store.creerUtilisateur(
            NouvelUtilisateur(
                email: email, nom: "N", prenom: "P", organisation: orga.id, role: .membre, statut: .actif,
                hashMotDePasse: await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: ComptesTests.motDePasse)),
            now: Banc.maintenant)
        let nav = Navigateur(client)
        #expect(try await ComptesTests().connecter(nav, email).status == .seeOther)
        return nav
    }

    /// The figures of this month in the JSON answer: searches and requests sent.
    func ceMois(_ nav: Navigateur) async throws -> (recherches: Int?, envoyees: Int?, metiers: [String]) {
        let r = try await nav.json("/api/v1/entreprises/statistiques", .get)
        #expect(r.status == .ok, "\(r.corps.prefix(300))")
        let o = (try? JSONSerialization.jsonObject(with: Data(r.corps.utf8))) as? [String: Any] ?? [:]
        let mois = o["mois"] as? [[String: Any]] ?? []
        #expect(mois.count == StatistiquesEntreprises.nombreMois)
        let metiers = (o["metiers"] as? [[String: Any]] ?? []).compactMap { $0["libelle"] as? String }
        return (mois.first?["recherches"] as? Int, mois.first?["demandes_envoyees"] as? Int, metiers)
    }

    @Test func eachSeesItsTerritorysSearchesAndItsCFAsRequests() async throws {
        let banc = try await Banc()
        try await ComptesTests().administrateur(banc)
        try await banc.test { client in
            // A request to the CFA of the Somme, confirmed by the company.
            let cfa = try await demandes.membreCFA(
                banc, client, OrganismesDeTest.amiens, "admin@amiens.test", role: .administrateur)
            let entreprise = Navigateur(client)
            var bon = DemandesEntreprisesWebTests.formulaire
            bon["organisme"] = String(try #require(banc.ids[OrganismesDeTest.amiens]).rawValue)
            #expect(try await entreprise.post("/recruter-un-apprenti/contact", bon).status == .ok)
            let jeton = try await demandes.jeton(banc, "paul@exemple.fr")
            #expect(try await entreprise.post(DemandesEntreprises.cheminConfirmation + jeton).status == .ok)
            // Searches: two for the Somme, one for the Rhône, this month.
            let mois = try #require(StatistiquesEntreprises.moisJusqua(HeureDeParis.jour(Banc.maintenant)).last)
            let macon = try #require(CodeROME("F1703"))
            for code in ["80", "80", "69"] {
                try await banc.store.compterRecherche(
                    RechercheComptee(mois: mois, codeRome: macon, typeTerritoire: "departement", codeTerritoire: code))
            }

            let hdf = try await membre(
                banc, client, NouvelleOrganisation(type: .dreets, nom: "DREETS HdF", region: "32"), "hdf@test.fr")
            let ara = try await membre(
                banc, client, NouvelleOrganisation(type: .dreets, nom: "DREETS ARA", region: "84"), "ara@test.fr")
            let somme = try await membre(
                banc, client, NouvelleOrganisation(type: .ddets, nom: "DDETS Somme", departement: "80"), "s@test.fr")
            let admin = Navigateur(client)
            _ = try await ComptesTests().connecter(admin, "admin@tdb.test")

            let h = try await ceMois(hdf)
            #expect(h.recherches == 2 && h.envoyees == 1 && h.metiers == ["Maçon / Maçonne"])
            let a = try await ceMois(ara)
            #expect(a.recherches == 1 && a.envoyees == 0)
            let s = try await ceMois(somme)
            #expect(s.recherches == 2 && s.envoyees == 1)
            let n = try await ceMois(admin)
            #expect(n.recherches == 3 && n.envoyees == 1)

            // The page: in the navigation, counts and names of trades and places, no company.
            let page = try await hdf.get("/entreprises/statistiques")
            #expect(page.status == .ok)
            for texte in [#"href="/entreprises/statistiques""#, "Maçon / Maçonne", "Somme (80)", "F1703"] {
                #expect(page.corps.contains(texte), "\(texte)")
            }
            #expect(!page.corps.contains("Maçonnerie Dubois") && !page.corps.contains("Rhône (69)"))

            // A CFA and an anonymous caller reach nothing.
            #expect(try await cfa.get("/entreprises/statistiques").status == .forbidden)
            #expect(try await cfa.json("/api/v1/entreprises/statistiques", .get).status == .forbidden)
            #expect(!(try await cfa.get("/cfa/entreprises")).corps.contains(#"href="/entreprises/statistiques""#))
            let anonyme = Navigateur(client)
            #expect(try await anonyme.json("/api/v1/entreprises/statistiques", .get).status == .unauthorized)
        }
    }
}
