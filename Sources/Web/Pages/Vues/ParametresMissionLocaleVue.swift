import Domain

/// `GET /mission-locale/parametres` (`parametres-mission-locale`): the settings form of a mission locale, with the
/// values typed (kept when a field is refused).
struct ParametresMissionLocaleVue: VuePage {
    static let gabarit = "parametres-mission-locale"

    let code: String
    let nom: String
    let rdvUrl: String
    let emailNotifications: String
    let longueurMaxUrl: Int
    /// New cases' young people are invited automatically to answer on their personal page.
    let inviterJeunes: Bool

    static func construire(
        code: String, nom: String, rdvUrl: String, emailNotifications: String, inviterJeunes: Bool = false
    ) -> ParametresMissionLocaleVue {
        ParametresMissionLocaleVue(
            code: code, nom: nom, rdvUrl: rdvUrl, emailNotifications: emailNotifications,
            longueurMaxUrl: SaisieParametresMissionLocale.longueurMaxUrl, inviterJeunes: inviterJeunes)
    }
}
