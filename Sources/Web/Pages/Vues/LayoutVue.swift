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

    /// An entry of the navigation, the account menu or the footer; `actif` on the page being shown
    /// (`aria-current="page"`).
    struct Lien: Sendable {
        let url: String
        let libelle: String
        let actif: Bool
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
    /// The main navigation, the account menu and the footer: only places this account may enter.
    let navigation: [Lien]
    let menuCompte: [Lien]
    let piedDePage: [Lien]
    /// `<meta name="robots" content="noindex">`: a young person's personal page (`/jeunes/…`) is never indexed.
    let noindex: Bool

    static func construire(titre: String, base: BasePage) -> LayoutVue {
        let i = base.identite
        return LayoutVue(
            titre: titre, csrf: base.csrf,
            messages: base.messages.map { Message(type: $0.type, texte: $0.texte) },
            erreurs: base.erreurs.map { Erreur(champ: $0.champ, message: $0.message) },
            erreursParChamp: Dictionary(base.erreurs.map { ($0.champ, $0.message) }, uniquingKeysWith: { a, _ in a }),
            estAdmin: i?.peutAdministrer ?? false,
            utilisateur: i.map {
                Utilisateur(
                    nomComplet: $0.utilisateur.nomComplet, email: $0.utilisateur.email,
                    organisation: $0.organisation.nom, organismeAccueil: $0.organismeAccueil?.description)
            },
            incarnation: i.flatMap { $0.incarne ? Incarnation(organisation: $0.organisation.nom) : nil },
            banniereMaintenance: base.banniereMaintenance,
            navigation: liens(
                Navigation.principale(i, nonLus: base.nonLus, demandesNouvelles: base.demandesNouvelles), base.chemin),
            menuCompte: liens(Navigation.compte(i), base.chemin),
            piedDePage: liens(Navigation.piedDePage, base.chemin),
            noindex: base.chemin.hasPrefix(InvitationsJeunes.chemin))
    }

    static func liens(_ entrees: [(url: String, libelle: String)], _ chemin: String) -> [Lien] {
        entrees.map { Lien(url: $0.url, libelle: $0.libelle, actif: Navigation.estActif($0.url, chemin: chemin)) }
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
        case "navigation": navigation
        case "menuCompte": menuCompte
        case "piedDePage": piedDePage
        case "noindex": noindex
        default: nil
        }
    }
}
