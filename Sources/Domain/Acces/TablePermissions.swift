/// How far a capability reaches for an organisation type (`acces_par_type.csv`).
public enum Portee: Sendable, Equatable {
    case national
    case region
    case departement
    case academie
    case reseau
    /// The réseau if it is `responsable` (reseaux.csv), else nothing.
    case reseauSiResponsable
    /// The OF's organisme and the formateurs it is responsible for, partial responsibility included.
    case organismeEtFormateurs
    /// The same without the formateurs under partial responsibility.
    case organismeEtFormateursComplets
    case organisme
    /// The mission locale the organisation is.
    case missionLocale
    case aucune

    init?(code: String) {
        switch code.trimmingSpaces() {
        case "all": self = .national
        case "region": self = .region
        case "departement": self = .departement
        case "academie": self = .academie
        case "reseau": self = .reseau
        case "reseau if reseau.responsable else none": self = .reseauSiResponsable
        case "own+formateurs": self = .organismeEtFormateurs
        case "own+formateurs_full": self = .organismeEtFormateursComplets
        case "self": self = .organisme
        case "mission_locale": self = .missionLocale
        case "none": self = .aucune
        default: return nil
        }
    }
}

/// Permissions as data: organisation type → capability → reach, and whether named lists show learners'
/// contacts. Loaded from the shipped `acces_par_type.csv`; nothing else in the code decides who sees what.
public struct TablePermissions: Sendable {
    public struct Ligne: Sendable {
        public let portees: [Capacite: Portee]
        public let contactsDansListes: Bool
    }

    public let lignes: [TypeOrganisation: Ligne]

    public static let reference: TablePermissions = {
        var lignes: [TypeOrganisation: Ligne] = [:]
        for row in Ressources.csv("acces_par_type") {
            guard let type = TypeOrganisation(rawValue: row["type"] ?? "") else { continue }
            var portees: [Capacite: Portee] = [:]
            for c in Capacite.allCases {
                guard let p = Portee(code: row[c.rawValue] ?? "") else {
                    preconditionFailure("acces_par_type.csv : portée illisible pour \(type.rawValue)/\(c.rawValue)")
                }
                portees[c] = p
            }
            lignes[type] = Ligne(portees: portees, contactsDansListes: row["contacts_in_nominative_lists"] == "yes")
        }
        precondition(lignes.count == TypeOrganisation.allCases.count, "acces_par_type.csv : types manquants")
        return TablePermissions(lignes: lignes)
    }()

    public func portee(_ type: TypeOrganisation, _ capacite: Capacite) -> Portee {
        lignes[type]?.portees[capacite] ?? .aucune
    }

    public func contactsDansListes(_ type: TypeOrganisation) -> Bool { lignes[type]?.contactsDansListes ?? false }
}
