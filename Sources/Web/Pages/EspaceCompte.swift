import Domain
import Foundation
import Hummingbird

/// The signed-in user's pages: their account, and their organisation (members, invitations, API keys).
struct EspaceCompte {
    let deps: Dependances
    var comptes: Comptes { deps.comptes }

    func ajouter(a router: Router<ContexteRequete>) {
        router.get("/mon-compte", use: monCompte)
        router.post("/mon-compte/mot-de-passe", use: changerMotDePasse)
        router.get("/ma-structure") { request, context in try await maStructure(request, context) }
        router.post("/ma-structure/invitations", use: inviter)
        router.post("/ma-structure/membres/:id/valider") { request, context in
            try await agir(request, context) { i, id in try await comptes.valider(i, utilisateur: id) }
        }
        router.post("/ma-structure/membres/:id/rejeter") { request, context in
            try await agir(request, context) { i, id in try await comptes.rejeter(i, utilisateur: id) }
        }
        router.post("/ma-structure/membres/:id/suspendre") { request, context in
            try await agir(request, context) { i, id in try await comptes.suspendre(i, utilisateur: id) }
        }
        router.post("/ma-structure/membres/:id/reactiver") { request, context in
            try await agir(request, context) { i, id in try await comptes.reactiver(i, utilisateur: id) }
        }
        router.post("/ma-structure/membres/:id/supprimer") { request, context in
            try await agir(request, context) { i, id in try await comptes.supprimer(i, utilisateur: id) }
        }
        router.post("/ma-structure/cles", use: creerCle)
        router.post("/ma-structure/cles/:id/revoquer") { request, context in
            let i = try context.exigerIdentite()
            _ = try await Formulaire.lire(request)
            try await comptes.revoquerCleApi(i, cle: CleApiID(try context.parameters.require("id", as: Int64.self)))
            return deps.redirection("/ma-structure")
        }
    }

    @Sendable func monCompte(_ request: Request, context: ContexteRequete) async throws -> Response {
        try await monComptePage(request, context)
    }

    func monComptePage(_ request: Request, _ context: ContexteRequete, erreurs: [ErreurSaisie] = [],
                       messages: [(String, String)] = []) async throws -> Response {
        let i = try context.exigerIdentite()
        return try await deps.page(MonCompteVue.construire(i), "Mon compte", request, context, erreurs: erreurs,
                                   messages: messages)
    }

    @Sendable func changerMotDePasse(_ request: Request, context: ContexteRequete) async throws -> Response {
        let i = try context.exigerIdentite()
        let f = try await Formulaire.lire(request)
        try await deps.limiter(.verificationMotDePasse, request, context, [.utilisateur: String(i.utilisateur.id.rawValue)])
        do {
            try await comptes.changerMotDePasse(i, actuel: f["actuel"], nouveau: f["mot_de_passe"], confirmation: f["confirmation"])
        } catch ErreurComptes.saisie(let erreurs) {
            return try await monComptePage(request, context, erreurs: erreurs)
        }
        return try await monComptePage(request, context, messages: [("succes", "Mot de passe modifié ; vos autres sessions ont été fermées.")])
    }

    func maStructure(_ request: Request, _ context: ContexteRequete, erreurs: [ErreurSaisie] = [],
                     messages: [(String, String)] = [], nouvelleCle: String? = nil) async throws -> Response {
        let i = try context.exigerIdentite()
        let o = i.organisation
        let membres = try await deps.store.utilisateurs(organisation: o.id).filter { $0.statut != .supprime }
        let invitations = try await deps.store.invitationsEnCours(organisation: o.id, now: deps.horloge.now())
        var cles: MaStructureVue.Cles?
        if let organisme = o.organisme, i.gereOrganisation, i.droits.peut(.configurerTransmission) {
            cles = MaStructureVue.Cles(organisme: organisme, cles: try await deps.store.clesApi(organisme: organisme),
                                       fiche: try await deps.store.organisme(id: organisme), nouvelle: nouvelleCle)
        }
        let vue = MaStructureVue.construire(i, membres: membres, invitations: invitations, cles: cles,
                                            maintenant: deps.horloge.now())
        return try await deps.page(vue, "Ma structure", request, context, erreurs: erreurs, messages: messages)
    }

    @Sendable func inviter(_ request: Request, context: ContexteRequete) async throws -> Response {
        let i = try context.exigerIdentite()
        let f = try await Formulaire.lire(request)
        try await deps.limiter(.invitation, request, context, [.utilisateur: String(i.utilisateur.id.rawValue),
                                                              .email: f["email"].trimmingSpaces().lowercased()])
        do {
            try await comptes.inviter(i, email: f["email"], role: Role(rawValue: f["role"]) ?? .membre)
        } catch ErreurComptes.saisie(let erreurs) {
            return try await maStructure(request, context, erreurs: erreurs)
        }
        return try await maStructure(request, context, messages: [("succes", "Invitation envoyée à \(f["email"]).")])
    }

    @Sendable func creerCle(_ request: Request, context: ContexteRequete) async throws -> Response {
        let i = try context.exigerIdentite()
        _ = try await Formulaire.lire(request)
        let cle = try await comptes.creerCleApi(i)
        return try await maStructure(request, context, nouvelleCle: cle)
    }

    /// A POST on one member: read the form (CSRF), act, then back to the page.
    func agir(_ request: Request, _ context: ContexteRequete,
              _ action: (Identite, UtilisateurID) async throws -> Void) async throws -> Response {
        let i = try context.exigerIdentite()
        _ = try await Formulaire.lire(request)
        try await action(i, UtilisateurID(try context.parameters.require("id", as: Int64.self)))
        return deps.redirection(request.uri.path.hasPrefix("/admin/") ? "/admin/utilisateurs" : "/ma-structure")
    }
}

/// `6 mars 2025`: dates as people read them.
func dateFR(_ d: Date) -> String { dateLongue(Jour(d)) }

/// `6 mars 2025 à 14:05 (UTC)`.
func dateHeureFR(_ d: Date) -> String {
    let s = Int(d.timeIntervalSince1970) % 86_400
    return "\(dateFR(d)) à \(String(format: "%02d:%02d", s / 3600, s / 60 % 60)) (UTC)"
}
