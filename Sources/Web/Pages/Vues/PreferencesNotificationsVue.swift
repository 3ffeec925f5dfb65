import Domain

/// `GET /mon-compte/notifications` (`preferences-notifications`): each kind of e-mail that concerns the user, on or
/// off (on when never chosen).
struct PreferencesNotificationsVue: VuePage {
    static let gabarit = "preferences-notifications"

    struct Genre: Sendable {
        let nom: String
        let libelle: String
        let description: String
        let coche: Bool
    }

    let genres: [Genre]
    let aucun: Bool

    static func construire(type: TypeOrganisation, role: Role, choix: [GenreNotification: Bool])
        -> PreferencesNotificationsVue
    {
        let genres = GenreNotification.pertinents(pour: type, role: role).map {
            Genre(nom: $0.rawValue, libelle: $0.libelle, description: $0.description, coche: choix[$0] ?? true)
        }
        return PreferencesNotificationsVue(genres: genres, aucun: genres.isEmpty)
    }
}
