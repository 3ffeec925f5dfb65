import Domain
import Foundation
import TestSupport
import Testing

/// Issue 11's part of the store contract (accounts that end, replaced links, sent mails without links), on every
/// backend available.
struct StoreContractComptesSecuriteTests {
    let now = Date(timeIntervalSince1970: 1_732_000_000)

    func compteActif(_ store: any Store, _ email: String = "anne@example.org") async throws -> Utilisateur {
        let o = try await store.creerOrganisation(
            NouvelleOrganisation(type: .dreets, nom: "DREETS", region: "32"), now: now)
        let u = try await store.creerUtilisateur(
            NouvelUtilisateur(
                email: email, nom: "Durand", prenom: "Anne", organisation: o.id, role: .membre, statut: .actif,
                hashMotDePasse: "$2b$12$hash"), now: now)
        return u
    }

    @Test(arguments: Backend.actifs) func signInsStatusChangesAndWarningsAreNotedOnce(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let u = try await compteActif(store)
            #expect(try await store.utilisateur(id: u.id)?.derniereConnexion == nil)
            try await store.noterConnexion(utilisateur: u.id, now: now.addingTimeInterval(60))
            #expect(try await store.utilisateur(id: u.id)?.derniereConnexion == now.addingTimeInterval(60))
            #expect(try await store.utilisateursActifs().map(\.id) == [u.id])

            #expect(try await store.changerStatut(utilisateur: u.id, de: .actif, vers: .suspendu, now: now))
            #expect(!(try await store.changerStatut(utilisateur: u.id, de: .actif, vers: .suspendu, now: now)))  // already done
            #expect(try await store.utilisateur(id: u.id)?.statut == .suspendu)
            #expect(try await store.utilisateursActifs().isEmpty)
            let plusTard = now.addingTimeInterval(3_600)
            #expect(try await store.changerStatut(utilisateur: u.id, de: .suspendu, vers: .actif, now: plusTard))
            let reactive = try #require(try await store.utilisateur(id: u.id))
            #expect(reactive.statut == .actif && reactive.reactiveLe == plusTard)

            #expect(try await store.noterAvertissementInactivite(utilisateur: u.id, depuis: now, now: plusTard))
            #expect(!(try await store.noterAvertissementInactivite(utilisateur: u.id, depuis: now, now: plusTard)))
            #expect(try await store.utilisateursActifs().first?.inactiviteAvertieLe == plusTard)
            // A new period (signed in after the warning) may be warned again.
            let ensuite = plusTard.addingTimeInterval(86_400)
            #expect(try await store.noterAvertissementInactivite(utilisateur: u.id, depuis: ensuite, now: ensuite))
        }
    }

    @Test(arguments: Backend.actifs) func deletionErasesThePersonButKeepsTheJournal(_ backend: Backend) async throws {
        try await backend.avecStore { store in
            let u = try await compteActif(store)
            let autre = try await store.creerUtilisateur(
                NouvelUtilisateur(
                    email: "paul@example.org", nom: "Martin", prenom: "Paul", organisation: u.organisation,
                    role: .membre, statut: .actif, hashMotDePasse: "$2b$12$autre"), now: now)
            _ = try await store.creerSession(hash: "s1", utilisateur: u.id, expireLe: now.addingTimeInterval(3_600))
            _ = try await store.creerSession(hash: "s2", utilisateur: autre.id, expireLe: now.addingTimeInterval(3_600))
            _ = try await store.creerJeton(
                .reinitialisation, hash: "j1", email: u.email, utilisateur: u.id, organisation: nil,
                role: nil, expireLe: now.addingTimeInterval(3_600))
            try await store.noterConnexion(utilisateur: u.id, now: now)
            try await store.journaliser(
                EntreeJournal(date: now, acteur: u.id, acteurEmail: u.email, action: "x", detail: "d"))

            try await store.effacer(utilisateur: u.id, now: now.addingTimeInterval(10))
            let efface = try #require(try await store.utilisateur(id: u.id))
            #expect(
                efface.statut == .supprime && efface.nom.isEmpty && efface.prenom.isEmpty
                    && efface.hashMotDePasse.isEmpty)
            #expect(efface.email == "supprime-\(u.id)@comptes-supprimes.invalid" && efface.derniereConnexion == nil)
            #expect(try await store.utilisateur(email: "anne@example.org") == nil)
            #expect(try await store.session(hash: "s1", now: now) == nil)
            #expect(try await store.session(hash: "s2", now: now)?.utilisateur == autre.id)  // others untouched
            let jeton = try #require(try await store.jeton(.reinitialisation, hash: "j1"))
            #expect(!jeton.estValide(now: now) && jeton.email == efface.email)
            #expect(try await store.utilisateur(id: autre.id)?.email == "paul@example.org")
            // The audit trail keeps what was written at the time.
            #expect(try await store.journal(limite: 5).first?.acteurEmail == "anne@example.org")
        }
    }

    @Test(arguments: Backend.actifs) func olderLinksAreCancelledAndSentMailsKeepNoLink(_ backend: Backend) async throws
    {
        try await backend.avecStore { store in
            let u = try await compteActif(store)
            for h in ["r1", "r2"] {
                _ = try await store.creerJeton(
                    .reinitialisation, hash: h, email: u.email, utilisateur: u.id, organisation: nil,
                    role: nil, expireLe: now.addingTimeInterval(3_600))
            }
            _ = try await store.creerJeton(
                .confirmation, hash: "c1", email: u.email, utilisateur: u.id, organisation: nil,
                role: nil, expireLe: now.addingTimeInterval(3_600))
            try await store.annulerJetons(.reinitialisation, utilisateur: u.id, now: now)
            #expect(try await store.jeton(.reinitialisation, hash: "r1")?.estValide(now: now) == false)
            #expect(try await store.jeton(.reinitialisation, hash: "r2")?.estValide(now: now) == false)
            #expect(try await store.jeton(.confirmation, hash: "c1")?.estValide(now: now) == true)

            try await store.ajouterCourriel(
                destinataire: u.email, sujet: "s", corps: "Lien : http://x/r?jeton=abc", now: now)
            let c = try #require(try await store.courrielsAEnvoyer(limite: 5).first)
            try await store.marquer(courriel: c.id, envoyeLe: nil, erreur: "550 refusé")
            try await store.marquerEnvoye(
                courriel: c.id, le: now.addingTimeInterval(5), corps: "Lien : [lien retiré après envoi]", html: nil)
            let envoye = try #require(try await store.courriels(limite: 5).first)
            #expect(envoye.corps == "Lien : [lien retiré après envoi]" && envoye.erreur == nil)
            #expect(envoye.envoyeLe == now.addingTimeInterval(5))
            #expect(try await store.courrielsAEnvoyer(limite: 5).isEmpty)
        }
    }
}
