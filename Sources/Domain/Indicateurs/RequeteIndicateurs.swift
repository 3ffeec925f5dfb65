import Foundation

/// A question to the index: whose perimeter, which filters, and whether non-fiable organismes are left out.
public struct RequeteIndicateurs: Sendable {
    public var perimetre: Perimetre
    public var filtres: FiltresIndicateurs
    /// All views but the single-organisme summary count only FIABLE, open organismes (§7.2).
    public var fiablesSeulement: Bool
    /// Ages are computed against today, not D (§7.2).
    public var aujourdhui: Jour

    public init(perimetre: Perimetre, filtres: FiltresIndicateurs, fiablesSeulement: Bool = true, aujourdhui: Jour) {
        self.perimetre = perimetre
        self.filtres = filtres
        self.fiablesSeulement = fiablesSeulement
        self.aujourdhui = aujourdhui
    }
}

public enum Regroupement: String, Sendable, CaseIterable {
    case departement, region, academie, organisme, formation
}

/// One line of a grouped result.
public struct LigneIndicateurs: Sendable, Equatable {
    public let cle: String
    public let libelle: String
    public let compteurs: Compteurs
    /// For `.organisme`: the organisme; for `.formation`: the level and codes.
    public let organisme: Organisme?
    public let niveau: Int?
    public let cfd: String?
    public let rncp: String?

    public init(
        cle: String, libelle: String, compteurs: Compteurs, organisme: Organisme?, niveau: Int?, cfd: String?,
        rncp: String?
    ) {
        self.cle = cle
        self.libelle = libelle
        self.compteurs = compteurs
        self.organisme = organisme
        self.niveau = niveau
        self.cfd = cfd
        self.rncp = rncp
    }
}
