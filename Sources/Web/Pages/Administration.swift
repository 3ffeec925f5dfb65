import Domain
import Foundation
import Hummingbird

/// The back-office of platform administrators (F20, F21).
struct Administration {
    let deps: Dependances
    var comptes: Comptes { deps.comptes }

    @Sendable func changerRole(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
            let f = try await Formulaire.lire(request)
            guard let role = Role(rawValue: f["role"]) else {
                throw ErreurComptes.saisie([ErreurSaisie("role", "Rôle inconnu")])
            }
            try await comptes.changerRole(i, utilisateur: UtilisateurID(try context.parameters.require("id", as: Int64.self)), role: role)
            return deps.redirection("/admin/utilisateurs")
    }

    @Sendable func incarner(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
            _ = try await Formulaire.lire(request)
            try await comptes.incarner(i, organisation: OrganisationID(try context.parameters.require("id", as: Int64.self)))
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
            return try await deps.page("admin-emails", "E-mails envoyés et en attente", request, context, [
                "emails": courriels.map { c -> [String: Any] in
                    // Never a usable link on a page: an unsent mail still holds it, for the SMTP sender only.
                    let corps = LiensCourriel.retirer(c.corps, marqueur: c.envoyeLe == nil ? LiensCourriel.marqueurPage : LiensCourriel.marqueur)
                    var m: [String: Any] = ["destinataire": c.destinataire, "sujet": c.sujet, "corps": corps,
                                            "creeLe": dateHeureFR(c.creeLe)]
                    if let e = c.envoyeLe { m["envoyeLe"] = dateHeureFR(e) }
                    if let e = c.erreur { m["erreur"] = e }
                    return m
                },
            ])
    }

    @Sendable func pageMaintenance(_ request: Request, context: ContexteRequete) async throws -> Response {
            return try await deps.page("admin-maintenance", "Bannière de maintenance", request, context,
                                       ["texte": try await deps.store.parametre(Comptes.cleMaintenance) ?? ""])
    }

    @Sendable func maintenance(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
            let f = try await Formulaire.lire(request)
            do {
                try await comptes.definirMaintenance(i, texte: f["texte"])
            } catch ErreurComptes.saisie(let erreurs) {
                return try await deps.page("admin-maintenance", "Bannière de maintenance", request, context, ["texte": f["texte"]],
                                           erreurs: erreurs)
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
        return try await deps.page("admin-utilisateurs", "Utilisateurs", request, context, [
            "q": q,
            "utilisateurs": liste.map { u -> [String: Any] in
                (["id": String(u.id.rawValue), "nomComplet": u.nomComplet, "email": u.email,
                 "organisation": noms[u.organisation] ?? "?", "role": u.role.libelle, "statut": u.statut.libelle,
                 "enAttente": u.statut == .enAttenteValidation, "estAdministrateurOrga": u.role == .administrateur,
                 "derniereConnexion": u.derniereConnexion.map(dateFR) ?? "jamais"] as [String: Any])
                    .merging(EspaceCompte.actionsFinDeCompte(u, moi: moi)) { a, _ in a }
            },
        ])
    }

    @Sendable func organisations(_ request: Request, context: ContexteRequete) async throws -> Response {
        let q = request.uri.queryParameters["q"].map(String.init) ?? ""
        let liste = try await deps.store.organisations(recherche: String(q.prefix(100)), limite: 200)
        var lignes: [[String: Any]] = []
        for (o, n) in liste {
            lignes.append(["id": String(o.id.rawValue), "nom": o.nom, "type": o.type.libelle,
                           "perimetre": try await comptes.droits(o).perimetre(.voirIndicateurs).libelle, "utilisateurs": n])
        }
        return try await deps.page("admin-organisations", "Organisations", request, context, ["q": q, "organisations": lignes])
    }
}
