import App
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import TestSupport
import Testing
import Web

/// Issue 15, through the real router and the jobs' code path (`TableDesTaches` run by `ExecuteurTaches`, as
/// `tdb jobs run NOM` does): a CFA turns automatic sending on; the job sends its young people in rupture for 45 days
/// or more whom it had not sent, once; the mission locale sees them as CFA requests, the history says they were sent
/// automatically; the weekly recap tells the mission locale what waits, once per occurrence.
@Suite(.serialized)
struct EnvoiAutomatiqueTests {
    let ml = MissionLocaleTests()
    let collaboration = CollaborationCFATests()

    /// Runs the occurrence `instant` of the job named `nom` as `tdb jobs run` does.
    func issue(_ banc: Banc, _ nom: String, _ instant: Date) async throws -> ExecuteurTaches.Issue {
        let tache = try #require(
            TableDesTaches.taches(
                store: banc.store, horloge: .fixed(instant), config: AppConfig(), logger: Logger(label: "test")
            ).first { $0.nom == nom })
        let executeur = ExecuteurTaches(
            store: banc.store, horloge: .fixed(instant), titulaire: "test", urlPublique: "https://tdb.test")
        return try await executeur.executer(tache, occurrence: Occurrence(tache: nom, instant: instant))
    }

    /// The same, which must run.
    func executer(_ banc: Banc, _ nom: String, _ instant: Date) async throws -> ExecutionTache {
        let issue = try await issue(banc, nom, instant)
        guard case .executee(let e) = issue else {
            Issue.record("\(nom) not run: \(issue)")
            throw CancellationError()
        }
        #expect(e.resultat == .ok, "\(e.message)")
        return e
    }

    @Test func aCFAsAutomaticSendingSendsItsOldRupturesOnceAndTheMissionLocaleSeesThem() async throws {
        let banc = try await ml.banc()
        try await banc.test { client in
            try await ml.peupler(banc, client)
            let cfa = try await collaboration.cfa(banc, client, OrganismesDeTest.amiens, "cfa@amiens.test")
            let liste = try await cfa.get("/cfa/ruptures")
            #expect(liste.corps.contains("Envoi automatique des demandes d'accompagnement : désactivé"))
            #expect(liste.corps.contains("href=\"/cfa/ruptures/envoi-automatique\""))
            let formulaire = try await cfa.get("/cfa/ruptures/envoi-automatique")
            #expect(formulaire.status == .ok)
            #expect(formulaire.corps.contains("name=\"jours\" value=\"45\""))
            #expect(!formulaire.corps.contains("checked"))

            // Each bad value is refused naming its field, the values typed kept.
            let mauvais = try await cfa.post("/cfa/ruptures/envoi-automatique", ["actif": "oui", "jours": "400"])
            #expect(mauvais.status == .badRequest)
            #expect(mauvais.corps.contains("Nombre de jours après la rupture : un nombre entier de 1 à 365"))
            #expect(mauvais.corps.contains("value=\"400\"") && mauvais.corps.contains("aria-invalid=\"true\""))
            let organisme = try #require(banc.ids[OrganismesDeTest.amiens])
            #expect(try await banc.store.envoiAutomatique(organisme: organisme) == ParametresEnvoiAutomatique())

            // The CFA sent one young person itself; it shows as the CFA's contact for the missions locales.
            let ancien = try await collaboration.effectifDe(banc, "Ancien")
            #expect(
                try await cfa.post("/cfa/ruptures/\(ancien)/collaboration", paires: CollaborationCFATests.demande)
                    .status == .seeOther)
            #expect(try await cfa.post("/mon-compte/contact-missions-locales", ["contact": "oui"]).status.code < 400)

            // Off: the job sends nothing.
            let lundi = MissionLocaleTests.aujourdhui.addingTimeInterval(6.5 * 3_600)
            #expect(try await executer(banc, EnvoiAutomatique.nom, lundi - 86_400).comptes["demandes"] == 0)

            let active = try await cfa.post("/cfa/ruptures/envoi-automatique", ["actif": "oui", "jours": "45"])
            #expect(active.status == .ok)
            #expect(active.corps.contains("les demandes partiront automatiquement après 45 jours de rupture"))
            #expect(
                try await banc.store.envoiAutomatique(organisme: organisme)
                    == ParametresEnvoiAutomatique(actif: true, jours: 45))
            #expect(try await cfa.get("/cfa/ruptures").corps.contains("activé, après 45 jours de rupture"))

            // On 1 April: Travailleur (15 January, RQTH), Abbevillois and Picard (2 and 3 February, Abbeville),
            // Lyonnais (3 February, Lyon). Not Ancien (sent), nor Mineur and Recent (less than 45 days), nor
            // Tropvieux (out of scope).
            let run = try await executer(banc, EnvoiAutomatique.nom, lundi)
            #expect(run.comptes["demandes"] == 4 && run.comptes["organismes"] == 1, "\(run.message)")
            let suivis = try await banc.store.suivis(missionsLocales: nil)
            let envoyes = Set(suivis.filter { $0.demandeCFALe == lundi }.map(\.ligne.nom))
            #expect(envoyes == ["TRAVAILLEUR", "ABBEVILLOIS", "PICARD", "LYONNAIS"])
            // The occurrence is done; run again, the same occurrence after a crash, or the next day: nothing more.
            #expect(try await issue(banc, EnvoiAutomatique.nom, lundi) == .dejaFaite)
            let reprise = ContexteTache(
                store: banc.store, occurrence: Occurrence(tache: EnvoiAutomatique.nom, instant: lundi), now: lundi + 60,
                urlPublique: "https://tdb.test")
            #expect(try await EnvoiAutomatique.executer(reprise, regles: ReglesSuivi()).comptes["demandes"] == 0)
            #expect(try await executer(banc, EnvoiAutomatique.nom, lundi + 86_400).comptes["demandes"] == 0)
            let historique = try await banc.store.evenements(suivi: try await ml.idDe(banc, "Travailleur"))
            #expect(historique.filter { $0.genre == .demandeCFA }.count == 1)

            // The mission locale: a priority "Demande du CFA", the history says it was sent automatically.
            let amiens = try await ml.agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            let travailleur = try await ml.idDe(banc, "Travailleur")
            let cas = try await amiens.get("/mission-locale/suivis/\(travailleur)")
            for texte in [
                "envoyée automatiquement pour le CFA après 45 jours de rupture",
                "Situation au CFA, cause et objectifs : non renseignés (demande automatique)",
                "cfa@amiens.test", EvenementSuivi.auteurService,
            ] { #expect(cas.corps.contains(texte), "\(texte)") }
            let page = try await amiens.get("/mission-locale")
            #expect(page.corps.contains("Demande du CFA"))
            // The CFA reads the same on its side, with the status "Demande envoyée".
            let fiche = try await cfa.get("/cfa/ruptures/\(try await collaboration.effectifDe(banc, "Travailleur"))")
            #expect(fiche.corps.contains("envoyée automatiquement pour le CFA après 45 jours de rupture"))
            #expect(fiche.corps.contains("Demande envoyée"))

            // The daily digest of the mission locale, an hour later, counts them as new requests.
            let digest = try await executer(banc, ResumesSuivis.missionLocale, lundi + 2_700)
            #expect(digest.comptes["courriels"] == 1)
            let mail = try #require(
                try await banc.store.courriels(limite: 20).first { $0.destinataire == "agent@ml-amiens.test" })
            #expect(mail.corps.contains("nouvelle(s) demande(s) d'accompagnement"), "\(mail.corps)")
        }
    }

    @Test func onlyTheCFAsOwnUsersReachTheSetting() async throws {
        let banc = try await ml.banc()
        try await banc.test { client in
            let amiens = try await ml.agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            #expect(try await amiens.get("/cfa/ruptures/envoi-automatique").status == .forbidden)
            #expect(
                try await amiens.post("/cfa/ruptures/envoi-automatique", ["actif": "oui"]).status == .forbidden)
            let anonyme = try await client.execute(uri: "/cfa/ruptures/envoi-automatique", method: .get)
            #expect(anonyme.status != .ok)
        }
    }

    @Test func theWeeklyRecapTellsEachMissionLocaleWhatWaitsOnce() async throws {
        let banc = try await ml.banc()
        try await banc.test { client in
            try await ml.peupler(banc, client)
            let amiens = try await ml.agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            _ = try await ml.agent(banc, client, "ML-ABBEVILLE", "agent@ml-abbeville.test")
            let ailleurs = try await ml.agent(banc, client, "ML-LYON", "agent@ml-lyon.test")
            // Lyon's agent turned the recap off.
            #expect(
                try await ailleurs.post(
                    "/mon-compte/notifications",
                    paires: GenreNotification.allCases.filter { $0 != .recapitulatifHebdomadaireMissionLocale }.map {
                        ($0.rawValue, "oui")
                    }
                ).status.code < 400)
            // Amiens reached Ancien: three of its four cases wait.
            let ancien = try await ml.idDe(banc, "Ancien")
            let version = try #require(try await banc.store.suivi(id: ancien)).version
            #expect(
                try await amiens.post(
                    "/mission-locale/suivis/\(ancien)",
                    ["joint": "oui", "situation": "RENDEZ_VOUS_PRIS", "version": "\(version)"]
                ).status == .seeOther)

            let lundi = MissionLocaleTests.aujourdhui.addingTimeInterval(7.75 * 3_600)
            let run = try await executer(banc, RecapitulatifHebdomadaire.nom, lundi)
            #expect(run.comptes["courriels"] == 2 && run.comptes["missions_locales"] == 3, "\(run.message)")
            // The occurrence is done; run again after a crash mid-run: nothing added.
            #expect(try await issue(banc, RecapitulatifHebdomadaire.nom, lundi) == .dejaFaite)
            let reprise = ContexteTache(
                store: banc.store, occurrence: Occurrence(tache: RecapitulatifHebdomadaire.nom, instant: lundi),
                now: lundi + 30, urlPublique: "https://tdb.test")
            #expect(
                try await RecapitulatifHebdomadaire.executer(reprise, regles: ReglesSuivi()).comptes["courriels"] == 0)
            let mails = try await banc.store.courriels(limite: 20)
            #expect(Set(mails.map(\.destinataire)) == ["agent@ml-amiens.test", "agent@ml-abbeville.test"])
            let pourAmiens = try #require(mails.first { $0.destinataire == "agent@ml-amiens.test" })
            #expect(pourAmiens.sujet == "Jeunes en rupture : 3 dossier(s) en attente cette semaine")
            #expect(pourAmiens.corps.contains("3 sans aucun retour enregistré"))
            #expect(pourAmiens.corps.contains("Mineur : 1"))
            let travailleur = try await ml.idDe(banc, "Travailleur")
            #expect(pourAmiens.corps.contains("https://tdb.test/mission-locale/suivis/\(travailleur)"))
            for nom in ["TRAVAILLEUR", "Travailleur", "MINEUR", "RECENT"] {
                #expect(!pourAmiens.corps.contains(nom), "\(nom)")
            }
            #expect(
                pourAmiens.cle
                    == RecapitulatifHebdomadaire.cle(
                        Occurrence(tache: RecapitulatifHebdomadaire.nom, instant: lundi), "agent@ml-amiens.test"))
        }
    }
}
