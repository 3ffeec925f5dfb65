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

/// The dashboard pages as their users see them: figures, tables, lists, downloads, permissions.
@Suite(.serialized)
struct PagesTableauTests {
    /// Three learners for Amiens (two apprentices, one without contract) and one for Lyon, sent through the API,
    /// then Léa (CFA d'Amiens) signed in.
    func peupler(_ banc: Banc, _ client: any TestClientProtocol) async throws -> Navigateur {
        let lot = [
            item([
                "id_erp_apprenant": .string("A1"), "nom_apprenant": .string("Dupont"),
                "prenom_apprenant": .string("Jeanne"),
                "contrat_date_debut": .string("2024-09-02"), "contrat_date_fin": .string("2026-08-31"),
            ]),
            item([
                "id_erp_apprenant": .string("A2"), "nom_apprenant": .string("<script>alert(1)</script>"),
                "contrat_date_debut": .string("2024-09-02"), "contrat_date_fin": .string("2026-08-31"),
            ]),
            item(["id_erp_apprenant": .string("A3"), "nom_apprenant": .string("Sanscontrat")]),
            item(["id_erp_apprenant": .string("A4"), "date_de_naissance_apprenant": .string("pas une date")]),
        ]
        let r = try await client.execute(
            uri: "/api/v3/dossiers-apprenants", method: .post,
            headers: Self.entetes(banc, OrganismesDeTest.amiens),
            body: ByteBuffer(string: JSONTexte.ecrire(.valeur(.array(lot)))))
        #expect(r.status == .ok)
        let lyon = [
            item([
                "id_erp_apprenant": .string("L1"), "etablissement_formateur_uai": .string("0691234B"),
                "etablissement_formateur_siret": .string("44444444400011"),
                "etablissement_responsable_uai": .string("0691234B"),
                "etablissement_responsable_siret": .string("44444444400011"), "nom_apprenant": .string("Lyonnais"),
            ])
        ]
        _ = try await client.execute(
            uri: "/api/v3/dossiers-apprenants", method: .post,
            headers: Self.entetes(banc, OrganismesDeTest.lyon),
            body: ByteBuffer(string: JSONTexte.ecrire(.valeur(.array(lyon)))))
        return try await ComptesTests().leaActive(banc, client)
    }

    static func entetes(_ banc: Banc, _ cle: OrganismeCle) -> HTTPFields {
        var h = banc.bearer(cle)
        h[.contentType] = "application/json"
        return h
    }

    @Test func nationalPageShowsCountersMapEvolutionAndTable() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            _ = try await peupler(banc, client)
            let page = try await Navigateur(client).get("/indicateurs/national?date=2024-10-15")
            #expect(page.status == .ok)
            // 4 learners counted nationally at D: 2 apprentices (Amiens), 2 without contract yet (Amiens, Lyon).
            #expect(page.corps.contains(#"<p class="compteur__valeur">4</p>"#))
            #expect(page.corps.contains(#"<p class="compteur__valeur">2</p>"#))
            #expect(page.corps.contains("<svg class=\"carte__svg\""))
            #expect(page.corps.contains("Somme (80) : 2"))  // apprentis in the Somme, in the map's accessible names
            #expect(page.corps.contains("Rhône (69) : 0"))
            #expect(page.corps.contains("<svg class=\"graphique__svg graphique__svg--large\""))
            #expect(
                page.corps.contains(
                    "<th scope=\"row\">Somme <span class=\"texte-secondaire\">(80)</span></th><td>3</td><td>2</td><td>1</td>"
                ))
            let regions = try await Navigateur(client).get(
                "/indicateurs/national?date=2024-10-15&carte=regions&indicateur=inscrits")
            #expect(regions.corps.contains("Hauts-de-France (32) : 1"))
            // Filters stay in the form; the counters follow them.
            let filtree = try await Navigateur(client).get("/indicateurs/national?date=2024-10-15&organisme_regions=84")
            #expect(filtree.corps.contains(#"<option value="84" selected>Auvergne-Rhône-Alpes</option>"#))
            #expect(
                filtree.corps.contains(#"<p class="compteur__valeur">1</p>"#)
                    && !filtree.corps.contains(#"<p class="compteur__valeur">4</p>"#))
            let mauvais = try await Navigateur(client).get("/indicateurs/national?date=hier&couleur=rouge")
            #expect(mauvais.status == .badRequest)
            #expect(mauvais.corps.contains("<code>date</code> : Date invalide"))
            #expect(mauvais.corps.contains("<code>couleur</code> : Paramètre inconnu"))
            let accueil = try await Navigateur(client).get("/")
            #expect(accueil.corps.contains("compteur__valeur"))
        }
    }

    @Test func organismePageListsLearnersEscapedAndForbidsOthers() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let lea = try await peupler(banc, client)
            let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
            let lyon = try #require(banc.ids[OrganismesDeTest.lyon])
            let page = try await lea.get("/organismes/\(amiens)?date=2024-10-15")
            #expect(page.status == .ok)
            #expect(page.corps.contains("CFA de la Somme"))
            #expect(page.corps.contains("DUPONT Jeanne"))
            #expect(page.corps.contains("&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;"))
            #expect(!page.corps.contains("<SCRIPT>"))
            #expect(page.corps.contains("class=\"frise\""))
            #expect(page.corps.contains("<strong>3</strong> apprenant(s)"))
            #expect(page.corps.contains(#"<select id="formation" name="formation_cfds">"#))
            #expect(page.corps.contains(#"<input type="hidden" name="date" value="2024-10-15">"#))  // the search keeps the date
            let filtre = try await lea.get("/organismes/\(amiens)?date=2024-10-15&statut=inscrit")
            #expect(filtre.corps.contains("SANSCONTRAT") && !filtre.corps.contains("DUPONT"))
            let recherche = try await lea.get("/organismes/\(amiens)?date=2024-10-15&q=dup")
            #expect(recherche.corps.contains("<strong>1</strong> apprenant(s)"))
            // Another organisme's page is refused and tells nothing about it.
            let autre = try await lea.get("/organismes/\(lyon)")
            #expect(autre.status == .forbidden)
            #expect(!autre.corps.contains("LYONNAIS") && !autre.corps.contains("CFA du Rhône"))
            #expect(try await lea.get("/organismes/999999").status == .notFound)
            #expect(try await Navigateur(client).get("/organismes/\(amiens)").status == .seeOther)  // not signed in
            // Her indicators page lists her organismes with their last transmission, those that never did first.
            let indicateurs = try await lea.get("/indicateurs?date=2024-10-15")
            #expect(indicateurs.status == .ok)
            let table = try #require(indicateurs.corps.range(of: #"id="transmetteurs""#))
            let transmetteurs = indicateurs.corps[table.upperBound...]
            let jamais = try #require(transmetteurs.range(of: "Antenne d&#39;Abbeville</a></th><td>0801234A</td>"))
            let somme = try #require(transmetteurs.range(of: "CFA de la Somme</a></th><td>0802004U</td>"))
            #expect(jamais.lowerBound < somme.lowerBound)
            #expect(indicateurs.corps.contains("n&#39;a jamais transmis"))
            #expect(try await lea.get("/indicateurs?etat=bientot").status == .badRequest)
            // Transmissions: the rejected item and its error in plain French.
            let t = try await lea.get("/organismes/\(amiens)/transmissions?jour=2025-01-04")
            #expect(t.status == .ok)
            #expect(t.corps.contains("date_de_naissance_apprenant"))
            #expect(t.corps.contains("Dossiers rejetés le 4 janvier 2025 (1)"))
        }
    }

    @Test func namedListsDownloadAsCsvAndXlsxAndAreLogged() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let lea = try await peupler(banc, client)
            let amiens = try #require(banc.ids[OrganismesDeTest.amiens])
            let ecran = try await lea.get("/listes/apprentis?date=2024-10-15")
            #expect(ecran.status == .ok)
            #expect(ecran.corps.contains("DUPONT") && !ecran.corps.contains("SANSCONTRAT"))
            let csv = try await lea.get(
                "/listes/apprentis/telechargement?date=2024-10-15&format=csv&organisme=\(amiens)")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lignes = csv.corps.split(separator: "\r\n")
            #expect(lignes.count == 3)
            #expect(lignes[0].hasPrefix("\u{FEFF}Organisme;UAI;SIRET;Nom;Prénom;Date de naissance"))
            #expect(csv.corps.contains("CFA de la Somme;0802004U;77937827200016;DUPONT;Jeanne;12/04/2006"))
            let xlsx = try await client.execute(
                uri: "/listes/rupturants/telechargement?format=xlsx", method: .get,
                headers: lea.entetes)
            #expect(xlsx.status == .ok)
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])  // a ZIP archive
            #expect(try await lea.get("/listes/apprentis/telechargement?format=pdf").status == .badRequest)
            let journal = try await banc.store.journal(limite: 20).filter { $0.action == "acces_nominatif" }.map(
                \.detail)
            #expect(
                journal.contains {
                    $0.contains("Apprentis (téléchargement CSV)") && $0.contains("1 ligne") == false
                        && $0.contains("2 lignes")
                })
            #expect(journal.contains { $0.contains("Rupturants (téléchargement XLSX)") })
            #expect(journal.contains { $0.contains("Apprentis (écran, page 1)") })
            // Lists of another organisme are refused.
            let lyon = try #require(banc.ids[OrganismesDeTest.lyon])
            #expect(try await lea.get("/listes/apprentis?organisme=\(lyon)").status == .forbidden)
        }
    }

    @Test func apiDocsRenderTheOpenApiDocument() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let page = try await Navigateur(client).get("/api/docs")
            #expect(page.status == .ok)
            #expect(page.corps.contains("<code>/api/v3/dossiers-apprenants</code>"))
            #expect(page.corps.contains("<code>/api/v1/indicateurs/national</code>"))
            #expect(page.corps.contains("<code>Authorization: Bearer &lt;clé&gt;</code>"))
        }
    }
}
