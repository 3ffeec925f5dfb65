import Domain

/// `GET /admin/organisations` (`admin-organisations`): organisations found by a search, to act as one of them.
struct AdminOrganisationsVue: VuePage {
    static let gabarit = "admin-organisations"

    struct Ligne: Sendable {
        let id: String
        let nom: String
        let type: String
        let perimetre: String
        let utilisateurs: Int
    }

    struct LigneOrganisme: Sendable {
        let id: String
        let nom: String
        let siret: String
        let uai: String
        let commune: String
        let comptes: String
    }

    let q: String
    let organisations: [Ligne]
    /// Organismes of the référentiel matching the search, with or without accounts (nil without a search).
    let organismes: [LigneOrganisme]?
    let organismesTronques: Bool
    let aucunOrganisme: Bool
    let limite: Int

    /// `organisations`: each with its number of users and the label of its perimeter; `organismes`: each with the
    /// number of accounts of its organisation.
    static func construire(
        q: String, organisations: [(organisation: Organisation, utilisateurs: Int, perimetre: String)],
        organismes: [(Organisme, comptes: Int)]? = nil, limite: Int = 50
    )
        -> AdminOrganisationsVue
    {
        AdminOrganisationsVue(
            q: q,
            organisations: organisations.map { o in
                Ligne(
                    id: String(o.organisation.id.rawValue), nom: o.organisation.nom, type: o.organisation.type.libelle,
                    perimetre: o.perimetre, utilisateurs: o.utilisateurs)
            },
            organismes: organismes?.map { o, n in
                LigneOrganisme(
                    id: String(o.id.rawValue), nom: o.nom, siret: o.siret.rawValue, uai: o.uai?.rawValue ?? "—",
                    commune: o.adresse.commune ?? "—",
                    comptes: n == 0 ? "aucun compte" : "\(n) compte\(n > 1 ? "s" : "")")
            }, organismesTronques: (organismes?.count ?? 0) >= limite, aucunOrganisme: organismes?.isEmpty ?? false,
            limite: limite)
    }
}
