import Foundation

extension Comptes {
    /// May this person approve, reject or change the role of that account? Platform administrators for
    /// everyone; an organisation's administrators for the other accounts of their organisation.
    func peutGerer(_ identite: Identite, _ cible: Utilisateur) -> Bool {
        if identite.estAdministrateurPlateforme && !identite.incarne { return true }
        return identite.gereOrganisation && cible.organisation == identite.organisation.id
            && cible.id != identite.utilisateur.id
    }

    func cible(_ identite: Identite, _ id: UtilisateurID) async throws -> Utilisateur {
        guard let u = try await store.utilisateur(id: id) else { throw ErreurComptes.introuvable }
        guard peutGerer(identite, u) else { throw ErreurComptes.interdit }
        return u
    }

    public func valider(_ identite: Identite, utilisateur id: UtilisateurID) async throws {
        let u = try await cible(identite, id)
        guard u.statut == .enAttenteValidation else {
            throw ErreurComptes.saisie([ErreurSaisie("statut", "Ce compte n'est pas en attente de validation")])
        }
        try await store.modifier(utilisateur: id, statut: .actif)
        try await envoyer(
            u.email, "Votre compte est validé",
            """
            Bonjour \(u.prenom),

            Votre compte est validé. Vous pouvez vous connecter : \(urlPublique)/connexion
            """)
        try await journaliser(identite, "compte_valide", u.email)
    }

    /// Refuses a request; the reason, when given (the back-office requires one), is sent to the person and
    /// journaled.
    public func rejeter(_ identite: Identite, utilisateur id: UtilisateurID, motif brut: String? = nil) async throws {
        let u = try await cible(identite, id)
        guard u.statut == .enAttenteValidation || u.statut == .emailNonConfirme else {
            throw ErreurComptes.saisie([ErreurSaisie("statut", "Ce compte n'est pas en attente de validation")])
        }
        let motif = brut?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let motif {
            guard !motif.isEmpty else {
                throw ErreurComptes.saisie([
                    ErreurSaisie("motif", "Le motif du refus est obligatoire : il est envoyé à la personne")
                ])
            }
            guard motif.count <= 1000 else {
                throw ErreurComptes.saisie([
                    ErreurSaisie("motif", "Le motif du refus est trop long (1 000 caractères au plus)")
                ])
            }
        }
        guard try await store.changerStatut(utilisateur: id, de: u.statut, vers: .rejete, now: horloge.now()) else {
            throw ErreurComptes.saisie([
                ErreurSaisie("statut", "Ce compte vient d'être traité par un autre administrateur")
            ])
        }
        let raison = motif.map { "\n\nMotif : \($0)\n" } ?? "\n"
        try await envoyer(
            u.email, "Votre demande de compte n'a pas été acceptée",
            """
            Bonjour \(u.prenom),

            Votre demande d'accès au service n'a pas été acceptée.\(raison)
            Pour en savoir plus, répondez à ce message.
            """)
        try await journaliser(identite, "compte_refuse", u.email + (motif.map { " — motif : \($0)" } ?? ""))
    }

    public func changerRole(_ identite: Identite, utilisateur id: UtilisateurID, role: Role) async throws {
        let u = try await cible(identite, id)
        try await store.modifier(utilisateur: id, role: role)
        try await journaliser(identite, "role_change", "\(u.email) → \(role.rawValue)")
    }

    // MARK: - Invitations

    public func inviter(_ identite: Identite, email brut: String, role: Role) async throws {
        guard identite.gereOrganisation else { throw ErreurComptes.interdit }
        let email: String
        switch ReglesSaisie.email(brut) {
        case .success(let e): email = e
        case .failure(let e): throw ErreurComptes.saisie([e])
        }
        if try await store.utilisateur(email: email) != nil {
            throw ErreurComptes.saisie([ErreurSaisie("email", "Cette adresse a déjà un compte")])
        }
        let orga = identite.organisation
        let lien = try await lien(
            .invitation, email: email, utilisateur: nil, organisation: orga.id, role: role,
            chemin: "/invitation")
        try await envoyer(
            email, "Invitation à rejoindre \(orga.nom)",
            """
            Bonjour,

            \(identite.utilisateur.nomComplet) vous invite à rejoindre \(orga.nom) sur le Tableau de bord de l'apprentissage.
            Pour créer votre compte, ouvrez ce lien (valable 7 jours) :
            \(lien)
            """)
        try await journaliser(identite, "invitation", "\(email) (\(role.rawValue))")
    }

    /// The invitation behind a link, for the page that accepts it.
    public func invitation(jeton valeur: String) async throws -> (email: String, organisation: Organisation) {
        guard let j = try await store.jeton(.invitation, hash: secrets.empreinte(valeur)),
            j.estValide(now: horloge.now()),
            let id = j.organisation, let o = try await store.organisation(id: id)
        else { throw ErreurComptes.lienInvalide }
        return (j.email, o)
    }

    /// Creates the invited account, active at once: the link proved the address.
    public func accepterInvitation(
        jeton valeur: String, nom n: String, prenom p: String, motDePasse: String,
        confirmation: String
    ) async throws {
        let now = horloge.now()
        guard let j = try await store.jeton(.invitation, hash: secrets.empreinte(valeur)), j.estValide(now: now),
            let organisation = j.organisation
        else { throw ErreurComptes.lienInvalide }
        var erreurs: [ErreurSaisie] = []
        let nom = collecter(ReglesSaisie.texte("nom", "Le nom", n), &erreurs)
        let prenom = collecter(ReglesSaisie.texte("prenom", "Le prénom", p), &erreurs)
        do { try verifierNouveauMotDePasse(motDePasse, confirmation) } catch ErreurComptes.saisie(let e) {
            erreurs += e
        }
        guard erreurs.isEmpty, let nom, let prenom else { throw ErreurComptes.saisie(erreurs) }
        guard try await store.consommer(jeton: j.id, now: now) else { throw ErreurComptes.lienInvalide }
        let u = try await store.creerUtilisateur(
            NouvelUtilisateur(
                email: j.email, nom: nom, prenom: prenom, organisation: organisation, role: j.role ?? .membre,
                statut: .actif, hashMotDePasse: await secrets.hacher(motDePasse: motDePasse)),
            now: now)
        try await journaliser(u.id, u.email, "invitation_acceptee", "")
    }

    // MARK: - Administration

    public func incarner(_ identite: Identite, organisation id: OrganisationID) async throws {
        guard identite.estAdministrateurPlateforme else { throw ErreurComptes.interdit }
        guard let o = try await store.organisation(id: id) else { throw ErreurComptes.introuvable }
        try await store.incarner(session: identite.session.id, organisation: o.id)
        try await journaliser(
            identite.utilisateur.id, identite.utilisateur.email, "incarnation_debut", "\(o.type.rawValue) \(o.nom)")
    }

    /// Acts as an organisme of the référentiel, with or without accounts: its organisation (that of an organisme de
    /// formation, the one a sign-up would create) is created when it does not exist yet. Returns it.
    public func incarner(_ identite: Identite, organisme id: OrganismeID) async throws -> Organisation {
        guard identite.estAdministrateurPlateforme else { throw ErreurComptes.interdit }
        guard let organisme = try await store.organisme(id: id) else { throw ErreurComptes.introuvable }
        let nouvelle = NouvelleOrganisation(type: .organismeFormation, nom: organisme.nom, organisme: organisme.id)
        var o = try await store.organisationExistante(nouvelle)
        if o == nil { o = try await store.creerOrganisation(nouvelle, now: horloge.now()) }
        guard let o else { throw ErreurComptes.introuvable }
        try await incarner(identite, organisation: o.id)
        return o
    }

    public func finIncarnation(_ identite: Identite) async throws {
        guard identite.estAdministrateurPlateforme else { throw ErreurComptes.interdit }
        try await store.incarner(session: identite.session.id, organisation: nil)
        try await journaliser(
            identite.utilisateur.id, identite.utilisateur.email, "incarnation_fin", identite.organisation.nom)
    }

    public static let cleMaintenance = "banniere_maintenance"

    public func definirMaintenance(_ identite: Identite, texte: String) async throws {
        guard identite.estAdministrateurPlateforme && !identite.incarne else { throw ErreurComptes.interdit }
        let t = texte.trimmingSpaces()
        guard t.count <= 500 else {
            throw ErreurComptes.saisie([
                ErreurSaisie("texte", "Le texte de la bannière est trop long (500 caractères au plus)")
            ])
        }
        try await store.definir(parametre: Self.cleMaintenance, valeur: t.isEmpty ? nil : t)
        try await journaliser(identite, t.isEmpty ? "maintenance_retiree" : "maintenance_affichee", t)
    }

    // MARK: - Clés d'API

    /// The organisme whose keys this person may manage.
    func organismeDesCles(_ identite: Identite) throws -> OrganismeID {
        guard identite.gereOrganisation, identite.droits.peut(.configurerTransmission),
            let organisme = identite.organisation.organisme
        else { throw ErreurComptes.interdit }
        return organisme
    }

    /// Generates a key named `nom` (required: it tells the keys apart); its value is returned once and never stored,
    /// only its hash and its first characters.
    public func creerCleApi(_ identite: Identite, nom brut: String) async throws -> (valeur: String, cle: CleApi) {
        let organisme = try organismeDesCles(identite)
        let nom = brut.trimmingSpaces()
        if nom.isEmpty {
            throw ErreurComptes.saisie([
                ErreurSaisie("nom", "Le nom de la clé est obligatoire : indiquez le logiciel ou l'usage qu'elle sert")
            ])
        }
        if nom.count > CleApi.longueurMaximaleNom {
            throw ErreurComptes.saisie([
                ErreurSaisie("nom", "Le nom de la clé est trop long (\(CleApi.longueurMaximaleNom) caractères au plus)")
            ])
        }
        let cle = secrets.nouvelleCleApi()
        let stockee = try await store.creerCleApi(
            organisme: organisme, nom: nom, prefixe: CleApi.prefixe(de: cle.valeur), hash: cle.hash, now: horloge.now())
        try await journaliser(identite, "cle_api_creee", "clé \(stockee.id) « \(nom) » de l'organisme \(organisme)")
        return (cle.valeur, stockee)
    }

    /// One of the keys this person may manage (for the confirmation before revoking it).
    public func cleApi(_ identite: Identite, id: CleApiID) async throws -> CleApi {
        let organisme = try organismeDesCles(identite)
        guard let cle = try await store.clesApi(organisme: organisme).first(where: { $0.id == id }) else {
            throw ErreurComptes.introuvable
        }
        return cle
    }

    public func revoquerCleApi(_ identite: Identite, cle id: CleApiID) async throws {
        let organisme = try organismeDesCles(identite)
        guard try await store.revoquer(cleApi: id, organisme: organisme, now: horloge.now()) else {
            throw ErreurComptes.introuvable
        }
        try await journaliser(identite, "cle_api_revoquee", "clé \(id) de l'organisme \(organisme)")
    }

    /// `tdb users create-admin`: a platform administrator, active at once.
    public func creerAdministrateur(email brut: String, motDePasse: String) async throws -> Utilisateur {
        var erreurs = ReglesSaisie.motDePasse(motDePasse).map { ErreurSaisie("mot_de_passe", $0) }
        let email = collecter(ReglesSaisie.email(brut), &erreurs)
        guard erreurs.isEmpty, let email else { throw ErreurComptes.saisie(erreurs) }
        let now = horloge.now()
        let nouvelle = NouvelleOrganisation(type: .administrateur, nom: "Administration du service")
        var orga = try await store.organisationExistante(nouvelle)
        if orga == nil { orga = try await store.creerOrganisation(nouvelle, now: now) }
        guard let orga else { throw ErreurComptes.introuvable }
        let nom = String(email.prefix { $0 != "@" })
        let u = try await store.creerUtilisateur(
            NouvelUtilisateur(
                email: email, nom: nom, prenom: "", organisation: orga.id, role: .administrateur, statut: .actif,
                hashMotDePasse: await secrets.hacher(motDePasse: motDePasse)),
            now: now)
        try await journaliser(nil, email, "administrateur_cree", "par la ligne de commande")
        return u
    }
}

extension Comptes {
    /// Every access to named data is journaled (F21): who, when, which list, what perimeter, with which filters
    /// (`nom=valeur` pairs of the query), how many rows.
    public func journaliserAccesNominatif(
        _ identite: Identite, liste: String, perimetre: Perimetre, lignes: Int, filtres: [(String, String)] = []
    ) async throws {
        let criteres = filtres.filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
        try await journaliser(
            identite, "acces_nominatif",
            "\(liste) — périmètre \(perimetre.libelle) — filtres : \(criteres.isEmpty ? "aucun" : criteres) — "
                + "\(lignes) ligne\(lignes > 1 ? "s" : "")")
    }
}
