/// `GET /connexion` (`connexion`): the sign-in form, with the address typed when it failed.
struct ConnexionVue: VuePage {
    static let gabarit = "connexion"

    let email: String

    static func construire(email: String = "") -> ConnexionVue { ConnexionVue(email: email) }
}
