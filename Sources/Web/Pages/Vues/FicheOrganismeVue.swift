import Domain
import Foundation

/// An organisme's identity card (head of `organisme` and `transmissions`).
struct FicheOrganismeVue: Sendable {
    let id: String
    let nom: String
    let uai: String
    let siret: String
    let nature: String
    let commune: String
    let departement: String
    let reseaux: String
    /// Counted in the territories' indicators (reliable and open).
    let fiable: Bool
    let ferme: Bool
    let derniereTransmission: String
    let derniereTransmissionErp: String

    static func construire(_ o: Organisme) -> FicheOrganismeVue {
        let t = Territoires.france
        return FicheOrganismeVue(
            id: o.id.description, nom: o.nom, uai: o.uai?.rawValue ?? "—", siret: o.siret.rawValue,
            nature: o.nature.libelle,
            commune: [o.adresse.codePostal, o.adresse.commune].compactMap { $0 }.joined(separator: " "),
            departement: o.adresse.departement.flatMap { t.departement($0).map { "\($0.nom) (\($0.code))" } } ?? "—",
            reseaux: o.reseaux.isEmpty ? "—" : o.reseaux.joined(separator: ", "),
            fiable: o.fiable && !o.ferme, ferme: o.ferme,
            derniereTransmission: o.lastTransmissionDate.map(dateFR) ?? "jamais",
            derniereTransmissionErp: o.lastErpTransmissionDate.map(dateFR) ?? "jamais")
    }
}
