/// A computed status of a learner on one day (domain §5.1).
public enum StatutApprenant: String, Sendable, Codable, CaseIterable {
    case inscrit = "INSCRIT"
    case apprenti = "APPRENTI"
    case rupturant = "RUPTURANT"
    case abandon = "ABANDON"
    case finDeFormation = "FIN_DE_FORMATION"

    public var libelle: String {
        switch self {
        case .inscrit: "Inscrit sans contrat"
        case .apprenti: "Apprenti"
        case .rupturant: "Rupture de contrat"
        case .abandon: "Sortie d'apprentissage"
        case .finDeFormation: "Fin de formation"
        }
    }
}
