import Domain
import Foundation
import Hummingbird

/// Acting as someone else in the back-office (issue 13): the organisations with accounts and the whole référentiel
/// of organismes searched, each one impersonated from its row, landing on its dashboard.
struct AdministrationOrganisations {
    let deps: Dependances
    var comptes: Comptes { deps.comptes }

    static let limiteOrganismes = 50

    @Sendable func organisations(_ request: Request, context: ContexteRequete) async throws -> Response {
        let q = String((request.uri.queryParameters["q"].map(String.init) ?? "").prefix(100))
        let liste = try await deps.store.organisations(recherche: q, limite: 200)
        var lignes: [(organisation: Organisation, utilisateurs: Int, perimetre: String)] = []
        for (o, n) in liste {
            lignes.append((o, n, try await comptes.droits(o).perimetre(.voirIndicateurs).libelle))
        }
        var organismes: [(Organisme, comptes: Int)]?
        if !q.trimmingCharacters(in: .whitespaces).isEmpty {
            var trouves: [(Organisme, comptes: Int)] = []
            for o in try await deps.store.rechercherOrganismes(q, limite: Self.limiteOrganismes) {
                let organisation = try await deps.store.organisationExistante(
                    NouvelleOrganisation(type: .organismeFormation, nom: o.nom, organisme: o.id))
                var n = 0
                if let organisation { n = try await deps.store.utilisateurs(organisation: organisation.id).count }
                trouves.append((o, comptes: n))
            }
            organismes = trouves
        }
        return try await deps.page(
            AdminOrganisationsVue.construire(
                q: q, organisations: lignes, organismes: organismes, limite: Self.limiteOrganismes),
            "Organisations", request, context)
    }

    /// Where an organisation lands: its organisme's page, else its indicators, else the home page.
    static func tableauDeBord(_ i: Identite) -> String {
        if let organisme = i.organisation.organisme { return "/organismes/\(organisme)" }
        if i.droits.peut(.voirIndicateurs) { return "/indicateurs" }
        return "/"
    }

    @Sendable func incarner(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response
    {
        _ = try await Formulaire.lire(request)
        let id = OrganisationID(try context.parameters.require("id", as: Int64.self))
        try await comptes.incarner(i, organisation: id)
        return try await atterrir(i, sur: id)
    }

    @Sendable func incarnerOrganisme(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        _ = try await Formulaire.lire(request)
        let organisme = OrganismeID(try context.parameters.require("id", as: Int64.self))
        let o = try await comptes.incarner(i, organisme: organisme)
        return try await atterrir(i, sur: o.id)
    }

    func atterrir(_ i: Identite, sur id: OrganisationID) async throws -> Response {
        guard let o = try await deps.store.organisation(id: id) else { throw ErreurComptes.introuvable }
        let incarnee = Identite(
            utilisateur: i.utilisateur, session: i.session, organisationPropre: i.organisationPropre,
            organisation: o, droits: try await comptes.droits(o))
        return deps.redirection(Self.tableauDeBord(incarnee))
    }
}
