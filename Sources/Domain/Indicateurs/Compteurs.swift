/// The five counters of the effectif indicators (domain §7.1): apprenants = apprentis + inscrits + rupturants;
/// abandons and effectifs with no status at D are outside apprenants.
public struct Compteurs: Sendable, Equatable {
    public var apprenants = 0
    public var apprentis = 0
    public var inscrits = 0
    public var rupturants = 0
    public var abandons = 0

    public init(apprenants: Int = 0, apprentis: Int = 0, inscrits: Int = 0, rupturants: Int = 0, abandons: Int = 0) {
        self.apprenants = apprenants
        self.apprentis = apprentis
        self.inscrits = inscrits
        self.rupturants = rupturants
        self.abandons = abandons
    }

    /// Counts one effectif whose status at D has this code (`CodeStatut`).
    @inline(__always)
    public mutating func ajouter(_ code: UInt8) {
        switch code {
        case CodeStatut.apprenti, CodeStatut.finDeFormation:
            apprentis += 1
            apprenants += 1
        case CodeStatut.inscrit:
            inscrits += 1
            apprenants += 1
        case CodeStatut.rupturant:
            rupturants += 1
            apprenants += 1
        case CodeStatut.abandon: abandons += 1
        default: break
        }
    }

    public static func + (a: Compteurs, b: Compteurs) -> Compteurs {
        Compteurs(
            apprenants: a.apprenants + b.apprenants, apprentis: a.apprentis + b.apprentis,
            inscrits: a.inscrits + b.inscrits,
            rupturants: a.rupturants + b.rupturants, abandons: a.abandons + b.abandons)
    }
}

/// Statuses as one byte in the index; 0 is "no status at D".
public enum CodeStatut {
    public static let aucun: UInt8 = 0
    public static let inscrit: UInt8 = 1
    public static let apprenti: UInt8 = 2
    public static let rupturant: UInt8 = 3
    public static let abandon: UInt8 = 4
    public static let finDeFormation: UInt8 = 5

    public static func code(_ s: StatutApprenant) -> UInt8 {
        switch s {
        case .inscrit: inscrit
        case .apprenti: apprenti
        case .rupturant: rupturant
        case .abandon: abandon
        case .finDeFormation: finDeFormation
        }
    }
}
