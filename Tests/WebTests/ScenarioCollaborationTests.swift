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

/// Issue 15, "Done when", in one story through the real router: a CFA declares a rupture its ERP has not sent and
/// asks the mission locale for support; the mission locale sees the priority case, records an outcome and comments;
/// the CFA sees it; the morning digests land in the outbox and reach an SMTP server on loopback; the young person,
/// invited, answers on their personal page and the case moves.
@Suite(.serialized)
struct ScenarioCollaborationTests {
    let ml = MissionLocaleTests()
    let collaboration = CollaborationCFATests()
    let declarations = DeclarationRuptureWebTests()
    let resumes = ResumesSuivisTests()

    @Test func aYoungPersonInRuptureFromTheCFAsDeclarationToTheirOwnAnswer() async throws {
        let banc = try await ml.banc()
        try await banc.test { client in
            try await declarations.envoyer(banc, client, [("D1", "Declare")])
            let cfa = try await collaboration.cfa(banc, client, OrganismesDeTest.amiens, "cfa@amiens.test")
            let amiens = try await ml.agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            let id = try await declarations.effectif(banc, "Declare")

            // The CFA declares the rupture, then asks for support.
            let declaration = try await cfa.post(
                "/cfa/ruptures/declarer/\(id)", paires: [("date", "2025-03-28"), ("cause", "Démission")])
            #expect(declaration.status == .seeOther)
            let demande = try await cfa.post(
                "/cfa/ruptures/\(id)/collaboration", paires: CollaborationCFATests.demande)
            #expect(demande.headers[.location] == "/cfa/ruptures/\(id)?avis=demande")

            // The mission locale: the priority case, declared by the CFA, one unread.
            let liste = try await amiens.get("/mission-locale")
            for texte in ["DECLARE", "Demande du CFA", "Rupture déclarée par le CFA", "Jeunes en rupture (1 non lu)"] {
                #expect(liste.corps.contains(texte), "\(texte)")
            }
            let suivi = try #require(try await banc.store.suivis(effectifs: [id]).first)
            let version = suivi.version
            #expect(
                try await amiens.post(
                    "/mission-locale/suivis/\(suivi.id)",
                    ["joint": "oui", "situation": "RENDEZ_VOUS_PRIS", "version": "\(version)"]
                ).status == .seeOther)
            #expect(
                try await amiens.post(
                    "/mission-locale/suivis/\(suivi.id)/commentaires", ["message": "Rendez-vous jeudi à 10 h."]
                ).status == .seeOther)

            // The CFA sees the outcome and the comment.
            let rupturesCFA = try await cfa.get("/cfa/ruptures")
            #expect(rupturesCFA.corps.contains("Traité par la mission locale"))
            #expect(rupturesCFA.corps.contains("Nouveau message"))
            let fiche = try await cfa.get("/cfa/ruptures/\(id)")
            #expect(fiche.corps.contains("Rendez-vous jeudi à 10 h."))
            #expect(fiche.corps.contains("Mission locale : Joint — Rendez-vous pris"))

            // The morning digests: one to the mission locale's agent, one to the CFA's user, without any name.
            let avant = Set(try await banc.store.courrielsAEnvoyer(limite: 100).map(\.id))
            #expect(try await resumes.executer(ResumesSuivis.missionLocale, banc).comptes["courriels"] == 1)
            #expect(try await resumes.executer(ResumesSuivis.cfa, banc).comptes["courriels"] == 1)
            let digests = try await banc.store.courrielsAEnvoyer(limite: 100).filter { !avant.contains($0.id) }
            #expect(Set(digests.map(\.destinataire)) == ["agent@ml-amiens.test", "cfa@amiens.test"])
            for d in digests {
                #expect(!d.corps.contains("DECLARE") && !d.corps.contains("Declare"), "\(d.corps)")
            }
            // They go out through SMTP (a server on loopback, one session per e-mail).
            let enAttente = try await banc.store.courrielsAEnvoyer(limite: 100).count
            let serveur = try ServeurSMTPDeTest(sessions: enAttente)
            let envoi = try EnvoiCourriels(
                store: banc.store, smtpURL: "smtp://127.0.0.1:\(serveur.port)?from=tdb@test.fr")
            #expect(try await envoi.envoyerEnAttente() == enAttente)
            let transcript = serveur.attendre()
            #expect(transcript.contains("RCPT TO:<agent@ml-amiens.test>"))
            #expect(transcript.contains("RCPT TO:<cfa@amiens.test>"))
            #expect(try await banc.store.courrielsAEnvoyer(limite: 100).isEmpty)

            // The mission locale invites the young person, who answers on their page: the case moves.
            let relu = try #require(try await banc.store.suivi(id: suivi.id))
            #expect(
                try await amiens.post(
                    "/mission-locale/suivis/\(suivi.id)/invitation", ["version": "\(relu.version)"]
                ).status == .seeOther)
            let jeton = try await PageJeuneTests().jeton(banc, "declare@example.org")
            let jeune = Navigateur(client)
            let page = try await jeune.get("/jeunes/\(jeton)")
            #expect(page.status == .ok && page.corps.contains("Souhaitez-vous être accompagné"))
            #expect(!page.corps.contains("DECLARE"))
            #expect(
                try await jeune.post("/jeunes/\(jeton)", ["reponse": "rappel", "telephone": "06 12 34 56 78"]).status
                    == .ok)
            let apres = try #require(try await banc.store.suivi(id: suivi.id))
            #expect(apres.reponseJeune == .rappel && apres.reponseJeuneLe != nil)
            let cas = try await amiens.get("/mission-locale/suivis/\(suivi.id)")
            #expect(cas.corps.contains("Le jeune a répondu"))
            // The young person's answer is the mission locale's: the CFA does not read it.
            #expect(!(try await cfa.get("/cfa/ruptures/\(id)")).corps.contains("Le jeune a répondu"))
        }
    }
}
