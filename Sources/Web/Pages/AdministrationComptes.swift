import Domain
import Foundation
import Hummingbird

/// The accounts in the back-office (issue 13): the list with its "à valider" filter, each decision followed by a
/// notice (`?avis=…&compte=…` after the redirection), a refusal confirmed with a reason sent to the person.
struct AdministrationComptes {
    let deps: Dependances
    var comptes: Comptes { deps.comptes }

    /// The notice after an action, by the `avis` of the redirection.
    enum Avis: String, CaseIterable {
        case valide, refuse, suspendu, reactive, supprime, role

        func texte(_ u: Utilisateur?) -> String {
            let qui = u.map { $0.statut == .supprime ? "n° \($0.id)" : "de \($0.nomComplet) (\($0.email))" } ?? ""
            return switch self {
            case .valide: "Le compte \(qui) est validé ; un e-mail l'en informe."
            case .refuse: "La demande \(qui) est refusée ; le motif a été envoyé par e-mail."
            case .suspendu: "Le compte \(qui) est suspendu."
            case .reactive: "Le compte \(qui) est réactivé."
            case .supprime: "Le compte \(qui) est supprimé : ses données personnelles sont effacées."
            case .role: "Le rôle du compte \(qui) est changé."
            }
        }
    }

    func redirection(_ avis: Avis, _ id: UtilisateurID, aValider: Bool) -> Response {
        deps.redirection(
            "/admin/utilisateurs?" + (aValider ? "statut=a_valider&" : "") + "avis=\(avis.rawValue)&compte=\(id)")
    }

    @Sendable func liste(_ request: Request, context: ContexteRequete, identite moi: Identite) async throws
        -> Response
    {
        let query = request.uri.queryParameters
        let q = query["q"].map(String.init) ?? ""
        let statut = query["statut"].map(String.init) ?? ""
        guard statut.isEmpty || statut == "a_valider" else {
            throw ErreurApi.parametre("statut", "Statut inconnu : seule la valeur a_valider est acceptée")
        }
        var messages: [(String, String)] = []
        if let avis = query["avis"].flatMap({ Avis(rawValue: String($0)) }) {
            var compte: Utilisateur?
            if let id = query["compte"].flatMap({ Int64(String($0)) }) {
                compte = try await deps.store.utilisateur(id: UtilisateurID(id))
            }
            messages.append(("succes", avis.texte(compte)))
        }
        let enAttente = try await deps.store.utilisateurs(statuts: [.enAttenteValidation], limite: 500)
        var demandes: [AdminDemandesVue.Demande]?
        var liste: [Utilisateur] = []
        if statut == "a_valider" {
            var d: [AdminDemandesVue.Demande] = []
            for u in enAttente { d.append(try await demande(u)) }
            demandes = d
        } else {
            liste = try await deps.store.utilisateurs(recherche: String(q.prefix(100)), limite: 200)
        }
        var noms: [OrganisationID: String] = [:]
        for u in liste where noms[u.organisation] == nil {
            noms[u.organisation] = try await deps.store.organisation(id: u.organisation)?.nom ?? "?"
        }
        let vue = AdminUtilisateursVue.construire(
            q: q, utilisateurs: liste, noms: noms, moi: moi, demandes: demandes, nombreAValider: enAttente.count)
        return try await deps.page(
            vue, statut.isEmpty ? "Utilisateurs" : "Demandes à valider", request, context, messages: messages)
    }

    func demande(_ u: Utilisateur) async throws -> AdminDemandesVue.Demande {
        let o = try await deps.store.organisation(id: u.organisation)
        var organisme: Organisme?
        if let id = o?.organisme { organisme = try await deps.store.organisme(id: id) }
        return AdminDemandesVue.demande(u, organisation: o, organisme: organisme)
    }

    func cible(_ context: ContexteRequete) async throws -> Utilisateur {
        let id = UtilisateurID(try context.parameters.require("id", as: Int64.self))
        guard let u = try await deps.store.utilisateur(id: id) else { throw ErreurComptes.introuvable }
        return u
    }

    @Sendable func pageRejet(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let u = try await cible(context)
        guard u.statut == .enAttenteValidation || u.statut == .emailNonConfirme else {
            throw ErreurComptes.saisie([ErreurSaisie("statut", "Ce compte n'est pas en attente de validation")])
        }
        return try await deps.page(
            AdminRejetVue.construire(try await demande(u)), "Refuser la demande de \(u.nomComplet)", request, context)
    }

    @Sendable func rejeter(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let f = try await Formulaire.lire(request)
        let u = try await cible(context)
        do {
            try await comptes.rejeter(i, utilisateur: u.id, motif: f["motif"])
        } catch ErreurComptes.saisie(let erreurs) where erreurs.contains(where: { $0.champ == "motif" }) {
            return try await deps.page(
                AdminRejetVue.construire(try await demande(u), motif: f["motif"]),
                "Refuser la demande de \(u.nomComplet)", request, context, erreurs: erreurs)
        }
        return redirection(.refuse, u.id, aValider: true)
    }

    /// Validate, suspend, reactivate, delete: act, then back to the list with a notice.
    func action(_ a: Avis) -> GroupeRoutes<Identite>.GestionnaireAppelant {
        { request, context, i in
            let f = try await Formulaire.lire(request)
            let id = UtilisateurID(try context.parameters.require("id", as: Int64.self))
            switch a {
            case .valide: try await comptes.valider(i, utilisateur: id)
            case .suspendu: try await comptes.suspendre(i, utilisateur: id)
            case .reactive: try await comptes.reactiver(i, utilisateur: id)
            case .supprime: try await comptes.supprimer(i, utilisateur: id)
            case .role:
                guard let role = Role(rawValue: f["role"]) else {
                    throw ErreurComptes.saisie([ErreurSaisie("role", "Rôle inconnu : membre ou administrateur")])
                }
                try await comptes.changerRole(i, utilisateur: id, role: role)
            case .refuse: try await comptes.rejeter(i, utilisateur: id, motif: f["motif"])
            }
            return redirection(a, id, aValider: a == .valide)
        }
    }
}
