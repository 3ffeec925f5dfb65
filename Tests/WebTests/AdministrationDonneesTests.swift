import App
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing
import Web

/// The back-office of personal data and audit (F21, F22): retention page, journal search and CSV, a learner
/// exported and erased.
@Suite(.serialized)
struct AdministrationDonneesTests {
    let comptes = ComptesTests()
    let cle = "uai=0802004U&siret=77937827200016&annee=2024-2025&id_erp=YP-000123"

    func envoyer(_ client: any TestClientProtocol, _ banc: Banc, _ items: [String]) async throws {
        try await client.execute(
            uri: "/api/v3/dossiers-apprenants", method: .post, headers: banc.bearer(OrganismesDeTest.amiens),
            body: tableau(items)
        ) { r in #expect(r.status == .ok) }
    }

    func effectifsIndexes(_ nav: Navigateur) async throws -> Int? {
        let r = try await nav.get("/api/healthcheck")
        let o = try JSONSerialization.jsonObject(with: Data(r.corps.utf8)) as? [String: Any]
        return (o?["index"] as? [String: Any])?["effectifs"] as? Int
    }

    @Test func journalQueryParametersAreValidatedAndSearched() async throws {
        let banc = try await Banc()
        try await comptes.administrateur(banc)
        try await banc.test { client in
            let admin = Navigateur(client)
            _ = try await comptes.connecter(admin, "admin@tdb.test")
            for (requete, parametre) in [
                ("page=0", "page"), ("page=100001", "page"), ("page=99999999999999999999", "page"),
                ("inconnu=1", "inconnu"), ("du=2025-13-01", "du"), ("au=hier", "au"),
                ("organisation=abc", "organisation"), ("action=DROP%20TABLE", "action"),
                ("du=2025-02-01&au=2025-01-01", "au"), ("page=1&page=2", "page"),
            ] {
                let r = try await admin.get("/admin/journal?" + requete)
                #expect(r.status == .badRequest, "\(requete)")
                #expect(r.corps.contains(parametre), "\(requete)")
                let csv = try await admin.get("/admin/journal.csv?" + requete)
                #expect(csv.status == .badRequest, "\(requete)")
            }
            let vide = try await admin.get("/admin/journal?action=&utilisateur=&organisation=&du=&au=")
            #expect(vide.status == .ok && vide.corps.contains("administrateur_cree"))
            let filtre = try await admin.get("/admin/journal?action=inscription&du=2025-01-01&au=2025-01-31")
            #expect(
                filtre.status == .ok && filtre.corps.contains("0 entrée(s)")
                    && !filtre.corps.contains("administrateur_cree</th>"))
            let parUtilisateur = try await admin.get("/admin/journal?utilisateur=admin%40tdb")
            #expect(parUtilisateur.corps.contains("1 entrée(s)"))
            let csv = try await admin.get("/admin/journal.csv?action=administrateur_cree")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(
                csv.corps.contains("Date (heure de Paris);Acteur;Action;Code de l'action;Détail")
                    && csv.corps.contains("administrateur_cree"))
            #expect(try await banc.store.journal(limite: 5).contains { $0.action == "journal_export" })
            let retention = try await admin.get("/admin/retention")
            #expect(
                retention.status == .ok && retention.corps.contains("3 ans")
                    && retention.corps.contains("pseudonymisées"))
            #expect(retention.corps.contains("pas encore applicable"))

            let anonyme = Navigateur(client)
            for page in [
                "/admin/journal", "/admin/journal.csv", "/admin/retention", "/admin/apprenants",
                "/admin/apprenants/export?" + cle,
            ] {
                let r = try await anonyme.get(page)
                #expect(r.status == .seeOther && r.headers[.location] == "/connexion", "\(page)")
            }
        }
    }

    @Test func aLearnerIsFoundExportedAndErased() async throws {
        let banc = try await Banc()
        try await comptes.administrateur(banc)
        try await banc.test { client in
            try await envoyer(
                client, banc, [dossierValideExemple, texte(item(["id_erp_apprenant": .string("AUTRE")]))])
            let admin = Navigateur(client)
            _ = try await comptes.connecter(admin, "admin@tdb.test")
            #expect(try await effectifsIndexes(admin) == 2)

            let page = try await admin.get("/admin/apprenants?" + cle)
            #expect(page.status == .ok && page.corps.contains("MARTIN") && !page.corps.contains("AUTRE</td>"))
            let parNom = try await admin.get("/admin/apprenants?nom=Martin&naissance=2006-04-12")
            #expect(parNom.corps.contains("YP-000123") && parNom.corps.contains("AUTRE"))
            #expect(try await admin.get("/admin/apprenants?nom=Martin").status == .badRequest)
            #expect(try await admin.get("/admin/apprenants?uai=0802004U").corps.contains("id_erp"))
            #expect(
                try await admin.get("/admin/apprenants?uai=123&siret=77937827200016&annee=2024-2025&id_erp=x").status
                    == .badRequest)

            let export = try await admin.get("/admin/apprenants/export?" + cle)
            #expect(export.status == .ok && export.headers[.contentDisposition]?.contains("attachment") == true)
            #expect(export.corps.contains("\"MARTIN\"") && export.corps.contains("\"transmissions\""))

            var champs = ["uai": "0802004U", "siret": "77937827200016", "annee": "2024-2025", "id_erp": "YP-000123"]
            #expect(try await admin.post("/admin/apprenants/effacer", champs).status == .badRequest)
            champs["confirmation"] = "EFFACER"
            #expect(try await admin.post("/admin/apprenants/effacer", champs, csrf: "faux").status == .forbidden)
            let efface = try await admin.post("/admin/apprenants/effacer", champs)
            #expect(efface.status == .seeOther)
            #expect(
                try await admin.get(try #require(efface.headers[.location])).corps.contains("1 effectif(s) effacé(s)"))
            #expect(try await effectifsIndexes(admin) == 1)
            #expect(try await admin.get("/admin/apprenants?" + cle).corps.contains("Aucun effectif ne correspond"))
            let journal = try await banc.store.journal(limite: 10)
            #expect(journal.contains { $0.action == "apprenant_export" && $0.acteurEmail == "admin@tdb.test" })
            #expect(journal.contains { $0.action == "apprenant_efface" && $0.acteurEmail == "admin@tdb.test" })

            // Sent again by the ERP: accepted, and shown to the administrator once the service has looked.
            try await envoyer(client, banc, [dossierValideExemple])
            #expect(try await effectifsIndexes(admin) == 2)
            let donnees = DonneesApprenant(store: banc.store, horloge: banc.horloge, empreinte: SecretsServeur.sha256)
            #expect(try await donnees.surveillerRetours() == 1)
            let avis = try await admin.get("/admin/apprenants")
            #expect(avis.corps.contains("Apprenants effacés puis renvoyés") && !avis.corps.contains("<p>Aucun.</p>"))
        }
    }
}
