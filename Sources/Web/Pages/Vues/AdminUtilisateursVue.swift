import Domain

/// `GET /admin/utilisateurs` (`admin-utilisateurs`): accounts found by a search, with their actions.
struct AdminUtilisateursVue: VuePage {
    static let gabarit = "admin-utilisateurs"

    struct Ligne: Sendable {
        let id: String
        let nomComplet: String
        let email: String
        let organisation: String
        let role: String
        let statut: String
        let enAttente: Bool
        let estAdministrateurOrga: Bool
        let derniereConnexion: String
        let peutSuspendre: Bool
        let peutReactiver: Bool
        let peutSupprimer: Bool
    }

    let q: String
    let utilisateurs: [Ligne]
    /// The "à valider" filter: the pending requests, oldest first (nil on the other view).
    let demandes: [AdminDemandesVue.Demande]?
    let nombreAValider: Int
    let filtreAValider: Bool

    /// `noms`: the name of each account's organisation.
    static func construire(
        q: String, utilisateurs: [Utilisateur], noms: [OrganisationID: String], moi: Identite,
        demandes: [AdminDemandesVue.Demande]? = nil, nombreAValider: Int = 0
    )
        -> AdminUtilisateursVue
    {
        AdminUtilisateursVue(
            q: q,
            utilisateurs: utilisateurs.map { u in
                let actions = ActionsCompteVue.construire(u, moi: moi)
                return Ligne(
                    id: String(u.id.rawValue), nomComplet: u.nomComplet, email: u.email,
                    organisation: noms[u.organisation] ?? "?", role: u.role.libelle, statut: u.statut.libelle,
                    enAttente: u.statut == .enAttenteValidation, estAdministrateurOrga: u.role == .administrateur,
                    derniereConnexion: u.derniereConnexion.map(dateFR) ?? "jamais",
                    peutSuspendre: actions.peutSuspendre, peutReactiver: actions.peutReactiver,
                    peutSupprimer: actions.peutSupprimer)
            }, demandes: demandes, nombreAValider: nombreAValider, filtreAValider: demandes != nil)
    }
}
