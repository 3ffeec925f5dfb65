import Domain
import Foundation
import Hummingbird

/// The back-office of platform administrators (F20, F21).
struct Administration {
    let deps: Dependances
    var comptes: Comptes { deps.comptes }

    func ajouter(a router: Router<ContexteRequete>) {
        let espace = EspaceCompte(deps: deps)
        router.get("/admin/utilisateurs", use: utilisateurs)
        router.post("/admin/utilisateurs/:id/valider") { request, context in
            _ = try context.exigerAdministrateur()
            return try await espace.agir(request, context) { i, id in try await comptes.valider(i, utilisateur: id) }
        }
        router.post("/admin/utilisateurs/:id/rejeter") { request, context in
            _ = try context.exigerAdministrateur()
            return try await espace.agir(request, context) { i, id in try await comptes.rejeter(i, utilisateur: id) }
        }
        router.post("/admin/utilisateurs/:id/suspendre") { request, context in
            _ = try context.exigerAdministrateur()
            return try await espace.agir(request, context) { i, id in try await comptes.suspendre(i, utilisateur: id) }
        }
        router.post("/admin/utilisateurs/:id/reactiver") { request, context in
            _ = try context.exigerAdministrateur()
            return try await espace.agir(request, context) { i, id in try await comptes.reactiver(i, utilisateur: id) }
        }
        router.post("/admin/utilisateurs/:id/supprimer") { request, context in
            _ = try context.exigerAdministrateur()
            return try await espace.agir(request, context) { i, id in try await comptes.supprimer(i, utilisateur: id) }
        }
        router.post("/admin/utilisateurs/:id/role") { request, context in
            let i = try context.exigerAdministrateur()
            let f = try await Formulaire.lire(request)
            guard let role = Role(rawValue: f["role"]) else {
                throw ErreurComptes.saisie([ErreurSaisie("role", "Rôle inconnu")])
            }
            try await comptes.changerRole(i, utilisateur: UtilisateurID(try context.parameters.require("id", as: Int64.self)), role: role)
            return deps.redirection("/admin/utilisateurs")
        }
        router.get("/admin/organisations", use: organisations)
        router.post("/admin/organisations/:id/incarner") { request, context in
            let i = try context.exigerAdministrateur()
            _ = try await Formulaire.lire(request)
            try await comptes.incarner(i, organisation: OrganisationID(try context.parameters.require("id", as: Int64.self)))
            return deps.redirection("/ma-structure")
        }
        router.post("/admin/incarnation/fin") { request, context in
            let i = try context.exigerAdministrateur()
            _ = try await Formulaire.lire(request)
            try await comptes.finIncarnation(i)
            return deps.redirection("/admin/organisations")
        }
        router.get("/admin/emails") { request, context in
            _ = try context.exigerAdministrateur()
            let courriels = try await deps.store.courriels(limite: 200)
            return try await deps.page(AdminEmailsVue.construire(courriels), "E-mails envoyés et en attente", request, context)
        }
        // The journal, the retention policy and a learner's data: `AdministrationDonnees`.
        AdministrationDonnees(deps: deps).ajouter(a: router)
        router.get("/admin/maintenance") { request, context in
            _ = try context.exigerAdministrateur()
            let texte = try await deps.store.parametre(Comptes.cleMaintenance) ?? ""
            return try await deps.page(AdminMaintenanceVue.construire(texte: texte), "Bannière de maintenance", request, context)
        }
        router.post("/admin/maintenance") { request, context in
            let i = try context.exigerAdministrateur()
            let f = try await Formulaire.lire(request)
            do {
                try await comptes.definirMaintenance(i, texte: f["texte"])
            } catch ErreurComptes.saisie(let erreurs) {
                return try await deps.page(AdminMaintenanceVue.construire(texte: f["texte"]), "Bannière de maintenance", request,
                                           context, erreurs: erreurs)
            }
            return deps.redirection("/admin/maintenance")
        }
    }

    @Sendable func utilisateurs(_ request: Request, context: ContexteRequete) async throws -> Response {
        let moi = try context.exigerAdministrateur()
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
        _ = try context.exigerAdministrateur()
        let q = request.uri.queryParameters["q"].map(String.init) ?? ""
        let liste = try await deps.store.organisations(recherche: String(q.prefix(100)), limite: 200)
        var lignes: [(organisation: Organisation, utilisateurs: Int, perimetre: String)] = []
        for (o, n) in liste {
            lignes.append((o, n, try await comptes.droits(o).perimetre(.voirIndicateurs).libelle))
        }
        return try await deps.page(AdminOrganisationsVue.construire(q: q, organisations: lignes), "Organisations", request,
                                   context)
    }
}
