import Domain

/// The HTML page of an error outside `/api/` (`erreur`): what happened, in French, the fields at fault; for a
/// signed-in account, what it can see (its perimeter in words) and whom to ask.
struct ErreurVue: VuePage {
    static let gabarit = "erreur"

    struct Detail: Sendable {
        let champ: String
        let message: String
    }

    let statut: Int
    let message: String
    /// What the status means, in a sentence.
    let explication: String?
    let details: [Detail]
    /// Signed in: the organisation whose rights apply, and what it can see.
    let organisation: String?
    let perimetre: [String]
    /// Whom to ask: the administrators of the account's organisation (other than itself), and the service.
    let administrateurs: [String]
    let contact: String

    /// The page title for a status.
    static func titre(_ statut: Int) -> String {
        switch statut {
        case 400: "Demande invalide"
        case 403: "Accès refusé"
        case 404: "Page introuvable"
        case 410: "Lien expiré"
        case 429: "Trop de demandes"
        default: statut >= 500 ? "Erreur du service" : "Erreur"
        }
    }

    static func explication(_ statut: Int, connecte: Bool) -> String? {
        switch statut {
        case 400: "L'adresse ou le formulaire contient une valeur que le service ne peut pas lire."
        case 403:
            connecte
                ? "Votre compte n'a pas accès à cette page : elle est hors de votre périmètre ou demande un droit que "
                    + "votre type d'organisation n'a pas."
                : "Cette page demande un accès que vous n'avez pas."
        case 404: "Cette adresse ne correspond à aucune page du service, ou ce qu'elle désigne n'existe pas (plus)."
        case 410: "Ce lien a déjà servi ou a expiré : demandez-en un nouveau."
        default: nil
        }
    }

    static func construire(
        statut: Int, message: String, details: [ErreurValidation], identite i: Identite? = nil,
        administrateurs: [String] = [], contact: String = Contact.parDefaut
    ) -> ErreurVue {
        ErreurVue(
            statut: statut, message: message, explication: explication(statut, connecte: i != nil),
            details: details.map { Detail(champ: $0.path.joined(separator: "."), message: $0.message) },
            organisation: i.map { "\($0.organisation.nom) (\($0.organisation.type.libelle))" },
            perimetre: i?.perimetreEnMots ?? [], administrateurs: administrateurs, contact: contact)
    }
}
