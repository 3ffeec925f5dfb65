import Foundation

/// The indicators a named list can show: each is a set of status codes at D.
public enum IndicateurListe: String, Sendable, CaseIterable {
    case apprenants, apprentis, inscrits, rupturants, abandons

    public var codes: Set<UInt8> {
        switch self {
        case .apprenants: [CodeStatut.inscrit, CodeStatut.apprenti, CodeStatut.finDeFormation, CodeStatut.rupturant]
        case .apprentis: [CodeStatut.apprenti, CodeStatut.finDeFormation]
        case .inscrits: [CodeStatut.inscrit]
        case .rupturants: [CodeStatut.rupturant]
        case .abandons: [CodeStatut.abandon]
        }
    }

    /// The permission that opens this list (domain §8).
    public var capacite: Capacite {
        switch self {
        case .apprenants: .listeApprenants
        case .apprentis: .listeApprentis
        case .inscrits: .listeInscritsSansContrat
        case .rupturants: .listeRupturants
        case .abandons: .listeAbandons
        }
    }

    public var libelle: String {
        switch self {
        case .apprenants: "Apprenants"
        case .apprentis: "Apprentis"
        case .inscrits: "Inscrits sans contrat"
        case .rupturants: "Rupturants"
        case .abandons: "Sorties d'apprentissage"
        }
    }
}
