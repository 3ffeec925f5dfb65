import Foundation

/// What a training organisation shows to companies in the public search (`/cfa/entreprises/parametres`): whether it
/// appears there at all, and the e-mail and phone companies may use. Visible by default, with no contact.
public struct ContactPublic: Sendable, Equatable {
    public var visible: Bool
    public var courriel: String?
    public var telephone: String?

    public init(visible: Bool = true, courriel: String? = nil, telephone: String? = nil) {
        self.visible = visible
        self.courriel = courriel
        self.telephone = telephone
    }

    /// Reads the form: `visible` ("oui" when ticked), `courriel` and `telephone` (both optional; a French number).
    /// Errors name their field.
    public static func lire(_ champs: [String: String]) -> Result<Self, ErreursDeSaisie> {
        var erreurs: [ErreurSaisie] = []
        var visible = false
        switch champs["visible"]?.trimmingCharacters(in: .whitespaces) ?? "" {
        case "oui": visible = true
        case "", "non": visible = false
        default:
            erreurs.append(
                ErreurSaisie("visible", "Présence dans la recherche publique : la case cochée doit valoir « oui »."))
        }
        var courriel: String?
        let texteCourriel = champs["courriel"]?.trimmingSpaces() ?? ""
        if !texteCourriel.isEmpty {
            switch ReglesSaisie.email(texteCourriel) {
            case .success(let v): courriel = v
            case .failure:
                erreurs.append(
                    ErreurSaisie(
                        "courriel",
                        "Adresse e-mail de contact : ce n'est pas une adresse valide (exemple : contact@mon-cfa.fr)."))
            }
        }
        var telephone: String?
        let texteTelephone = champs["telephone"]?.trimmingSpaces() ?? ""
        if !texteTelephone.isEmpty {
            switch SaisieReponseJeune.telephoneFrancais(texteTelephone) {
            case .success(let n): telephone = n
            case .failure(let e): erreurs.append(ErreurSaisie("telephone", e.message))
            }
        }
        guard erreurs.isEmpty else { return .failure(ErreursDeSaisie(liste: erreurs)) }
        return .success(Self(visible: visible, courriel: courriel, telephone: telephone))
    }

    /// What changed, for the journal.
    public func modifications(depuis avant: Self) -> [String] {
        var m: [String] = []
        if avant.visible != visible {
            m.append(visible ? "présent dans la recherche publique" : "retiré de la recherche publique")
        }
        if avant.courriel != courriel { m.append("e-mail public : \(courriel ?? "aucun")") }
        if avant.telephone != telephone { m.append("téléphone public : \(telephone ?? "aucun")") }
        return m
    }
}
