import Foundation

/// What sign-up and the back-office read beyond `StoreComptes` (issue 13): the whole référentiel of organismes
/// searched, the accounts waiting for a decision, the organisations of one type.
public protocol StoreAdministration: Sendable {
    /// Organismes of the référentiel, with or without accounts: by exact SIRET or UAI, by the start of a SIRET (3
    /// digits or more), else by a part of their name or commune (case-insensitive for ASCII letters); sorted by
    /// name, at most `limite`.
    func rechercherOrganismes(_ texte: String, limite: Int) async throws -> [Organisme]
    /// The accounts with one of these statuses, the oldest request first.
    func utilisateurs(statuts: [StatutCompte], limite: Int) async throws -> [Utilisateur]
    /// The organisations of a type, by name.
    func organisations(type: TypeOrganisation) async throws -> [Organisation]
}

extension StoreAdministration {
    /// How the stores read a search text: an exact identifier, the start of a SIRET, or words.
    public static func critereRecherche(_ texte: String) -> CritereRechercheOrganisme {
        let t = texte.trimmingCharacters(in: .whitespaces)
        if let s = SIRET(t) { return .siret(s.rawValue) }
        if let u = UAI(t) { return .uai(u.rawValue) }
        let chiffres = t.replacingOccurrences(of: " ", with: "")
        if chiffres.count >= 3, chiffres.allSatisfy(\.isASCII), chiffres.allSatisfy(\.isNumber) {
            return .debutSiret(chiffres)
        }
        return .texte(t)
    }
}

public enum CritereRechercheOrganisme: Sendable, Equatable {
    case siret(String)
    case uai(String)
    case debutSiret(String)
    case texte(String)
}
