import App
import Domain
import Foundation
import HummingbirdTesting
import SQLiteStore
import TestSupport
import Testing
import Web

/// Issue 11, accounts, through the real router: no usable link kept or shown, old links refused, e-mails after a
/// password change, suspension / reactivation / deletion by the right people, inactive accounts.
@Suite(.serialized)
struct ComptesSecuriteTests {
    let outils = ComptesTests()
    var motDePasse: String { ComptesTests.motDePasse }

    /// Every link of this kind sent to this address, newest first.
    func liens(_ banc: Banc, _ email: String, _ chemin: String) async throws -> [String] {
        try await banc.store.courriels(limite: 100).filter { $0.destinataire == email }.compactMap { c in
            c.corps.range(of: chemin + #"\?jeton=[0-9a-f]+"#, options: .regularExpression).map { String(c.corps[$0]) }
        }
    }

    /// A reset link made straight in the store, as one sent earlier (before this version, or by another instance).
    func lienDirect(_ banc: Banc, _ email: String) async throws -> String {
        let u = try #require(try await banc.store.utilisateur(email: email))
        let valeur = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        _ = try await banc.store.creerJeton(
            .reinitialisation, hash: SecretsServeur.sha256(valeur), email: email, utilisateur: u.id,
            organisation: nil, role: nil, expireLe: Banc.maintenant.addingTimeInterval(3_600))
        return "/reinitialisation?jeton=\(valeur)"
    }

    func jeton(_ lien: String) -> String { String(lien.split(separator: "=").last ?? "") }

    @Test func olderResetLinksAreRefusedAndEveryPasswordChangeIsMailed() async throws {
        let banc = try await Banc()
        try await outils.administrateur(banc)
        try await banc.test { client in
            let nav = Navigateur(client)
            // A new link replaces the previous one.
            _ = try await nav.post("/mot-de-passe-oublie", ["email": "admin@tdb.test"])
            _ = try await nav.post("/mot-de-passe-oublie", ["email": "admin@tdb.test"])
            let deux = try await liens(banc, "admin@tdb.test", "/reinitialisation")
            #expect(deux.count == 2)
            let ancien = try await nav.get(deux[1])
            #expect(ancien.status == .gone && ancien.corps.contains("a expiré ou a déjà été utilisé"))
            #expect(try await nav.get(deux[0]).status == .ok)

            // A completed reset closes the other links, and the holder is told.
            let autre = try await lienDirect(banc, "admin@tdb.test")
            let nouveau = "Nouveau-Tableau-2026!"
            let ok = try await nav.post(
                "/reinitialisation", ["jeton": jeton(deux[0]), "mot_de_passe": nouveau, "confirmation": nouveau])
            #expect(ok.status == .ok)
            #expect(try await nav.get(autre).status == .gone)
            #expect(
                try await nav.post(
                    "/reinitialisation", ["jeton": jeton(autre), "mot_de_passe": nouveau, "confirmation": nouveau]
                )
                .status == .gone)
            let apresReinit = try await banc.store.courriels(limite: 1).first
            #expect(
                apresReinit?.destinataire == "admin@tdb.test"
                    && apresReinit?.sujet.contains("Votre mot de passe a été réinitialisé") == true)
            #expect(apresReinit?.corps.contains("Si ce n'est pas vous") == true)

            // So does a password change.
            #expect(try await outils.connecter(nav, "admin@tdb.test", nouveau).status == .seeOther)
            let encore = try await lienDirect(banc, "admin@tdb.test")
            let troisieme = "Troisieme-Tableau-2026?"
            let change = try await nav.post(
                "/mon-compte/mot-de-passe", ["actuel": nouveau, "mot_de_passe": troisieme, "confirmation": troisieme])
            #expect(change.status == .ok)
            #expect(try await nav.get(encore).status == .gone)
            let apresChangement = try await banc.store.courriels(limite: 1).first
            #expect(apresChangement?.sujet.contains("Votre mot de passe a été changé") == true)
            #expect(apresChangement?.corps.contains("/mot-de-passe-oublie") == true)

            // The new rules hold on every path: a common password, or one beyond 72 bytes, is refused with the reason.
            let courant = try await nav.post(
                "/mon-compte/mot-de-passe",
                [
                    "actuel": troisieme, "mot_de_passe": "Password2026!",
                    "confirmation": "Password2026!",
                ])
            #expect(courant.status == .badRequest && courant.corps.contains("Ce mot de passe est trop courant"))
            let long = "Aa1!" + String(repeating: "é", count: 35)
            let tropLong = try await nav.post(
                "/mon-compte/mot-de-passe", ["actuel": troisieme, "mot_de_passe": long, "confirmation": long])
            #expect(tropLong.status == .badRequest && tropLong.corps.contains("72 octets au plus"))
        }
        let actions = try await banc.store.journal(limite: 20).map(\.action)
        #expect(actions.contains("mot_de_passe_reinitialise") && actions.contains("mot_de_passe_change"))
    }

    @Test func theOutboxAndItsPageKeepNoUsableLink() async throws {
        let banc = try await Banc()
        try await outils.administrateur(banc)
        try await banc.test { client in
            let admin = Navigateur(client)
            _ = try await outils.connecter(admin, "admin@tdb.test")
            _ = try await Navigateur(client).post("/mot-de-passe-oublie", ["email": "admin@tdb.test"])
            let lien = try #require(try await liens(banc, "admin@tdb.test", "/reinitialisation").first)
            let avant = try await admin.get("/admin/emails")
            #expect(avant.status == .ok && avant.corps.contains("Réinitialisation de votre mot de passe"))
            #expect(!avant.corps.contains(jeton(lien)) && !avant.corps.contains("jeton="))
            #expect(avant.corps.contains("[lien masqué]"))

            let serveur = try ServeurSMTPDeTest()
            let envoi = try EnvoiCourriels(store: banc.store, smtpURL: "smtp://127.0.0.1:\(serveur.port)")
            #expect(try await envoi.envoyerEnAttente() == 1)
            let transcript = serveur.attendre()
            let apresEntetes = transcript.components(separatedBy: "\n\n").dropFirst().first ?? ""
            let base64 = apresEntetes.components(separatedBy: "\n.\n").first ?? ""
            let envoye = Data(base64Encoded: base64.replacingOccurrences(of: "\n", with: ""))
            #expect(envoye.map { String(decoding: $0, as: UTF8.self).contains(lien) } == true)  // the person got the link

            for c in try await banc.store.courriels(limite: 100) {
                #expect(!c.corps.contains("jeton="))
            }
            #expect(
                try await banc.store.courriels(limite: 1).first?.corps.contains("[lien retiré après envoi]") == true)
            let apres = try await admin.get("/admin/emails")
            #expect(!apres.corps.contains(jeton(lien)) && apres.corps.contains("[lien retiré après envoi]"))
            // The link itself still works: only the copy is gone.
            #expect(try await Navigateur(client).get(lien).status == .ok)
        }
    }

    /// Marc is a member of Léa's CFA; Paul belongs to another organisation.
    func membres(_ banc: Banc) async throws -> (marc: Utilisateur, paul: Utilisateur) {
        let lea = try #require(try await banc.store.utilisateur(email: "lea@cfa.test"))
        let hash = await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: motDePasse)
        let marc = try await banc.store.creerUtilisateur(
            NouvelUtilisateur(
                email: "marc@cfa.test", nom: "Petit", prenom: "Marc", organisation: lea.organisation, role: .membre,
                statut: .actif, hashMotDePasse: hash), now: Banc.maintenant)
        let lyon = try await banc.store.creerOrganisation(
            NouvelleOrganisation(type: .missionLocale, nom: "Mission locale de Lyon", departement: "69"),
            now: Banc.maintenant)
        let paul = try await banc.store.creerUtilisateur(
            NouvelUtilisateur(
                email: "paul@ml.test", nom: "Roux", prenom: "Paul", organisation: lyon.id, role: .administrateur,
                statut: .actif, hashMotDePasse: hash), now: Banc.maintenant)
        return (marc, paul)
    }

    @Test func organisationAdministratorsEndTheirOwnMembersOnly() async throws {
        let banc = try await Banc()
        try await banc.test { client in
            let lea = try await outils.leaActive(banc, client)
            let (marc, paul) = try await membres(banc)
            let navMarc = Navigateur(client)
            #expect(try await outils.connecter(navMarc, "marc@cfa.test").status == .seeOther)
            #expect(try await navMarc.json("/api/v1/session", .get).status == .ok)
            #expect(try await lea.get("/ma-structure").corps.contains("/ma-structure/membres/\(marc.id)/suspendre"))

            #expect(try await lea.post("/ma-structure/membres/\(marc.id)/suspendre").status == .seeOther)
            #expect(try await navMarc.json("/api/v1/session", .get).status == .unauthorized)  // the open session is closed
            let refus = try await outils.connecter(Navigateur(client), "marc@cfa.test")
            #expect(refus.status == .badRequest && refus.corps.contains("Votre compte est suspendu"))
            #expect(
                try await banc.store.courriels(limite: 1).first?.sujet.contains("Votre compte est suspendu") == true)

            // Another organisation's account, or a platform action, is not Léa's to take.
            #expect(try await lea.post("/ma-structure/membres/\(paul.id)/suspendre").status == .forbidden)
            #expect(try await lea.post("/ma-structure/membres/\(paul.id)/supprimer").status == .forbidden)
            #expect(try await lea.post("/admin/utilisateurs/\(marc.id)/reactiver").status == .forbidden)
            #expect(try await banc.store.utilisateur(id: paul.id)?.statut == .actif)

            #expect(try await lea.post("/ma-structure/membres/\(marc.id)/reactiver").status == .seeOther)
            #expect(try await outils.connecter(navMarc, "marc@cfa.test").status == .seeOther)
            // A member cannot end anyone's account.
            let leaId = try #require(try await banc.store.utilisateur(email: "lea@cfa.test")).id
            #expect(try await navMarc.post("/ma-structure/membres/\(leaId)/suspendre").status == .forbidden)

            #expect(try await lea.post("/ma-structure/membres/\(marc.id)/supprimer").status == .seeOther)
            #expect(try await navMarc.json("/api/v1/session", .get).status == .unauthorized)
            #expect(
                try await outils.connecter(Navigateur(client), "marc@cfa.test").corps.contains(
                    "Adresse e-mail ou mot de passe incorrect"))
            let efface = try #require(try await banc.store.utilisateur(id: marc.id))
            #expect(efface.statut == .supprime && efface.nom.isEmpty && !efface.email.contains("marc"))
            #expect(!(try await lea.get("/ma-structure")).corps.contains("marc@cfa.test"))
        }
        let journal = try await banc.store.journal(limite: 30)
        for action in ["compte_suspendu", "compte_reactive", "compte_supprime"] {
            #expect(
                journal.contains {
                    $0.action == action && $0.acteurEmail == "lea@cfa.test" && $0.detail.contains("marc@cfa.test")
                },
                "\(action)")
        }
    }

    @Test func platformAdministratorsEndAnyAccount() async throws {
        let banc = try await Banc()
        try await outils.administrateur(banc)
        try await banc.test { client in
            _ = try await outils.leaActive(banc, client)
            let (_, paul) = try await membres(banc)
            let admin = Navigateur(client)
            _ = try await outils.connecter(admin, "admin@tdb.test")
            let navPaul = Navigateur(client)
            _ = try await outils.connecter(navPaul, "paul@ml.test")
            let page = try await admin.get("/admin/utilisateurs")
            #expect(
                page.corps.contains("/admin/utilisateurs/\(paul.id)/suspendre")
                    && page.corps.contains("Dernière connexion"))

            #expect(try await admin.post("/admin/utilisateurs/\(paul.id)/suspendre").status == .seeOther)
            #expect(try await navPaul.json("/api/v1/session", .get).status == .unauthorized)
            #expect(try await admin.get("/admin/utilisateurs").corps.contains("Suspendu"))
            let deux = try await admin.post("/admin/utilisateurs/\(paul.id)/suspendre")
            #expect(deux.status == .badRequest && deux.corps.contains("Seul un compte actif peut être suspendu"))
            #expect(try await admin.post("/admin/utilisateurs/\(paul.id)/reactiver").status == .seeOther)
            #expect(try await banc.store.utilisateur(id: paul.id)?.statut == .actif)
            #expect(try await admin.post("/admin/utilisateurs/\(paul.id)/supprimer").status == .seeOther)
            #expect(try await banc.store.utilisateur(id: paul.id)?.statut == .supprime)
            #expect(try await outils.connecter(navPaul, "paul@ml.test").status == .badRequest)
            #expect(try await admin.post("/admin/utilisateurs/424242/suspendre").status == .notFound)
            // Without the form's CSRF value nothing happens.
            let lea = try #require(try await banc.store.utilisateur(email: "lea@cfa.test"))
            #expect(try await admin.post("/admin/utilisateurs/\(lea.id)/suspendre", csrf: "faux").status == .forbidden)
            #expect(try await banc.store.utilisateur(id: lea.id)?.statut == .actif)
        }
        let journal = try await banc.store.journal(limite: 30)
        #expect(
            journal.contains {
                $0.action == "compte_supprime" && $0.acteurEmail == "admin@tdb.test"
                    && $0.detail.contains("paul@ml.test")
            })
    }

    @Test func inactiveAccountsAreWarnedThenSuspended() async throws {
        let banc = try await Banc()
        let maintenant = HorlogeReglable(Banc.maintenant)
        let comptes = Comptes(
            store: banc.store, secrets: SecretsServeur(coutBcrypt: 4),
            horloge: Horloge(now: { maintenant.date }), urlPublique: "http://tdb.test")
        let hash = await SecretsServeur(coutBcrypt: 4).hacher(motDePasse: motDePasse)
        let o = try await banc.store.creerOrganisation(
            NouvelleOrganisation(type: .dreets, nom: "DREETS", region: "32"), now: Banc.maintenant)
        for email in ["dormant@tdb.test", "actif@tdb.test"] {
            _ = try await banc.store.creerUtilisateur(
                NouvelUtilisateur(
                    email: email, nom: "N", prenom: "P", organisation: o.id, role: .membre, statut: .actif,
                    hashMotDePasse: hash), now: Banc.maintenant)
        }
        let jour: TimeInterval = 86_400
        maintenant.date = Banc.maintenant.addingTimeInterval(300 * jour)
        _ = try await comptes.connecter(email: "actif@tdb.test", motDePasse: motDePasse, ip: "127.0.0.1")
        #expect(try await comptes.appliquerInactivite() == (0, 0))

        maintenant.date = Banc.maintenant.addingTimeInterval(336 * jour)  // 11 months and a day
        #expect(try await comptes.appliquerInactivite() == (1, 0))
        #expect(try await comptes.appliquerInactivite() == (0, 0))  // warned once
        let avertissement = try #require(try await banc.store.courriels(limite: 1).first)
        #expect(
            avertissement.destinataire == "dormant@tdb.test"
                && avertissement.sujet.contains("sera suspendu dans un mois"))

        maintenant.date = Banc.maintenant.addingTimeInterval(367 * jour)  // 12 months, 31 days after the warning
        #expect(try await comptes.appliquerInactivite() == (0, 1))
        #expect(try await banc.store.utilisateur(email: "dormant@tdb.test")?.statut == .suspendu)
        #expect(try await banc.store.utilisateur(email: "actif@tdb.test")?.statut == .actif)
        await #expect(throws: ErreurComptes.compteNonActif(.suspendu)) {
            _ = try await comptes.connecter(email: "dormant@tdb.test", motDePasse: motDePasse, ip: "127.0.0.1")
        }
        #expect(try await banc.store.courriels(limite: 1).first?.sujet.contains("Votre compte est suspendu") == true)
        let journal = try await banc.store.journal(limite: 10).map(\.action)
        #expect(journal.contains("compte_averti_inactivite") && journal.contains("compte_suspendu_inactivite"))

        // Reactivated, the account starts a new period.
        try await comptes.reactiver(email: "dormant@tdb.test")
        #expect(try await comptes.appliquerInactivite() == (0, 0))
    }
}

/// `tdb users suspend|reactivate|delete|suspend-inactive`, as an operator runs them.
struct ComptesLigneDeCommandeTests {
    @Test func theCommandLineEndsAccounts() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdb-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("tdb.sqlite").path
        let env = ["TDB_PASSWORD": "Ligne-Commande-2026!", "TDB_COUT_BCRYPT": "4"]
        let faible = try ProcessusTdb.executer(
            ["users", "create-admin", "--database", base, "faible@cli.test"],
            environnement: ["TDB_PASSWORD": "Password2026!"], attendu: 64)
        #expect(!faible.contains("administrateur créé"))
        _ = try ProcessusTdb.executer(
            ["users", "create-admin", "--database", base, "admin@cli.test"], environnement: env)
        #expect(
            try ProcessusTdb.executer(["users", "suspend", "--database", base, "ADMIN@cli.test"]).contains(
                "compte suspendu"))
        _ = try ProcessusTdb.executer(["users", "suspend", "--database", base, "admin@cli.test"], attendu: 64)  // already
        _ = try ProcessusTdb.executer(["users", "suspend", "--database", base, "personne@cli.test"], attendu: 64)
        #expect(
            try ProcessusTdb.executer(["users", "reactivate", "--database", base, "admin@cli.test"]).contains(
                "compte réactivé"))
        #expect(
            try ProcessusTdb.executer(["users", "suspend-inactive", "--database", base])
                .contains("comptes prévenus : 0, comptes suspendus : 0"))
        let emails = try ProcessusTdb.executer(["emails", "--database", base])
        #expect(emails.contains("À : admin@cli.test") && emails.contains("Votre compte est réactivé"))
        #expect(
            try ProcessusTdb.executer(["users", "delete", "--database", base, "admin@cli.test"]).contains(
                "compte supprimé"))

        let store = try SQLiteStore(path: base)
        #expect(try await store.utilisateur(email: "admin@cli.test") == nil)
        #expect(try await store.utilisateurs(recherche: "", limite: 5).map(\.statut) == [.supprime])
        let journal = try await store.journal(limite: 10)
        for action in ["compte_suspendu", "compte_reactive", "compte_supprime"] {
            #expect(
                journal.contains {
                    $0.action == action && $0.detail.contains("admin@cli.test")
                        && $0.detail.contains("ligne de commande")
                })
        }
    }
}
