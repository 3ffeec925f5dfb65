import App
import Domain
import Foundation
import SQLiteStore
import TestSupport
import Testing

/// `tdb jobs list` / `tdb jobs run`, and notification mails through a real SMTP conversation.
@Suite(.serialized)
struct TachesCommandesTests {
    @Test func jobsAreListedRunByHandAndRecorded() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-jobs-\(UUID().uuidString)")
        let base = dir.appendingPathComponent("t.sqlite").path
        let avant = try ProcessusTdb.executer(["jobs", "list", "--database", base])
        for nom in ["purge-donnees", "retours-apprenants-effaces", "comptes-inactifs", "alerte-transmission"] {
            let ligne = avant.split(separator: "\n").first { $0.hasPrefix(nom + " ") }
            #expect(ligne?.hasSuffix("jamais") == true, "\(avant)")
        }
        #expect(avant.contains("tous les jours à 08:00 (heure de Paris)") && avant.contains("toutes les 60 minutes"))
        let run = try ProcessusTdb.executer(["jobs", "run", "alerte-transmission", "--database", base])
        #expect(run.hasPrefix("alerte-transmission : ") && run.contains("réussie"), "\(run)")
        #expect(run.contains("0 organisme(s) sans transmission depuis 30 jours"), "\(run)")
        let apres = try ProcessusTdb.executer(["jobs", "list", "--database", base])
        let ligne = apres.split(separator: "\n").first { $0.hasPrefix("alerte-transmission ") }
        #expect(ligne?.contains("réussie") == true, "\(apres)")
        let store = try SQLiteStore(path: base)
        let runs = try await store.executions(tache: "alerte-transmission", limite: 5)
        #expect(
            runs.count == 1 && runs.first?.resultat == .ok && runs.first?.titulaire.hasPrefix("tdb-jobs-run/") == true)
        _ = try ProcessusTdb.executer(["jobs", "run", "inconnue", "--database", base], attendu: 64)
    }

    @Test func aNotificationGoesOutAsTextAndHTML() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-smtp-\(UUID().uuidString)")
        let store = try SQLiteStore(path: dir.appendingPathComponent("t.sqlite").path)
        let notification = CourrielNotification(
            prenom: "Léa", sujet: "Alerte de transmission", paragraphes: ["Votre organisme n'a plus transmis."],
            liens: [("Gérer les clés", "https://tdb.test/ma-structure")], genre: .alerteTransmission)
        let m = notification.nouveauCourriel(a: "lea@cfa.test", urlPublique: "https://tdb.test", cle: "k1")
        #expect(try await store.ajouterCourriel(m, now: Date()))
        let serveur = try ServeurSMTPDeTest()
        let envoi = try EnvoiCourriels(store: store, smtpURL: "smtp://127.0.0.1:\(serveur.port)?from=tdb@test.fr")
        #expect(try await envoi.envoyerEnAttente() == 1)
        let recu = serveur.attendre()
        let plat = recu.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "")
        #expect(recu.contains("Content-Type: multipart/alternative; boundary=\"=_tdb_"))
        #expect(recu.contains("Content-Type: text/plain; charset=utf-8") && recu.contains("Content-Type: text/html"))
        // The text part comes first, the HTML last (the one a mail reader prefers).
        let texte = try #require(recu.range(of: "text/plain")).lowerBound
        let html = try #require(recu.range(of: "text/html")).lowerBound
        #expect(texte < html)
        #expect(plat.contains(Data(m.corps.utf8).base64EncodedString()))
        #expect(plat.contains(Data((m.html ?? "").utf8).base64EncodedString()))
        let envoye = try #require(try await store.courriels(limite: 1).first)
        #expect(envoye.envoyeLe != nil && envoye.html == m.html && envoye.cle == "k1")
    }
}
