/// `GET /reinitialisation` (`reinitialisation`): the new password form of a reset link.
struct ReinitialisationVue: VuePage {
    static let gabarit = "reinitialisation"

    /// The link's token, sent back with the form.
    let jeton: String

    static func construire(jeton: String) -> ReinitialisationVue { ReinitialisationVue(jeton: jeton) }
}
