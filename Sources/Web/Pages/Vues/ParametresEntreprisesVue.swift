import Domain

/// `GET /cfa/entreprises/parametres` (`cfa-entreprises-parametres`): a training organisation's presence in the
/// companies' public search and its public contact, with the values typed (kept when a field is refused).
struct ParametresEntreprisesVue: VuePage {
    static let gabarit = "cfa-entreprises-parametres"

    let nom: String
    let visible: Bool
    let courriel: String
    let telephone: String

    static func construire(nom: String, visible: Bool, courriel: String, telephone: String) -> ParametresEntreprisesVue
    {
        ParametresEntreprisesVue(nom: nom, visible: visible, courriel: courriel, telephone: telephone)
    }
}
