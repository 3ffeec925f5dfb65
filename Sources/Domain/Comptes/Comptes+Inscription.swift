import Foundation

/// What the sign-up form sends.
public struct DemandeInscription: Sendable {
    public var type: String
    public var identifiant: String
    public var region: String
    public var departement: String
    public var academie: String
    public var reseau: String
    public var email: String
    public var nom: String
    public var prenom: String
    public var motDePasse: String
    public var confirmation: String
    /// The organisme chosen among those sharing a UAI (its id).
    public var organisme: String
    /// The mission locale chosen in the référentiel (its code).
    public var missionLocale: String

    public init(
        type: String = "", identifiant: String = "", region: String = "", departement: String = "",
        academie: String = "", reseau: String = "", email: String = "", nom: String = "", prenom: String = "",
        motDePasse: String = "", confirmation: String = "", organisme: String = "", missionLocale: String = ""
    ) {
        self.organisme = organisme
        self.missionLocale = missionLocale
        self.type = type
        self.identifiant = identifiant
        self.region = region
        self.departement = departement
        self.academie = academie
        self.reseau = reseau
        self.email = email
        self.nom = nom
        self.prenom = prenom
        self.motDePasse = motDePasse
        self.confirmation = confirmation
    }
}

extension Comptes {
    /// Signs up: checks every field, finds or creates the organisation, creates the account and e-mails a
    /// confirmation link. An address that already has an account gets an e-mail saying so, and the page shows
    /// the same answer as for a new account.
    public func inscrire(_ d: DemandeInscription) async throws {
        var erreurs: [ErreurSaisie] = []
        var organisation: NouvelleOrganisation?
        switch try await resoudre(d) {
        case .trouvee(let o): organisation = o.organisation
        case .aChoisir:
            erreurs.append(
                ErreurSaisie("organisme", "Plusieurs organismes partagent cet UAI : choisissez le vôtre"))
        case .erreurs(let e): erreurs += e
        }
        let email = collecter(ReglesSaisie.email(d.email), &erreurs)
        let nom = collecter(ReglesSaisie.texte("nom", "Le nom", d.nom), &erreurs)
        let prenom = collecter(ReglesSaisie.texte("prenom", "Le prénom", d.prenom), &erreurs)
        do { try verifierNouveauMotDePasse(d.motDePasse, d.confirmation) } catch ErreurComptes.saisie(let e) {
            erreurs += e
        }
        guard erreurs.isEmpty, let organisation, let email, let nom, let prenom else {
            throw ErreurComptes.saisie(erreurs)
        }

        if try await store.utilisateur(email: email) != nil {
            // The same bcrypt work as a new account: the time of the answer does not tell that the address is known.
            _ = await secrets.hacher(motDePasse: d.motDePasse)
            try await envoyer(
                email, "Vous avez déjà un compte",
                """
                Bonjour,

                Quelqu'un (vous, sans doute) a demandé à créer un compte avec cette adresse, qui en a déjà un.
                Pour vous connecter : \(urlPublique)/connexion
                Mot de passe oublié : \(urlPublique)/mot-de-passe-oublie
                """)
            return
        }
        let now = horloge.now()
        var orga = try await store.organisationExistante(organisation)
        if orga == nil { orga = try await store.creerOrganisation(organisation, now: now) }
        guard let orga else { throw ErreurComptes.introuvable }
        let premier = try await store.utilisateurs(organisation: orga.id).isEmpty
        let u = try await store.creerUtilisateur(
            NouvelUtilisateur(
                email: email, nom: nom, prenom: prenom, organisation: orga.id,
                role: premier ? .administrateur : .membre, statut: .emailNonConfirme,
                hashMotDePasse: await secrets.hacher(motDePasse: d.motDePasse)),
            now: now)
        let lien = try await lien(
            .confirmation, email: email, utilisateur: u.id, organisation: orga.id, role: nil,
            chemin: "/confirmation")
        try await envoyer(
            email, "Confirmez votre adresse e-mail",
            """
            Bonjour \(prenom),

            Pour confirmer votre adresse et finaliser votre inscription (\(orga.nom)), ouvrez ce lien (valable 3 jours) :
            \(lien)
            """)
        try await journaliser(u.id, email, "inscription", "\(orga.type.rawValue) \(orga.nom)")
    }

    /// Confirms an address; the account then waits for approval (by a platform administrator for the first
    /// account of an organisation, else by the organisation's administrators, who are told by e-mail).
    public func confirmer(jeton valeur: String) async throws {
        let now = horloge.now()
        guard let j = try await store.jeton(.confirmation, hash: secrets.empreinte(valeur)), j.estValide(now: now),
            let id = j.utilisateur, let u = try await store.utilisateur(id: id), u.statut == .emailNonConfirme,
            try await store.consommer(jeton: j.id, now: now)
        else { throw ErreurComptes.lienInvalide }
        try await store.modifier(utilisateur: id, statut: .enAttenteValidation)
        for approbateur in try await approbateurs(de: u) {
            try await envoyer(
                approbateur.email, "Un compte attend votre validation",
                """
                Bonjour \(approbateur.prenom),

                \(u.nomComplet) (\(u.email)) demande l'accès au service.
                Pour valider ou refuser : \(urlPublique)\(approbateur.organisation == u.organisation ? "/ma-structure" : "/admin/utilisateurs?statut=a_valider")
                """)
        }
        try await journaliser(id, u.email, "email_confirme", "")
    }

    /// Who may approve an account: its organisation's active administrators, or the platform administrators
    /// when the organisation has none yet.
    func approbateurs(de u: Utilisateur) async throws -> [Utilisateur] {
        let admins = try await store.utilisateurs(organisation: u.organisation)
            .filter { $0.statut == .actif && $0.role == .administrateur && $0.id != u.id }
        if !admins.isEmpty { return admins }
        var plateforme: [Utilisateur] = []
        for (o, _) in try await store.organisations(recherche: "", limite: 10_000) where o.type == .administrateur {
            plateforme += try await store.utilisateurs(organisation: o.id).filter { $0.statut == .actif }
        }
        return plateforme
    }

    /// The organisation a sign-up asks for, from its type and anchor (steps 1 and 2 of the form): found, to choose
    /// among organismes sharing a UAI, or what is wrong with the fields.
    public func resoudre(_ d: DemandeInscription) async throws -> ResolutionInscription {
        var erreurs: [ErreurSaisie] = []
        var choix: [Organisme] = []
        var trouve: Organisme?
        let o = try await organisationDemandee(d, erreurs: &erreurs, choix: &choix, trouve: &trouve)
        if !choix.isEmpty { return .aChoisir(choix) }
        if !erreurs.isEmpty { return .erreurs(erreurs) }
        if let o {
            let existante = try await store.organisationExistante(o)
            return .trouvee(OrganisationTrouvee(organisation: o, organisme: trouve, existante: existante))
        }
        return .erreurs([ErreurSaisie("type_organisation", "Choisissez le type de votre organisation")])
    }

    /// The organisation a sign-up asks for, from its type and anchor; problems go to `erreurs`, organismes sharing
    /// the UAI without a choice to `choix`, the organisme found to `trouve`.
    func organisationDemandee(
        _ d: DemandeInscription, erreurs: inout [ErreurSaisie], choix: inout [Organisme], trouve: inout Organisme?
    ) async throws -> NouvelleOrganisation? {
        guard let type = TypeOrganisation(rawValue: d.type), TypeOrganisation.inscriptibles.contains(type) else {
            erreurs.append(ErreurSaisie("type_organisation", "Choisissez le type de votre organisation"))
            return nil
        }
        let t = Territoires.france
        switch type.ancrage {
        case .organisme:
            let cle = d.identifiant.trimmingSpaces()
            guard SIRET(cle) != nil || UAI(cle) != nil else {
                erreurs.append(
                    ErreurSaisie(
                        "identifiant",
                        "Indiquez le SIRET (14 chiffres) ou l'UAI (7 chiffres et une lettre) de l'organisme"))
                return nil
            }
            let trouves = try await store.organismes(siretOuUai: cle)
            guard let o = trouves.first else {
                erreurs.append(
                    ErreurSaisie(
                        "identifiant", "Aucun organisme de formation du référentiel ne correspond à « \(cle) »"))
                return nil
            }
            guard trouves.count == 1 else {
                guard !d.organisme.isEmpty else {
                    choix = trouves
                    return nil
                }
                guard let choisi = trouves.first(where: { String($0.id.rawValue) == d.organisme }) else {
                    choix = trouves
                    erreurs.append(
                        ErreurSaisie("organisme", "L'organisme choisi ne partage pas l'identifiant « \(cle) »"))
                    return nil
                }
                trouve = choisi
                return NouvelleOrganisation(type: type, nom: choisi.nom, organisme: choisi.id)
            }
            trouve = o
            return NouvelleOrganisation(type: type, nom: o.nom, organisme: o.id)
        case .region:
            guard let r = t.region(d.region) else {
                erreurs.append(ErreurSaisie("region", "Choisissez la région de votre organisation"))
                return nil
            }
            return NouvelleOrganisation(type: type, nom: "\(type.libelle) \(r.nom)", region: r.code)
        case .departement:
            guard let dep = t.departement(d.departement) else {
                erreurs.append(ErreurSaisie("departement", "Choisissez le département de votre organisation"))
                return nil
            }
            return NouvelleOrganisation(type: type, nom: "\(type.libelle) \(dep.nom)", departement: dep.code)
        case .academie:
            guard let a = t.academie(d.academie) else {
                erreurs.append(ErreurSaisie("academie", "Choisissez l'académie de votre organisation"))
                return nil
            }
            return NouvelleOrganisation(type: type, nom: "Académie \(a.nom)", academie: a.code)
        case .reseau:
            guard let r = Reseau.nomme(d.reseau) else {
                erreurs.append(ErreurSaisie("reseau", "Choisissez le réseau de votre organisation"))
                return nil
            }
            return NouvelleOrganisation(type: type, nom: "Tête de réseau \(r.nom)", reseau: r.cle)
        case .nom:
            // Picked from the référentiel (`tdb import missions-locales`), never typed.
            let code = d.missionLocale.trimmingSpaces()
            guard !code.isEmpty, let ml = try await store.missionLocale(code: code) else {
                let vide = try await store.missionsLocales().isEmpty
                erreurs.append(
                    ErreurSaisie(
                        "mission_locale",
                        vide
                            ? "Aucune mission locale n'est encore enregistrée : l'inscription des missions locales "
                                + "ouvrira avec le chargement de leur référentiel"
                            : code.isEmpty
                                ? "Mission locale : choisissez la vôtre parmi les résultats de la recherche"
                                : "Mission locale : « \(code) » n'est pas dans le référentiel, "
                                    + "choisissez la vôtre parmi les résultats de la recherche"))
                return nil
            }
            return NouvelleOrganisation(
                type: type, nom: ml.nom, region: ml.region, departement: ml.departement, missionLocale: ml.code)
        case .national:
            return NouvelleOrganisation(type: type, nom: type.libelle)
        }
    }
}

func collecter<T>(_ r: Result<T, ErreurSaisie>, _ erreurs: inout [ErreurSaisie]) -> T? {
    switch r {
    case .success(let v): return v
    case .failure(let e):
        erreurs.append(e)
        return nil
    }
}

/// What steps 1 and 2 of the sign-up lead to.
public enum ResolutionInscription: Sendable {
    case trouvee(OrganisationTrouvee)
    /// Several organismes share the UAI: the person picks theirs.
    case aChoisir([Organisme])
    case erreurs([ErreurSaisie])
}

/// The organisation a sign-up will join or create, with the organisme behind it and the organisation if it exists.
public struct OrganisationTrouvee: Sendable {
    public let organisation: NouvelleOrganisation
    public let organisme: Organisme?
    public let existante: Organisation?
}
