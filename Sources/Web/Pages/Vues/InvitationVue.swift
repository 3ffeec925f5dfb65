import Domain

/// `GET /invitation` (`invitation`): the account form of an invited person, with what they typed when it failed.
struct InvitationVue: VuePage {
    static let gabarit = "invitation"

    let jeton: String
    let email: String
    let organisation: String
    let nom: String
    let prenom: String

    static func construire(
        jeton: String, email: String, organisation: Organisation, nom: String = "",
        prenom: String = ""
    ) -> InvitationVue {
        InvitationVue(jeton: jeton, email: email, organisation: organisation.nom, nom: nom, prenom: prenom)
    }
}
