import Domain
import Foundation
import Hummingbird

/// `/mon-compte/notifications`: the signed-in user turns each kind of notification e-mail on or off (the kinds that
/// concern their own organisation's type and their role; all on until chosen otherwise).
struct PreferencesNotificationsPage {
    let deps: Dependances

    static let titre = "Mes notifications"

    static func pertinents(_ i: Identite) -> [GenreNotification] {
        GenreNotification.pertinents(pour: i.organisationPropre.type, role: i.utilisateur.role)
    }

    /// `GET /mon-compte/notifications`.
    @Sendable func page(_ request: Request, context: ContexteRequete, identite i: Identite) async throws -> Response {
        try await rendre(
            request, context, i, choix: try await deps.store.preferencesNotifications(utilisateur: i.utilisateur.id))
    }

    func rendre(
        _ request: Request, _ context: ContexteRequete, _ i: Identite, choix: [GenreNotification: Bool],
        erreurs: [ErreurSaisie] = [], messages: [(String, String)] = []
    ) async throws -> Response {
        try await deps.page(
            PreferencesNotificationsVue.construire(
                type: i.organisationPropre.type, role: i.utilisateur.role, choix: choix),
            Self.titre, request, context, erreurs: erreurs, messages: messages)
    }

    /// `POST /mon-compte/notifications`: a ticked box (`oui`) is on, an absent one off; any other value is refused
    /// (400, nothing saved). Each change is written to the journal.
    @Sendable func enregistrer(_ request: Request, context: ContexteRequete, identite i: Identite) async throws
        -> Response
    {
        let f = try await Formulaire.lire(request)
        let genres = Self.pertinents(i)
        let avant = try await deps.store.preferencesNotifications(utilisateur: i.utilisateur.id)
        var choix: [GenreNotification: Bool] = [:]
        for g in genres {
            switch f.champs[g.rawValue] {
            case nil: choix[g] = false
            case "oui"?: choix[g] = true
            case let v?:
                return try await rendre(
                    request, context, i, choix: avant,
                    erreurs: [
                        ErreurSaisie(
                            "notifications",
                            "« \(g.libelle) » : valeur « \(v.prefix(40)) » non reconnue (case à cocher)")
                    ])
            }
        }
        let changes = genres.filter { (avant[$0] ?? true) != choix[$0] }
        for g in changes {
            try await deps.store.definir(notification: g, active: choix[g] ?? true, utilisateur: i.utilisateur.id)
        }
        if !changes.isEmpty {
            try await deps.comptes.journaliser(
                i, "preferences_notifications",
                changes.map { "\($0.libelle) : \(choix[$0] == true ? "activée" : "désactivée")" }.joined(
                    separator: " ; "))
        }
        let message = changes.isEmpty ? ("info", "Aucune modification.") : ("succes", "Vos choix sont enregistrés.")
        return try await rendre(request, context, i, choix: avant.merging(choix) { $1 }, messages: [message])
    }
}
