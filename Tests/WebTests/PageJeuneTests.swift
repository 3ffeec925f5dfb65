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

/// Issue 15, the young person's answer: the mission locale invites from the case page, the young person answers on
/// `/jeunes/:jeton` without an account, the case moves; a token opens one case only, expires, is rate-limited.
@Suite(.serialized)
struct PageJeuneTests {
    let ml = MissionLocaleTests()

    /// A clock the test moves forward.
    final class Pendule: @unchecked Sendable {
        private let verrou = NSLock()
        private var t: Date
        init(_ t: Date) { self.t = t }
        var maintenant: Date { verrou.withLock { t } }
        func avancer(_ secondes: TimeInterval) { verrou.withLock { t += secondes } }
        var horloge: Horloge { Horloge(now: { self.maintenant }) }
    }

    func banc(_ pendule: Pendule? = nil) async throws -> Banc {
        let banc = try await Banc(horloge: pendule?.horloge ?? .fixed(MissionLocaleTests.aujourdhui))
        _ = try await banc.store.importer(
            missionsLocales: MissionLocaleTests.missionsLocales.map { m in
                var m = m
                m.telephone = "01 99 00 00 42"
                m.email = "contact@\(m.code.lowercased()).example.org"
                m.adresse = "3 rue de la République"
                return m
            }, now: MissionLocaleTests.aujourdhui)
        return banc
    }

    /// The token of the last invitation sent to `email`, read from the outbox.
    func jeton(_ banc: Banc, _ email: String) async throws -> String {
        let courriel = try #require(
            try await banc.store.courrielsAEnvoyer(limite: 100).last { $0.destinataire == email })
        let debut = try #require(courriel.corps.range(of: "/jeunes/"))
        return String(courriel.corps[debut.upperBound...].prefix(64))
    }

    func inviter(_ nav: Navigateur, _ banc: Banc, _ id: SuiviID) async throws -> Navigateur.Page {
        let version = try #require(try await banc.store.suivi(id: id)).version
        return try await nav.post("/mission-locale/suivis/\(id)/invitation", ["version": String(version)])
    }

    @Test func theMissionLocaleInvitesAndTheAnswerMovesTheCase() async throws {
        let banc = try await banc()
        try await banc.test { client in
            try await ml.peupler(banc, client)
            let amiens = try await ml.agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            let ancien = try await ml.idDe(banc, "Ancien")
            try await banc.store.enregistrer(
                parametres: ParametresMissionLocale(rdvUrl: "https://rdv.example.org/amiens"),
                missionLocale: "ML-AMIENS")
            let fiche = try await amiens.get("/mission-locale/suivis/\(ancien)")
            #expect(fiche.corps.contains("action=\"/mission-locale/suivis/\(ancien)/invitation\""))
            #expect(fiche.corps.contains("Inviter le jeune à répondre"))
            // Not a priority before answering: an old rupture of an adult.
            #expect(!fiche.corps.contains("Le jeune a répondu"))

            let envoi = try await inviter(amiens, banc, ancien)
            #expect(envoi.status == .seeOther)
            let apres = try await amiens.get(try #require(envoi.headers[.location]))
            #expect(apres.corps.contains("Invitation envoyée : le jeune a reçu le lien"))
            #expect(apres.corps.contains("Inviter à nouveau (nouveau lien)"))
            #expect(apres.corps.contains("Invitation envoyée au jeune (ancien@example.org)"))
            let courriel = try #require(try await banc.store.courrielsAEnvoyer(limite: 10).last)
            #expect(courriel.destinataire == "ancien@example.org")
            #expect(courriel.sujet == "Mission locale d'Amiens : souhaitez-vous être accompagné ?")
            #expect(courriel.corps.contains("Téléphone : 01 99 00 00 42"))
            #expect(courriel.corps.contains("https://rdv.example.org/amiens"))
            let jeton = try await jeton(banc, "ancien@example.org")
            #expect(jeton.count == 64 && jeton.allSatisfy(\.isHexDigit))
            #expect(!LiensCourriel.retirer(courriel.corps).contains(jeton))

            // The young person, without an account: first name, the mission locale, the question. Nothing else.
            let jeune = Navigateur(client)
            let page = try await jeune.get("/jeunes/\(jeton)")
            #expect(page.status == .ok)
            #expect(page.headers[HTTPField.Name("X-Robots-Tag")!] == "noindex, nofollow")
            #expect(page.corps.contains("<meta name=\"robots\" content=\"noindex\">"))
            #expect(page.corps.contains("Bonjour Léa") && page.corps.contains("Mission locale d&#39;Amiens"))
            #expect(page.corps.contains("Souhaitez-vous être accompagné ?"))
            #expect(page.corps.contains("href=\"tel:0199000042\"") && page.corps.contains("3 rue de la République"))
            #expect(page.corps.contains("href=\"https://rdv.example.org/amiens\""))
            #expect(page.corps.contains("uniquement aux conseillers de la mission locale"))
            #expect(page.corps.contains("supprimés 2 ans après sa clôture"))
            // The birth year only as part of a date: the page's random tokens are hexadecimal and may hold "2003".
            for secret in [
                "ANCIEN", "ancien@example.org", "/2003", "2003-", " 2003", "démission", "13002526500013", "01 99 00 00",
            ]
            where secret != "01 99 00 00" {
                #expect(!page.corps.contains(secret), "\(secret)")
            }
            #expect(!page.corps.contains("<script"))

            // A wrong phone number is named; nothing is written.
            let faux = try await jeune.post("/jeunes/\(jeton)", ["reponse": "oui", "telephone": "+44 20 7946 0958"])
            #expect(faux.status == .badRequest)
            #expect(faux.corps.contains("Numéro de téléphone : un numéro français est attendu"))
            #expect(faux.corps.contains("value=\"+44 20 7946 0958\""))
            let vide = try await jeune.post("/jeunes/\(jeton)", ["telephone": "12"])
            #expect(vide.status == .badRequest)
            #expect(vide.corps.contains("Souhaitez-vous être accompagné ? : choisissez une réponse"))
            #expect(vide.corps.contains("Numéro de téléphone : ce n&#39;est pas un numéro français valide"))
            #expect(try await banc.store.suivi(id: ancien)?.reponseJeune == nil)

            let merci = try await jeune.post("/jeunes/\(jeton)", ["reponse": "rappel", "telephone": "06 12 34 56 78"])
            #expect(merci.status == .ok)
            #expect(merci.corps.contains("Merci Léa") && merci.corps.contains("« Rappelez-moi »"))
            #expect(merci.corps.contains("va vous rappeler au 06 12 34 56 78"))
            #expect(merci.headers[HTTPField.Name("X-Robots-Tag")!] == "noindex, nofollow")

            // The mission locale sees it: banner, history, priority first in the list.
            let vue = try await amiens.get("/mission-locale/suivis/\(ancien)")
            #expect(vue.corps.contains("Le jeune a répondu : « Rappelez-moi » le 1er avril 2025 à 02:00"))
            #expect(vue.corps.contains("téléphone indiqué : 06 12 34 56 78"))
            #expect(vue.corps.contains("Le jeune a répondu sur sa page personnelle : « Rappelez-moi »"))
            let liste = try await amiens.get("/mission-locale")
            let prioritaires = try #require(liste.corps.range(of: "Prioritaires"))
            let position = try #require(liste.corps.range(of: "ANCIEN"))
            #expect(position.lowerBound > prioritaires.lowerBound)
            #expect(liste.corps.contains("Le jeune a répondu"))
            #expect(
                try await banc.store.reponsesJeunes(depuis: .distantPast, missionsLocales: ["ML-AMIENS"]).count == 1)

            // Answering again replaces the answer; both stay in the history.
            let page2 = try await jeune.get("/jeunes/\(jeton)")
            #expect(page2.corps.contains("Vous avez déjà répondu « Rappelez-moi »"))
            #expect(try await jeune.post("/jeunes/\(jeton)", ["reponse": "non-merci"]).status == .ok)
            #expect(try await banc.store.suivi(id: ancien)?.reponseJeune == .nonMerci)
            #expect(
                try await banc.store.evenements(suivi: ancien).map(\.genre) == [
                    .invitationJeune, .reponseJeune, .reponseJeune,
                ])

            // Inviting again: a new link, the old one stops working.
            #expect(try await inviter(amiens, banc, ancien).status == .seeOther)
            let nouveau = try await self.jeton(banc, "ancien@example.org")
            #expect(nouveau != jeton)
            #expect(try await jeune.get("/jeunes/\(jeton)").status == .notFound)
            #expect(try await jeune.get("/jeunes/\(nouveau)").status == .ok)
        }
    }

    @Test func aTokenOpensItsOwnCaseOnlyAndExpires() async throws {
        let pendule = Pendule(MissionLocaleTests.aujourdhui)
        let banc = try await banc(pendule)
        try await banc.test { client in
            try await ml.peupler(banc, client)
            let amiens = try await ml.agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            let abbeville = try await ml.agent(banc, client, "ML-ABBEVILLE", "agent@ml-abbeville.test")
            let mineur = try await ml.idDe(banc, "Mineur")
            let recent = try await ml.idDe(banc, "Recent")
            let picard = try await ml.idDe(banc, "Picard")
            #expect(try await inviter(amiens, banc, mineur).status == .seeOther)
            #expect(try await inviter(abbeville, banc, picard).status == .seeOther)
            let jetonMineur = try await jeton(banc, "mineur@example.org")
            let jetonPicard = try await jeton(banc, "picard@example.org")

            // Each token shows its own first name and mission locale, nothing of the other case.
            let jeune = Navigateur(client)
            let pageMineur = try await jeune.get("/jeunes/\(jetonMineur)")
            #expect(pageMineur.corps.contains("Mission locale d&#39;Amiens"))
            #expect(!pageMineur.corps.contains("Abbeville") && !pageMineur.corps.contains("PICARD"))
            let pagePicard = try await jeune.get("/jeunes/\(jetonPicard)")
            #expect(pagePicard.corps.contains("Mission locale d&#39;Abbeville") && !pagePicard.corps.contains("Amiens"))

            // A token used with another case's id in the form writes on its own case only.
            let r = try await jeune.post(
                "/jeunes/\(jetonPicard)", ["reponse": "oui", "suivi": String(mineur.rawValue), "id": "\(recent)"])
            #expect(r.status == .ok)
            #expect(try await banc.store.suivi(id: picard)?.reponseJeune == .oui)
            #expect(try await banc.store.suivi(id: mineur)?.reponseJeune == nil)
            #expect(try await banc.store.evenements(suivi: recent).isEmpty)

            // Unknown, malformed and tampered tokens: a 404 that says nothing, still not indexed.
            var altere = Array(jetonMineur)
            altere[0] = altere[0] == "a" ? "b" : "a"
            for chemin in [
                "/jeunes/" + String(repeating: "0", count: 64), "/jeunes/pas-un-jeton", "/jeunes/" + String(altere),
                "/jeunes/\(jetonMineur.uppercased())",
            ] {
                let p = try await jeune.get(chemin)
                #expect(p.status == .notFound, "\(chemin)")
                #expect(p.headers[HTTPField.Name("X-Robots-Tag")!] == "noindex, nofollow")
                #expect(p.corps.contains("<meta name=\"robots\" content=\"noindex\">"))
                #expect(!p.corps.contains("Léa") && !p.corps.contains("Mission locale d&#39;"))
                #expect(try await jeune.post(chemin, ["reponse": "oui"]).status == .notFound)
            }

            // Thirty days later the link is dead: 404 for reading and answering, nothing written.
            pendule.avancer(InvitationJeune.duree + 60)
            let expire = try await jeune.get("/jeunes/\(jetonMineur)")
            #expect(expire.status == .notFound && !expire.corps.contains("Léa"))
            #expect(try await jeune.post("/jeunes/\(jetonMineur)", ["reponse": "oui"]).status == .notFound)
            #expect(try await banc.store.suivi(id: mineur)?.reponseJeune == nil)
            #expect(try await banc.store.evenements(suivi: mineur).map(\.genre) == [.invitationJeune])
        }
    }

    @Test func onlyTheCasesMissionLocaleMayInvite() async throws {
        let banc = try await banc()
        try await banc.test { client in
            try await ml.peupler(banc, client)
            let mineur = try await ml.idDe(banc, "Mineur")
            let abbeville = try await ml.agent(banc, client, "ML-ABBEVILLE", "agent@ml-abbeville.test")
            #expect(try await inviter(abbeville, banc, mineur).status == .notFound)
            #expect(
                try await abbeville.post("/mission-locale/suivis/999999/invitation", ["version": "0"]).status
                    == .notFound)
            // Anonymous: to the sign-in page; nothing sent.
            let anonyme = Navigateur(client)
            #expect(try await inviter(anonyme, banc, mineur).status == .seeOther)
            #expect(try await banc.store.courrielsAEnvoyer(limite: 10).filter { $0.corps.contains("/jeunes/") }.isEmpty)
            #expect(try await banc.store.invitationJeune(suivi: mineur) == nil)

            // A stale version: refused with who saved, nothing sent.
            let amiens = try await ml.agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            #expect(try await inviter(amiens, banc, mineur).status == .seeOther)
            let perime = try await amiens.post("/mission-locale/suivis/\(mineur)/invitation", ["version": "0"])
            #expect(perime.status == .conflict && perime.corps.contains("l&#39;invitation n&#39;a pas été envoyée"))
            #expect(try await banc.store.evenements(suivi: mineur).count == 1)
        }
    }

    @Test func withoutAnEmailAddressThereIsNoButtonAndNoInvitation() async throws {
        let banc = try await banc()
        try await banc.test { client in
            let lot: [JSONValue] = [
                item([
                    "id_erp_apprenant": .string("S1"), "nom_apprenant": .string("Sansmail"),
                    "date_de_naissance_apprenant": .string("2004-02-02"), "contrat_date_debut": .string("2024-09-02"),
                    "contrat_date_fin": .string("2026-06-30"), "contrat_date_rupture": .string("2025-03-25"),
                    "code_commune_insee_apprenant": .string("80021"),
                ])
            ]
            let r = try await client.execute(
                uri: "/api/v3/dossiers-apprenants", method: .post,
                headers: PagesTableauTests.entetes(banc, OrganismesDeTest.amiens),
                body: ByteBuffer(string: JSONTexte.ecrire(.valeur(.array(lot)))))
            #expect(r.status == .ok)
            let amiens = try await ml.agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            let id = try await ml.idDe(banc, "Sansmail")
            #expect(!(try await amiens.get("/mission-locale/suivis/\(id)")).corps.contains("/invitation\""))
            let refus = try await inviter(amiens, banc, id)
            #expect(refus.status == .badRequest)
            #expect(refus.corps.contains("Courriel du jeune : aucune adresse e-mail valide"))
            #expect(try await banc.store.invitationJeune(suivi: id) == nil)
            #expect(try await banc.store.evenements(suivi: id).isEmpty)
        }
    }

    @Test func tooManyVisitsFromOneAddressAre429WithAFrenchPage() async throws {
        let banc = try await banc()
        try await banc.test { client in
            let jeune = Navigateur(client)
            let limite = try #require(ReglesLimites.reference.regles(.pageJeune).first).limite
            for _ in 0..<limite {
                #expect(try await jeune.get("/jeunes/" + String(repeating: "a", count: 64)).status == .notFound)
            }
            let refus = try await jeune.get("/jeunes/" + String(repeating: "a", count: 64))
            #expect(refus.status == .tooManyRequests)
            #expect(refus.corps.contains("Trop de visites de pages personnelles depuis cette adresse : réessayez dans"))
            #expect(refus.headers[.retryAfter] != nil)
            #expect(refus.headers[HTTPField.Name("X-Robots-Tag")!] == "noindex, nofollow")
            #expect(
                try await jeune.post("/jeunes/" + String(repeating: "a", count: 64), ["reponse": "oui"]).status
                    == .tooManyRequests)
        }
    }

    @Test func newCasesAreInvitedAutomaticallyWhenTheMissionLocaleChoseSo() async throws {
        let banc = try await banc()
        try await banc.test { client in
            let amiens = try await ml.agent(banc, client, "ML-AMIENS", "agent@ml-amiens.test")
            let reglage = try await amiens.post("/mission-locale/parametres", ["inviter_jeunes": "oui"])
            #expect(reglage.status == .ok && reglage.corps.contains("Paramètres enregistrés."))
            #expect(reglage.corps.contains("id=\"inviter_jeunes\" name=\"inviter_jeunes\" value=\"oui\""))
            #expect(try await banc.store.parametres(missionLocale: "ML-AMIENS").inviterJeunes)
            try await ml.peupler(banc, client)
            // A rupture the ERP announces for next month: not invited before it happens.
            let futur: [JSONValue] = [
                item([
                    "id_erp_apprenant": .string("F1"), "nom_apprenant": .string("Futur"),
                    "date_de_naissance_apprenant": .string("2004-02-02"), "contrat_date_debut": .string("2024-09-02"),
                    "contrat_date_fin": .string("2026-06-30"), "contrat_date_rupture": .string("2025-05-10"),
                    "code_commune_insee_apprenant": .string("80021"), "email_contact": .string("futur@example.org"),
                ])
            ]
            #expect(
                try await client.execute(
                    uri: "/api/v3/dossiers-apprenants", method: .post,
                    headers: PagesTableauTests.entetes(banc, OrganismesDeTest.amiens),
                    body: ByteBuffer(string: JSONTexte.ecrire(.valeur(.array(futur))))
                ).status == .ok)
            #expect(try await banc.store.suivis(missionLocale: "ML-AMIENS").contains { $0.ligne.nom == "FUTUR" })

            let secrets = SecretsServeur(coutBcrypt: 4)
            let n = try await InvitationsJeunes.inviterNouveauxCas(
                store: banc.store, secrets: secrets, urlPublique: "https://tdb.example.org",
                now: MissionLocaleTests.aujourdhui)
            // The four cases of Amiens (all with an address); Abbeville and Lyon did not choose it.
            #expect(n == 4)
            let courriels = try await banc.store.courrielsAEnvoyer(limite: 100).filter {
                $0.corps.contains("https://tdb.example.org/jeunes/")
            }
            #expect(
                Set(courriels.map(\.destinataire)) == [
                    "mineur@example.org", "travailleur@example.org", "recent@example.org", "ancien@example.org",
                ])
            let mineur = try await ml.idDe(banc, "Mineur")
            let historique = try await banc.store.evenements(suivi: mineur)
            #expect(historique.map(\.genre) == [.invitationJeune])
            #expect(historique.first?.auteur == EvenementSuivi.auteurService)
            // Never twice.
            #expect(
                try await InvitationsJeunes.inviterNouveauxCas(
                    store: banc.store, secrets: secrets, urlPublique: "https://tdb.example.org",
                    now: MissionLocaleTests.aujourdhui) == 0)
            // Turned off, journaled.
            let arret = try await amiens.post("/mission-locale/parametres", [:])
            #expect(arret.corps.contains("Paramètres enregistrés."))
            #expect(try await banc.store.parametres(missionLocale: "ML-AMIENS").inviterJeunes == false)
        }
    }
}
