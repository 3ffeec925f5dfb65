import Domain

/// `GET /cfa/ruptures/envoi-automatique` (`cfa-envoi-automatique`): the automatic-sending form of a training
/// organisation, with the values typed (kept when a field is refused).
struct EnvoiAutomatiqueVue: VuePage {
    static let gabarit = "cfa-envoi-automatique"

    let nom: String
    let actif: Bool
    let jours: String
    let joursMin: Int
    let joursMax: Int
    let joursParDefaut: Int

    static func construire(nom: String, actif: Bool, jours: String) -> EnvoiAutomatiqueVue {
        EnvoiAutomatiqueVue(
            nom: nom, actif: actif, jours: jours, joursMin: ParametresEnvoiAutomatique.bornes.lowerBound,
            joursMax: ParametresEnvoiAutomatique.bornes.upperBound,
            joursParDefaut: ParametresEnvoiAutomatique.joursParDefaut)
    }
}
