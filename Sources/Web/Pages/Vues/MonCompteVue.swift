import Domain

/// `GET /mon-compte` (`mon-compte`): the signed-in user's information and the password form.
struct MonCompteVue: VuePage {
    static let gabarit = "mon-compte"

    struct Compte: Sendable {
        let nomComplet: String
        let email: String
        let organisation: String
        let role: String
    }

    let compte: Compte
    /// For a CFA's user: whether the missions locales see them as a contact of their organisme (nil otherwise).
    let contactMissionsLocales: ContactMissionsLocales?

    struct ContactMissionsLocales: Sendable {
        let coche: Bool
    }

    static func construire(_ i: Identite, contactMissionsLocales: Bool? = nil) -> MonCompteVue {
        MonCompteVue(
            compte: Compte(
                nomComplet: i.utilisateur.nomComplet, email: i.utilisateur.email,
                organisation: i.organisationPropre.nom, role: i.utilisateur.role.libelle),
            contactMissionsLocales: contactMissionsLocales.map(ContactMissionsLocales.init))
    }
}
