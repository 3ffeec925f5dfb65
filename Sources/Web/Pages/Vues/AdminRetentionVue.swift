import Domain

/// `GET /admin/retention` (`admin-retention`): the retention policy the service applies every day.
struct AdminRetentionVue: VuePage {
    static let gabarit = "admin-retention"

    struct Regle: Sendable {
        let donnees: String
        let depart: String
        let duree: String
        let action: String
        let applicable: Bool
    }

    let regles: [Regle]

    static func construire(_ p: PolitiqueRetention) -> AdminRetentionVue {
        AdminRetentionVue(
            regles: p.regles.map {
                Regle(
                    donnees: $0.donnees, depart: $0.depart, duree: $0.libelleDuree, action: $0.action.rawValue,
                    applicable: $0.applicable)
            })
    }
}
