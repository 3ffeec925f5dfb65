import Domain
import Mustache

/// The fields the layout, the header and the notices read on every page (`layout`, `en-tete`, `notifications`).
struct LayoutVue: Sendable {
    struct Utilisateur: Sendable {
        let nomComplet: String
        let email: String
        let organisation: String
        /// The id of the user's organisme, for "Mon organisme".
        let organismeAccueil: String?
    }

    struct Incarnation: Sendable {
        let organisation: String
    }

    struct Message: Sendable {
        let type: String
        let texte: String
    }

    struct Erreur: Sendable {
        let champ: String
        let message: String
    }

    let titre: String
    let csrf: String
    let messages: [Message]
    let erreurs: [Erreur]
    /// The first message for each field, by field name (`{{#erreursParChamp.email}}`).
    let erreursParChamp: [String: String]
    let estAdmin: Bool
    let utilisateur: Utilisateur?
    let incarnation: Incarnation?
    let banniereMaintenance: String?

    static func construire(titre: String, base: BasePage) -> LayoutVue {
        let i = base.identite
        return LayoutVue(
            titre: titre, csrf: base.csrf,
            messages: base.messages.map { Message(type: $0.type, texte: $0.texte) },
            erreurs: base.erreurs.map { Erreur(champ: $0.champ, message: $0.message) },
            erreursParChamp: Dictionary(base.erreurs.map { ($0.champ, $0.message) }, uniquingKeysWith: { a, _ in a }),
            // While impersonating, the page is the organisation's: no back-office menu (the banner leads back).
            estAdmin: (i?.estAdministrateurPlateforme ?? false) && !(i?.incarne ?? false),
            utilisateur: i.map {
                Utilisateur(
                    nomComplet: $0.utilisateur.nomComplet, email: $0.utilisateur.email,
                    organisation: $0.organisation.nom, organismeAccueil: $0.organisation.organisme?.description)
            },
            incarnation: i.flatMap { $0.incarne ? Incarnation(organisation: $0.organisation.nom) : nil },
            banniereMaintenance: base.banniereMaintenance)
    }
}

// Read on every page, at every level of the context: by name, without reflection.
extension LayoutVue: MustacheParent {
    func child(named champ: String) -> Any? {
        switch champ {
        case "titre": titre
        case "csrf": csrf
        case "messages": messages
        case "erreurs": erreurs
        case "erreursParChamp": erreursParChamp
        case "estAdmin": estAdmin
        case "utilisateur": utilisateur
        case "incarnation": incarnation
        case "banniereMaintenance": banniereMaintenance
        default: nil
        }
    }
}
