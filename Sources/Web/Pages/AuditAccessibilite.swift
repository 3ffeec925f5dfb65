/// The figures of the accessibility statement (`/accessibilite`) and of the footer link, in one place: the automated
/// audit (axe-core through axe-playwright-python, run by the CI on the main pages of each user type at phone and
/// desktop widths) writes its counts here when they change.
enum AuditAccessibilite {
    /// The RGAA status. Only a complete RGAA audit (106 criteria, by people) can make a service "partiellement" or
    /// "totalement conforme"; none has been made, so the service states "non conforme", whatever the automated audit.
    static let statut = "non conforme"
    /// When the automated audit last ran (`nil`: not yet).
    static let date: String? = nil
    /// Pages and widths audited.
    static let pages = [
        "accueil", "indicateurs nationaux", "connexion", "indicateurs d'un périmètre", "page d'un organisme",
        "liste nominative", "documentation de l'API",
    ]
    static let largeurs = "375 px (téléphone) et 1280 px (bureau)"
    /// Violations found by axe-core, by impact (`nil`: not yet measured).
    static let critiques: Int? = nil
    static let graves: Int? = nil
    static let moderees: Int? = nil
    static let mineures: Int? = nil
}
