/// `GET /admin/maintenance` (`admin-maintenance`): the maintenance banner's text.
struct AdminMaintenanceVue: VuePage {
    static let gabarit = "admin-maintenance"

    let texte: String

    static func construire(texte: String) -> AdminMaintenanceVue { AdminMaintenanceVue(texte: texte) }
}
