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

/// Issue 14 (F16): the statistics of the missions locales — who sees which missions locales (page, CSV, JSON), the
/// figures after outcomes are recorded, no named data; a mission locale's settings.
@Suite(.serialized)
struct StatistiquesSuiviTests {
    /// 15 June 2025, 10:00 UTC.
    static let maintenant = Date(timeIntervalSince1970: 1_749_981_600)

    static let referentiel = [
        MissionLocale(
            code: "ML-AMIENS", nom: "Mission locale d'Amiens", departement: "80", region: "32", communes: ["80021"]),
        MissionLocale(
            code: "ML-ABBEVILLE", nom: "Mission locale d'Abbeville", departement: "80", region: "32",
            communes: ["80001"]),
        MissionLocale(
            code: "ML-LYON", nom: "Mission locale de Lyon", departement: "69", region: "84", communes: ["69123"]),
    ]

    /// A learner of Amiens living in `commune`, whose contract broke on `rupture` (none: still in contract).
    static func apprenant(_ id: String, commune: String, rupture: String?) -> JSONValue {
        var champs: [String: JSONValue?] = [
            "id_erp_apprenant": .string(id), "nom_apprenant": .string("Secret\(id)"),
            "prenom_apprenant": .string("Prénom\(id)"), "date_de_naissance_apprenant": .string("2005-01-01"),
            "code_commune_insee_apprenant": .string(commune), "contrat_date_debut": .string("2024-10-01"),
        ]
        if let rupture { champs["contrat_date_rupture"] = .string(rupture) }
        return item(champs)
    }

    /// The référentiel, four cases (Amiens ×2, Abbeville, Lyon) and one learner still in contract; outcomes for both
    /// Amiens cases: reached 2 days after its rupture (1 June), not reached 10 days after (10 March).
    func peupler(_ banc: Banc, _ client: any TestClientProtocol) async throws {
        _ = try await banc.store.importer(missionsLocales: Self.referentiel, now: Self.maintenant)
        _ = try await banc.store.reconstruireSuivisSiNecessaire(now: Self.maintenant)
        let lot: [JSONValue] = [
            Self.apprenant("A1", commune: "80021", rupture: "2025-06-01"),
            Self.apprenant("A2", commune: "80021", rupture: "2025-03-10"),
            Self.apprenant("B1", commune: "80001", rupture: "2025-05-20"),
            Self.apprenant("L1", commune: "69123", rupture: "2025-06-05"),
            Self.apprenant("C1", commune: "80021", rupture: nil),
        ]
        let r = try await client.execute(
            uri: "/api/v3/dossiers-apprenants", method: .post,
            headers: PagesTableauTests.entetes(banc, OrganismesDeTest.amiens),
            body: ByteBuffer(string: JSONTexte.ecrire(.valeur(.array(lot)))))
        #expect(r.status == .ok)
        let amiens = try await banc.store.suivis(missionLocale: "ML-AMIENS")
        #expect(amiens.count == 2)
        for (rupture, resultat, le) in [
            ("2025-06-01", ResultatContact.joint(.rendezVousPris), "2025-06-03T09:00:00Z"),
            ("2025-03-10", .nonJoint(.injoignable), "2025-03-20T09:00:00Z"),
        ] {
            let s = try #require(amiens.first { $0.ligne.rupture == j(rupture) })
            let e = EvenementSuivi(
                le: try #require(ISO8601DateFormatter().date(from: le)), genre: .resultat, auteur: "Agent",
                rupture: j(rupture), resultat: resultat)
            #expect(try await banc.store.ajouter(e, a: s.id, versionLue: s.version) != .inconnu)
        }
    }

    /// A signed-in member of a new organisation.
    func membre(_ banc: Banc, _ client: any TestClientProtocol, _ o: NouvelleOrganisation, _ email: String)
        async throws -> Navigateur
    {
        let orga = try await banc.store.creerOrganisation(o, now: Self.maintenant)
        _ = try await banc.store.creerUtilisateur(
            NouvelUtilisateur(
                email: email, nom: "N", prenom: "P", organisation: orga.id, role: .membre, statut: .actif,
                hashMotDePasse: await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: ComptesTests.motDePasse)),
            now: Self.maintenant)
        let nav = Navigateur(client)
        #expect(try await ComptesTests().connecter(nav, email).status == .seeOther)
        return nav
    }

    func json(_ nav: Navigateur, _ uri: String) async throws -> [String: Any] {
        let r = try await nav.json(uri, .get)
        #expect(r.status == .ok, "\(uri) : \(r.corps.prefix(300))")
        return (try? JSONSerialization.jsonObject(with: Data(r.corps.utf8))) as? [String: Any] ?? [:]
    }

    func codes(_ o: [String: Any]) -> [String] {
        (o["par_mission_locale"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    func total(_ o: [String: Any]) -> [String: Any] {
        (o["total"] as? [String: Any]) ?? [:]
    }

    @Test func eachOrganisationTypeSeesItsMissionsLocalesAndOthersAre403() async throws {
        let banc = try await Banc(horloge: .fixed(Self.maintenant))
        try await ComptesTests().administrateur(banc)
        try await banc.test { client in
            try await peupler(banc, client)
            let ml = try await membre(
                banc, client, NouvelleOrganisation(type: .missionLocale, nom: "ML Amiens", missionLocale: "ML-AMIENS"),
                "ml@test.fr")
            let arml = try await membre(
                banc, client, NouvelleOrganisation(type: .arml, nom: "ARML HdF", region: "32"), "arml@test.fr")
            let dreets = try await membre(
                banc, client, NouvelleOrganisation(type: .dreets, nom: "DREETS ARA", region: "84"), "dreets@test.fr")
            let ddets = try await membre(
                banc, client, NouvelleOrganisation(type: .ddets, nom: "DDETS Somme", departement: "80"),
                "ddets@test.fr")
            let admin = Navigateur(client)
            _ = try await ComptesTests().connecter(admin, "admin@tdb.test")

            let uri = "/api/v1/suivi/statistiques"
            #expect(codes(try await json(ml, uri)) == ["ML-AMIENS"])
            #expect(codes(try await json(arml, uri)) == ["ML-ABBEVILLE", "ML-AMIENS"])
            #expect(codes(try await json(dreets, uri)) == ["ML-LYON"])
            #expect(codes(try await json(ddets, uri)) == ["ML-ABBEVILLE", "ML-AMIENS"])
            let national = try await json(admin, uri)
            #expect(codes(national) == ["ML-LYON", "ML-ABBEVILLE", "ML-AMIENS"])  // ARA, then Hauts-de-France
            #expect(total(national)["jeunes"] as? Int == 4)
            #expect(codes(try await json(admin, uri + "?region=84")) == ["ML-LYON"])
            #expect(codes(try await json(admin, uri + "?mission_locale=ML-ABBEVILLE")) == ["ML-ABBEVILLE"])

            // Each of them has the link and the page; the page names no young person.
            for nav in [ml, arml, dreets, ddets, admin] {
                let page = try await nav.get("/suivi/statistiques")
                #expect(page.status == .ok)
                #expect(page.corps.contains(#"href="/suivi/statistiques""#))
                #expect(!page.corps.contains("Secret") && !page.corps.contains("Prénom"))
                #expect(try await nav.get("/suivi/statistiques.csv").status == .ok)
            }

            // Outside the perimeter: a 400 naming the parameter.
            let horsML = try await ml.json(uri + "?mission_locale=ML-LYON", .get)
            #expect(horsML.status == .badRequest && horsML.corps.contains(#""code":"hors_perimetre""#))
            #expect(horsML.corps.contains(#""path":["mission_locale"]"#))
            let horsRegion = try await arml.get("/suivi/statistiques?region=84")
            #expect(horsRegion.status == .badRequest && horsRegion.corps.contains("Région hors de votre périmètre"))

            // Other types, and a mission locale account tied to no mission locale of the référentiel: 403, no link.
            for (i, o) in [
                NouvelleOrganisation(type: .academie, nom: "Rectorat", academie: "20"),
                NouvelleOrganisation(type: .conseilRegional, nom: "Région", region: "32"),
                NouvelleOrganisation(type: .franceTravail, nom: "FT", region: "32"),
                NouvelleOrganisation(type: .operateurPublicNational, nom: "Opérateur"),
                NouvelleOrganisation(type: .missionLocale, nom: "ML sans code"),
            ].enumerated() {
                let nav = try await membre(banc, client, o, "autre\(i)@test.fr")
                let page = try await nav.get("/suivi/statistiques")
                #expect(page.status == .forbidden, "\(o.type)")
                #expect(try await nav.get("/suivi/statistiques.csv").status == .forbidden)
                let api = try await nav.json(uri, .get)
                #expect(api.status == .forbidden && api.corps.contains(#""code":"interdit""#))
                #expect(!(try await nav.get("/mon-compte")).corps.contains("/suivi/statistiques"), "\(o.type)")
            }
        }
    }

    @Test func theFiguresFollowTheOutcomesAndThePeriod() async throws {
        let banc = try await Banc(horloge: .fixed(Self.maintenant))
        try await banc.test { client in
            try await peupler(banc, client)
            let ml = try await membre(
                banc, client, NouvelleOrganisation(type: .missionLocale, nom: "ML Amiens", missionLocale: "ML-AMIENS"),
                "ml@test.fr")
            let tout = try await json(ml, "/api/v1/suivi/statistiques")
            #expect(tout["periode"] as? String == "tout" && tout["date_periode"] as? String == "rupture")
            #expect(tout["debut"] as? String == "2025-01-01" && tout["fin"] as? String == "2025-06-15")
            #expect((tout["perimetre"] as? [String: Any])?["type"] as? String == "mission_locale")
            let t = total(tout)
            #expect(t["jeunes"] as? Int == 2 && t["traites"] as? Int == 2 && t["joints"] as? Int == 1)
            #expect(t["taux_joints"] as? Double == 50 && t["delai_median_jours"] as? Double == 6)
            let resultats = try #require(t["resultats"] as? [String: Int])
            #expect(resultats.count == StatistiquesSuivis.resultats.count)
            #expect(resultats["JOINT:RENDEZ_VOUS_PRIS"] == 1 && resultats["NON_JOINT:INJOIGNABLE"] == 1)
            let regions = try #require(tout["par_region"] as? [[String: Any]])
            #expect(regions.map { $0["region"] as? String } == ["32"])
            #expect(regions.first?["libelle"] as? String == "Hauts-de-France")

            // 30 days: only the rupture of 1 June.
            let mois = total(try await json(ml, "/api/v1/suivi/statistiques?periode=30-jours"))
            #expect(mois["jeunes"] as? Int == 1 && mois["taux_joints"] as? Double == 100)
            #expect(mois["delai_median_jours"] as? Double == 2)

            // The page shows the same, the CSV too.
            let page = try await ml.get("/suivi/statistiques?periode=3-mois")
            #expect(page.status == .ok)
            #expect(page.corps.contains("Ruptures de contrat du 16 mars 2025 au 15 juin 2025"))
            // 3 months: from 16 March, so the rupture of 10 March is out: one case, reached after 2 days.
            #expect(page.corps.contains("100\u{202F}%") && page.corps.contains("2 jours"))
            #expect(page.corps.contains(#"<option value="3-mois" selected>"#))
            #expect(!page.corps.contains(#"name="mission_locale""#))  // one mission locale: nothing to choose
            let csv = try await ml.get("/suivi/statistiques.csv?periode=tout")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains("statistiques-suivi-missions-locales") == true)
            let lignes = csv.corps.split(separator: "\r\n").map(String.init)
            #expect(
                lignes.first?.hasPrefix("\u{FEFF}Niveau;Code;Nom;Région;Jeunes dans les listes;Cas traités") == true)
            #expect(lignes.contains { $0.hasPrefix("Total;;Toutes les missions locales retenues;;2;2;1;50;6;2;1;") })
            #expect(
                lignes.contains {
                    $0.hasPrefix("Mission locale;ML-AMIENS;Mission locale d'Amiens;Hauts-de-France;2;2;1;50;6;")
                })
            #expect(!csv.corps.contains("Secret"))

            // Bad parameters: a 400 naming each one.
            let mauvais = try await ml.json("/api/v1/suivi/statistiques?periode=semaine&tri=nom", .get)
            #expect(mauvais.status == .badRequest)
            #expect(mauvais.corps.contains(#""path":["periode"]"#) && mauvais.corps.contains(#""path":["tri"]"#))
            let page400 = try await ml.get("/suivi/statistiques?region=XX")
            #expect(page400.status == .badRequest && page400.corps.contains("Code de région inconnu"))
        }
    }

    @Test func aMissionLocaleSetsItsBookingAddressAndNotificationAddress() async throws {
        let banc = try await Banc(horloge: .fixed(Self.maintenant))
        try await banc.test { client in
            _ = try await banc.store.importer(missionsLocales: Self.referentiel, now: Self.maintenant)
            let ml = try await membre(
                banc, client, NouvelleOrganisation(type: .missionLocale, nom: "ML Amiens", missionLocale: "ML-AMIENS"),
                "ml@test.fr")
            let page = try await ml.get("/mission-locale/parametres")
            #expect(page.status == .ok && page.corps.contains("Mission locale d&#39;Amiens"))
            #expect(page.corps.contains(#"href="/mission-locale/parametres""#))

            // Both fields wrong: a 400, each error on its field, the values typed kept.
            let refus = try await ml.post(
                "/mission-locale/parametres", ["rdv_url": "www.ml-amiens.fr", "email_notifications": "contact@"])
            #expect(refus.status == .badRequest)
            #expect(
                refus.corps.contains(
                    "Adresse de prise de rendez-vous : elle doit commencer par https:// ou http://."))
            #expect(refus.corps.contains("Adresse des notifications : adresse e-mail invalide"))
            #expect(refus.corps.contains(#"value="www.ml-amiens.fr""#) && refus.corps.contains(#"value="contact@""#))
            #expect(try await banc.store.parametres(missionLocale: "ML-AMIENS") == ParametresMissionLocale())
            let trop = try await ml.post(
                "/mission-locale/parametres", ["rdv_url": "https://ml.fr/" + String(repeating: "a", count: 490)])
            #expect(trop.status == .badRequest && trop.corps.contains("504 caractères, au plus 500 sont acceptés"))

            let ok = try await ml.post(
                "/mission-locale/parametres",
                ["rdv_url": "https://rdv.ml-amiens.fr/jeunes", "email_notifications": "Suivi@ML-Amiens.fr"])
            #expect(ok.status == .ok && ok.corps.contains("Paramètres enregistrés."))
            #expect(
                try await banc.store.parametres(missionLocale: "ML-AMIENS")
                    == ParametresMissionLocale(
                        rdvUrl: "https://rdv.ml-amiens.fr/jeunes", emailNotifications: "suivi@ml-amiens.fr"))
            let journal = try await banc.store.journal(limite: 20).filter { $0.action == "parametres_mission_locale" }
            #expect(journal.count == 1 && journal.first?.acteurEmail == "ml@test.fr")
            #expect(journal.first?.detail.contains("mission locale ML-AMIENS") == true)
            #expect(journal.first?.detail.contains("(aucune) → https://rdv.ml-amiens.fr/jeunes") == true)
            // The same values again: nothing written.
            _ = try await ml.post(
                "/mission-locale/parametres",
                ["rdv_url": "https://rdv.ml-amiens.fr/jeunes", "email_notifications": "suivi@ml-amiens.fr"])
            #expect(
                try await banc.store.journal(limite: 20).filter { $0.action == "parametres_mission_locale" }.count == 1)

            // Anyone else: 403, and no link.
            for (i, o) in [
                NouvelleOrganisation(type: .arml, nom: "ARML", region: "32"),
                NouvelleOrganisation(type: .missionLocale, nom: "ML sans code"),
            ].enumerated() {
                let autre = try await membre(banc, client, o, "autre\(i)@test.fr")
                #expect(try await autre.get("/mission-locale/parametres").status == .forbidden)
                #expect(try await autre.post("/mission-locale/parametres", ["rdv_url": ""]).status == .forbidden)
                #expect(!(try await autre.get("/mon-compte")).corps.contains("/mission-locale/parametres"))
            }
        }
    }
}
