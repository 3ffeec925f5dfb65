import Foundation

/// Account operations: sign-up, confirmation, approval, sign-in, password reset and change, invitations,
/// roles, impersonation. Every path checks its input on the server, writes the audit log and sends its e-mails
/// through the outbox. Answers never reveal whether an address has an account (sign-up, reset).
public struct Comptes: Sendable {
    public let store: any Store
    public let secrets: any Secrets
    public let horloge: Horloge
    /// The address of the service in e-mail links (`TDB_URL_PUBLIQUE`).
    public let urlPublique: String

    public init(store: any Store, secrets: any Secrets, horloge: Horloge, urlPublique: String) {
        self.store = store
        self.secrets = secrets
        self.horloge = horloge
        self.urlPublique = urlPublique
    }

    // MARK: - Identité

    /// The identity behind a session cookie, or nil when the session is unknown, revoked or expired, or the
    /// account is no longer active.
    public func identite(session valeur: String) async throws -> Identite? {
        let now = horloge.now()
        guard let session = try await store.session(hash: secrets.empreinte(valeur), now: now),
            let utilisateur = try await store.utilisateur(id: session.utilisateur), utilisateur.statut == .actif,
            let propre = try await store.organisation(id: utilisateur.organisation)
        else { return nil }
        var organisation = propre
        if propre.type == .administrateur, let autre = session.incarnation,
            let incarnee = try await store.organisation(id: autre)
        {
            organisation = incarnee
        }
        return Identite(
            utilisateur: utilisateur, session: session, organisationPropre: propre, organisation: organisation,
            droits: try await droits(organisation))
    }

    public func droits(_ o: Organisation) async throws -> Droits {
        var formateurs: [(id: OrganismeID, partielle: Bool)] = []
        if let organisme = o.organisme { formateurs = try await store.formateurs(de: organisme) }
        let responsable = o.reseau.flatMap(Reseau.nomme)?.responsable ?? false
        return Droits(o, contexte: ContexteOrganisation(formateurs: formateurs, reseauResponsable: responsable))
    }

    // MARK: - Connexion

    /// Checks the password and opens a session; returns the cookie value. Failures slow down the (e-mail, address)
    /// pair that made them (`TemporisationConnexion`); an unknown address costs the same bcrypt work as a known one.
    public func connecter(email brut: String, motDePasse: String, ip: String) async throws -> (
        valeur: String, identite: Identite
    ) {
        let now = horloge.now()
        let email = brut.trimmingSpaces().lowercased()
        try await verifierTemporisation(ip: ip, email: email, now: now)
        let u = try await compteAVerifier(email: email, motDePasse: motDePasse)
        let hash = await hashAVerifier(u)
        guard await secrets.verifier(motDePasse: motDePasse, hash: hash), let u else {
            try await store.noterTentative(ip: ip, email: email, reussie: false, now: now)
            throw ErreurComptes.identifiantsInvalides
        }
        guard u.statut == .actif else { throw ErreurComptes.compteNonActif(u.statut) }
        try await store.noterTentative(ip: ip, email: email, reussie: true, now: now)
        try await store.noterConnexion(utilisateur: u.id, now: now)
        try await store.oublierEchecs(ip: ip, email: email)
        let secret = secrets.nouveauSecret()
        _ = try await store.creerSession(
            hash: secret.hash, utilisateur: u.id, expireLe: now.addingTimeInterval(SessionUtilisateur.duree))
        guard let identite = try await identite(session: secret.valeur) else {
            throw ErreurComptes.identifiantsInvalides
        }
        return (secret.valeur, identite)
    }

    public func deconnecter(_ identite: Identite) async throws {
        try await store.revoquer(session: identite.session.id, now: horloge.now())
    }

    // MARK: - Mot de passe

    /// Always answers the same; sends a link only when the address has an account that may sign in again. The new
    /// link replaces any earlier one.
    public func demanderReinitialisation(email brut: String) async throws {
        guard case .success(let email) = ReglesSaisie.email(brut) else { return }
        guard let u = try await store.utilisateur(email: email), u.statut != .rejete, u.statut != .supprime else {
            return
        }
        try await store.annulerJetons(.reinitialisation, utilisateur: u.id, now: horloge.now())
        let lien = try await lien(
            .reinitialisation, email: email, utilisateur: u.id, organisation: nil, role: nil,
            chemin: "/reinitialisation")
        try await envoyer(
            email, "Réinitialisation de votre mot de passe",
            """
            Bonjour \(u.prenom),

            Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure) :
            \(lien)

            Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.
            """)
    }

    /// Throws `lienInvalide` unless the reset link still works (the page says so before anything is typed).
    public func verifierLienReinitialisation(jeton valeur: String) async throws {
        guard let j = try await store.jeton(.reinitialisation, hash: secrets.empreinte(valeur)),
            j.estValide(now: horloge.now())
        else { throw ErreurComptes.lienInvalide }
    }

    /// Sets a new password from an e-mailed link; every session and every other reset link of the account is
    /// closed, and the account holder is told by e-mail.
    public func reinitialiser(jeton valeur: String, motDePasse: String, confirmation: String) async throws {
        let now = horloge.now()
        guard let j = try await store.jeton(.reinitialisation, hash: secrets.empreinte(valeur)), j.estValide(now: now),
            let id = j.utilisateur
        else { throw ErreurComptes.lienInvalide }
        try verifierNouveauMotDePasse(motDePasse, confirmation)
        guard try await store.consommer(jeton: j.id, now: now) else { throw ErreurComptes.lienInvalide }
        try await store.modifier(utilisateur: id, hashMotDePasse: await secrets.hacher(motDePasse: motDePasse))
        try await store.revoquerSessions(utilisateur: id, sauf: nil, now: now)
        try await store.annulerJetons(.reinitialisation, utilisateur: id, now: now)
        try await journaliser(nil, j.email, "mot_de_passe_reinitialise", "par lien envoyé par e-mail")
        if let u = try await store.utilisateur(id: id) { try await prevenirChangementMotDePasse(u, "réinitialisé") }
    }

    /// Changes the password of the signed-in user; every other session and every unused reset link is closed, and
    /// the account holder is told by e-mail.
    public func changerMotDePasse(_ identite: Identite, actuel: String, nouveau: String, confirmation: String)
        async throws
    {
        guard await secrets.verifier(motDePasse: actuel, hash: identite.utilisateur.hashMotDePasse) else {
            throw ErreurComptes.saisie([ErreurSaisie("actuel", "Le mot de passe actuel est incorrect")])
        }
        try verifierNouveauMotDePasse(nouveau, confirmation)
        try await store.modifier(
            utilisateur: identite.utilisateur.id, hashMotDePasse: await secrets.hacher(motDePasse: nouveau))
        try await store.revoquerSessions(
            utilisateur: identite.utilisateur.id, sauf: identite.session.id, now: horloge.now())
        try await store.annulerJetons(.reinitialisation, utilisateur: identite.utilisateur.id, now: horloge.now())
        try await journaliser(identite, "mot_de_passe_change", "")
        try await prevenirChangementMotDePasse(identite.utilisateur, "changé")
    }

    /// Tells the account holder, so that someone else changing it does not go unnoticed.
    func prevenirChangementMotDePasse(_ u: Utilisateur, _ comment: String) async throws {
        try await envoyer(
            u.email, "Votre mot de passe a été \(comment)",
            """
            Bonjour \(u.prenom),

            Le mot de passe de votre compte (\(u.email)) a été \(comment) le \(Self.dateHeure(horloge.now())). Les autres \
            sessions ouvertes sur ce compte ont été fermées.

            Si ce n'est pas vous, choisissez tout de suite un nouveau mot de passe : \(urlPublique)/mot-de-passe-oublie
            puis prévenez l'administrateur de votre organisation.
            """)
    }

    /// `29/11/2026 à 22:45 (heure de Paris)`, for e-mails.
    static func dateHeure(_ d: Date) -> String { HeureDeParis.dateHeureCourte(d) }

    func verifierNouveauMotDePasse(_ m: String, _ confirmation: String) throws {
        var erreurs = ReglesSaisie.motDePasse(m).map { ErreurSaisie("mot_de_passe", $0) }
        if m != confirmation {
            erreurs.append(ErreurSaisie("confirmation", "La confirmation ne correspond pas au mot de passe"))
        }
        if !erreurs.isEmpty { throw ErreurComptes.saisie(erreurs) }
    }

    // MARK: - Outils

    /// Creates a single-use link and returns its URL.
    func lien(
        _ type: TypeJeton, email: String, utilisateur: UtilisateurID?, organisation: OrganisationID?, role: Role?,
        chemin: String
    ) async throws -> String {
        let secret = secrets.nouveauSecret()
        _ = try await store.creerJeton(
            type, hash: secret.hash, email: email, utilisateur: utilisateur,
            organisation: organisation, role: role, expireLe: horloge.now().addingTimeInterval(type.duree))
        return "\(urlPublique)\(chemin)?jeton=\(secret.valeur)"
    }

    func envoyer(_ destinataire: String, _ sujet: String, _ corps: String) async throws {
        try await store.ajouterCourriel(
            destinataire: destinataire, sujet: "[Tableau de bord de l'apprentissage] " + sujet,
            corps: corps + "\n\n— Tableau de bord de l'apprentissage", now: horloge.now())
    }

    public func journaliser(_ identite: Identite?, _ action: String, _ detail: String) async throws {
        try await journaliser(
            identite?.utilisateur.id, identite?.utilisateur.email, action,
            identite.map { $0.incarne ? "[en tant que \($0.organisation.nom)] " + detail : detail } ?? detail)
    }

    func journaliser(_ acteur: UtilisateurID?, _ email: String?, _ action: String, _ detail: String) async throws {
        try await store.journaliser(
            EntreeJournal(date: horloge.now(), acteur: acteur, acteurEmail: email, action: action, detail: detail))
    }
}
