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

/// Issue 14: a mission locale's work list, case page, outcome form and downloads, through the real router; and who
/// may see which case.
@Suite(.serialized)
struct MissionLocaleTests {
    static let aujourdhui = Date(timeIntervalSince1970: 1_743_465_600)  // 2025-04-01

    static let missionsLocales = [
        MissionLocale(code: "ML-AMIENS", nom: "Mission locale d'Amiens", communes: ["80021"]),
        MissionLocale(code: "ML-ABBEVILLE", nom: "Mission locale d'Abbeville", communes: ["80001"]),
        MissionLocale(code: "ML-LYON", nom: "Mission locale de Lyon", communes: ["69123"]),
    ]

    /// Young people in rupture: four in Amiens (a minor, an RQTH adult of 30, a recent and an old rupture), two in
    /// Abbeville, one in Lyon, and one too old without RQTH.
    static let jeunes: [(id: String, nom: String, naissance: String, rupture: String, commune: String, rqth: Bool)] = [
        ("A1", "Mineur", "2008-06-01", "2025-03-20", "80021", false),
        ("A2", "Travailleur", "1995-01-01", "2025-01-15", "80021", true),
        ("A3", "Recent", "2004-02-02", "2025-03-25", "80021", false),
        ("A4", "Ancien", "2003-03-03", "2025-01-10", "80021", false),
        ("B1", "Abbevillois", "2004-04-04", "2025-02-02", "80001", false),
        ("B2", "Picard", "2005-05-05", "2025-02-03", "80001", false),
        ("L1", "Lyonnais", "2005-05-05", "2025-02-03", "69123", false),
        ("X1", "Tropvieux", "1990-01-01", "2025-02-03", "80021", false),
    ]

    func peupler(_ banc: Banc, _ client: any TestClientProtocol) async throws {
        let lot: [JSONValue] = Self.jeunes.map { j in
            item([
                "id_erp_apprenant": .string(j.id), "nom_apprenant": .string(j.nom),
                "date_de_naissance_apprenant": .string(j.naissance), "contrat_date_debut": .string("2024-09-02"),
                "contrat_date_fin": .string("2026-06-30"), "contrat_date_rupture": .string(j.rupture),
                "cause_rupture_contrat": .string("démission"), "siret_employeur": .string("13002526500013"),
                "code_commune_insee_apprenant": .string(j.commune), "rqth_apprenant": .bool(j.rqth),
                "tel_apprenant": .string("01 99 00 00 \(String(format: "%02d", abs(j.id.hashValue) % 100))"),
                "email_contact": .string("\(j.nom.lowercased())@example.org"),
                "responsable_apprenant_mail1": .string("parent.\(j.nom.lowercased())@example.org"),
            ])
        }
        let r = try await client.execute(
            uri: "/api/v3/dossiers-apprenants", method: .post,
            headers: PagesTableauTests.entetes(banc, OrganismesDeTest.amiens),
            body: ByteBuffer(string: JSONTexte.ecrire(.valeur(.array(lot)))))
        #expect(r.status == .ok)
    }

    func banc() async throws -> Banc {
        let banc = try await Banc(horloge: .fixed(Self.aujourdhui))
        _ = try await banc.store.importer(missionsLocales: Self.missionsLocales, now: Self.aujourdhui)
        return banc
    }

    /// An agent of the mission locale, signed in (its organisation created with the first one).
    func agent(_ banc: Banc, _ client: any TestClientProtocol, _ code: String, _ email: String) async throws
        -> Navigateur
    {
        let nouvelle = NouvelleOrganisation(type: .missionLocale, nom: "ML \(code)", missionLocale: code)
        var org = try await banc.store.organisationExistante(nouvelle)
        if org == nil { org = try await banc.store.creerOrganisation(nouvelle, now: Banc.maintenant) }
        _ = try await banc.store.creerUtilisateur(
            NouvelUtilisateur(
                email: email, nom: "N", prenom: "P", organisation: try #require(org).id, role: .membre,
                statut: .actif,
                hashMotDePasse: await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: ComptesTests.motDePasse)),
            now: Banc.maintenant)
        let nav = Navigateur(client)
        #expect(try await ComptesTests().connecter(nav, email).status == .seeOther)
        return nav
    }

    func idDe(_ banc: Banc, _ nom: String) async throws -> SuiviID {
        try #require(try await banc.store.suivis(missionsLocales: nil).first { $0.ligne.nom == nom.uppercased() }).id
    }

    @Test func theListShowsTheTerritorysYoungPeoplePriorityFirstAndOnlyThem() async throws {
        let banc = try await banc()
        try await banc.test { client in
            try await peupler(banc, client)
            let amiens = try await agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            let page = try await amiens.get("/mission-locale")
            #expect(page.status == .ok)
            for nom in ["MINEUR", "TRAVAILLEUR", "RECENT", "ANCIEN"] { #expect(page.corps.contains(nom)) }
            for nom in ["ABBEVILLOIS", "PICARD", "LYONNAIS", "TROPVIEUX"] { #expect(!page.corps.contains(nom)) }
            #expect(page.corps.contains("À traiter <span class=\"compte-onglet\">(4)</span>"))
            // Priority first (minor, RQTH, recent rupture), then the rest by month of rupture.
            let ordre = ["MINEUR", "TRAVAILLEUR", "RECENT", "ANCIEN"].compactMap {
                page.corps.range(of: $0)?.lowerBound
            }
            #expect(ordre.count == 4)
            #expect(page.corps.range(of: "Prioritaires")!.lowerBound < ordre[0])
            #expect(ordre[3] > page.corps.range(of: "Rupture en janvier 2025")!.lowerBound)

            // Filters: minors, RQTH, search by name (accents and case ignored), bad values named.
            #expect(try await amiens.get("/mission-locale?mineur=oui").corps.contains("(1)</span>"))
            let rqth = try await amiens.get("/mission-locale?rqth=oui")
            #expect(rqth.corps.contains("TRAVAILLEUR") && !rqth.corps.contains("MINEUR"))
            let recherche = try await amiens.get("/mission-locale?recherche=r%C3%A9cent")
            #expect(recherche.corps.contains("RECENT") && !recherche.corps.contains("ANCIEN"))
            let mauvais = try await amiens.get("/mission-locale?onglet=partout&commune=Paris")
            #expect(mauvais.status == .badRequest)
            #expect(mauvais.corps.contains("Onglet") && mauvais.corps.contains("Commune"))
        }
    }

    @Test func processingCasesWithSaveAndNextMovesThemAcrossTabs() async throws {
        let banc = try await banc()
        try await banc.test { client in
            try await peupler(banc, client)
            let amiens = try await agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            let mineur = try await idDe(banc, "Mineur")
            try await banc.store.enregistrer(
                parametres: ParametresMissionLocale(rdvUrl: "https://rdv.example.org/amiens"),
                missionLocale: "ML-AMIENS")
            let fiche = try await amiens.get("/mission-locale/suivis/\(mineur)")
            #expect(fiche.corps.contains("href=\"https://rdv.example.org/amiens\""))
            #expect(fiche.status == .ok)
            #expect(fiche.corps.contains("href=\"mailto:mineur@example.org\""))
            #expect(fiche.corps.contains("parent.mineur@example.org") && fiche.corps.contains("href=\"tel:"))
            #expect(fiche.corps.contains("SIRET 13002526500013") && fiche.corps.contains("démission"))

            // Errors name their field, the form keeps what was typed, nothing is recorded.
            let vide = try await amiens.post(
                "/mission-locale/suivis/\(mineur)", ["version": "0", "commentaire": "appel à 10 h"])
            #expect(vide.status == .badRequest)
            #expect(vide.corps.contains("Avez-vous pu joindre le jeune ? : répondez oui ou non."))
            #expect(vide.corps.contains("appel à 10 h"))
            let incoherent = try await amiens.post(
                "/mission-locale/suivis/\(mineur)", ["version": "0", "joint": "oui", "probleme": "INJOIGNABLE"])
            #expect(incoherent.status == .badRequest && incoherent.corps.contains("Situation : choisissez"))
            #expect(try await banc.store.evenements(suivi: mineur).isEmpty)

            // Save and next: the next priority case opens (priority ones by month of rupture, then by name).
            let r = try await amiens.post(
                "/mission-locale/suivis/\(mineur)",
                [
                    "version": "0", "joint": "oui", "situation": "RENDEZ_VOUS_PRIS", "suivant": "1",
                    "onglet": "a-traiter",
                ])
            #expect(r.status == .seeOther)
            let suivant = try await idDe(banc, "Recent")
            #expect(r.headers[.location]?.hasPrefix("/mission-locale/suivis/\(suivant)?") == true)
            let liste = try await amiens.get("/mission-locale")
            #expect(liste.corps.contains("À traiter <span class=\"compte-onglet\">(3)</span>"))
            #expect(liste.corps.contains("Déjà traités <span class=\"compte-onglet\">(1)</span>"))
            let nonJoint = try await amiens.post(
                "/mission-locale/suivis/\(suivant)", ["version": "0", "joint": "non", "probleme": "INJOIGNABLE"])
            #expect(nonJoint.status == .seeOther)
            #expect(try await amiens.get("/mission-locale?onglet=a-recontacter").corps.contains("RECENT"))

            // Two agents on the same case: the second save is refused, says who and when, keeps the typing.
            let collegue = try await agent(banc, client, "ML-AMIENS", "collegue@ml-amiens.test")
            let conflit = try await collegue.post(
                "/mission-locale/suivis/\(mineur)",
                ["version": "0", "joint": "non", "probleme": "AUTRE", "commentaire": "mon texte à garder"])
            #expect(conflit.status == .conflict)
            #expect(conflit.corps.contains("a été modifiée par P N (agent@ml-amiens.test)"))
            #expect(conflit.corps.contains("mon texte à garder"))
            #expect(try await banc.store.evenements(suivi: mineur).count == 1)
            // The history says who did what.
            let historique = try await amiens.get("/mission-locale/suivis/\(mineur)")
            #expect(
                historique.corps.contains("Joint — Rendez-vous pris")
                    && historique.corps.contains("agent@ml-amiens.test"))
        }
    }

    @Test func downloadsHoldThreeSheetsAndAreJournaled() async throws {
        let banc = try await banc()
        try await banc.test { client in
            try await peupler(banc, client)
            let amiens = try await agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            let xlsx = try await amiens.get("/mission-locale/telechargement?format=xlsx")
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers[.contentType]?.contains("spreadsheetml") == true)
            let csv = try await amiens.get("/mission-locale/telechargement?format=csv")
            #expect(csv.corps.contains("MINEUR") && csv.corps.contains("mineur@example.org"))
            #expect(!csv.corps.contains("ABBEVILLOIS"))
            #expect(csv.corps.split(separator: "\r\n").count == 5)
            let mars = try await amiens.get("/mission-locale/telechargement?format=csv&mois=2025-03")
            #expect(mars.corps.split(separator: "\r\n").count == 3)
            #expect(try await amiens.get("/mission-locale/telechargement?format=pdf").status == .badRequest)
            #expect(try await amiens.get("/mission-locale/telechargement?mois=mars").status == .badRequest)
            let journal = try await banc.store.journal(limite: 50).map(\.detail)
            #expect(journal.contains { $0.contains("téléchargement XLSX") && $0.contains("— 4 lignes") })
            #expect(journal.contains { $0.contains("téléchargement CSV") && $0.contains("mois=2025-03") })
        }
    }

    @Test func noMissionLocaleReadsAnothersCaseAndNoOtherTypeOpensOne() async throws {
        let banc = try await banc()
        try await banc.test { client in
            try await peupler(banc, client)
            let tous = try await banc.store.suivis(missionsLocales: nil)
            var agents: [String: Navigateur] = [:]
            for ml in Self.missionsLocales {
                agents[ml.code] = try await agent(banc, client, ml.code, "agent@\(ml.code.lowercased()).test")
            }
            for (code, nav) in agents {
                let liste = try await nav.get("/mission-locale")
                let export = try await nav.get("/mission-locale/telechargement?format=csv")
                for s in tous {
                    let page = try await nav.get("/mission-locale/suivis/\(s.id)")
                    let sienne = s.ligne.missionLocale == code
                    #expect(page.status == (sienne ? .ok : .notFound), "\(code) → suivi \(s.id)")
                    let post = try await nav.post(
                        "/mission-locale/suivis/\(s.id)", ["version": "0", "joint": "non", "probleme": "AUTRE"])
                    #expect(sienne || post.status == .notFound)
                    if !sienne {
                        #expect(!liste.corps.contains(s.ligne.nom))
                        #expect(!export.corps.contains(s.ligne.nom))
                    }
                }
            }
            let autres: [NouvelleOrganisation] = [
                NouvelleOrganisation(type: .dreets, nom: "DREETS", region: "32"),
                NouvelleOrganisation(type: .ddets, nom: "DDETS", region: "32", departement: "80"),
                NouvelleOrganisation(type: .arml, nom: "ARML", region: "32"),
                NouvelleOrganisation(
                    type: .organismeFormation, nom: "CFA", organisme: banc.ids[OrganismesDeTest.amiens]),
                NouvelleOrganisation(type: .missionLocale, nom: "Mission locale hors référentiel"),
            ]
            for (k, o) in autres.enumerated() {
                let nav = try await FiltresPerimetreTests().membre(banc, client, o, "autre\(k)@test.test")
                #expect(try await nav.get("/mission-locale").status == .forbidden, "\(o.type)")
                #expect(try await nav.get("/mission-locale/suivis/\(tous[0].id)").status == .forbidden)
                #expect(try await nav.get("/mission-locale/telechargement").status == .forbidden)
            }
            #expect(try await Navigateur(client).get("/mission-locale").status == .seeOther)
        }
    }
}
