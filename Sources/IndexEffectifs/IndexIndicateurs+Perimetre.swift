import Domain
import Foundation

extension IndexIndicateurs {
    /// Every organisme of a perimeter (reliable or not, open or closed), in id order.
    public func organismes(dans perimetre: Perimetre) async -> [Organisme] {
        switch perimetre {
        case .aucun, .missionLocale: return []
        case .organismes(let ids):
            return ids.sorted { $0.rawValue < $1.rawValue }.compactMap { organisme($0) }
        default:
            return await lecture { c in c.organismes.filter { perimetre.inclut($0) } }
        }
    }

    /// The organismes of a perimeter (reliable or not) that the territory, réseau and `organisme_search` filters keep.
    public func organismes(dans perimetre: Perimetre, filtres f: FiltresIndicateurs) async -> [Organisme] {
        let q = f.organismeRecherche?.uppercased()
        return await organismes(dans: perimetre).filter { o in
            (f.regions.isEmpty || f.regions.contains(o.adresse.region ?? ""))
                && (f.departements.isEmpty || f.departements.contains(o.adresse.departement ?? ""))
                && (f.academies.isEmpty || f.academies.contains(o.adresse.academie ?? ""))
                && (f.reseaux.isEmpty || !f.reseaux.isDisjoint(with: o.reseaux))
                && (q.map { Colonnes.correspond(o, $0) } ?? true)
        }
    }

    /// The filter values that meet a perimeter (the territories of its organismes for a réseau or a CFA).
    public func choix(_ perimetre: Perimetre) async -> ChoixDuPerimetre {
        switch perimetre {
        case .reseau, .organismes:
            let os = await organismes(dans: perimetre)
            return ChoixDuPerimetre.de(perimetre) { os }
        default:
            return ChoixDuPerimetre.de(perimetre) { [] }
        }
    }
}
