/// `GET /mot-de-passe-oublie` (`mot-de-passe-oublie`): the form asking for a reset link.
struct MotDePasseOublieVue: VuePage {
    static let gabarit = "mot-de-passe-oublie"

    let email: String

    static func construire(email: String = "") -> MotDePasseOublieVue { MotDePasseOublieVue(email: email) }
}
