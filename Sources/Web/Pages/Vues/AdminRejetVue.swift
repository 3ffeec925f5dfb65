import Domain

/// `GET /admin/utilisateurs/:id/rejeter` (`admin-rejet`): confirms a refusal, with the reason sent to the person.
struct AdminRejetVue: VuePage {
    static let gabarit = "admin-rejet"

    let demande: AdminDemandesVue.Demande
    let motif: String

    static func construire(_ demande: AdminDemandesVue.Demande, motif: String = "") -> AdminRejetVue {
        AdminRejetVue(demande: demande, motif: motif)
    }
}
