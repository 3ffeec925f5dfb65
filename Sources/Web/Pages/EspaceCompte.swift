import Domain
import Foundation
import Hummingbird

/// The signed-in user's pages: their account, and their organisation (members, invitations, API keys).
struct EspaceCompte {
    let deps: Dependances
    var comptes: Comptes { deps.comptes }

    @Sendable func revoquerCle(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        _ = try await Formulaire.lire(request)
        try await comptes.revoquerCleApi(i, cle: CleApiID(try context.parameters.require("id", as: Int64.self)))
        return deps.redirection("/ma-structure")
    }

    /// `GET /ma-structure/cles/:id/revoquer`: the confirmation before revoking a key.
    @Sendable func confirmerRevocationCle(_ request: Request, context: ContexteRequete, identite i: Identite)
        async throws -> Response
    {
        let cle = try await comptes.cleApi(i, id: CleApiID(try context.parameters.require("id", as: Int64.self)))
        guard cle.revokedAt == nil else { throw ErreurComptes.introuvable }
        return try await deps.page(
            CleApiRevocationVue.construire(cle, maintenant: deps.horloge.now()), "Révoquer une clé d'API", request,
            context)
    }

    @Sendable func monCompte(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        try await monComptePage(request, context, i)
    }

    func monComptePage(
        _ request: Request, _ context: ContexteRequete, _ i: Identite, erreurs: [ErreurSaisie] = [],
        messages: [(String, String)] = []
    ) async throws -> Response {
        let contact =
            i.organisationPropre.organisme == nil
            ? nil : try await deps.store.contactPourMissionsLocales(utilisateur: i.utilisateur.id)
        return try await deps.page(
            MonCompteVue.construire(i, contactMissionsLocales: contact), "Mon compte", request, context,
            erreurs: erreurs, messages: messages)
    }

    /// A CFA's user chooses whether the missions locales see them as a contact about the CFA's young people.
    @Sendable func contactMissionsLocales(_ request: Request, context: ContexteRequete, identite i: Identite)
        async throws -> Response
    {
        guard i.organisationPropre.organisme != nil else { throw ErreurComptes.interdit }
        let f = try await Formulaire.lire(request)
        let oui = f["contact"] == "oui"
        try await deps.store.definir(contactPourMissionsLocales: oui, utilisateur: i.utilisateur.id)
        try await deps.comptes.journaliser(
            i, "contact_missions_locales",
            oui ? "visible des missions locales" : "retiré des contacts des missions locales")
        return try await monComptePage(
            request, context, i,
            messages: [
                (
                    "succes",
                    oui
                        ? "Les missions locales voient désormais votre nom et votre adresse sur les fiches de vos jeunes."
                        : "Vous n'apparaissez plus comme contact auprès des missions locales."
                )
            ])
    }

    @Sendable func changerMotDePasse(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let f = try await Formulaire.lire(request)
        try await deps.limiter(
            .verificationMotDePasse, request, context, [.utilisateur: String(i.utilisateur.id.rawValue)])
        do {
            try await comptes.changerMotDePasse(
                i, actuel: f["actuel"], nouveau: f["mot_de_passe"], confirmation: f["confirmation"])
        } catch ErreurComptes.saisie(let erreurs) {
            return try await monComptePage(request, context, i, erreurs: erreurs)
        }
        return try await monComptePage(
            request, context, i, messages: [("succes", "Mot de passe modifié ; vos autres sessions ont été fermées.")])
    }

    @Sendable func pageMaStructure(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        try await maStructure(request, context, i)
    }

    func maStructure(
        _ request: Request, _ context: ContexteRequete, _ i: Identite, erreurs: [ErreurSaisie] = [],
        messages: [(String, String)] = []
    ) async throws -> Response {
        let o = i.organisation
        let membres = try await deps.store.utilisateurs(organisation: o.id).filter { $0.statut != .supprime }
        let invitations = try await deps.store.invitationsEnCours(organisation: o.id, now: deps.horloge.now())
        var cles: MaStructureVue.Cles?
        if let organisme = o.organisme, i.gereOrganisation, i.droits.peut(.configurerTransmission) {
            cles = MaStructureVue.Cles(
                organisme: organisme, cles: try await deps.store.clesApi(organisme: organisme),
                fiche: try await deps.store.organisme(id: organisme))
        }
        let vue = MaStructureVue.construire(
            i, membres: membres, invitations: invitations, cles: cles,
            maintenant: deps.horloge.now())
        return try await deps.page(vue, "Ma structure", request, context, erreurs: erreurs, messages: messages)
    }

    @Sendable func inviter(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response
    {
        let f = try await Formulaire.lire(request)
        try await deps.limiter(
            .invitation, request, context,
            [
                .utilisateur: String(i.utilisateur.id.rawValue),
                .email: f["email"].trimmingSpaces().lowercased(),
            ])
        do {
            try await comptes.inviter(i, email: f["email"], role: Role(rawValue: f["role"]) ?? .membre)
        } catch ErreurComptes.saisie(let erreurs) {
            return try await maStructure(request, context, i, erreurs: erreurs)
        }
        return try await maStructure(request, context, i, messages: [("succes", "Invitation envoyée à \(f["email"]).")])
    }

    @Sendable func creerCle(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response
    {
        let f = try await Formulaire.lire(request)
        let creee: (valeur: String, cle: CleApi)
        do {
            creee = try await comptes.creerCleApi(i, nom: f["nom"])
        } catch ErreurComptes.saisie(let erreurs) {
            return try await maStructure(request, context, i, erreurs: erreurs)
        }
        // The key is on this answer only: never cached, never shown again (a reload posts again: a new key).
        var reponse = try await deps.page(
            CleApiCreeeVue.construire(valeur: creee.valeur, cle: creee.cle), "Nouvelle clé d'API", request, context)
        reponse.headers[.cacheControl] = "no-store"
        return reponse
    }

    /// What may be done to a member's account, from their organisation's page or the back-office.
    enum ActionMembre: Sendable {
        case valider, rejeter, suspendre, reactiver, supprimer
    }

    /// A POST on one member (`…/:id/<action>`): read the form, act, then back to the page.
    func membre(_ action: ActionMembre) -> GroupeRoutes<Identite>.GestionnaireAppelant {
        { request, context, i in
            _ = try await Formulaire.lire(request)
            let id = UtilisateurID(try context.parameters.require("id", as: Int64.self))
            switch action {
            case .valider: try await comptes.valider(i, utilisateur: id)
            case .rejeter: try await comptes.rejeter(i, utilisateur: id)
            case .suspendre: try await comptes.suspendre(i, utilisateur: id)
            case .reactiver: try await comptes.reactiver(i, utilisateur: id)
            case .supprimer: try await comptes.supprimer(i, utilisateur: id)
            }
            return deps.redirection(request.uri.path.hasPrefix("/admin/") ? "/admin/utilisateurs" : "/ma-structure")
        }
    }
}
