/// The figures of the accessibility statement (`/accessibilite`) and of the footer link, in one place: the automated
/// audit (axe-core through axe-playwright-python, run by the CI on the main pages of each user type at phone and
/// desktop widths) writes its counts here when they change.
enum AuditAccessibilite {
    /// The RGAA status. Only a complete RGAA audit (106 criteria, by people) can make a service "partiellement" or
    /// "totalement conforme"; none has been made, so the service states "non conforme", whatever the automated audit.
    static let statut = "non conforme"
    /// When the automated audit last ran (`nil`: not yet).
    static let date: String? = "30 novembre 2026 (axe-core 4.12.1)"
    /// Pages and widths audited.
    static let pages = [
        "les pages publiques et celles du pied de page",
        "pour chacun des 15 comptes de démonstration (un par type d'organisation), sa page d'accueil et chaque page de "
            + "sa navigation : 78 pages en tout",
    ]
    static let largeurs = "375 px (téléphone) et 1280 px (bureau)"
    /// Violations found by axe-core, by impact (`nil`: not yet measured).
    static let critiques: Int? = 0
    static let graves: Int? = 0
    static let moderees: Int? = 0
    static let mineures: Int? = 0
}
