import Domain
import Foundation
import Hummingbird

/// The back-office of platform administrators (F20, F21).
struct Administration {
    let deps: Dependances
    var comptes: Comptes { deps.comptes }

    @Sendable func changerRole(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let f = try await Formulaire.lire(request)
        guard let role = Role(rawValue: f["role"]) else {
            throw ErreurComptes.saisie([ErreurSaisie("role", "Rôle inconnu")])
        }
        try await comptes.changerRole(
            i, utilisateur: UtilisateurID(try context.parameters.require("id", as: Int64.self)), role: role)
        return deps.redirection("/admin/utilisateurs")
    }

    @Sendable func incarner(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response
    {
        _ = try await Formulaire.lire(request)
        try await comptes.incarner(
            i, organisation: OrganisationID(try context.parameters.require("id", as: Int64.self)))
        return deps.redirection("/ma-structure")
    }

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

    @Sendable func utilisateurs(_ request: Request, context: ContexteRequete, identite moi: Identite) async throws
        -> Response
    {
        let q = request.uri.queryParameters["q"].map(String.init) ?? ""
        let liste = try await deps.store.utilisateurs(recherche: String(q.prefix(100)), limite: 200)
        var noms: [OrganisationID: String] = [:]
        for u in liste where noms[u.organisation] == nil {
            noms[u.organisation] = try await deps.store.organisation(id: u.organisation)?.nom ?? "?"
        }
        let vue = AdminUtilisateursVue.construire(q: q, utilisateurs: liste, noms: noms, moi: moi)
        return try await deps.page(vue, "Utilisateurs", request, context)
    }

    @Sendable func organisations(_ request: Request, context: ContexteRequete) async throws -> Response {
        let q = request.uri.queryParameters["q"].map(String.init) ?? ""
        let liste = try await deps.store.organisations(recherche: String(q.prefix(100)), limite: 200)
        var lignes: [(organisation: Organisation, utilisateurs: Int, perimetre: String)] = []
        for (o, n) in liste {
            lignes.append((o, n, try await comptes.droits(o).perimetre(.voirIndicateurs).libelle))
        }
        return try await deps.page(
            AdminOrganisationsVue.construire(q: q, organisations: lignes), "Organisations", request,
            context)
    }
}
