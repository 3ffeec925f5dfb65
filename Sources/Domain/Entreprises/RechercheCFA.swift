import Foundation

/// How close a CFA is to the territory searched.
public enum Proximite: Int, Sendable, Comparable {
    case memeZoneEmploi = 0
    case memeDepartement, memeRegion, ailleurs

    public static func < (a: Proximite, b: Proximite) -> Bool { a.rawValue < b.rawValue }

    public var libelle: String {
        switch self {
        case .memeZoneEmploi: "Dans la même zone d'emploi"
        case .memeDepartement: "Dans le même département"
        case .memeRegion: "Dans la même région"
        case .ailleurs: "Partout en France"
        }
    }
}

/// How many learners without an employer a CFA shows to companies: never a small exact number (nothing under 3),
/// only bands.
public enum TrancheSansContrat {
    public static func libelle(_ n: Int) -> String? {
        switch n {
        case ..<3: nil
        case 3...5: "3 à 5"
        case 6...10: "6 à 10"
        default: "plus de 10"
        }
    }
}

/// A CFA found for a trade: where it is, how close, its formations preparing for the trade, the band of its learners
/// there without an employer, its public contact.
public struct CFATrouve: Sendable, Equatable {
    public struct Formation: Sendable, Equatable {
        public let libelle: String
        public let niveau: Int?
    }
    public let organisme: Organisme
    public let proximite: Proximite
    public let formations: [Formation]
    /// nil when fewer than 3.
    public let trancheSansContrat: String?
    public let contact: ContactPublic
}

/// The public search of CFAs by trade and territory (issue 16), as a pure function of what the index and the store
/// hold: reliable, open CFAs that did not leave the search, with learners in a formation preparing for the trade, in
/// the région of the territory (anywhere for France), nearest first (same zone d'emploi, then département, then
/// région), then by commune and name. No name of a learner, never a count under 3.
public enum RechercheCFA {
    public static func chercher(
        metier: CodeROME, territoire: TerritoireRecherche, organismes: [OrganismeID: Organisme],
        catalogue: Catalogue, effectifs: [EffectifsFormation], contacts: [OrganismeID: ContactPublic],
        zones: ZonesEmploi = .france, territoires: Territoires = .france
    ) -> [CFATrouve] {
        let lieu = territoire.emplacement(zones: zones, territoires: territoires)
        var parOrganisme: [OrganismeID: (formations: [CFATrouve.Formation], sansContrat: Int)] = [:]
        for e in effectifs where e.apprenants > 0 {
            guard let f = catalogue.formation(cfd: e.cfd, rncp: e.rncp), f.codesRome.contains(metier) else { continue }
            var v = parOrganisme[e.organisme] ?? ([], 0)
            let formation = CFATrouve.Formation(libelle: f.libelle, niveau: f.niveau)
            if !v.formations.contains(formation) { v.formations.append(formation) }
            v.sansContrat += e.sansContrat
            parOrganisme[e.organisme] = v
        }
        var trouves: [CFATrouve] = []
        for (id, v) in parOrganisme {
            guard let o = organismes[id], o.fiable, !o.ferme else { continue }
            let contact = contacts[id] ?? ContactPublic()
            guard contact.visible else { continue }
            let a = o.adresse
            let proximite: Proximite
            if let z = lieu.zone, zones.zone(commune: a.codeCommuneInsee) == z {
                proximite = .memeZoneEmploi
            } else if let d = lieu.departement, a.departement == d {
                proximite = .memeDepartement
            } else if let r = lieu.region, a.region == r {
                proximite = .memeRegion
            } else if territoire == .france {
                proximite = .ailleurs
            } else {
                continue
            }
            trouves.append(
                CFATrouve(
                    organisme: o, proximite: proximite,
                    formations: v.formations.sorted { ($0.niveau ?? 0, $0.libelle) < ($1.niveau ?? 0, $1.libelle) },
                    trancheSansContrat: TrancheSansContrat.libelle(v.sansContrat), contact: contact))
        }
        return trouves.sorted {
            if $0.proximite != $1.proximite { return $0.proximite < $1.proximite }
            let (c0, c1) = ($0.organisme.adresse.commune ?? "", $1.organisme.adresse.commune ?? "")
            if c0 != c1 { return c0 < c1 }
            if $0.organisme.nom != $1.organisme.nom { return $0.organisme.nom < $1.organisme.nom }
            return $0.organisme.id.rawValue < $1.organisme.id.rawValue
        }
    }
}
