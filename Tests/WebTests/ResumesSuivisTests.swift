import App
import Domain
import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import Web

/// Issue 15: the daily digests of the case work, run as the job runner runs them. The mission locale's users hear of
/// the CFA's request, the CFA's users of the mission locale's outcome; each mail lists only the recipient's own cases,
/// without any name; a second run of the same occurrence adds nothing.
@Suite(.serialized)
struct ResumesSuivisTests {
    let ml = MissionLocaleTests()
    let collaboration = CollaborationCFATests()

    func executer(_ nom: String, _ banc: Banc, heures: Double = 1) async throws -> BilanTache {
        let instant = MissionLocaleTests.aujourdhui.addingTimeInterval(heures * 3_600)
        return try await ResumesSuivis.executer(
            nom,
            ContexteTache(
                store: banc.store, occurrence: Occurrence(tache: nom, instant: instant), now: instant,
                urlPublique: "https://tdb.example.org"))
    }

    @Test func eachSideHearsOfTheOthersNewsOnceAndWithoutNames() async throws {
        let banc = try await ml.banc()
        try await banc.test { client in
            try await ml.peupler(banc, client)
            let cfa = try await collaboration.cfa(banc, client, OrganismesDeTest.amiens, "cfa@amiens.test")
            let amiens = try await ml.agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            _ = try await ml.agent(banc, client, "ML-ABBEVILLE", "agent@ml-abbeville.test")
            #expect(try await executer(ResumesSuivis.missionLocale, banc).comptes["courriels"] == 0)

            let id = try await collaboration.effectifDe(banc, "Recent")
            let envoi = try await cfa.post("/cfa/ruptures/\(id)/collaboration", paires: CollaborationCFATests.demande)
            #expect(envoi.status == .seeOther)
            #expect(try await executer(ResumesSuivis.missionLocale, banc).comptes["courriels"] == 1)
            #expect(try await executer(ResumesSuivis.missionLocale, banc).comptes["courriels"] == 0)
            let suivi = try await ml.idDe(banc, "Recent")
            let mails = try await banc.store.courriels(limite: 50)
            let pourML = try #require(mails.first { $0.destinataire == "agent@ml-amiens.test" })
            #expect(pourML.sujet.contains("1 dossier(s)"))
            #expect(pourML.corps.contains("1 nouvelle(s) demande(s) d'accompagnement"))
            #expect(pourML.corps.contains("https://tdb.example.org/mission-locale/suivis/\(suivi)"))
            #expect(pourML.corps.contains("/mon-compte/notifications"))
            #expect(pourML.html?.contains("<a href=") == true)
            for nom in ["RECENT", "Recent", "Léa"] { #expect(!pourML.corps.contains(nom), "\(nom)") }
            // Abbeville's agent and the CFA hear nothing of it.
            #expect(
                !mails.contains { $0.destinataire == "agent@ml-abbeville.test" || $0.destinataire == "cfa@amiens.test" }
            )

            // The mission locale answers: the CFA's digest, the next morning.
            let version = try #require(try await banc.store.suivi(id: suivi)).version
            _ = try await amiens.post(
                "/mission-locale/suivis/\(suivi)",
                ["joint": "oui", "situation": "RENDEZ_VOUS_PRIS", "version": "\(version)"])
            _ = try await amiens.post("/mission-locale/suivis/\(suivi)/commentaires", ["message": "Rendez-vous pris."])
            #expect(try await executer(ResumesSuivis.cfa, banc).comptes["courriels"] == 1)
            let pourCFA = try #require(
                try await banc.store.courriels(limite: 50).first { $0.destinataire == "cfa@amiens.test" })
            #expect(pourCFA.corps.contains("La mission locale a des nouvelles de 1 de vos jeunes"))
            #expect(pourCFA.corps.contains("https://tdb.example.org/cfa/ruptures/\(id)"))
            #expect(!pourCFA.corps.contains("Rendez-vous pris."))
            // Two days later: the news are old, nothing is sent.
            #expect(try await executer(ResumesSuivis.cfa, banc, heures: 49).comptes["courriels"] == 0)
        }
    }
}
