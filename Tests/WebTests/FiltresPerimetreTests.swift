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

/// Issue 13, items 3 and 4: filters that stay inside the perimeter, the CFA's view, lists whose count is the
/// counter they come from.
@Suite(.serialized)
struct FiltresPerimetreTests {
    /// A member of a new organisation of this type, signed in.
    func membre(_ banc: Banc, _ client: any TestClientProtocol, _ orga: NouvelleOrganisation, _ email: String)
        async throws -> Navigateur
    {
        let o = try await banc.store.creerOrganisation(orga, now: Banc.maintenant)
        _ = try await banc.store.creerUtilisateur(
            NouvelUtilisateur(
                email: email, nom: "N", prenom: "P", organisation: o.id, role: .membre, statut: .actif,
                hashMotDePasse: await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: ComptesTests.motDePasse)),
            now: Banc.maintenant)
        let nav = Navigateur(client)
        #expect(try await ComptesTests().connecter(nav, email).status == .seeOther)
        return nav
    }

    /// Twelve learners of Amiens with different ages, years, contracts and ruptures, and one of Lyon.
    func peupler(_ banc: Banc, _ client: any TestClientProtocol) async throws {
        var lot: [JSONValue] = []
        for k in 0..<12 {
            var champs: [String: JSONValue?] = [
                "id_erp_apprenant": .string("P\(k)"), "nom_apprenant": .string("Nom\(k)"),
                "date_de_naissance_apprenant": .string(k % 3 == 0 ? "2008-03-01" : k % 3 == 1 ? "2005-05-05" : "2001-01-01"),
                "annee_formation": .number(Double(k % 2 + 1)),
            ]
            if k % 4 != 0 { champs["contrat_date_debut"] = .string("2024-09-\(10 + k)") }
            if k % 4 == 1 { champs["contrat_date_rupture"] = .string("2024-11-0\(k % 9 + 1)") }
            if k % 4 == 2 { champs["contrat_date_fin"] = .string("2026-08-31") }
            lot.append(item(champs))
        }
        let r = try await client.execute(
            uri: "/api/v3/dossiers-apprenants", method: .post,
            headers: PagesTableauTests.entetes(banc, OrganismesDeTest.amiens),
            body: ByteBuffer(string: JSONTexte.ecrire(.valeur(.array(lot)))))
        #expect(r.status == .ok)
        let lyon = item([
            "id_erp_apprenant": .string("L1"), "etablissement_formateur_uai": .string("0691234B"),
            "etablissement_formateur_siret": .string("44444444400011"),
            "etablissement_responsable_uai": .string("0691234B"),
            "etablissement_responsable_siret": .string("44444444400011"), "nom_apprenant": .string("Lyonnais"),
        ])
        _ = try await client.execute(
            uri: "/api/v3/dossiers-apprenants", method: .post,
            headers: PagesTableauTests.entetes(banc, OrganismesDeTest.lyon),
            body: ByteBuffer(string: JSONTexte.ecrire(.valeur(.array([lyon])))))
    }

    @Test func aDreetsIsOfferedItsRegionOnlyAndToldWhenAValueIsOutside() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            try await peupler(banc, client)
            let dreets = try await membre(
                banc, client, NouvelleOrganisation(type: .dreets, nom: "DREETS ARA", region: "84"), "d@test.fr")
            let page = try await dreets.get("/indicateurs?date=2024-10-15")
            #expect(page.status == .ok)
            #expect(page.corps.contains(#"<option value="84">Auvergne-Rhône-Alpes</option>"#))
            #expect(!page.corps.contains(#"<option value="32">"#))  // Hauts-de-France: not offered
            #expect(page.corps.contains(#"<option value="69">69 — Rhône</option>"#))
            #expect(!page.corps.contains(#"<option value="80">"#) && !page.corps.contains(#"<option value="75">"#))
            #expect(page.corps.contains(#"<option value="10">Lyon</option>"#))  // its académies
            #expect(!page.corps.contains(#"<option value="20">Amiens</option>"#))
            // Inside: the counters follow the filter.
            let rhone = try await dreets.get("/indicateurs?date=2024-10-15&organisme_departements=69")
            #expect(rhone.status == .ok)
            #expect(rhone.corps.contains(#"<option value="69" selected>69 — Rhône</option>"#))
            // Outside, typed in the address: a page that says so, never zeros.
            let somme = try await dreets.get("/indicateurs?date=2024-10-15&organisme_departements=80")
            #expect(somme.status == .badRequest)
            #expect(somme.corps.contains("<code>organisme_departements</code> : Somme (80) : hors de votre périmètre"))
            #expect(!somme.corps.contains("compteur__valeur"))
            let idf = try await dreets.get("/indicateurs?organisme_regions=11&organisme_academies=20")
            #expect(idf.status == .badRequest)
            #expect(idf.corps.contains("Île-de-France (11) : hors de votre périmètre"))
            #expect(idf.corps.contains("Amiens (20) : hors de votre périmètre"))
            // The same in the API, with the field named.
            let api = try await dreets.json("/api/v1/indicateurs/effectifs?organisme_departements=80", .get)
            #expect(api.status == .badRequest)
            #expect(api.corps.contains(#""code":"hors_perimetre""#))
            #expect(api.corps.contains(#""path":["organisme_departements"]"#))
            #expect(try await dreets.json("/api/v1/indicateurs/effectifs?organisme_departements=69", .get).status == .ok)
            // Its named lists too.
            let liste = try await dreets.get("/listes/rupturants?organisme_regions=32")
            #expect(liste.status == .badRequest)
            #expect(liste.corps.contains("hors de votre périmètre"))
            let telechargement = try await dreets.get("/indicateurs/csv/organismes?organisme_departements=80")
            #expect(telechargement.status == .badRequest)
        }
    }

    @Test func aCfaSeesItsSitesFormateursAndFormationsInsteadOfAMap() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            try await peupler(banc, client)
            let lea = try await ComptesTests().leaActive(banc, client)  // CFA de la Somme, responsable of Abbeville
            let page = try await lea.get("/indicateurs?date=2024-10-15")
            #expect(page.status == .ok)
            #expect(!page.corps.contains("<svg class=\"carte__svg\""))
            #expect(page.corps.contains("Sites de votre organisme (2)"))
            #expect(page.corps.contains("CFA de la Somme</a></th><td>0802004U</td><td>77937827200016</td>"))
            #expect(page.corps.contains("Antenne d&#39;Abbeville</a></th><td>0801234A</td>"))
            #expect(page.corps.contains("Organismes formateurs dont vous êtes responsable (0)"))
            #expect(page.corps.contains("Par formation"))
            // Its filter offers its own territories, and says so for others.
            #expect(page.corps.contains(#"<option value="80">80 — Somme</option>"#))
            #expect(!page.corps.contains(#"<option value="69">"#))
            let rhone = try await lea.get("/indicateurs?organisme_departements=69")
            #expect(rhone.status == .badRequest)
            #expect(rhone.corps.contains("Rhône (69) : hors de votre périmètre"))
            // Its sites as CSV, named after it and the date.
            let csv = try await lea.get("/indicateurs/csv/sites?date=2024-10-15")
            #expect(csv.status == .ok)
            #expect(
                csv.headers[.contentDisposition]
                    == #"attachment; filename="sites-et-organismes-formateurs-cfa-de-la-somme-2024-10-15.csv""#)
            #expect(csv.corps.contains("Site;CFA de la Somme;0802004U;77937827200016;"))
            // Another user type has no sites table.
            let dreets = try await membre(
                banc, client, NouvelleOrganisation(type: .dreets, nom: "DREETS HdF", region: "32"), "d@test.fr")
            #expect(try await dreets.get("/indicateurs/csv/sites").status == .notFound)
            #expect(try await dreets.get("/indicateurs").corps.contains("<svg class=\"carte__svg\""))
        }
    }

    @Test func everySectionFollowsTheFiltersAndEachTableDownloads() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            try await peupler(banc, client)
            let admin = Navigateur(client)
            try await ComptesTests().administrateur(banc)
            #expect(try await ComptesTests().connecter(admin, "admin@tdb.test").status == .seeOther)
            let tout = try await admin.get("/indicateurs?date=2024-10-15")
            #expect(tout.corps.contains(#"CFA du Rhône</a></th><td>0691234B</td>"#))
            #expect(tout.corps.contains(#"<details class="repli" id="section-carte" open>"#))
            #expect(tout.corps.contains(#"<details class="repli" id="section-organismes">"#))
            // `organisme_search` keeps the transmissions table to the organismes it matches.
            let recherche = try await admin.get("/indicateurs?date=2024-10-15&organisme_search=0802004U")
            #expect(recherche.corps.contains(#"CFA de la Somme</a></th><td>0802004U</td>"#))
            #expect(!recherche.corps.contains(#"CFA du Rhône</a></th><td>0691234B</td>"#))
            // A search that matches no organisme says so rather than showing bare zeros.
            let rien = try await admin.get("/indicateurs?organisme_search=Introuvable")
            #expect(rien.corps.contains("Aucun organisme de votre périmètre (national) ne correspond à « Introuvable »"))
            #expect(!recherche.corps.contains("Aucun organisme de votre périmètre"))
            // A sort opens its section.
            let tri = try await admin.get("/indicateurs?date=2024-10-15&tri_organismes=libelle")
            #expect(tri.corps.contains(#"<details class="repli" id="section-organismes" open>"#))
            // Each table as CSV with the page's filters.
            for tableau in ["territoires", "evolution", "organismes", "formations", "couverture", "transmetteurs"] {
                let csv = try await admin.get("/indicateurs/csv/\(tableau)?date=2024-10-15&organisme_regions=32")
                #expect(csv.status == .ok, "\(tableau)")
                #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(csv.headers[.contentDisposition]?.contains("hauts-de-france-2024-10-15.csv") == true, "\(tableau)")
                #expect(!csv.corps.contains("CFA du Rhône"), "\(tableau)")
                #expect(tout.corps.contains("/indicateurs/csv/\(tableau)?date=2024-10-15"), "\(tableau) linked")
            }
            let organismes = try await admin.get("/indicateurs/csv/organismes?date=2024-10-15")
            #expect(organismes.corps.contains("CFA de la Somme;0802004U;77937827200016;80;"))
            #expect(try await admin.get("/indicateurs/csv/camembert").status == .notFound)
        }
    }

    /// The count of a named list is the counter of the indicators page for the same filters.
    @Test func aListCountsWhatItsCounterCounts() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            try await peupler(banc, client)
            let dreets = try await membre(
                banc, client, NouvelleOrganisation(type: .dreets, nom: "DREETS HdF", region: "32"), "d@test.fr")
            let lea = try await ComptesTests().leaActive(banc, client)
            let filtres = [
                "date=2024-10-15", "date=2024-12-15", "date=2025-01-04", "date=2024-12-15&organisme_departements=80",
                "date=2024-12-15&apprenant_tranchesAge=-18", "date=2024-12-15&apprenant_tranchesAge=21-25,26%2B",
                "date=2024-12-15&formation_annees=2", "date=2024-10-15&organisme_reseaux=CCI",
            ]
            var nonNuls = 0
            for (nav, listes) in [(dreets, ["inscrits", "rupturants", "abandons"]), (lea, ["apprenants", "apprentis"])] {
                for f in filtres {
                    let compteurs = try await nav.json("/api/v1/indicateurs/effectifs?\(f)", .get)
                    #expect(compteurs.status == .ok)
                    let valeurs = try #require(
                        try JSONSerialization.jsonObject(with: Data(compteurs.corps.utf8)) as? [String: Int])
                    for liste in listes {
                        let page = try await nav.get("/listes/\(liste)?\(f)")
                        #expect(page.status == .ok, "\(liste)?\(f)")
                        let attendu = try #require(valeurs[liste])
                        #expect(page.corps.contains("<strong>\(attendu)</strong> apprenant(s)"), "\(liste)?\(f)")
                        #expect(page.corps.contains("comme le compteur"), "\(liste)?\(f)")
                        if attendu > 0 { nonNuls += 1 }
                    }
                }
            }
            #expect(nonNuls >= 15)  // the comparison is not between empty lists
        }
    }

    @Test func aListIsTitledByItsFiltersAndHasItsOwnFilters() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            try await peupler(banc, client)
            let dreets = try await membre(
                banc, client, NouvelleOrganisation(type: .dreets, nom: "DREETS HdF", region: "32"), "d@test.fr")
            let page = try await dreets.get("/listes/rupturants?date=2024-12-15&organisme_departements=80")
            #expect(page.status == .ok)
            #expect(page.corps.contains("<h1>Rupturants — Somme (80), au 15 décembre 2024</h1>"))
            #expect(page.corps.contains("<title>Rupturants — Somme (80), au 15 décembre 2024"))
            #expect(page.corps.contains(#"<option value="80" selected>80 — Somme</option>"#))
            #expect(page.corps.contains(#"<input type="date" id="f-date" name="date" value="2024-12-15">"#))
            #expect(
                page.corps.contains(
                    "/listes/rupturants/telechargement?date=2024-12-15&amp;organisme_departements=80&amp;format=csv"))
            let csv = try await dreets.get(
                "/listes/rupturants/telechargement?date=2024-12-15&organisme_departements=80&format=csv")
            #expect(csv.headers[.contentDisposition] == #"attachment; filename="rupturants-somme-80-2024-12-15.csv""#)
            // Without a territory filter, the perimeter names the list.
            let region = try await dreets.get("/listes/inscrits?date=2024-12-15")
            #expect(region.corps.contains("<h1>Inscrits sans contrat — Hauts-de-France, au 15 décembre 2024</h1>"))
            // A list of several statuses can be narrowed to one; the page says how that relates to the counter.
            let lea = try await ComptesTests().leaActive(banc, client)
            let tous = try await lea.get("/listes/apprenants?date=2024-12-15")
            #expect(tous.corps.contains(#"<select id="f-statut" name="statut">"#))
            let rupturants = try await lea.get("/listes/apprenants?date=2024-12-15&statut=rupturant")
            #expect(rupturants.status == .ok)
            #expect(rupturants.corps.contains("<h1>Apprenants — CFA de la Somme, rupturants, au 15 décembre 2024</h1>"))
            #expect(rupturants.corps.contains("Cette liste ne garde que les rupturants"))
            #expect(try await lea.get("/listes/apprenants?statut=abandon").status == .badRequest)
            #expect(try await lea.get("/listes/rupturants?statut=rupturant").status == .badRequest)
            // No contact column when no row has one, no formation column when none is known.
            #expect(!tous.corps.contains(#"<th scope="col">Contact</th>"#))
        }
    }
}
