import Foundation

/// Organismes counted by nature (domain §7.4).
public struct ParNature: Sendable, Equatable {
    public var total = 0
    public var responsables = 0
    public var responsablesFormateurs = 0
    public var formateurs = 0
    public var inconnues: Int { total - responsables - responsablesFormateurs - formateurs }

    public init() {}

    mutating func ajouter(_ n: NatureOrganisme) {
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

extension IndexIndicateurs {
    /// Per département: FIABLE, open organismes of the perimeter and territory filters; transmitting = a first
    /// transmission on or before D (no recency condition).
    public func couverture(perimetre: Perimetre, filtres f: FiltresIndicateurs, maintenant: Date) -> [CouvertureOrganismes] {
        let limiteD = f.date.adding(days: 1).date
        let unMois = Calendar.utc.date(byAdding: .month, value: -1, to: maintenant)!
        let troisMois = Calendar.utc.date(byAdding: .month, value: -3, to: maintenant)!
        return verrou.withLock {
            var parDepartement: [String: CouvertureOrganismes] = [:]
            for (i, o) in organismes.enumerated() where compteOrg[i] {
                guard perimetre.inclut(o) else { continue }
                if !f.regions.isEmpty && !f.regions.contains(o.adresse.region ?? "") { continue }
                if !f.departements.isEmpty && !f.departements.contains(o.adresse.departement ?? "") { continue }
                if !f.academies.isEmpty && !f.academies.contains(o.adresse.academie ?? "") { continue }
                if !f.bassinsEmploi.isEmpty { continue }
                if !f.reseaux.isEmpty && f.reseaux.isDisjoint(with: o.reseaux) { continue }
                let dep = o.adresse.departement ?? ""
                var c = parDepartement[dep] ?? CouvertureOrganismes(departement: dep)
                c.totalOrganismes.ajouter(o.nature)
                if let premiere = o.firstTransmissionDate, premiere < limiteD { c.organismesTransmetteurs.ajouter(o.nature) }
                switch o.lastTransmissionDate {
                case nil: c.jamaisTransmis += 1
                case let d? where d >= unMois: c.transmissionRecente += 1
                case let d? where d >= troisMois: c.transmission1a3Mois += 1
                default: c.transmissionArretee += 1
                }
                parDepartement[dep] = c
            }
            return parDepartement.values.sorted { $0.departement < $1.departement }
        }
    }
}
