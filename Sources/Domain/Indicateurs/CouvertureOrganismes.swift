import Foundation

/// Organismes counted by nature (domain §7.4).
public struct ParNature: Sendable, Equatable {
    public var total = 0
    public var responsables = 0
    public var responsablesFormateurs = 0
    public var formateurs = 0
    public var inconnues: Int { total - responsables - responsablesFormateurs - formateurs }

    public init() {}

    public mutating func ajouter(_ n: NatureOrganisme) {
        total += 1
        switch n {
        case .responsable: responsables += 1
        case .responsableFormateur: responsablesFormateurs += 1
        case .formateur: formateurs += 1
        case .inconnue: break
        }
    }
}

/// Transmission coverage of the organismes of one département (§7.4, §7.5).
public struct CouvertureOrganismes: Sendable, Equatable {
    public var departement: String
    public var totalOrganismes = ParNature()
    public var organismesTransmetteurs = ParNature()
    /// Age of the last transmission (§7.5): under a month, 1–3 months, over 3 months, never.
    public var transmissionRecente = 0
    public var transmission1a3Mois = 0
    public var transmissionArretee = 0
    public var jamaisTransmis = 0

    public init(departement: String) { self.departement = departement }

    public var organismesNonTransmetteurs: Int { totalOrganismes.total - organismesTransmetteurs.total }

    /// 100 × transmetteurs / total, and 100 when there is none (as the reference).
    public var tauxCouverture: Double {
        totalOrganismes.total == 0 ? 100 : 100 * Double(organismesTransmetteurs.total) / Double(totalOrganismes.total)
    }
}

/// How recently an organisme last transmitted (domain §7.5).
public enum EtatTransmission: String, Sendable, CaseIterable {
    case recente, unATroisMois, arretee, jamais

    public static func de(_ o: Organisme, maintenant: Date) -> EtatTransmission {
        guard let d = o.lastTransmissionDate else { return .jamais }
        if d >= Calendar.utc.date(byAdding: .month, value: -1, to: maintenant)! { return .recente }
        if d >= Calendar.utc.date(byAdding: .month, value: -3, to: maintenant)! { return .unATroisMois }
        return .arretee
    }

    public var libelle: String {
        switch self {
        case .recente: "transmet (moins d'un mois)"
        case .unATroisMois: "dernière transmission il y a 1 à 3 mois"
        case .arretee: "a cessé (plus de 3 mois)"
        case .jamais: "n'a jamais transmis"
        }
    }
}
