import Domain
import Foundation
import Hummingbird

/// The back-office of platform administrators (F20, F21).
struct Administration {
    let deps: Dependances
    var comptes: Comptes { deps.comptes }

    @Sendable func finIncarnation(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        _ = try await Formulaire.lire(request)
        try await comptes.finIncarnation(i)
        return deps.redirection("/admin/organisations")
    }

    @Sendable func courriels(_ request: Request, context: ContexteRequete) async throws -> Response {
        let courriels = try await deps.store.courriels(limite: 200)
        return try await deps.page(
            AdminEmailsVue.construire(courriels), "E-mails envoyés et en attente", request, context)
    }

    @Sendable func pageMaintenance(_ request: Request, context: ContexteRequete) async throws -> Response {
        let texte = try await deps.store.parametre(Comptes.cleMaintenance) ?? ""
        return try await deps.page(
            AdminMaintenanceVue.construire(texte: texte), "Bannière de maintenance", request, context)
    }

    @Sendable func maintenance(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let f = try await Formulaire.lire(request)
        do {
            try await comptes.definirMaintenance(i, texte: f["texte"])
        } catch ErreurComptes.saisie(let erreurs) {
            return try await deps.page(
                AdminMaintenanceVue.construire(texte: f["texte"]), "Bannière de maintenance", request,
                context, erreurs: erreurs)
        }
        return deps.redirection("/admin/maintenance")
    }
}
