import Foundation

/// Accounts that end (issue 11): suspension (closes the sessions at once), reactivation, deletion (the personal
/// fields are erased), by a platform administrator, by an organisation's administrator for its own members, from
/// the command line, and after 12 months without sign-in. Every step is journaled; the journal keeps the actor's
/// id and address as written at the time.
extension Comptes {
    /// Who ends an account: a signed-in administrator, the command line or the inactivity rule.
    enum Auteur {
        case identite(Identite)
        case ligneDeCommande
        case inactivite
    }

    public func suspendre(_ identite: Identite, utilisateur id: UtilisateurID) async throws {
        try await suspendre(try await cibleFinDeCompte(identite, id), par: .identite(identite))
    }

    public func reactiver(_ identite: Identite, utilisateur id: UtilisateurID) async throws {
        try await reactiver(try await cibleFinDeCompte(identite, id), par: .identite(identite))
    }

    public func supprimer(_ identite: Identite, utilisateur id: UtilisateurID) async throws {
        try await supprimer(try await cibleFinDeCompte(identite, id), par: .identite(identite))
    }

    /// `tdb users suspend|reactivate|delete EMAIL`.
    public func suspendre(email: String) async throws {
        try await suspendre(try await compte(email: email), par: .ligneDeCommande)
    }
    public func reactiver(email: String) async throws {
        try await reactiver(try await compte(email: email), par: .ligneDeCommande)
    }
    public func supprimer(email: String) async throws {
        try await supprimer(try await compte(email: email), par: .ligneDeCommande)
    }

    /// Warns the accounts unused for 11 months and suspends those unused for 12 (`Inactivite`); returns how many.
    /// Safe to run from several instances: each warning and each suspension is taken by one conditional update.
    @discardableResult
    public func appliquerInactivite() async throws -> (avertis: Int, suspendus: Int) {
        let now = horloge.now()
        let comptes = try await store.utilisateursActifs()
        let decision = Inactivite.decider(comptes, now: now)
        let parId = Dictionary(comptes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var avertis = 0
        var suspendus = 0
        for id in decision.avertir {
            guard let u = parId[id],
                try await store.noterAvertissementInactivite(utilisateur: id, depuis: Inactivite.reference(u), now: now)
            else { continue }
            try await envoyer(
                u.email, "Votre compte sera suspendu dans un mois",
                """
                Bonjour \(u.prenom),

                Vous ne vous êtes pas connecté(e) au service depuis 11 mois. Sans connexion d'ici un mois, votre compte \
                (\(u.email)) sera suspendu, comme tout compte inutilisé depuis 12 mois.

                Pour le garder, il suffit de vous connecter : \(urlPublique)/connexion
                """)
            try await journaliser(nil, nil, "compte_averti_inactivite", "\(u.email) (compte \(u.id))")
            avertis += 1
        }
        for id in decision.suspendre {
            guard let u = parId[id] else { continue }
            if try await suspendre(u, par: .inactivite) { suspendus += 1 }
        }
        return (avertis, suspendus)
    }

    // MARK: - Étapes

    func cibleFinDeCompte(_ identite: Identite, _ id: UtilisateurID) async throws -> Utilisateur {
        let u = try await cible(identite, id)
        guard u.id != identite.utilisateur.id else {
            throw ErreurComptes.saisie([
                ErreurSaisie("statut", "Vous ne pouvez pas suspendre ni supprimer votre propre compte")
            ])
        }
        return u
    }

    func compte(email brut: String) async throws -> Utilisateur {
        guard let u = try await store.utilisateur(email: brut.trimmingSpaces().lowercased()) else {
            throw ErreurComptes.saisie([ErreurSaisie("email", "Aucun compte n'a l'adresse « \(brut) »")])
        }
        return u
    }

    @discardableResult
    func suspendre(_ u: Utilisateur, par auteur: Auteur) async throws -> Bool {
        let now = horloge.now()
        guard try await store.changerStatut(utilisateur: u.id, de: .actif, vers: .suspendu, now: now) else {
            if case .inactivite = auteur { return false }
            throw ErreurComptes.saisie([
                ErreurSaisie(
                    "statut", "Seul un compte actif peut être suspendu (ce compte est « \(u.statut.libelle) »)")
            ])
        }
        try await store.revoquerSessions(utilisateur: u.id, sauf: nil, now: now)
        let inactivite: Bool
        if case .inactivite = auteur { inactivite = true } else { inactivite = false }
        try await envoyer(
            u.email, "Votre compte est suspendu",
            """
            Bonjour \(u.prenom),

            Votre compte (\(u.email)) est suspendu\(inactivite ? " : vous ne vous êtes pas connecté(e) depuis 12 mois" : " par un administrateur").
            Pour le retrouver, demandez à l'administrateur de votre organisation ou du service de le réactiver.
            """)
        try await journaliser(auteur, inactivite ? "compte_suspendu_inactivite" : "compte_suspendu", u)
        return true
    }

    func reactiver(_ u: Utilisateur, par auteur: Auteur) async throws {
        guard try await store.changerStatut(utilisateur: u.id, de: .suspendu, vers: .actif, now: horloge.now()) else {
            throw ErreurComptes.saisie([
                ErreurSaisie(
                    "statut", "Seul un compte suspendu peut être réactivé (ce compte est « \(u.statut.libelle) »)")
            ])
        }
        try await envoyer(
            u.email, "Votre compte est réactivé",
            """
            Bonjour \(u.prenom),

            Votre compte (\(u.email)) est de nouveau actif. Pour vous connecter : \(urlPublique)/connexion
            """)
        try await journaliser(auteur, "compte_reactive", u)
    }

    func supprimer(_ u: Utilisateur, par auteur: Auteur) async throws {
        guard u.statut != .supprime else {
            throw ErreurComptes.saisie([ErreurSaisie("statut", "Ce compte est déjà supprimé")])
        }
        try await store.effacer(utilisateur: u.id, now: horloge.now())
        try await journaliser(auteur, "compte_supprime", u)
    }

    /// The journal line names the account by id and by the address it had (for the audit trail).
    func journaliser(_ auteur: Auteur, _ action: String, _ u: Utilisateur) async throws {
        let detail = "\(u.email) (compte \(u.id))"
        switch auteur {
        case .identite(let i): try await journaliser(i, action, detail)
        case .ligneDeCommande: try await journaliser(nil, nil, action, detail + " — par la ligne de commande")
        case .inactivite: try await journaliser(nil, nil, action, detail + " — 12 mois sans connexion")
        }
    }
}
