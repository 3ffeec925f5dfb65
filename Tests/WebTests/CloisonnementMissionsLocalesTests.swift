import App
import Domain
import Foundation
import HummingbirdTesting
import SQLiteStore
import TestSupport
import Testing
import Web

/// Issue 14: on a small demo country, every pair among the 24 demo missions locales with the most cases: none reads
/// another's case (page, form, download), and no other organisation type opens a case page.
@Suite(.serialized)
struct CloisonnementMissionsLocalesTests {
    @Test func noDemoMissionLocaleReadsAnothersCase() async throws {
        let chemin = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tdb-cloisons-\(UUID().uuidString)/tdb.sqlite"
        ).path
        let store = try SQLiteStore(path: chemin)
        let maintenant = Date(timeIntervalSince1970: 1_780_272_000)  // 2026-06-01
        // The demo référentiel of organismes and missions locales; demo learners for one organisme in each of 30
        // départements, through the same ingestion as the API.
        let lu = ImportOrganismes.lire(FichierCSV(texte: try RemplissageDemo.referentiel()))
        _ = try await store.importer(organismes: lu.organismes)
        _ = try await MissionsLocalesDemo.installer(store: store, now: maintenant)
        let pays = PaysDemo(graine: 3)
        var departements = Set<String>()
        for o in try await store.tousLesOrganismes() where departements.count < 30 {
            guard let cle = o.cle, let d = o.adresse.departement, departements.insert(d).inserted else { continue }
            let items = pays.apprenants(
                organisme: cle, departement: d, responsable: cle, annee: AnneeScolaire("2025-2026")!, nombre: 60,
                graine: UInt64(departements.count))
            _ = try await Ingestion(store: store, horloge: .fixed(maintenant)).traiter(
                items, transmetteur: o.id, cleApi: nil)
        }
        // The 24 missions locales with the most cases (every pair: 552 readings of another's case).
        let parMissionLocale = Dictionary(
            uniqueKeysWithValues: Dictionary(
                grouping: try await store.suivis(missionsLocales: nil), by: { $0.ligne.missionLocale ?? "" }
            ).sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.prefix(24).map { ($0.key, $0.value) })
        #expect(parMissionLocale.count == 24, "trop peu de missions locales avec des suivis")
        // The demo contacts are unique (prenom.nom.N@example.org): what a download of another would show.
        var courriels: [SuiviID: String] = [:]
        for s in parMissionLocale.values.compactMap(\.first) {
            courriels[s.id] = try await store.effectif(id: s.ligne.effectif)?.effectif.apprenant.courriel
        }
        #expect(courriels.count == parMissionLocale.count)
        var config = AppConfig()
        config.databasePath = chemin
        config.logLevel = .error
        config.coutBcrypt = 4
        config.cookiesSecurises = false
        let horloge = Horloge.fixed(maintenant)
        let app = try await construireApplication(config: config, store: store, horloge: horloge)
        let hache = await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: ComptesTests.motDePasse)
        func membre(_ o: NouvelleOrganisation, _ email: String) async throws -> String {
            var existante = try await store.organisationExistante(o)
            if existante == nil { existante = try await store.creerOrganisation(o, now: maintenant) }
            let org = try #require(existante)
            _ = try await store.creerUtilisateur(
                NouvelUtilisateur(
                    email: email, nom: "N", prenom: "P", organisation: org.id, role: .membre, statut: .actif,
                    hashMotDePasse: hache), now: maintenant)
            return email
        }
        var agents: [(code: String, email: String)] = []
        for code in parMissionLocale.keys.sorted() {
            agents.append(
                (
                    code,
                    try await membre(
                        NouvelleOrganisation(type: .missionLocale, nom: "Agents \(code)", missionLocale: code),
                        "agent@\(code.lowercased()).test")
                ))
        }
        let autres = [
            try await membre(NouvelleOrganisation(type: .dreets, nom: "D", region: "84"), "dreets@cloisons.test"),
            try await membre(NouvelleOrganisation(type: .arml, nom: "A", region: "84"), "arml@cloisons.test"),
            try await membre(
                NouvelleOrganisation(type: .ddets, nom: "DD", region: "84", departement: "69"), "ddets@cloisons.test"),
        ]
        let (tousLesAgents, lesCourriels) = (agents, courriels)
        try await app.test(.router) { client in
            for (code, email) in tousLesAgents {
                let nav = Navigateur(client)
                #expect(try await ComptesTests().connecter(nav, email).status == .seeOther)
                let export = try await nav.get("/mission-locale/telechargement?format=csv")
                #expect(export.status == .ok)
                for (autre, suivis) in parMissionLocale {
                    // One case of every other mission locale: page and form answer 404, the download names none.
                    let s = try #require(suivis.first)
                    let page = try await nav.get("/mission-locale/suivis/\(s.id)")
                    #expect(page.status == (autre == code ? .ok : .notFound), "\(code) → \(autre)")
                    if autre != code, let courriel = lesCourriels[s.id] {
                        #expect(!export.corps.contains(courriel), "\(code) ← \(autre)")
                    }
                }
                let s = try #require(parMissionLocale.first { $0.key != code }?.value.first)
                let post = try await nav.post(
                    "/mission-locale/suivis/\(s.id)", ["version": "0", "joint": "non", "probleme": "AUTRE"])
                #expect(post.status == .notFound)
            }
            let un = try #require(parMissionLocale.values.first?.first)
            for email in autres {
                let nav = Navigateur(client)
                #expect(try await ComptesTests().connecter(nav, email).status == .seeOther)
                #expect(try await nav.get("/mission-locale/suivis/\(un.id)").status == .forbidden, "\(email)")
            }
        }
        #expect(try await store.evenements(suivi: try #require(parMissionLocale.values.first?.first).id).isEmpty)
    }
}
