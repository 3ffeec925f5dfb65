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

    let q: String
    let organisations: [Ligne]

    /// `organisations`: each with its number of users and the label of its perimeter.
    static func construire(
        q: String, organisations: [(organisation: Organisation, utilisateurs: Int, perimetre: String)]
    )
        -> AdminOrganisationsVue
    {
        AdminOrganisationsVue(
            q: q,
            organisations: organisations.map { o in
                Ligne(
                    id: String(o.organisation.id.rawValue), nom: o.organisation.nom, type: o.organisation.type.libelle,
                    perimetre: o.perimetre, utilisateurs: o.utilisateurs)
            })
    }
}
